import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  InnovationCommentThreadResponse,
  MeResponseLevel as LevelCode,
} from '../../../api/generated/model';
import { AuthProvider } from '../../../auth/AuthProvider';
import { renderWithProviders } from '../../../test/render';
import { Comments } from './Comments';

vi.setConfig({ testTimeout: 30_000 });

beforeAll(() => {
  // jsdom has no FontFaceSet; Mantine's autosizing textarea listens to it.
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => undefined, removeEventListener: () => undefined },
    });
  }
});

const INNOVATION = '0190aaaa-0000-7000-8000-000000000001';
const ME = {
  id: '0190bbbb-0000-7000-8000-00000000000a',
  email: 'teacher@demo.local',
  emailVerified: true,
  displayName: 'ครูสมใจ',
  memberKind: 'teacher',
  academicStanding: null,
  learningAreas: [],
  level: 'member',
  bio: null,
  phone: null,
  roles: [],
  school: null,
  consent: {},
  createdAt: '2026-01-01T00:00:00Z',
  pendingChange: null,
};

function comment(
  id: string,
  name: string,
  body: string,
  parentId: string | null = null,
  level: LevelCode = 'member',
) {
  return {
    id,
    parentId,
    author: { id: `author-${id}`, displayName: name, level },
    body,
    deleted: false,
    createdAt: '2026-11-20T03:00:00Z',
    editedAt: null,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A tiny API: sign-in as ME (or a guest), the comment threads, and posting a comment. */
function stubApi(threads: InnovationCommentThreadResponse[], { guest = false } = {}) {
  const posted: { body: string; parentId?: string }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url.endsWith('/auth/refresh'))
      return guest ? json({ status: 401 }, 401) : json({ accessToken: 'token' });
    if (url.endsWith('/api/v1/me')) return json(ME);
    if (url.includes(`/innovations/${INNOVATION}/comments`) && method === 'POST') {
      const body = JSON.parse(String(init?.body)) as { body: string; parentId?: string };
      posted.push(body);
      const created = {
        ...comment(`new-${posted.length}`, ME.displayName, body.body, body.parentId ?? null),
      };
      created.author = { id: ME.id, displayName: ME.displayName, level: 'member' };
      const thread = threads.find((item) => item.id === body.parentId);
      if (thread) thread.replies.push(created);
      else threads.push({ ...created, replies: [] });
      return json(created, 201);
    }
    if (url.includes(`/innovations/${INNOVATION}/comments`))
      return json({ items: threads, nextCursor: null });
    return json({ status: 404 }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, posted };
}

function renderComments() {
  return renderWithProviders(
    <AuthProvider>
      <Comments innovationId={INNOVATION} published commentCount={3} />
    </AuthProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('Comments', () => {
  it('shows replies inside the comment they answer', async () => {
    stubApi([
      {
        ...comment('t1', 'ครูอารีย์', 'ใช้กับ ป.4 ได้ไหมคะ'),
        replies: [comment('r1', 'ครูยุพา', 'ได้ค่ะ ลดเวลาเหลือ 2 คาบ', 't1')],
      },
      { ...comment('t2', 'ครูวิชัย', 'เด็กชอบมากครับ'), replies: [] },
    ]);
    renderComments();

    const reply = await screen.findByText('ได้ค่ะ ลดเวลาเหลือ 2 คาบ');
    const all = screen.getAllByTestId('comment');
    expect(all).toHaveLength(3);
    const first = all.find((element) => element.getAttribute('data-comment-id') === 't1')!;
    const second = all.find((element) => element.getAttribute('data-comment-id') === 't2')!;
    const replyElement = reply.closest<HTMLElement>('[data-testid="comment"]')!;
    expect(replyElement.getAttribute('data-comment-id')).toBe('r1');
    expect(first).toContainElement(replyElement);
    expect(second).not.toContainElement(replyElement);
  });

  it('shows each commenter’s level beside their name, and nothing for a plain member', async () => {
    stubApi([
      {
        ...comment('t1', 'ครูกัญญา', 'เด็กชอบมากค่ะ', null, 'influencer'),
        replies: [comment('r1', 'ครูวิชัย', 'ขอบคุณครับ', 't1', 'member')],
      },
    ]);
    renderComments();

    await screen.findByText('ขอบคุณครับ');
    const [thread, reply] = screen.getAllByTestId('comment');
    expect(within(thread!).getAllByRole('img', { name: 'ระดับ: ผู้ทรงอิทธิพลด้านการศึกษา' })).toHaveLength(1);
    expect(within(reply!).queryByTestId('level-badge')).not.toBeInTheDocument();
  });

  it('posts a reply to its thread and shows it under that thread', async () => {
    const { posted } = stubApi([
      { ...comment('t1', 'ครูอารีย์', 'ใช้กับ ป.4 ได้ไหมคะ'), replies: [] },
      { ...comment('t2', 'ครูวิชัย', 'เด็กชอบมากครับ'), replies: [] },
    ]);
    renderComments();

    await userEvent.click(await screen.findByRole('button', { name: 'ตอบกลับ ครูวิชัย' }));
    await userEvent.type(screen.getByLabelText('คำตอบของคุณถึง ครูวิชัย'), 'ขอบคุณครับ');
    await userEvent.click(screen.getByTestId('reply-submit'));

    await waitFor(() => expect(posted).toEqual([{ body: 'ขอบคุณครับ', parentId: 't2' }]));
    const reply = await screen.findByText('ขอบคุณครับ');
    const thread = screen
      .getAllByTestId('comment')
      .find((element) => element.getAttribute('data-comment-id') === 't2')!;
    expect(thread).toContainElement(reply);
  });

  it('posts a new comment as a thread of its own', async () => {
    const { posted } = stubApi([]);
    renderComments();
    expect(await screen.findByText('ยังไม่มีความคิดเห็น ชวนคุยเป็นคนแรกเลย')).toBeInTheDocument();
    const box = await screen.findByLabelText('ความคิดเห็นของคุณ');
    expect(screen.getByTestId('comment-submit')).toBeDisabled();
    await userEvent.type(box, 'น่าสนใจมากค่ะ');
    await userEvent.click(screen.getByTestId('comment-submit'));
    await waitFor(() => expect(posted).toEqual([{ body: 'น่าสนใจมากค่ะ' }]));
    const created = await screen.findByText('น่าสนใจมากค่ะ');
    expect(within(created.closest('[data-testid="comment"]')!).queryByTestId('comment')).toBeNull();
  });

  it('asks a guest to sign in instead of showing the form', async () => {
    stubApi([{ ...comment('t1', 'ครูอารีย์', 'สวัสดีค่ะ'), replies: [] }], { guest: true });
    renderComments();
    expect(await screen.findByText('สวัสดีค่ะ')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'เข้าสู่ระบบเพื่อแสดงความคิดเห็น' })).toBeInTheDocument();
    expect(screen.queryByTestId('comment-submit')).toBeNull();
  });
});
