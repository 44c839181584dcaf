import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarketplaceControllerPartnerPerks } from '../../../api/generated/marketplace/marketplace';
import { perkTitle } from './perkLabels';

/**
 * Redemptions and statistics carry only the perk's Thai title: in English, the title is taken from the partner's
 * perk list (already loaded on the partner page) when it has an English one.
 */
export function usePerkTitle(): (perkId: string, thaiTitle: string) => string {
  const { i18n } = useTranslation();
  const perks = useMarketplaceControllerPartnerPerks({ query: { staleTime: 60_000 } });
  const items = perks.data?.data.items;
  return useCallback(
    (perkId: string, thaiTitle: string) => {
      const perk = items?.find((item) => item.id === perkId);
      return perk ? perkTitle(perk, i18n.language) : thaiTitle;
    },
    [items, i18n.language],
  );
}
