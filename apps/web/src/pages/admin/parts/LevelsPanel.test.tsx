import { Notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LevelCriteriaResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { LevelsPanel } from './LevelsPanel';
import { jsonResponse } from './testing';

vi.setConfig({ testTimeout: 30_000 });

/** The dropdowns open with a transition; a busy machine needs longer than the default second. */
const SLOW = { timeout: 5000 };

const CATALOGUE: LevelCriteriaResponse['criteria'] = [
  {
    code: 'points_earned',
    th: 'พอยท์ที่ได้รับสะสมตลอดการใช้งาน',
    en: 'Lifetime points earned',
    unitTh: 'พอยท์',
    unitEn: 'points',
  },
  {
    code: 'innovations_published',
    th: 'นวัตกรรมที่เผยแพร่',
    en: 'Innovations published',
    unitTh: 'ชิ้น',
    unitEn: 'innovations',
  },
  {
    code: 'feedback_given',
    th: 'การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น',
    en: 'Ratings and comments given on others’ innovations',
    unitTh: 'ครั้ง',
    unitEn: 'times',
  },
  {
    code: 'endorsements',
    th: 'การรับรองนวัตกรรมจากภาคีเครือข่าย',
    en: 'Partner endorsements of your innovations',
    unitTh: 'ครั้ง',
    unitEn: 'endorsements',
  },
];

const name = (code: string) => CATALOGUE.find((item) => item.code === code)!;

function view(practitioner: { code: string; required: number }[]): LevelCriteriaResponse {
  const criteria = (list: { code: string; required: number }[]) =>
    list.map((item) => ({ ...item, th: name(item.code).th, en: name(item.code).en })) as never;
  return {
    levels: [
      { code: 'member', rank: 1, th: 'สมาชิก', en: 'Member', criteria: [] },
      { code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner', criteria: criteria(practitioner) },
      {
        code: 'change_agent',
        rank: 3,
        th: 'ผู้นำการเปลี่ยนแปลง',
        en: 'Change Agent',
        criteria: criteria([{ code: 'endorsements', required: 1 }]),
      },
    ],
    criteria: CATALOGUE,
  };
}

let stored: LevelCriteriaResponse;
let putAnswer: Response | null = null;
let puts: unknown[] = [];

beforeEach(() => {
  stored = view([
    { code: 'innovations_published', required: 1 },
    { code: 'feedback_given', required: 3 },
    { code: 'points_earned', required: 50 },
  ]);
  putAnswer = null;
  puts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/v1/admin/recognition/levels' && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as {
          levels: { criteria: { code: string; required: number }[] }[];
        };
        puts.push(body);
        if (putAnswer) return putAnswer;
        stored = view(body.levels[0]!.criteria);
        return jsonResponse(stored);
      }
      if (url === '/api/v1/admin/recognition/levels') return jsonResponse(stored);
      return jsonResponse({ status: 404, title: 'not found' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderPanel(language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <>
      <Notifications />
      <LevelsPanel />
    </>,
    { language },
  );
}

async function practitionerCard() {
  return screen.findByRole('region', { name: 'นักปฏิบัติ' });
}

describe('LevelsPanel: what each level asks', () => {
  it('shows each level above member with its criteria and the numbers they ask', async () => {
    renderPanel();
    const card = await practitionerCard();
    expect(screen.queryByRole('region', { name: 'สมาชิก' })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'ผู้นำการเปลี่ยนแปลง' })).toBeInTheDocument();
    expect(within(card).getByText('3 เกณฑ์ ต้องผ่านครบทุกข้อ')).toBeInTheDocument();
    expect(
      within(card).getByRole('textbox', {
        name: 'จำนวนที่ต้องการ (ครั้ง) — การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น',
      }),
    ).toHaveValue('3');
    expect(within(card).getByRole('textbox', { name: /พอยท์ที่ได้รับสะสมตลอดการใช้งาน/ })).toHaveValue('50');
    expect(within(card).getByText('ยังไม่มีการแก้ไข')).toBeInTheDocument();
  });

  it('changes a number, removes a criterion, adds one from the catalogue, and saves the level whole', async () => {
    const user = userEvent.setup();
    renderPanel();
    const card = await practitionerCard();

    const points = within(card).getByRole('textbox', { name: /พอยท์ที่ได้รับสะสมตลอดการใช้งาน/ });
    await user.clear(points);
    await user.type(points, '120');
    await user.click(within(card).getByRole('button', { name: 'ลบเกณฑ์ “นวัตกรรมที่เผยแพร่” ออกจากระดับนักปฏิบัติ' }));
    await user.click(within(card).getByRole('combobox', { name: 'เพิ่มเกณฑ์' }));
    await user.click(await screen.findByRole('option', { name: 'การรับรองนวัตกรรมจากภาคีเครือข่าย' }, SLOW));
    const endorsements = within(card).getByRole('textbox', { name: /การรับรองนวัตกรรมจากภาคีเครือข่าย/ });
    await user.clear(endorsements);
    await user.type(endorsements, '2');

    await user.click(within(card).getByRole('button', { name: 'บันทึกเกณฑ์ระดับนักปฏิบัติ' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({
      levels: [
        {
          code: 'practitioner',
          criteria: [
            { code: 'feedback_given', required: 3 },
            { code: 'points_earned', required: 120 },
            { code: 'endorsements', required: 2 },
          ],
        },
      ],
    });
    expect(await screen.findByText('บันทึกเกณฑ์ระดับนักปฏิบัติแล้ว')).toBeInTheDocument();
    const saved = await practitionerCard();
    expect(await within(saved).findByText('ยังไม่มีการแก้ไข')).toBeInTheDocument();
    expect(
      within(saved)
        .getAllByTestId('level-criterion-row')
        .map((row) => row.dataset.code),
    ).toEqual(['feedback_given', 'points_earned', 'endorsements']);
  });

  it('refuses what the API would, before sending: a number out of range, a level with no criterion', async () => {
    const user = userEvent.setup();
    renderPanel();
    const card = await practitionerCard();

    const feedback = within(card).getByRole('textbox', { name: /การให้คะแนนและความคิดเห็น/ });
    await user.clear(feedback);
    await user.type(feedback, '0');
    await user.click(within(card).getByRole('button', { name: 'บันทึกเกณฑ์ระดับนักปฏิบัติ' }));
    expect(await within(card).findByText('ใส่จำนวนเต็ม 1–1,000,000')).toBeInTheDocument();

    for (const criterion of [
      'นวัตกรรมที่เผยแพร่',
      'การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น',
      'พอยท์ที่ได้รับสะสมตลอดการใช้งาน',
    ])
      await user.click(within(card).getByRole('button', { name: `ลบเกณฑ์ “${criterion}” ออกจากระดับนักปฏิบัติ` }));
    await user.click(within(card).getByRole('button', { name: 'บันทึกเกณฑ์ระดับนักปฏิบัติ' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('แต่ละระดับต้องมีอย่างน้อยหนึ่งเกณฑ์');
    expect(puts).toHaveLength(0);

    // Changed my mind: everything comes back as stored.
    await user.click(within(card).getByRole('button', { name: 'ยกเลิกการแก้ไข' }));
    expect(within(card).getAllByTestId('level-criterion-row')).toHaveLength(3);
  });

  it('shows a refusal of the API with the level and criterion it is about, and marks that row', async () => {
    putAnswer = jsonResponse(
      {
        status: 400,
        code: 'RECOGNITION_CRITERIA_INVALID',
        title: 'เกณฑ์ไม่ถูกต้อง: ทุกระดับต้องมีอย่างน้อยหนึ่งเกณฑ์ เกณฑ์ละไม่ซ้ำ และค่าที่ต้องการเป็นจำนวนเต็ม 1 ถึง 1,000,000',
        detail: 'practitioner.points_earned',
      },
      400,
    );
    const user = userEvent.setup();
    renderPanel();
    const card = await practitionerCard();
    const points = within(card).getByRole('textbox', { name: /พอยท์ที่ได้รับสะสมตลอดการใช้งาน/ });
    await user.clear(points);
    await user.type(points, '60');
    await user.click(within(card).getByRole('button', { name: 'บันทึกเกณฑ์ระดับนักปฏิบัติ' }));

    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('บันทึกเกณฑ์ไม่สำเร็จ');
    expect(alert).toHaveTextContent('เกณฑ์ไม่ถูกต้อง: ทุกระดับต้องมีอย่างน้อยหนึ่งเกณฑ์');
    expect(alert).toHaveTextContent('ที่: ระดับนักปฏิบัติ · พอยท์ที่ได้รับสะสมตลอดการใช้งาน');
    // Not the bare code the API puts in `detail`.
    expect(alert).not.toHaveTextContent('practitioner.points_earned');
    const row = within(card)
      .getAllByTestId('level-criterion-row')
      .find((item) => item.dataset.code === 'points_earned')!;
    expect(within(row).getByText('ระบบไม่รับค่านี้')).toBeInTheDocument();
  });

  it('finds the criterion of a VALIDATION_FAILED answer from the field it names', async () => {
    putAnswer = jsonResponse(
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        title: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
        detail: 'required must not be greater than 1000000',
        errors: [
          { field: 'levels.0.criteria.1.required', message: 'required must not be greater than 1000000' },
        ],
      },
      400,
    );
    const user = userEvent.setup();
    renderPanel();
    const card = await practitionerCard();
    const feedback = within(card).getByRole('textbox', { name: /การให้คะแนนและความคิดเห็น/ });
    await user.clear(feedback);
    await user.type(feedback, '4');
    await user.click(within(card).getByRole('button', { name: 'บันทึกเกณฑ์ระดับนักปฏิบัติ' }));

    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    expect(alert).toHaveTextContent('ที่: ระดับนักปฏิบัติ · การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น');
  });

  it('says it in English', async () => {
    const user = userEvent.setup();
    renderPanel('en');
    const card = await screen.findByRole('region', { name: 'Practitioner' });
    expect(screen.getByText('Level criteria')).toBeInTheDocument();
    expect(within(card).getByText('3 criteria, all to be met')).toBeInTheDocument();
    const points = within(card).getByRole('textbox', { name: 'Required (points) — Lifetime points earned' });
    await user.clear(points);
    await user.type(points, '0');
    await user.click(within(card).getByRole('button', { name: 'Save the criteria of Practitioner' }));
    expect(await within(card).findByText('A whole number from 1 to 1,000,000')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Discard changes' })).toBeInTheDocument();
  });
});
