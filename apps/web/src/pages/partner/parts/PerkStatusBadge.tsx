import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERK_STATUS_COLOR, PerkStatus } from './perkLabels';

/** A dot badge: the colour is the dot, the words stay dark, so every status reads with enough contrast. */
export function PerkStatusBadge({ status }: { status: PerkStatus }) {
  const { t } = useTranslation('partner');
  return (
    <Badge variant="dot" color={PERK_STATUS_COLOR[status]} size="lg" tt="none" fw={600}>
      {t(`status.${status}`)}
    </Badge>
  );
}
