/**
 * The four levels of recognition (member → practitioner → change agent → influencer): how each looks beside a name
 * and what it is called. The names are the taxonomy's promotionLevels (loaded once per visit); until it has loaded,
 * or when it cannot, the same names from the i18n files stand in, so a badge never shows a bare code.
 */
import { IconCrown, IconPlant2, IconRocket, type TablerIcon } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useInnovationsControllerTaxonomy } from '../api/generated/innovations/innovations';

export const LEVEL_CODES = ['member', 'practitioner', 'change_agent', 'influencer'] as const;
export type LevelCode = (typeof LEVEL_CODES)[number];

export function isLevelCode(value: unknown): value is LevelCode {
  return typeof value === 'string' && (LEVEL_CODES as readonly string[]).includes(value);
}

export interface LevelLook {
  icon: TablerIcon;
  /** Mantine colour of the badge's background. */
  color: string;
  /** The text and icon colour on it: dark shades, for 4.5:1 contrast. */
  text: string;
  variant: 'light' | 'filled';
}

/**
 * A colour per level that tells them apart at a glance (and also without colour: each has its own icon). A plain
 * member has no look: nothing is shown beside their name.
 */
export const LEVEL_LOOKS: Record<Exclude<LevelCode, 'member'>, LevelLook> = {
  practitioner: { icon: IconPlant2, color: 'blue', text: 'blue.9', variant: 'light' },
  change_agent: { icon: IconRocket, color: 'grape', text: 'grape.9', variant: 'light' },
  influencer: { icon: IconCrown, color: 'yellow.4', text: 'dark.8', variant: 'filled' },
};

export function levelLook(code: string | null | undefined): LevelLook | null {
  return code && code in LEVEL_LOOKS ? LEVEL_LOOKS[code as keyof typeof LEVEL_LOOKS] : null;
}

/** The name of a level in the reader's language: the taxonomy's, else the i18n file's, else the code. */
export function useLevelName(): (code: string) => string {
  const { t, i18n } = useTranslation('recognition');
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity, gcTime: Infinity } });
  const levels = taxonomy.data?.data.promotionLevels;
  const english = i18n.language === 'en';
  return useCallback(
    (code: string) => {
      const found = levels?.find((level) => level.code === code);
      if (found) return (english ? found.en || found.th : found.th || found.en) ?? code;
      return t(`levels.${code}`, { defaultValue: code });
    },
    [levels, english, t],
  );
}
