import { Notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BadgeResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { BadgesPanel } from './BadgesPanel';
import { jsonResponse, stubDocumentFonts } from './testing';

vi.setConfig({ testTimeout: 30_000 });

function badge(code: string, th: string, en: string, extra: Partial<BadgeResponse> = {}): BadgeResponse {
  return {
    code,
    th,
    en,
    description: { th: `คำอธิบาย${th}`, en: `About ${en}` },
    criteria: { th: `เผยแพร่นวัตกรรมครบ 5 ชิ้น`, en: 'Publish 5 innovations' },
    criterion: 'innovations_published',
    required: 5,
    colour: 'teal',
    active: true,
    image: `/api/v1/recognition/badges/${code}/image.svg`,
    ...extra,
  };
}

let stored: BadgeResponse[] = [];
let answer: Response | null = null;
let sent: { method: string; url: string; body: Record<string, unknown> }[] = [];

beforeAll(stubDocumentFonts);
beforeEach(() => {
  stored = [
    badge('innovator', 'นักสร้างสรรค์', 'Innovator'),
    badge('mentor', 'พี่เลี้ยง', 'Mentor', {
      active: false,
      criterion: 'feedback_given',
      required: 1200,
      criteria: { th: 'ให้ความคิดเห็น 1,200 ครั้ง', en: 'Give 1,200 comments' },
    }),
  ];
  answer = null;
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (url === '/api/v1/admin/recognition/badges' && method === 'GET') return jsonResponse(stored);
      if (url.startsWith('/api/v1/admin/recognition/badges') && (method === 'POST' || method === 'PUT')) {
        const body = JSON.parse(String(init!.body)) as Record<string, unknown>;
        sent.push({ method, url, body });
        if (answer) return answer;
        const code = method === 'POST' ? String(body.code) : url.split('/').pop()!;
        const saved = { ...badge(code, '', ''), ...body, code } as BadgeResponse;
        stored =
          method === 'POST' ? [...stored, saved] : stored.map((item) => (item.code === code ? saved : item));
        return jsonResponse(saved, method === 'POST' ? 201 : 200);
      }
      return jsonResponse({ status: 404, title: 'not found' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderPanel(language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <>
      <Notifications />
      <BadgesPanel />
    </>,
    { language },
  );
}

async function fillNew(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, code: string) {
  // The texts are pasted, not typed key by key: each key re-renders the dialog, and 130 of them took most of the
  // test's time limit on a busy machine.
  const enter = async (name: RegExp, text: string) => {
    await user.click(within(dialog).getByRole('textbox', { name }));
    await user.paste(text);
  };
  await user.type(within(dialog).getByRole('textbox', { name: /รหัสเหรียญ/ }), code);
  await enter(/ชื่อภาษาไทย/, 'ผู้ให้คำติชม');
  await enter(/ชื่อภาษาอังกฤษ/, 'Critic');
  await enter(/คำอธิบายภาษาไทย/, 'ช่วยเพื่อนครูปรับปรุงงาน');
  await enter(/คำอธิบายภาษาอังกฤษ/, 'Helps others improve');
  await enter(/วิธีได้รับ \(ภาษาไทย\)/, 'ให้คะแนน 20 ครั้ง');
  await enter(/วิธีได้รับ \(ภาษาอังกฤษ\)/, 'Rate 20 times');
  await user.selectOptions(
    within(dialog).getByRole('combobox', { name: 'สิ่งที่นับ' }),
    'การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น',
  );
  const required = within(dialog).getByRole('textbox', { name: /จำนวนที่ต้องการ/ });
  await user.clear(required);
  await user.type(required, '20');
  await user.selectOptions(within(dialog).getByRole('combobox', { name: 'สีของเหรียญ' }), 'ส้ม');
}

describe('BadgesPanel: the badges OBEC keeps', () => {
  it('lists every badge with its picture, names, how it is earned and what it counts; inactive ones marked', async () => {
    renderPanel();
    const innovator = await screen.findByRole('region', { name: 'นักสร้างสรรค์' });
    expect(within(innovator).getByRole('img', { name: 'ภาพเหรียญ นักสร้างสรรค์' })).toHaveAttribute(
      'src',
      '/api/v1/recognition/badges/innovator/image.svg',
    );
    expect(within(innovator).getByText('Innovator')).toBeInTheDocument();
    expect(within(innovator).getByText('เปิดใช้งาน')).toBeInTheDocument();
    expect(within(innovator).getByText('เผยแพร่นวัตกรรมครบ 5 ชิ้น')).toBeInTheDocument();
    expect(within(innovator).getByText('นับจาก: นวัตกรรมที่เผยแพร่ · ต้องการ 5')).toBeInTheDocument();

    const mentor = screen.getByRole('region', { name: 'พี่เลี้ยง' });
    expect(within(mentor).getByText('ปิดใช้งาน')).toBeInTheDocument();
    expect(
      within(mentor).getByText('นับจาก: การให้คะแนนและความคิดเห็นต่อนวัตกรรมของผู้อื่น · ต้องการ 1,200'),
    ).toBeInTheDocument();
    expect(within(mentor).getByRole('button', { name: 'เปิดใช้งานเหรียญ พี่เลี้ยง' })).toBeInTheDocument();
  });

  it('creates a badge, refusing first what the API would', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel();
    await screen.findByRole('region', { name: 'นักสร้างสรรค์' });
    await user.click(screen.getByRole('button', { name: 'สร้างเหรียญตรา' }));
    const dialog = await screen.findByRole('dialog', { name: 'สร้างเหรียญตราใหม่' });

    await user.type(within(dialog).getByRole('textbox', { name: /รหัสเหรียญ/ }), 'Bad Code');
    await user.click(within(dialog).getByRole('button', { name: 'สร้างเหรียญ' }));
    expect(within(dialog).getByText('กรุณาแก้ไขช่องที่ทำเครื่องหมายไว้')).toBeInTheDocument();
    expect(within(dialog).getAllByText('กรุณากรอกช่องนี้')).toHaveLength(6);
    expect(sent).toHaveLength(0);

    await user.clear(within(dialog).getByRole('textbox', { name: /รหัสเหรียญ/ }));
    await fillNew(user, dialog, 'critic');
    await user.click(within(dialog).getByRole('button', { name: 'สร้างเหรียญ' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      url: '/api/v1/admin/recognition/badges',
      body: {
        code: 'critic',
        th: 'ผู้ให้คำติชม',
        en: 'Critic',
        description: { th: 'ช่วยเพื่อนครูปรับปรุงงาน', en: 'Helps others improve' },
        criteria: { th: 'ให้คะแนน 20 ครั้ง', en: 'Rate 20 times' },
        criterion: 'feedback_given',
        required: 20,
        colour: 'orange',
        active: true,
      },
    });
    expect(await screen.findByText('สร้างเหรียญ ผู้ให้คำติชม แล้ว')).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'ผู้ให้คำติชม' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says so when the code is taken (409), keeping what was typed', async () => {
    answer = jsonResponse(
      { status: 409, code: 'RECOGNITION_BADGE_EXISTS', title: 'มีเหรียญตรานี้อยู่แล้ว', detail: 'innovator' },
      409,
    );
    const user = userEvent.setup({ delay: null });
    renderPanel();
    await screen.findByRole('region', { name: 'นักสร้างสรรค์' });
    await user.click(screen.getByRole('button', { name: 'สร้างเหรียญตรา' }));
    const dialog = await screen.findByRole('dialog', { name: 'สร้างเหรียญตราใหม่' });
    await fillNew(user, dialog, 'innovator');
    await user.click(within(dialog).getByRole('button', { name: 'สร้างเหรียญ' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('บันทึกเหรียญไม่สำเร็จ');
    expect(alert).toHaveTextContent('มีเหรียญรหัส innovator อยู่แล้ว กรุณาใช้รหัสอื่น');
    expect(within(dialog).getByRole('textbox', { name: /ชื่อภาษาอังกฤษ/ })).toHaveValue('Critic');
  });

  it('edits a badge whole, keeps its code, and shows a 400 of the API with the fields it names', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel();
    const innovator = await screen.findByRole('region', { name: 'นักสร้างสรรค์' });
    await user.click(within(innovator).getByRole('button', { name: 'แก้ไขเหรียญ นักสร้างสรรค์' }));
    const dialog = await screen.findByRole('dialog', { name: 'แก้ไขเหรียญ นักสร้างสรรค์' });
    expect(within(dialog).getByText('รหัส innovator (เปลี่ยนไม่ได้)')).toBeInTheDocument();
    expect(within(dialog).queryByRole('textbox', { name: /รหัสเหรียญ/ })).not.toBeInTheDocument();

    const required = within(dialog).getByRole('textbox', { name: /จำนวนที่ต้องการ/ });
    await user.clear(required);
    await user.type(required, '0');
    await user.click(within(dialog).getByRole('button', { name: 'บันทึก' }));
    expect(await within(dialog).findByText('ใส่จำนวนเต็ม 1–1,000,000')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    answer = jsonResponse(
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        title: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
        errors: [{ field: 'en', message: 'en must be shorter than or equal to 80 characters' }],
      },
      400,
    );
    await user.clear(required);
    await user.type(required, '8');
    await user.click(within(dialog).getByRole('button', { name: 'บันทึก' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    expect(alert).toHaveTextContent('en: en must be shorter than or equal to 80 characters');

    answer = null;
    await user.click(within(dialog).getByRole('button', { name: 'บันทึก' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.method).toBe('PUT');
    expect(sent[1]!.url).toBe('/api/v1/admin/recognition/badges/innovator');
    expect(sent[1]!.body).not.toHaveProperty('code');
    expect(sent[1]!.body).toMatchObject({ required: 8, th: 'นักสร้างสรรค์', active: true });
    expect(await screen.findByText('บันทึกเหรียญ นักสร้างสรรค์ แล้ว')).toBeInTheDocument();
    const saved = await screen.findByRole('region', { name: 'นักสร้างสรรค์' });
    expect(await within(saved).findByText('นับจาก: นวัตกรรมที่เผยแพร่ · ต้องการ 8')).toBeInTheDocument();
  });

  it('deactivates and activates a badge', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel();
    const innovator = await screen.findByRole('region', { name: 'นักสร้างสรรค์' });
    await user.click(within(innovator).getByRole('button', { name: 'ปิดใช้งานเหรียญ นักสร้างสรรค์' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toMatchObject({ active: false, required: 5, criterion: 'innovations_published' });
    expect(await screen.findByText('ปิดใช้งานเหรียญ นักสร้างสรรค์ แล้ว')).toBeInTheDocument();
    expect(
      await within(innovator).findByRole('button', { name: 'เปิดใช้งานเหรียญ นักสร้างสรรค์' }),
    ).toBeInTheDocument();

    const mentor = screen.getByRole('region', { name: 'พี่เลี้ยง' });
    await user.click(within(mentor).getByRole('button', { name: 'เปิดใช้งานเหรียญ พี่เลี้ยง' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ url: '/api/v1/admin/recognition/badges/mentor', body: { active: true } });
  });

  it('says it in English', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel('en');
    const mentor = await screen.findByRole('region', { name: 'Mentor' });
    expect(screen.getByText('Badges')).toBeInTheDocument();
    expect(within(mentor).getByText('Inactive')).toBeInTheDocument();
    expect(within(mentor).getByRole('img', { name: 'Picture of the Mentor badge' })).toBeInTheDocument();
    expect(
      within(mentor).getByText('Counts: Ratings and comments given on others’ innovations · needs 1,200'),
    ).toBeInTheDocument();
    await user.click(within(mentor).getByRole('button', { name: 'Edit the Mentor badge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the Mentor badge' });
    expect(within(dialog).getByRole('textbox', { name: /Name in Thai/ })).toHaveValue('พี่เลี้ยง');
    expect(within(dialog).getByRole('combobox', { name: 'What is counted' })).toHaveValue('feedback_given');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });
});
