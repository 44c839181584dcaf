/**
 * The voucher check answers only the redemption's id and the perk's Thai title. To show who the voucher belongs to
 * and when it was used, the redemption is looked up among the partner's fulfilled ones (the perk's, a few pages at
 * most): best effort, nothing is shown when it is not found.
 */
import { useQuery } from '@tanstack/react-query';
import {
  marketplaceControllerPartnerRedemptions,
  useMarketplaceControllerPartnerPerks,
} from '../../../api/generated/marketplace/marketplace';
import type { RedemptionWithHistoryResponse } from '../../../api/generated/model';

const MAX_PAGES = 5;

export function useVoucherRedemption(redemptionId: string | undefined, perkTitle: string | undefined) {
  const perks = useMarketplaceControllerPartnerPerks({ query: { enabled: Boolean(redemptionId) } });
  const perkIds = (perks.data?.data.items ?? [])
    .filter((perk) => perk.title === perkTitle && perk.fulfilment !== 'manual')
    .map((perk) => perk.id);
  return useQuery({
    queryKey: ['partner-voucher-redemption', redemptionId, perkIds],
    enabled: Boolean(redemptionId) && !perks.isLoading,
    staleTime: Infinity,
    retry: false,
    queryFn: async (): Promise<RedemptionWithHistoryResponse | null> => {
      const scopes: (string | undefined)[] = perkIds.length ? perkIds : [undefined];
      for (const perkId of scopes) {
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const response = await marketplaceControllerPartnerRedemptions({
            status: 'fulfilled',
            ...(perkId ? { perkId } : {}),
            ...(cursor ? { cursor } : {}),
          });
          const found = response.data.items.find((item) => item.id === redemptionId);
          if (found) return found;
          cursor = response.data.nextCursor ?? undefined;
          if (!cursor) break;
        }
      }
      return null;
    },
  });
}

/** When the voucher was used: the check adds a second "fulfilled" step to the redemption's history. */
export function usedAtOf(redemption: RedemptionWithHistoryResponse | null | undefined): string | null {
  const fulfilled = (redemption?.history ?? []).filter((step) => step.status === 'fulfilled');
  return fulfilled.length > 1 ? fulfilled[fulfilled.length - 1].at : null;
}
