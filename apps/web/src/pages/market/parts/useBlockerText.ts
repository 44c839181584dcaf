import { useTranslation } from 'react-i18next';
import { CataloguePerkResponse } from '../../../api/generated/model';
import { formatDate } from '../../../format/format';
import { Blocker, pointsShort } from './eligibility';
import { usePointsLabel } from './usePoints';

/** The sentence a member reads for each reason the perk cannot be redeemed. */
export function useBlockerText(perk: CataloguePerkResponse, spendable: number | undefined) {
  const { t, i18n } = useTranslation('market');
  const points = usePointsLabel();
  return (blocker: Blocker): string => {
    switch (blocker) {
      case 'points':
        return t('perk.eligibility.points', { formatted: points(pointsShort(perk.cost, spendable)) });
      case 'limit':
        return t('perk.eligibility.limit');
      case 'soldOut':
        return t('perk.eligibility.soldOut');
      case 'notEligible':
        return t('perk.eligibility.notEligible');
      case 'notStarted':
        return t('perk.eligibility.notStarted', { date: formatDate(perk.validFrom, i18n.language) });
      case 'ended':
        return t('perk.eligibility.ended');
    }
  };
}
