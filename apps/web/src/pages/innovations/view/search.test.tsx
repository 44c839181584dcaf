import { describe, expect, it, vi } from 'vitest';
import type { InnovationListItemResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { InnovationCard } from './InnovationCard';
import { parseSnippet, searchTerms } from './search';
import type { Taxonomy } from './taxonomy';

vi.setConfig({ testTimeout: 30_000 });

const taxonomy: Taxonomy = {
  data: undefined,
  isLoading: false,
  isError: false,
  label: (_kind, code) => (code === 'MAT' ? 'คณิตศาสตร์' : code),
  competencyLabel: (code) => code,
  gradeShort: (code) => code,
};

function item(overrides: Partial<InnovationListItemResponse>): InnovationListItemResponse {
  return {
    id: '0190aaaa-0000-7000-8000-000000000001',
    status: 'published',
    title: 'ห้องปริศนาหนีออกจากโกดังผ้าไหม: แก้สมการเชิงเส้นตัวแปรเดียว',
    summary: 'นักเรียน ม.1 แก้โจทย์เพื่อปลดกุญแจรหัสทีละด่าน',
    learningAreas: ['MAT'],
    gradeLevels: ['M1'],
    competencies: [],
    techniques: [],
    tags: [],
    context: {},
    links: [],
    license: 'CC-BY',
    coverAttachmentId: null,
    author: { id: 'a1', displayName: 'ครูมานพ', level: 'member' },
    school: null,
    areaId: null,
    version: 1,
    rating: { average: 4.4, count: 5, score: 3.9 },
    adoptionCount: 2,
    commentCount: 3,
    publishedAt: '2026-11-20T03:00:00Z',
    createdAt: '2026-11-20T03:00:00Z',
    updatedAt: '2026-11-20T03:00:00Z',
    ...overrides,
  };
}

const marks = (container: HTMLElement) =>
  [...container.querySelectorAll('mark')].map((mark) => mark.textContent);

describe('Thai search terms', () => {
  it('cuts a Thai query into words, as the API does', () => {
    const terms = searchTerms('สมการเชิงเส้น');
    expect(terms).toContain('สมการเชิงเส้น');
    expect(terms).toContain('สมการ');
    expect(terms).toContain('เส้น');
    expect(searchTerms('   ')).toEqual([]);
  });

  it('reads the API snippet as text, with its marks, never as HTML', () => {
    expect(parseSnippet('…ใช้ <mark>เศษส่วน</mark> &amp; <b>ทศนิยม</b>…')).toEqual([
      { text: '…ใช้ ', mark: false },
      { text: 'เศษส่วน', mark: true },
      { text: ' & <b>ทศนิยม</b>…', mark: false },
    ]);
  });

  it('highlights the words of a Thai query in the title of a card', () => {
    const { container } = renderWithProviders(
      <InnovationCard item={item({})} terms={searchTerms('สมการเชิงเส้น')} taxonomy={taxonomy} />,
    );
    expect(marks(container)).toEqual(['สมการเชิงเส้น']);
    expect(container.querySelector('h2')?.textContent).toBe(
      'ห้องปริศนาหนีออกจากโกดังผ้าไหม: แก้สมการเชิงเส้นตัวแปรเดียว',
    );
  });

  it('highlights single words of the query where the whole phrase does not appear', () => {
    const { container } = renderWithProviders(
      <InnovationCard item={item({})} terms={searchTerms('กุญแจผ้าไหม')} taxonomy={taxonomy} />,
    );
    // ICU cuts ผ้าไหม into ผ้า|ไหม: two adjacent marks that read as one.
    expect(marks(container)).toEqual(['ผ้า', 'ไหม', 'กุญแจ']);
  });

  it('shows the API extract when the words are found only in the body', () => {
    const { container, getByTestId } = renderWithProviders(
      <InnovationCard
        item={item({ snippet: '…ให้นักเรียนจับคู่ <mark>ปฏิทิน</mark> ของชุมชน…' })}
        terms={searchTerms('ปฏิทิน')}
        taxonomy={taxonomy}
      />,
    );
    expect(getByTestId('innovation-snippet')).toHaveTextContent('…ให้นักเรียนจับคู่ ปฏิทิน ของชุมชน…');
    expect(marks(container)).toEqual(['ปฏิทิน']);
  });

  it('marks nothing without a query', () => {
    const { container } = renderWithProviders(
      <InnovationCard item={item({})} terms={[]} taxonomy={taxonomy} />,
    );
    expect(marks(container)).toEqual([]);
  });
});
