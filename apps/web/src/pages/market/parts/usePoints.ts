import { useTranslation } from 'react-i18next';
import { useWalletControllerWallet } from '../../../api/generated/points/points';
import { formatNumber } from '../../../format/format';

/** The member's wallet (spendable points) as the marketplace pages read it. */
export function useSpendable() {
  const wallet = useWalletControllerWallet();
  return { wallet, spendable: wallet.data?.data.spendable };
}

/** "1,250 พอยท์" / "1,250 points": common's plural-aware points label. */
export function usePointsLabel(): (value: number) => string {
  const { t, i18n } = useTranslation();
  return (value: number) =>
    t('common:points', { count: value, formatted: formatNumber(value, i18n.language) });
}
