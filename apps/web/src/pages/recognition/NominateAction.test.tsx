import { Notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicMemberResponse } from '../../api/generated/model';
import { AuthProvider } from '../../auth/AuthProvider';
import { renderWithProviders } from '../../test/render';
import { jsonResponse } from '../admin/parts/testing';
import { NominateAction } from './NominateAction';

vi.setConfig({ testTimeout: 30_000 });

const KRABI = '01a24d32-d3ea-7efe-a7fb-2826e8b65da9';
const PHUKET = '01a24d32-d3ea-7efe-a7fb-2826e8b65daa';

function member(level: PublicMemberResponse['level'], areaId = KRABI): PublicMemberResponse {
  return {
    id: '01a24f65-4148-7e2d-bf8f-016c7577da5a',
    displayName: 'ครูเฉลิม ช่างคิด',
    memberKind: 'teacher',
    academicStanding: null,
    learningAreas: [],
    level,
    bio: null,
    school: { id: '01a24f65-3cf4-7d9d-be66-fd17255ac371', name: 'โรงเรียนสาธิตกระบี่ 2', areaId },
    erased: false,
  };
}

let roles: { role: string; scopeType: string; scopeId: string | null }[] = [];
let nominateAnswer: Response | null = null;
let nominations: unknown[] = [];

beforeEach(() => {
  roles = [{ role: 'area_admin', scopeType: 'area', scopeId: KRABI }];
  nominateAnswer = null;
  nominations = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/auth/refresh')) return jsonResponse({ accessToken: 'token' });
      if (url === '/api/v1/me')
        return jsonResponse({
          id: '01a24f65-3ea6-72cf-8a83-03a7eed4f00b',
          displayName: 'ศน.ปรีชา นิเทศดี',
          level: 'member',
          roles,
          learningAreas: [],
        });
      if (url === '/api/v1/recognition/nominations' && init?.method === 'POST') {
        if (nominateAnswer) return nominateAnswer;
        const body = JSON.parse(String(init.body)) as unknown;
        nominations.push(body);
        return jsonResponse({ id: 'n1', status: 'pending', ...(body as object) }, 201);
      }
      return jsonResponse({ status: 404, title: 'not found' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderAction(target: PublicMemberResponse, language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <AuthProvider>
      <Notifications />
      <div data-testid="actions">
        <NominateAction member={target} />
      </div>
    </AuthProvider>,
    { language },
  );
}

describe('NominateAction: an area admin nominates a Change Agent for Influencer', () => {
  it('asks for a statement of at least 20 characters, sends it trimmed, and says it is sent', async () => {
    const user = userEvent.setup();
    renderAction(member('change_agent'));

    await user.click(await screen.findByRole('button', { name: 'เสนอชื่อเป็นผู้ทรงอิทธิพล' }));
    const dialog = await screen.findByRole('dialog', { name: 'เสนอชื่อ ครูเฉลิม ช่างคิด' });
    const field = within(dialog).getByRole('textbox', { name: /คำรับรอง/ });

    await user.type(field, 'สั้นไป');
    await user.click(within(dialog).getByRole('button', { name: 'ส่งการเสนอชื่อ' }));
    expect(await within(dialog).findByText('กรุณาเขียนอย่างน้อย 20 ตัวอักษร')).toBeInTheDocument();
    expect(nominations).toHaveLength(0);

    await user.clear(field);
    await user.type(field, '  ครูเฉลิมพัฒนาสื่อการสอนที่โรงเรียนในเขตนำไปใช้กว่า 10 แห่ง  ');
    await user.click(within(dialog).getByRole('button', { name: 'ส่งการเสนอชื่อ' }));

    await waitFor(() => expect(nominations).toHaveLength(1));
    expect(nominations[0]).toEqual({
      memberId: '01a24f65-4148-7e2d-bf8f-016c7577da5a',
      statement: 'ครูเฉลิมพัฒนาสื่อการสอนที่โรงเรียนในเขตนำไปใช้กว่า 10 แห่ง',
    });
    expect(await screen.findByText('ส่งการเสนอชื่อ ครูเฉลิม ช่างคิด แล้ว รอ สพฐ. พิจารณา')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('keeps the form open with the API’s reason when the member already has a nomination waiting', async () => {
    nominateAnswer = jsonResponse(
      {
        status: 409,
        code: 'RECOGNITION_NOMINATION_OPEN',
        title: 'สมาชิกคนนี้มีการเสนอชื่อที่รอพิจารณาอยู่แล้ว',
        detail: 'สมาชิกคนนี้มีการเสนอชื่อที่รอพิจารณาอยู่แล้ว',
      },
      409,
    );
    const user = userEvent.setup();
    renderAction(member('change_agent'));

    await user.click(await screen.findByRole('button', { name: 'เสนอชื่อเป็นผู้ทรงอิทธิพล' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(
      within(dialog).getByRole('textbox', { name: /คำรับรอง/ }),
      'ครูเฉลิมเป็นพี่เลี้ยงให้ครูรุ่นใหม่ในเขตมาตลอดสองปี',
    );
    await user.click(within(dialog).getByRole('button', { name: 'ส่งการเสนอชื่อ' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('สมาชิกคนนี้มีการเสนอชื่อที่รอพิจารณาอยู่แล้ว');
  });

  it('is offered only for a Change Agent of an area the admin looks after', async () => {
    renderWithProviders(
      <AuthProvider>
        <section aria-label="practitioner">
          <NominateAction member={member('practitioner')} />
        </section>
        <section aria-label="other area">
          <NominateAction member={member('change_agent', PHUKET)} />
        </section>
        <section aria-label="own area">
          <NominateAction member={member('change_agent')} />
        </section>
      </AuthProvider>,
    );
    // Once the session has loaded, the Change Agent of the admin's own area has the button…
    const own = await screen.findByRole('region', { name: 'own area' });
    expect(await within(own).findByRole('button', { name: 'เสนอชื่อเป็นผู้ทรงอิทธิพล' })).toBeInTheDocument();
    // …and neither a practitioner nor a Change Agent of another area has it.
    expect(screen.getAllByRole('button', { name: 'เสนอชื่อเป็นผู้ทรงอิทธิพล' })).toHaveLength(1);
  });

  it('is offered to an OBEC admin for any Change Agent, in English too', async () => {
    roles = [{ role: 'obec_admin', scopeType: 'national', scopeId: null }];
    const user = userEvent.setup();
    renderAction(member('change_agent', PHUKET), 'en');

    await user.click(await screen.findByRole('button', { name: 'Nominate for Influencer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nominate ครูเฉลิม ช่างคิด' });
    expect(within(dialog).getByRole('textbox', { name: /Statement/ })).toBeInTheDocument();
    expect(
      within(dialog).getByText('Why, and what stands out in their work (20–3,000 characters)'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Send the nomination' })).toBeInTheDocument();
  });
});
