import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCoin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CataloguePerkResponse } from '../../../api/generated/model';
import { formatNumber } from '../../../format/format';
import { perkBlockers, pointsShort } from './eligibility';
import { PerkImage } from './PerkImage';
import { partnerName, perkTitle } from './perkText';
import classes from './market.module.css';

/** One perk in the catalogue grid: picture, partner, title, cost, stock left and whether I can afford it. */
export function PerkCard({
  perk,
  spendable,
}: {
  perk: CataloguePerkResponse;
  spendable: number | undefined;
}) {
  const { t, i18n } = useTranslation('market');
  const language = i18n.language;
  const title = perkTitle(perk, language);
  const blockers = perkBlockers(perk, spendable);
  const first = blockers[0];
  let hint: { label: string; color: string; variant: string } | null = null;
  if (first === 'points')
    hint = {
      label: t('card.short', {
        formatted: t('common:points', {
          count: pointsShort(perk.cost, spendable),
          formatted: formatNumber(pointsShort(perk.cost, spendable), language),
        }),
      }),
      color: 'gray',
      variant: 'default',
    };
  else if (first === 'soldOut') hint = { label: t('card.soldOut'), color: 'gray', variant: 'light' };
  else if (first === 'limit') hint = { label: t('card.limitReached'), color: 'gray', variant: 'light' };
  else if (first === 'notEligible') hint = { label: t('card.notEligible'), color: 'gray', variant: 'light' };
  else if (first === 'ended' || first === 'notStarted')
    hint = { label: t('card.closed'), color: 'gray', variant: 'light' };
  else if (spendable !== undefined) hint = { label: t('card.affordable'), color: 'lc', variant: 'light' };

  return (
    <Card
      component={Link}
      to={`/perks/${perk.id}`}
      data-testid="perk-card"
      padding={0}
      radius="lg"
      withBorder
      className={classes.perkCard}
    >
      <Card.Section>
        <PerkImage images={perk.images} category={perk.category} alt="" />
      </Card.Section>
      <Stack gap={6} p="sm" style={{ flex: 1 }}>
        <Text size="xs" c="gray.7" lineClamp={1}>
          {partnerName(perk.partner, language)}
        </Text>
        <Title order={2} fz="sm" fw={600} lh={1.35} lineClamp={2} className={classes.cardTitle}>
          {title}
        </Title>
        <Stack gap={4} mt="auto">
          <Group gap={4} wrap="nowrap" align="center">
            <IconCoin size={18} color="var(--mantine-color-yellow-6)" aria-hidden style={{ flexShrink: 0 }} />
            <Text fw={700} c="lc.9" size="md" lh={1.2}>
              {t('common:points', { count: perk.cost, formatted: formatNumber(perk.cost, language) })}
            </Text>
          </Group>
          <Text size="xs" c="gray.7">
            {perk.stockLeft === null
              ? t('card.unlimited')
              : t('card.stockLeft', { formatted: formatNumber(perk.stockLeft, language) })}
          </Text>
          {hint ? (
            <Badge
              color={hint.color}
              variant={hint.variant}
              radius="sm"
              size="md"
              tt="none"
              fw={600}
              className={classes.hint}
              data-testid="perk-hint"
            >
              {hint.label}
            </Badge>
          ) : null}
        </Stack>
      </Stack>
    </Card>
  );
}
