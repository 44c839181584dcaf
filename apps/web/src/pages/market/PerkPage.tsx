/**
 * /perks/:id — one perk: picture, partner, cost, stock, validity, how it is fulfilled, who may redeem it (and why
 * not), the details and terms, and the redeem button (แลกสิทธิ์) that opens the confirmation.
 */
import {
  Alert,
  Avatar,
  Badge,
  Button,
  Container,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconArrowLeft,
  IconCalendar,
  IconCoin,
  IconPackage,
  IconQrcode,
  IconTicket,
  IconTruckDelivery,
  IconUser,
} from '@tabler/icons-react';
import { ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMarketplaceControllerPerk } from '../../api/generated/marketplace/marketplace';
import { CataloguePerkResponse } from '../../api/generated/model';
import { ApiError } from '../../api/http';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatNumber } from '../../format/format';
import { categoryKey, categoryLook } from './parts/categories';
import { perkBlockers } from './parts/eligibility';
import { useBlockerText } from './parts/useBlockerText';
import { PerkImage } from './parts/PerkImage';
import { partnerName, perkDescription, perkTitle } from './parts/perkText';
import { RedeemModal } from './parts/RedeemModal';
import { limitRule, newIdempotencyKey, perkTerms } from './parts/terms';
import { usePointsLabel, useSpendable } from './parts/usePoints';
import classes from './parts/market.module.css';

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon size={36} radius="md" variant="light" color="lc" aria-hidden>
        {icon}
      </ThemeIcon>
      <Stack gap={0} miw={0}>
        <Text size="xs" c="gray.7">
          {label}
        </Text>
        <Text size="sm" fw={600} lh={1.35}>
          {children}
        </Text>
      </Stack>
    </Group>
  );
}

function BackLink() {
  const { t } = useTranslation('market');
  return (
    <Button
      component={Link}
      to="/perks"
      variant="subtle"
      h={44}
      px="xs"
      leftSection={<IconArrowLeft size={18} aria-hidden />}
      style={{ alignSelf: 'flex-start' }}
    >
      {t('perk.back')}
    </Button>
  );
}

function PerkView({ perk }: { perk: CataloguePerkResponse }) {
  const { t, i18n } = useTranslation('market');
  const language = i18n.language;
  const points = usePointsLabel();
  const { spendable } = useSpendable();
  const blockers = perkBlockers(perk, spendable);
  const blockerText = useBlockerText(perk, spendable);
  const title = perkTitle(perk, language);
  const look = categoryLook(perk.category);
  const rule = limitRule(perk, t);
  const [redeemKey, setRedeemKey] = useState<string | null>(null);
  const [redeemOpen, setRedeemOpen] = useState(false);

  useEffect(() => {
    document.title = `${title} · ${t('common:app.shortName')}`;
  }, [title, t]);

  const validity =
    perk.validFrom && perk.validUntil
      ? t('perk.validRange', {
          from: formatDate(perk.validFrom, language),
          to: formatDate(perk.validUntil, language),
        })
      : perk.validUntil
        ? t('perk.validUntil', { date: formatDate(perk.validUntil, language) })
        : perk.validFrom
          ? t('perk.validFrom', { date: formatDate(perk.validFrom, language) })
          : t('perk.validOpen');

  return (
    <Container size="lg" px="sm" py="md">
      <Stack gap="sm">
        <BackLink />
        <div className={classes.perkLayout}>
          <div className={classes.perkImage}>
            <PerkImage
              images={perk.images}
              category={perk.category}
              alt={t('card.imageAlt', { title })}
              ratio={16 / 10}
              radius="var(--mantine-radius-lg)"
              iconSize={96}
            />
          </div>

          <Stack gap="md" className={classes.perkInfo}>
            <Stack gap="xs">
              <Badge
                variant="light"
                color="gray"
                c="gray.9"
                size="lg"
                radius="sm"
                tt="none"
                fw={600}
                leftSection={
                  <look.icon size={16} aria-hidden color={`var(--mantine-color-${look.color}-8)`} />
                }
                style={{ alignSelf: 'flex-start' }}
              >
                {t(categoryKey(perk.category))}
              </Badge>
              <Title order={1} size="h2" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
                {title}
              </Title>
              <Group gap="xs" wrap="nowrap">
                <Avatar color="lc" radius="xl" size={32} aria-hidden>
                  {partnerName(perk.partner, language).slice(0, 1)}
                </Avatar>
                <Stack gap={0} miw={0}>
                  <Text size="xs" c="gray.7">
                    {t('perk.partner')}
                  </Text>
                  <Text size="sm" fw={600} lineClamp={2}>
                    {partnerName(perk.partner, language)}
                  </Text>
                </Stack>
              </Group>
            </Stack>

            <Group gap={6} wrap="nowrap" align="center">
              <IconCoin size={28} color="var(--mantine-color-yellow-6)" aria-hidden />
              <Text fz={28} fw={700} c="lc.9" lh={1.1} data-testid="perk-cost">
                {points(perk.cost)}
              </Text>
            </Group>

            {blockers.length > 0 ? (
              <Alert
                color="orange"
                variant="light"
                icon={<IconAlertCircle size={20} />}
                title={t('perk.eligibility.title')}
                data-testid="perk-blockers"
                styles={{
                  message: { color: 'var(--mantine-color-gray-9)' },
                  title: { color: 'var(--mantine-color-gray-9)' },
                }}
              >
                <List size="sm" spacing={4}>
                  {blockers.map((blocker) => (
                    <List.Item key={blocker} data-blocker={blocker}>
                      {blockerText(blocker)}
                    </List.Item>
                  ))}
                </List>
                {blockers.includes('points') ? (
                  <Text size="sm" mt="xs">
                    {t('perk.eligibility.pointsHelp')}
                  </Text>
                ) : null}
              </Alert>
            ) : null}

            <Paper withBorder radius="lg" p="md">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
                <Fact icon={<IconPackage size={20} />} label={t('perk.stock')}>
                  {perk.stockLeft === null
                    ? t('perk.unlimited')
                    : t('perk.stockLeft', { formatted: formatNumber(perk.stockLeft, language) })}
                </Fact>
                <Fact icon={<IconCalendar size={20} />} label={t('perk.validity')}>
                  {validity}
                </Fact>
                <Fact icon={<IconUser size={20} />} label={t('perk.limit')}>
                  {rule ?? t('perk.noLimit')}
                  {perk.myRemaining !== null && perk.myRemaining > 0 ? (
                    <Text span display="block" size="xs" fw={400} c="gray.7">
                      {t('perk.myRemaining', { count: perk.myRemaining })}
                    </Text>
                  ) : null}
                </Fact>
                <Fact
                  icon={
                    perk.fulfilment === 'manual' ? <IconTruckDelivery size={20} /> : <IconQrcode size={20} />
                  }
                  label={t('perk.fulfilment')}
                >
                  {t(`perk.fulfilmentMode.${perk.fulfilment}`)}
                </Fact>
              </SimpleGrid>
              <Text size="sm" c="gray.8" mt="md">
                {t(`perk.fulfilmentHelp.${perk.fulfilment}`)}
              </Text>
            </Paper>
          </Stack>

          <Stack gap="lg" className={classes.perkDetails}>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('perk.description')}
              </Title>
              <Text className={classes.description} lh={1.7} maw="72ch">
                {perkDescription(perk, language)}
              </Text>
            </Stack>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('perk.terms')}
              </Title>
              <List spacing={6} size="sm" maw="72ch" icon={<IconTicket size={16} aria-hidden />} center>
                {perkTerms(perk, t, language).map((term) => (
                  <List.Item key={term}>{term}</List.Item>
                ))}
              </List>
            </Stack>
          </Stack>

          <div className={`${classes.actionBar} ${classes.perkAction}`}>
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} miw={0}>
                <Text fw={700} c="lc.9" size="lg" lh={1.2}>
                  {points(perk.cost)}
                </Text>
                <Text size="xs" c="gray.7" lineClamp={2}>
                  {blockers.length > 0
                    ? blockerText(blockers[0])
                    : spendable !== undefined
                      ? t('perk.afterRedeem', { formatted: points(spendable - perk.cost) })
                      : null}
                </Text>
              </Stack>
              <Button
                data-testid="redeem"
                size="lg"
                radius="xl"
                miw={140}
                style={{ flexShrink: 0 }}
                disabled={blockers.length > 0}
                onClick={() => {
                  setRedeemKey(newIdempotencyKey());
                  setRedeemOpen(true);
                }}
              >
                {t('perk.redeem')}
              </Button>
            </Group>
          </div>
        </div>
      </Stack>
      {redeemKey ? (
        <RedeemModal
          perk={perk}
          spendable={spendable}
          idempotencyKey={redeemKey}
          opened={redeemOpen}
          onClose={() => setRedeemOpen(false)}
        />
      ) : null}
    </Container>
  );
}

export default function PerkPage() {
  const { t } = useTranslation('market');
  const { id = '' } = useParams();
  const perk = useMarketplaceControllerPerk(id);

  if (perk.isPending) return <PageLoader />;
  if (perk.isError || !perk.data) {
    const notFound =
      perk.error instanceof ApiError && (perk.error.status === 404 || perk.error.status === 400);
    return (
      <Container size="lg" px="sm" py="md">
        <Stack gap="md">
          <BackLink />
          {notFound ? (
            <EmptyState title={t('perk.notFound')} />
          ) : (
            <>
              <ProblemAlert error={perk.error} title={t('perk.loadError')} />
              <Button
                variant="default"
                onClick={() => void perk.refetch()}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('common:actions.retry')}
              </Button>
            </>
          )}
        </Stack>
      </Container>
    );
  }
  return <PerkView perk={perk.data.data} />;
}
