/**
 * Perks partners sent for approval. Approving makes a perk live in the catalogue; sending it back returns it to its
 * partner as a draft with a note on what to change, and it comes back here when the partner submits it again.
 */
import {
  Badge,
  Button,
  Card,
  DataList,
  Group,
  Image,
  SimpleGrid,
  Spoiler,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInnovationsControllerTaxonomy } from '../../../api/generated/innovations/innovations';
import {
  getMarketplaceControllerPendingQueryKey,
  useMarketplaceControllerApprove,
  useMarketplaceControllerPending,
  useMarketplaceControllerReturnPerk,
} from '../../../api/generated/marketplace/marketplace';
import type { PerkResponse } from '../../../api/generated/model';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatNumber } from '../../../format/format';
import { pickName, QueryGate, ReasonModal } from './shared';

/** The API's ReturnPerkDto: the note is trimmed, then 1–1000 characters. */
const NOTE_LIMITS = { min: 1, max: 1000 };

function PendingPerk({ perk }: { perk: PerkResponse }) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const approve = useMarketplaceControllerApprove();
  const sendBack = useMarketplaceControllerReturnPerk();
  const [sendingBack, setSendingBack] = useState(false);
  const category = taxonomy.data?.data.perkCategories.find((item) => item.code === perk.category);
  const kinds = taxonomy.data?.data.memberKinds ?? [];
  const title = pickName(lang, perk.title, perk.titleEn);
  const eligibleKinds = perk.eligibility.memberKinds ?? [];
  const eligibleAreas = perk.eligibility.areaIds ?? [];

  const onApprove = async () => {
    try {
      await approve.mutateAsync({ id: perk.id });
    } catch {
      return;
    }
    notifications.show({ color: 'lc', message: t('perks.approved', { title }) });
    void queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPendingQueryKey() });
  };

  const closeSendBack = () => {
    setSendingBack(false);
    sendBack.reset();
  };

  const onSendBack = async (reason: string) => {
    try {
      await sendBack.mutateAsync({ id: perk.id, data: { reason } });
    } catch {
      return; // shown in the dialog
    }
    setSendingBack(false);
    notifications.show({ color: 'lc', message: t('perks.sentBack', { title }) });
    void queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPendingQueryKey() });
  };

  const validity =
    perk.validFrom || perk.validUntil
      ? t('perks.validRange', {
          from: perk.validFrom ? formatDate(perk.validFrom, lang) : t('perks.now'),
          until: perk.validUntil ? formatDate(perk.validUntil, lang) : t('perks.noEnd'),
        })
      : t('perks.always');

  return (
    <Card withBorder radius="md" padding="md" component="article" data-testid="pending-perk">
      {perk.images[0] ? (
        <Card.Section mb="sm">
          <Image src={perk.images[0]} alt="" h={160} fit="cover" />
        </Card.Section>
      ) : null}
      <Stack gap="sm">
        <div>
          <Group gap="xs" mb={4}>
            {category ? <Badge variant="light">{pickName(lang, category.th, category.en)}</Badge> : null}
            <Badge variant="light" color="yellow" c="dark">
              {t('common:points', { count: perk.cost, formatted: formatNumber(perk.cost, lang) })}
            </Badge>
          </Group>
          <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {lang === 'en' && perk.partnerNameEn ? perk.partnerNameEn : perk.partnerName}
          </Text>
        </div>
        <Spoiler maxHeight={72} showLabel={t('showMore')} hideLabel={t('showLess')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {pickName(lang, perk.description, perk.descriptionEn)}
          </Text>
        </Spoiler>
        <DataList size="sm" orientation="horizontal" gap={6} labelWidth={120}>
          <DataList.Item>
            <DataList.ItemLabel>{t('perks.stock')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {perk.stockTotal == null
                ? t('perks.unlimited')
                : t('perks.stockOf', {
                    left: formatNumber(perk.stockLeft ?? perk.stockTotal, lang),
                    total: formatNumber(perk.stockTotal, lang),
                  })}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('perks.limit')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {perk.perMemberLimit == null
                ? t('perks.noLimit')
                : t(`perks.limitPer.${perk.limitPeriod}`, { count: perk.perMemberLimit })}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('perks.fulfilment')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {t(`perks.fulfilmentKinds.${perk.fulfilment}`, { hours: perk.fulfilmentHours })}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('perks.validity')}</DataList.ItemLabel>
            <DataList.ItemValue>{validity}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('perks.eligibility')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {eligibleKinds.length === 0 && eligibleAreas.length === 0
                ? t('perks.everyone')
                : [
                    eligibleKinds
                      .map((code) => {
                        const kind = kinds.find((item) => item.code === code);
                        return kind ? pickName(lang, kind.th, kind.en) : code;
                      })
                      .join(', '),
                    eligibleAreas.length ? t('perks.areas', { count: eligibleAreas.length }) : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <ProblemAlert error={approve.error} />
        {/* One above the other on a phone: side by side, "ส่งกลับให้แก้ไข" did not fit in half of 360 px. */}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button
            h={44}
            leftSection={<IconCheck size={18} aria-hidden />}
            onClick={() => void onApprove()}
            loading={approve.isPending}
            disabled={sendBack.isPending}
            data-testid="perk-approve"
            aria-label={t('perks.approveNamed', { title })}
          >
            {t('perks.approve')}
          </Button>
          <Button
            h={44}
            variant="default"
            leftSection={<IconArrowBackUp size={18} aria-hidden />}
            onClick={() => setSendingBack(true)}
            disabled={approve.isPending}
            data-testid="perk-send-back"
            aria-label={t('perks.sendBackNamed', { title })}
          >
            {t('perks.sendBack')}
          </Button>
        </SimpleGrid>
      </Stack>
      <ReasonModal
        opened={sendingBack}
        title={t('perks.sendBackTitle')}
        explain={t('perks.sendBackExplain', { title })}
        label={t('perks.sendBackReason')}
        required
        confirmLabel={t('perks.sendBackConfirm')}
        color="orange.9"
        pending={sendBack.isPending}
        error={sendBack.error}
        limits={NOTE_LIMITS}
        texts={{
          hint: t('perks.sendBackHint'),
          tooShort: t('perks.sendBackRequired'),
          tooLong: t('perks.sendBackTooLong'),
        }}
        testId="perk-send-back-reason"
        onClose={closeSendBack}
        onConfirm={(reason) => void onSendBack(reason ?? '')}
      />
    </Card>
  );
}

export function PerkApprovalsPanel() {
  const { t } = useTranslation('admin');
  const pending = useMarketplaceControllerPending();
  const items = pending.data?.data.items ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('perks.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('perks.intro')}
        </Text>
      </div>
      <QueryGate query={pending} errorTitle={t('loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t('perks.empty')}>{t('perks.emptyBody')}</EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {items.map((perk) => (
              <PendingPerk key={perk.id} perk={perk} />
            ))}
          </SimpleGrid>
        )}
      </QueryGate>
    </Stack>
  );
}
