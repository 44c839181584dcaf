import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  InnovationsTaxonomyResponse,
  InnovationWithAttachmentsResponse,
} from '../../../api/generated/model';
import i18n from '../../../i18n';
import { Link, useLocation } from 'react-router';
import { renderWithProviders } from '../../../test/render';
import { EditorForm } from './EditorForm';

const taxonomy: InnovationsTaxonomyResponse = {
  learningAreas: [
    { code: 'THA', th: 'ภาษาไทย', en: 'Thai Language' },
    { code: 'MAT', th: 'คณิตศาสตร์', en: 'Mathematics' },
  ],
  gradeLevels: [
    { code: 'P1', th: 'ประถมศึกษาปีที่ 1', en: 'Primary 1', stage: 'primary' },
    { code: 'P2', th: 'ประถมศึกษาปีที่ 2', en: 'Primary 2', stage: 'primary' },
  ],
  competencyFrameworks: [
    {
      code: 'CBC',
      th: 'สมรรถนะหลักของผู้เรียน',
      en: 'Core learner competencies',
      competencies: [
        { code: 'CBC-SM', th: 'การจัดการตนเอง', en: 'Self-management' },
        { code: 'CBC-HT', th: 'การคิดขั้นสูง', en: 'Higher-order thinking' },
      ],
    },
    {
      code: 'KC51',
      th: 'สมรรถนะสำคัญ 5 ประการ',
      en: 'Five key competencies',
      competencies: [{ code: 'KC51-COM', th: 'ความสามารถในการสื่อสาร', en: 'Communication capacity' }],
    },
  ],
  activeLearningTechniques: [{ code: 'PBL', th: 'การเรียนรู้โดยใช้ปัญหาเป็นฐาน', en: 'Problem-based learning' }],
  memberKinds: [],
  roles: [],
  academicStandings: [],
  promotionLevels: [],
  perkCategories: [],
  eventSessionKinds: [],
};

const ID = '01a24d35-c9a3-72b5-ab99-097b52a7d56f';

function innovation(
  overrides: Partial<InnovationWithAttachmentsResponse> = {},
): InnovationWithAttachmentsResponse {
  return {
    id: ID,
    status: 'draft',
    title: 'เกมบันไดงู',
    summary: '',
    body: '',
    bodyHtml: '',
    learningAreas: [],
    gradeLevels: [],
    competencies: [],
    techniques: [],
    tags: [],
    context: {},
    links: [],
    license: 'CC-BY',
    coverAttachmentId: null,
    author: { id: 'm1', displayName: 'ครูสมใจ' } as InnovationWithAttachmentsResponse['author'],
    school: null as unknown as InnovationWithAttachmentsResponse['school'],
    areaId: null,
    version: 1,
    rating: {} as InnovationWithAttachmentsResponse['rating'],
    adoptionCount: 0,
    commentCount: 0,
    publishedAt: null,
    createdAt: '2026-01-05T03:00:00.000Z',
    updatedAt: '2026-01-05T03:00:00.000Z',
    competencyProfile: [],
    attachments: [],
    ...overrides,
  };
}

interface Call {
  url: string;
  method: string;
  body: unknown;
}

let calls: Call[];
let answer: (call: Call) => { status: number; body: unknown };

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

// jsdom has no document.fonts, which Mantine's autosize Textarea listens to.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: {
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      ready: Promise.resolve(),
    },
  });
}

beforeEach(() => {
  calls = [];
  answer = (call) => {
    if (call.url.endsWith('/attachments')) return { status: 200, body: { items: [], nextCursor: null } };
    if (call.method === 'POST' && call.url === '/api/v1/innovations')
      return { status: 201, body: innovation(call.body as Partial<InnovationWithAttachmentsResponse>) };
    return { status: 200, body: innovation() };
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const call = {
        url: String(input),
        method: init?.method ?? 'GET',
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      const { status, body } = answer(call);
      return json(status, body);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const t = (key: string, options?: Record<string, unknown>) => i18n.t(`editor:${key}`, options);
const writes = () => calls.filter((call) => call.method !== 'GET');

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function Elsewhere() {
  const location = useLocation();
  return (
    <>
      <Link to="/feed">feed</Link>
      <p data-testid="where">{location.pathname}</p>
    </>
  );
}

describe('EditorForm', { timeout: 60_000 }, () => {
  it('lets a link of the app go at once when nothing is unsaved', async () => {
    renderWithProviders(
      <>
        <EditorForm taxonomy={taxonomy} />
        <Elsewhere />
      </>,
      { route: '/innovations/new' },
    );
    // Nothing written yet: the link goes at once, no question.
    await userEvent.click(screen.getByRole('link', { name: 'feed' }));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/feed'));
  });

  it('asks before a link of the app drops unsaved work', async () => {
    renderWithProviders(
      <>
        <EditorForm taxonomy={taxonomy} />
        <Elsewhere />
      </>,
      { route: '/innovations/new' },
    );
    type('editor-title', 'เกมบันไดงูฝึกบวกเลข');
    await userEvent.click(screen.getByRole('link', { name: 'feed' }));
    const dialog = await screen.findByRole('dialog', { name: t('leave.title') });
    expect(screen.getByTestId('where')).toHaveTextContent('/innovations/new');

    await userEvent.click(within(dialog).getByTestId('editor-stay'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByTestId('where')).toHaveTextContent('/innovations/new');
    expect(screen.getByTestId('editor-title')).toHaveValue('เกมบันไดงูฝึกบวกเลข');

    await userEvent.click(screen.getByRole('link', { name: 'feed' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByTestId('editor-leave'));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/feed'));
  });

  it('does not ask when saving a new draft moves it to its own address', async () => {
    renderWithProviders(
      <>
        <EditorForm taxonomy={taxonomy} />
        <Elsewhere />
      </>,
      { route: '/innovations/new' },
    );
    type('editor-title', 'เกมบันไดงูฝึกบวกเลข');
    await userEvent.click(screen.getByTestId('editor-save'));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent(`/innovations/${ID}/edit`));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('flags every field publishing needs, next to the field, before asking the API', async () => {
    renderWithProviders(<EditorForm taxonomy={taxonomy} />);
    type('editor-title', 'เกมบันไดงูฝึกบวกเลข');
    await userEvent.click(screen.getByTestId('editor-publish'));

    expect(screen.getByTestId('editor-summary')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('editor-body')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByText(t('errors.required'))).toHaveLength(2);
    expect(screen.getAllByText(t('errors.pickOne'))).toHaveLength(2); // learning areas, grade levels
    expect(screen.getByText(t('errors.pickCompetency'))).toBeInTheDocument();
    expect(screen.getByTestId('editor-title')).not.toHaveAttribute('aria-invalid', 'true');
    expect(writes()).toHaveLength(0);

    // Fixing a field clears its message.
    type('editor-summary', 'สรุป');
    expect(screen.getByTestId('editor-summary')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('asks for a title before saving a draft', async () => {
    renderWithProviders(<EditorForm taxonomy={taxonomy} />);
    await userEvent.click(screen.getByTestId('editor-save'));
    expect(screen.getByText(t('errors.titleRequired'))).toBeInTheDocument();
    expect(writes()).toHaveLength(0);
  });

  it('previews the body as Markdown and shows typed HTML as text, never as markup', async () => {
    const { container } = renderWithProviders(<EditorForm taxonomy={taxonomy} />);
    type(
      'editor-body',
      '## ขั้นตอน\n\n**ตัวหนา** และ <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>ไม่หนา</b>',
    );
    await userEvent.click(screen.getByRole('radio', { name: t('body.preview') }));

    const preview = screen.getByTestId('editor-preview');
    expect(within(preview).getByRole('heading', { level: 2, name: 'ขั้นตอน' })).toBeInTheDocument();
    expect(preview.querySelector('strong')).toHaveTextContent('ตัวหนา');
    expect(preview.querySelector('img, script, b')).toBeNull();
    expect(preview).toHaveTextContent('<img src=x onerror="alert(1)">');
    expect(preview).toHaveTextContent('<b>ไม่หนา</b>');
    expect(container.querySelector('[data-testid=editor-body]')).toBeNull();

    // Back to writing: the text is untouched.
    await userEvent.click(screen.getByRole('radio', { name: t('body.write') }));
    expect(screen.getByTestId('editor-body')).toHaveValue(
      '## ขั้นตอน\n\n**ตัวหนา** และ <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>ไม่หนา</b>',
    );
  });

  it('creates the draft with every field as the API expects, competency strength included', async () => {
    renderWithProviders(<EditorForm taxonomy={taxonomy} />);
    type('editor-title', '  เกมบันไดงูฝึกบวกเลข  ');
    type('editor-summary', 'นักเรียนบวกเลขคล่องขึ้น');
    type('editor-body', '## ขั้นตอน\n1. เล่นเกม');

    await userEvent.click(screen.getByRole('checkbox', { name: 'การคิดขั้นสูง' }));
    const strength = screen.getByRole('radiogroup', { name: t('strength.of', { name: 'การคิดขั้นสูง' }) });
    expect(within(strength).getByRole('radio', { name: t('strength.2') })).toBeChecked();
    await userEvent.click(within(strength).getByRole('radio', { name: t('strength.3') }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'การจัดการตนเอง' }));

    await userEvent.click(screen.getByRole('button', { name: t('links.add') }));
    fireEvent.change(screen.getByLabelText(t('links.url', { number: 1 })), {
      target: { value: 'https://example.org/clip' },
    });

    await userEvent.click(screen.getByTestId('editor-save'));

    await waitFor(() => expect(writes()).toHaveLength(1));
    const [create] = writes();
    expect(create.method).toBe('POST');
    expect(create.url).toBe('/api/v1/innovations');
    expect(create.body).toEqual({
      title: 'เกมบันไดงูฝึกบวกเลข',
      summary: 'นักเรียนบวกเลขคล่องขึ้น',
      body: '## ขั้นตอน\n1. เล่นเกม',
      learningAreas: [],
      gradeLevels: [],
      competencies: [
        { code: 'CBC-HT', strength: 3 },
        { code: 'CBC-SM', strength: 2 },
      ],
      techniques: [],
      tags: [],
      context: {},
      links: [{ url: 'https://example.org/clip' }],
      license: 'CC-BY',
    });
    // Saved: the next save updates the same draft instead of creating another.
    expect(await screen.findByText(t('bar.saved'))).toBeInTheDocument();
    type('editor-summary', 'นักเรียนบวกเลขคล่องขึ้นมาก');
    await userEvent.click(screen.getByTestId('editor-save'));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]).toMatchObject({
      method: 'PATCH',
      url: `/api/v1/innovations/${ID}`,
      body: { summary: 'นักเรียนบวกเลขคล่องขึ้นมาก' },
    });
  });

  it('switching the competency framework starts the choice afresh (the API takes one framework)', async () => {
    renderWithProviders(<EditorForm taxonomy={taxonomy} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'การคิดขั้นสูง' }));
    expect(screen.queryByRole('checkbox', { name: 'ความสามารถในการสื่อสาร' })).toBeNull();
    await userEvent.click(screen.getByRole('combobox', { name: t('fields.framework') }));
    // Mantine's dropdown stays display:none without its CSS transitions in jsdom: pick the option directly.
    fireEvent.click(await screen.findByRole('option', { name: 'สมรรถนะสำคัญ 5 ประการ', hidden: true }));
    expect(await screen.findByRole('checkbox', { name: 'ความสามารถในการสื่อสาร' })).not.toBeChecked();
    expect(screen.queryByRole('checkbox', { name: 'การคิดขั้นสูง' })).toBeNull();
  });

  it('shows the API’s publish errors next to the fields they name', async () => {
    answer = (call) => {
      if (call.url.endsWith('/publish'))
        return {
          status: 422,
          body: {
            status: 422,
            code: 'INNOVATION_INCOMPLETE',
            title: 'กรุณากรอกข้อมูลให้ครบก่อนเผยแพร่',
            errors: [{ field: 'gradeLevels', message: 'gradeLevels is required to publish' }],
          },
        };
      if (call.url.endsWith('/attachments')) return { status: 200, body: { items: [], nextCursor: null } };
      return { status: 200, body: innovation() };
    };
    renderWithProviders(
      <EditorForm
        taxonomy={taxonomy}
        innovation={innovation({
          summary: 'สรุป',
          body: 'เนื้อหา',
          learningAreas: ['MAT'],
          gradeLevels: ['P1'],
          competencies: [{ code: 'CBC-SM', strength: 1 }],
        })}
      />,
    );
    await userEvent.click(screen.getByTestId('editor-publish'));
    expect(await screen.findByText(t('errors.pickOne'))).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('กรุณากรอกข้อมูลให้ครบก่อนเผยแพร่');
    expect(screen.queryByText(/is required to publish/)).toBeNull();
    expect(writes().map((call) => `${call.method} ${call.url}`)).toEqual([
      `PATCH /api/v1/innovations/${ID}`,
      `POST /api/v1/innovations/${ID}/publish`,
    ]);
  });

  it('explains a 409 conflict instead of a bare error', async () => {
    answer = (call) => {
      if (call.method === 'PATCH')
        return {
          status: 409,
          body: { status: 409, code: 'INNOVATION_REMOVED', detail: 'นวัตกรรมถูกลบแล้ว' },
        };
      return { status: 200, body: { items: [], nextCursor: null } };
    };
    renderWithProviders(<EditorForm taxonomy={taxonomy} innovation={innovation({ status: 'published' })} />);
    expect(screen.queryByTestId('editor-publish')).toBeNull();
    await userEvent.click(screen.getByTestId('editor-save'));
    expect(await screen.findByText(t('conflict.title'))).toBeInTheDocument();
    expect(screen.getByText('นวัตกรรมถูกลบแล้ว')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: t('conflict.reload') })).toBeInTheDocument();
  });
});
