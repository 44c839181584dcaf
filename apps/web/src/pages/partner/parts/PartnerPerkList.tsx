/**
 * "My perks": every perk of the partner with its status, points, stock and what can be done next (edit, send for
 * approval, pause, end), each change confirmed first. A draft OBEC sent back shows OBEC's note until it is sent again.
 */
import { Alert, Button, Card, Group, Image, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconEdit,
  IconPlayerPause,
  IconPlus,
  IconSend,
  IconSquareX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  getMarketplaceControllerPartnerPerksQueryKey,
  useMarketplaceControllerEnd,
  useMarketplaceControllerPartnerPerks,
  useMarketplaceControllerPause,
  useMarketplaceControllerSubmit,
} from '../../../api/generated/marketplace/marketplace';
import type { PerkResponse, PerkReviewResponse } from '../../../api/generated/model';
import { EmptyState, PageLoader } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatNumber } from '../../../format/format';
import { perkActions, perkTitle } from './perkLabels';
import { PerkStatusBadge } from './PerkStatusBadge';

type Action = 'submit' | 'pause' | 'end';

function StockText({ perk }: { perk: PerkResponse }) {
  const { t, i18n } = useTranslation('partner');
  if (perk.stockTotal === null || perk.stockLeft === null) return <>{t('perks.stockUnlimited')}</>;
  return (
    <>
      {t('perks.stockLeft', {
        left: formatNumber(perk.stockLeft, i18n.language),
        total: formatNumber(perk.stockTotal, i18n.language),
      })}
    </>
  );
}

/** OBEC's note on a perk it sent back: what to change, and when it was sent back. */
function ReviewNote({ review }: { review: PerkReviewResponse }) {
  const { t, i18n } = useTranslation('partner');
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconArrowBackUp size={20} aria-hidden />}
      data-testid="perk-review-note"
    >
      <Text fw={600} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {t('perks.review.note', { note: review.note })}
      </Text>
      <Text size="sm" mt={4}>
        {t('perks.review.at', { date: formatDate(review.at, i18n.language) })}
      </Text>
    </Alert>
  );
}

function PerkRow({ perk, onAction }: { perk: PerkResponse; onAction: (action: Action) => void }) {
  const { t, i18n } = useTranslation('partner');
  const allowed = perkActions(perk.status);
  const lowStock = perk.stockLeft !== null && perk.stockTotal !== null && perk.stockLeft <= 0;
  return (
    <Card withBorder padding="md" radius="md" data-testid="partner-perk" data-status={perk.status}>
      <Stack gap="sm">
        <Group wrap="nowrap" align="flex-start" gap="sm">
          {perk.images[0] ? (
            <Image
              src={perk.images[0]}
              alt=""
              w={64}
              h={64}
              radius="sm"
              fit="cover"
              style={{ flexShrink: 0 }}
            />
          ) : null}
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
              {perkTitle(perk, i18n.language)}
            </Title>
            <Group gap="xs">
              <PerkStatusBadge status={perk.status} />
              <Text size="sm" c="dimmed">
                {t(`fulfilment.${perk.fulfilment}.short`)}
              </Text>
            </Group>
          </Stack>
        </Group>
        {perk.status === 'draft' && perk.review ? <ReviewNote review={perk.review} /> : null}
        <Group gap="lg" wrap="wrap">
          <div>
            <Text size="sm" c="dimmed">
              {t('perks.cost')}
            </Text>
            <Text fw={700}>
              {t('common:points', { count: perk.cost, formatted: formatNumber(perk.cost, i18n.language) })}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('perks.stock')}
            </Text>
            <Text fw={700} c={lowStock ? 'red.9' : undefined}>
              <StockText perk={perk} />
            </Text>
          </div>
          {perk.validFrom || perk.validUntil ? (
            <div>
              <Text size="sm" c="dimmed">
                {t('perks.validity')}
              </Text>
              <Text fw={600}>
                {t('perks.validRange', {
                  from: perk.validFrom ? formatDate(perk.validFrom, i18n.language) : '…',
                  until: perk.validUntil ? formatDate(perk.validUntil, i18n.language) : '…',
                })}
              </Text>
            </div>
          ) : null}
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button
            component={Link}
            to={`/partner/perks/${perk.id}`}
            variant="light"
            leftSection={<IconEdit size={18} aria-hidden />}
          >
            {t('common:actions.edit')}
          </Button>
          {allowed.submit ? (
            <Button leftSection={<IconSend size={18} aria-hidden />} onClick={() => onAction('submit')}>
              {perk.status === 'paused' ? t('perks.actions.resubmit') : t('perks.actions.submit')}
            </Button>
          ) : null}
          {allowed.pause ? (
            <Button
              variant="default"
              leftSection={<IconPlayerPause size={18} aria-hidden />}
              onClick={() => onAction('pause')}
            >
              {t('perks.actions.pause')}
            </Button>
          ) : null}
          {allowed.end ? (
            <Button
              variant="subtle"
              color="red.9"
              leftSection={<IconSquareX size={18} aria-hidden />}
              onClick={() => onAction('end')}
            >
              {t('perks.actions.end')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

export function PartnerPerkList() {
  const { t, i18n } = useTranslation('partner');
  const queryClient = useQueryClient();
  const query = useMarketplaceControllerPartnerPerks();
  const [pending, setPending] = useState<{ perk: PerkResponse; action: Action } | null>(null);
  const submit = useMarketplaceControllerSubmit();
  const pause = useMarketplaceControllerPause();
  const end = useMarketplaceControllerEnd();
  const mutation = pending?.action === 'submit' ? submit : pending?.action === 'pause' ? pause : end;

  const close = () => {
    setPending(null);
    submit.reset();
    pause.reset();
    end.reset();
  };

  const run = async () => {
    if (!pending) return;
    const { perk, action } = pending;
    try {
      await mutation.mutateAsync({ id: perk.id });
      notifications.show({
        color: 'green',
        message: t(`perks.done.${action}`, { title: perkTitle(perk, i18n.language) }),
      });
      await queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPartnerPerksQueryKey() });
      close();
    } catch {
      // shown in the dialog
    }
  };

  const newButton = (
    <Button component={Link} to="/partner/perks/new" leftSection={<IconPlus size={18} aria-hidden />}>
      {t('perks.new')}
    </Button>
  );

  if (query.isLoading) return <PageLoader />;
  if (query.isError)
    return (
      <Stack>
        <ProblemAlert error={query.error} />
        <Button variant="default" onClick={() => void query.refetch()} style={{ alignSelf: 'flex-start' }}>
          {t('common:actions.retry')}
        </Button>
      </Stack>
    );
  const perks = query.data?.data.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text c="dimmed">{t('perks.count', { count: perks.length })}</Text>
        {newButton}
      </Group>
      {perks.length === 0 ? (
        <EmptyState title={t('perks.empty.title')}>{t('perks.empty.body')}</EmptyState>
      ) : (
        perks.map((perk) => (
          <PerkRow key={perk.id} perk={perk} onAction={(action) => setPending({ perk, action })} />
        ))
      )}
      <Modal
        opened={pending !== null}
        onClose={close}
        title={pending ? t(`perks.confirm.${pending.action}.title`) : ''}
        centered
      >
        {pending ? (
          <Stack>
            <Text fw={600}>{perkTitle(pending.perk, i18n.language)}</Text>
            <Text>{t(`perks.confirm.${pending.action}.body`)}</Text>
            {pending.action === 'end' ? (
              <Alert color="red" variant="light">
                {t('perks.confirm.end.warning')}
              </Alert>
            ) : null}
            <ProblemAlert error={mutation.error} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close} disabled={mutation.isPending}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color={pending.action === 'end' ? 'red.9' : undefined}
                loading={mutation.isPending}
                onClick={() => void run()}
              >
                {t(`perks.confirm.${pending.action}.ok`)}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
