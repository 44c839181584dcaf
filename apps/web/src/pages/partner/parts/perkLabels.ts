/**
 * How a perk's status, fulfilment mode and titles read to partner staff: one place for the colours and i18n keys the
 * list, the editor and the statistics share.
 */
import type { MantineColor } from '@mantine/core';
import type { PartnerPerkResponseStatus, PerkResponse } from '../../../api/generated/model';

export type PerkStatus = PartnerPerkResponseStatus;

export const PERK_STATUS_COLOR: Record<PerkStatus, MantineColor> = {
  draft: 'gray',
  pending_approval: 'yellow',
  live: 'green',
  paused: 'orange',
  ended: 'red',
};

/** The title in the reader's language (Thai when there is no English one). */
export function perkTitle(perk: Pick<PerkResponse, 'title' | 'titleEn'>, language: string): string {
  return language === 'en' && perk.titleEn ? perk.titleEn : perk.title;
}

/** What partner staff may do with a perk in each status (the API's allowed transitions). */
export function perkActions(status: PerkStatus): { submit: boolean; pause: boolean; end: boolean } {
  return {
    submit: status === 'draft' || status === 'paused',
    pause: status === 'live',
    end: status !== 'ended',
  };
}
