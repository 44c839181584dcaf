import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MyLevelResponse } from '../../api/generated/model';
import { renderWithProviders } from '../../test/render';
import { jsonResponse } from '../admin/parts/testing';
import { linkPath } from '../member/parts/text';
import { LevelProgress } from './LevelProgress';

vi.setConfig({ testTimeout: 30_000 });

const PRACTITIONER: MyLevelResponse = {
  level: { code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner' },
  next: {
    code: 'change_agent',
    th: 'ผู้นำการเปลี่ยนแปลง',
    en: 'Change Agent',
    criteria: [
      {
        code: 'quality_innovations',
        th: 'นวัตกรรมที่ได้คะแนนเฉลี่ย 4.0 ขึ้นไปจากเพื่อนครูอย่างน้อย 3 คน',
        en: 'Innovations rated 4.0 or more on average by at least 3 peers',
        required: 3,
        current: 2,
        met: false,
      },
      {
        code: 'feedback_given',
        th: 'การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น',
        en: 'Ratings and comments given on others’ innovations',
        required: 20,
        current: 33,
        met: true,
      },
      {
        code: 'points_earned',
        th: 'พอยท์ที่ได้รับสะสมตลอดการใช้งาน',
        en: 'Lifetime points earned',
        required: 1000,
        current: 471,
        met: false,
      },
    ],
  },
};

const INFLUENCER: MyLevelResponse = {
  level: { code: 'influencer', rank: 4, th: 'ผู้ทรงอิทธิพลด้านการศึกษา', en: 'Education Influencer' },
  next: null,
};

function serve(level: MyLevelResponse) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      url === '/api/v1/me/level' ? jsonResponse(level) : jsonResponse({ status: 404 }, 404),
    ),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('LevelProgress: my level on the home page', () => {
  it('tells my level, the next one, and how far I am on each criterion', async () => {
    serve(PRACTITIONER);
    const user = userEvent.setup();
    renderWithProviders(<LevelProgress />, { route: '/feed' });

    const section = await screen.findByRole('region', { name: 'ระดับของฉัน' });
    expect(within(section).getByText('นักปฏิบัติ')).toBeInTheDocument();
    expect(within(section).getByText('ระดับถัดไป: ผู้นำการเปลี่ยนแปลง')).toBeInTheDocument();
    expect(within(section).getByText('ผ่านแล้ว 1 จาก 3 เกณฑ์')).toBeInTheDocument();

    // The criteria fold away so the feed stays in sight; one tap opens them.
    const toggle = within(section).getByRole('button', { name: 'ดูเกณฑ์' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(within(section).getByRole('button', { name: 'ซ่อนเกณฑ์' })).toHaveAttribute('aria-expanded', 'true');

    // The list shows once the fold has opened (Mantine's Collapse may finish on a later frame).
    const list = await within(section).findByRole('list', { name: 'เกณฑ์ของระดับผู้นำการเปลี่ยนแปลง' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(
      'ยังไม่ผ่าน: 2 จาก 3 — นวัตกรรมที่ได้คะแนนเฉลี่ย 4.0 ขึ้นไปจากเพื่อนครูอย่างน้อย 3 คน',
    );
    // Past the mark a criterion reads as full ("20 จาก 20"), and it is marked met.
    expect(items[1]).toHaveTextContent('ผ่านแล้ว: 20 จาก 20 — การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น');
    expect(items[2]).toHaveTextContent('ยังไม่ผ่าน: 471 จาก 1,000 — พอยท์ที่ได้รับสะสมตลอดการใช้งาน');

    const bar = within(items[2]).getByRole('progressbar', {
      name: 'ความคืบหน้า: พอยท์ที่ได้รับสะสมตลอดการใช้งาน',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '47');
    expect(within(items[1]).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  });

  it('opens the criteria when a notification or feed item links to it', async () => {
    serve(PRACTITIONER);
    const path = linkPath({ type: 'level', id: 'change_agent' });
    expect(path).toBe('/feed#level');
    renderWithProviders(<LevelProgress />, { route: path! });

    const section = await screen.findByRole('region', { name: 'ระดับของฉัน' });
    expect(section).toHaveAttribute('id', 'level');
    expect(within(section).getByRole('button', { name: 'ซ่อนเกณฑ์' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(section).getAllByRole('listitem')).toHaveLength(3);
  });

  it('says so at the top level, where there is no next one', async () => {
    serve(INFLUENCER);
    renderWithProviders(<LevelProgress />, { route: '/feed' });

    const section = await screen.findByRole('region', { name: 'ระดับของฉัน' });
    expect(within(section).getByText('ผู้ทรงอิทธิพลด้านการศึกษา')).toBeInTheDocument();
    expect(
      within(section).getByText('คุณอยู่ระดับสูงสุดของชุมชนแล้ว ขอบคุณที่เป็นแรงบันดาลใจให้เพื่อนครู'),
    ).toBeInTheDocument();
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });

  it('says it in English', async () => {
    serve(PRACTITIONER);
    renderWithProviders(<LevelProgress />, { route: '/feed#level', language: 'en' });

    const section = await screen.findByRole('region', { name: 'My level' });
    expect(within(section).getByText('Practitioner')).toBeInTheDocument();
    expect(within(section).getByText('Next level: Change Agent')).toBeInTheDocument();
    expect(within(section).getByText('1 of 3 criteria met')).toBeInTheDocument();
    expect(within(section).getAllByRole('listitem')[2]).toHaveTextContent(
      'Not met yet: 471 of 1,000 — Lifetime points earned',
    );
  });

  it('says the top in English', async () => {
    serve(INFLUENCER);
    renderWithProviders(<LevelProgress />, { route: '/feed', language: 'en' });
    expect(
      await screen.findByText(
        'You have reached the community’s highest level. Thank you for inspiring your fellow teachers.',
      ),
    ).toBeInTheDocument();
  });
});
