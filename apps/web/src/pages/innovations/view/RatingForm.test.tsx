import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { RatingForm } from './RatingForm';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function score(group: string, stars: number) {
  const radiogroup = screen.getByRole('radiogroup', { name: group });
  // A star is chosen by clicking its picture (the radio's <label>), as a finger does.
  const radio = within(radiogroup).getByLabelText(`${stars} ดาว`);
  const star = radiogroup.querySelector<HTMLElement>(`label[for="${radio.id}"]`);
  if (!star) throw new Error(`no star for ${group} ${stars}`);
  await userEvent.click(star);
}

afterEach(() => vi.unstubAllGlobals());

// Many clicks in jsdom: a slow machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

describe('RatingForm', () => {
  it('cannot be sent until every criterion has stars, then sends the scores', async () => {
    const fetchMock = vi.fn(async () =>
      jsonResponse({
        innovationId: 'inv-1',
        overall: 4,
        criteria: { clarity: 5, effect: 4, adoptability: 3, competencyFit: 2 },
        competencies: {},
        rating: { average: 4, count: 1, score: 3.5 },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(
      <RatingForm innovationId="inv-1" competencies={[{ code: 'CBC-HT', label: 'การคิดขั้นสูง' }]} mine={null} />,
    );

    const submit = screen.getByTestId('rating-submit');
    expect(submit).toBeDisabled();
    expect(screen.getByText('ให้ดาวอีก 5 ข้อจึงจะส่งได้')).toBeInTheDocument();

    await score('ภาพรวม', 4);
    await score('ความชัดเจน', 5);
    await score('ผลต่อผู้เรียน', 4);
    await score('นำไปใช้ได้จริง', 3);
    expect(submit).toBeDisabled();
    expect(screen.getByText('ให้ดาวอีก 1 ข้อจึงจะส่งได้')).toBeInTheDocument();
    // The optional competency does not unlock the form.
    await score('การคิดขั้นสูง', 5);
    expect(submit).toBeDisabled();

    await score('ตรงกับสมรรถนะ', 2);
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/innovations/inv-1/rating');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({
      overall: 4,
      criteria: { clarity: 5, effect: 4, adoptability: 3, competencyFit: 2 },
      competencies: { 'CBC-HT': 5 },
    });
  });

  it('starts from my earlier rating, which can be sent again as it is', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({}));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(
      <RatingForm
        innovationId="inv-2"
        competencies={[]}
        mine={{
          overall: 3,
          criteria: { clarity: 3, effect: 4, adoptability: 2, competencyFit: 5 },
          competencies: {},
          updatedAt: '2026-11-20T03:00:00Z',
        }}
      />,
    );
    const submit = screen.getByTestId('rating-submit');
    expect(submit).toBeEnabled();
    expect(submit).toHaveTextContent('บันทึกคะแนนใหม่');
    await score('ภาพรวม', 5);
    await userEvent.click(submit);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({
      overall: 5,
      criteria: { clarity: 3, effect: 4, adoptability: 2, competencyFit: 5 },
    });
  });

  it('shows the API problem when the rating is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(
          { status: 403, code: 'INNOVATION_SELF_RATING', detail: 'ไม่สามารถให้คะแนนนวัตกรรมของตนเองได้' },
          403,
        ),
      ),
    );
    renderWithProviders(
      <RatingForm
        innovationId="inv-3"
        competencies={[]}
        mine={{
          overall: 3,
          criteria: { clarity: 3, effect: 3, adoptability: 3, competencyFit: 3 },
          competencies: {},
          updatedAt: '2026-11-20T03:00:00Z',
        }}
      />,
    );
    await userEvent.click(screen.getByTestId('rating-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent('ไม่สามารถให้คะแนนนวัตกรรมของตนเองได้');
  });
});
