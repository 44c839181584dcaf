import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import ModerationQueue from '../ModerationQueue';
import { ModerationActionModal } from './ModerationActionModal';

beforeAll(() => {
  // jsdom has no FontFaceSet; Mantine's autosize Textarea listens to it.
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => undefined, removeEventListener: () => undefined },
    });
  }
});

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('ModerationActionModal', () => {
  it('refuses to confirm without a note of at least 3 characters', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    renderWithProviders(
      <ModerationActionModal
        action="hide"
        innovationTitle="สื่อเศษส่วน"
        onClose={() => undefined}
        onConfirm={onConfirm}
        pending={false}
        error={null}
      />,
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByTestId('moderation-confirm'));
    expect(await within(dialog).findByText('กรุณาเขียนบันทึกอย่างน้อย 3 ตัวอักษร')).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();

    const note = within(dialog).getByLabelText(/บันทึกของผู้ดูแล/);
    await user.click(note);
    await user.paste('  ab  ');
    await user.click(within(dialog).getByTestId('moderation-confirm'));
    expect(onConfirm).not.toHaveBeenCalled();

    await user.clear(note);
    await user.click(note);
    await user.paste('  ภาพมีใบหน้านักเรียน  ');
    await user.click(within(dialog).getByTestId('moderation-confirm'));
    expect(onConfirm).toHaveBeenCalledWith('ภาพมีใบหน้านักเรียน');
    expect(within(dialog).queryByText('กรุณาเขียนบันทึกอย่างน้อย 3 ตัวอักษร')).not.toBeInTheDocument();
  }, 30_000);

  it('says in English what removing does and asks for the note', async () => {
    renderWithProviders(
      <ModerationActionModal
        action="remove"
        innovationTitle="Fractions"
        onClose={() => undefined}
        onConfirm={() => undefined}
        pending={false}
        error={null}
      />,
      { language: 'en' },
    );
    const dialog = await screen.findByRole('dialog', { name: 'Remove this innovation' });
    expect(within(dialog).getByText(/This cannot be undone/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/Moderator's note/)).toBeRequired();
  }, 30_000);
});

describe('ModerationQueue', () => {
  afterEach(() => vi.unstubAllGlobals());

  const item = {
    id: '01a24d32-0000-7000-8000-000000000001',
    title: 'ตลาดปลาจำลองหน้าห้อง',
    status: 'published',
    authorId: '01a24d32-0000-7000-8000-0000000000a1',
    moderationReason: null,
    updatedAt: '2026-12-06T10:00:00Z',
    openReports: 2,
    lastReportedAt: '2026-12-06T11:00:00Z',
    reports: [
      { reason: 'ใบงานเหมือนหนังสือของสำนักพิมพ์', at: '2026-12-06T11:00:00Z' },
      { reason: 'ไม่ระบุแหล่งที่มา', at: '2026-12-06T10:30:00Z' },
    ],
  };

  it('hides an item with the note written in the modal, and the item then shows as hidden', async () => {
    const user = userEvent.setup();
    const calls: { url: string; method: string; body: unknown }[] = [];
    let hidden = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        if (url === '/api/v1/moderation/queue') {
          const current = hidden
            ? {
                ...item,
                status: 'hidden',
                moderationReason: 'ลอกงาน',
                openReports: 0,
                reports: [],
                lastReportedAt: null,
              }
            : item;
          return json({ items: [current], nextCursor: null });
        }
        if (url.endsWith('/hide')) {
          hidden = true;
          return json({ id: item.id });
        }
        if (url.startsWith('/api/v1/members/')) return json({ id: item.authorId, displayName: 'ครูกัญญา' });
        return json({}, 404);
      }),
    );
    renderWithProviders(<ModerationQueue />);
    const card = await screen.findByTestId('moderation-item');
    expect(within(card).getByText('ใบงานเหมือนหนังสือของสำนักพิมพ์')).toBeInTheDocument();
    expect(within(card).getByText('รายงาน 2 ครั้ง')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: item.title })).toHaveAttribute(
      'href',
      `/innovations/${item.id}`,
    );

    await user.click(within(card).getByTestId('moderation-hide'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/บันทึกของผู้ดูแล/));
    await user.paste('ลอกงาน');
    await user.click(within(dialog).getByTestId('moderation-confirm'));

    await waitFor(() =>
      expect(screen.getByTestId('moderation-item')).toHaveAttribute('data-status', 'hidden'),
    );
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      url: `/api/v1/moderation/innovations/${item.id}/hide`,
      method: 'POST',
      body: { note: 'ลอกงาน' },
    });
    expect(
      within(screen.getByTestId('moderation-item')).getByTestId('moderation-restore'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('moderation-item')).queryByTestId('moderation-hide'),
    ).not.toBeInTheDocument();
  }, 30_000);

  it('takes a removed item out of the queue', async () => {
    const user = userEvent.setup();
    let removed = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url === '/api/v1/moderation/queue')
          return json({ items: removed ? [] : [item], nextCursor: null });
        if (url.endsWith('/remove')) {
          removed = true;
          return json({ id: item.id });
        }
        return json({ id: item.authorId, displayName: 'ครูกัญญา' });
      }),
    );
    renderWithProviders(<ModerationQueue />);
    await user.click(await screen.findByTestId('moderation-remove'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/บันทึกของผู้ดูแล/));
    await user.paste('ละเมิดลิขสิทธิ์');
    await user.click(within(dialog).getByTestId('moderation-confirm'));
    expect(await screen.findByText('ไม่มีเรื่องรอตรวจสอบ')).toBeInTheDocument();
    expect(screen.queryByTestId('moderation-item')).not.toBeInTheDocument();
  }, 30_000);
});
