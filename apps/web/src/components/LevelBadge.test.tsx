import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../pages/admin/parts/testing';
import { renderWithProviders } from '../test/render';
import { LevelBadge } from './LevelBadge';

vi.setConfig({ testTimeout: 30_000 });

/** The taxonomy's promotionLevels, as GET /api/v1/taxonomy answers them. */
const PROMOTION_LEVELS = [
  { code: 'member', rank: 1, th: 'สมาชิก', en: 'Member' },
  { code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner' },
  { code: 'change_agent', rank: 3, th: 'ผู้นำการเปลี่ยนแปลง', en: 'Change Agent' },
  { code: 'influencer', rank: 4, th: 'ผู้ทรงอิทธิพลด้านการศึกษา', en: 'Education Influencer' },
];

function serveTaxonomy(available = true) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      available && url.startsWith('/api/v1/taxonomy')
        ? jsonResponse({ promotionLevels: PROMOTION_LEVELS })
        : jsonResponse({ status: 503, title: 'unavailable' }, 503),
    ),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('LevelBadge', () => {
  it('names the level beside a name, for screen readers too, in Thai', async () => {
    serveTaxonomy();
    renderWithProviders(<LevelBadge level="influencer" />);
    expect(await screen.findByText('ผู้ทรงอิทธิพลด้านการศึกษา')).toBeInTheDocument();
    // The hidden prefix makes the badge read "ระดับ: …", not a bare word.
    expect(screen.getByTestId('level-badge')).toHaveTextContent('ระดับ: ผู้ทรงอิทธิพลด้านการศึกษา');
  });

  it('shows nothing for a plain member', async () => {
    serveTaxonomy();
    const { container } = renderWithProviders(
      <div data-testid="row">
        ครูสมใจ <LevelBadge level="member" /> <LevelBadge level="member" compact />
      </div>,
    );
    expect(await screen.findByTestId('row')).toHaveTextContent(/^ครูสมใจ\s*$/);
    expect(container.querySelector('[data-testid="level-badge"]')).toBeNull();
  });

  it('as an icon in tight rows, keeps its name as the accessible label', async () => {
    serveTaxonomy();
    renderWithProviders(<LevelBadge level="change_agent" compact />);
    expect(await screen.findByRole('img', { name: 'ระดับ: ผู้นำการเปลี่ยนแปลง' })).toBeInTheDocument();
  });

  it('gives each level its own colour', async () => {
    serveTaxonomy();
    renderWithProviders(
      <>
        <LevelBadge level="practitioner" />
        <LevelBadge level="change_agent" />
        <LevelBadge level="influencer" />
      </>,
    );
    await screen.findByText('นักปฏิบัติ');
    const backgrounds = screen
      .getAllByTestId('level-badge')
      .map((badge) => badge.getAttribute('style') ?? '');
    expect(new Set(backgrounds).size).toBe(3);
  });

  it('says it in English, and without the taxonomy uses the same names from the app', async () => {
    serveTaxonomy(false);
    renderWithProviders(
      <>
        <LevelBadge level="practitioner" />
        <LevelBadge level="influencer" compact />
      </>,
      { language: 'en' },
    );
    expect(await screen.findByText('Practitioner')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Level: Education Influencer' })).toBeInTheDocument();
  });
});
