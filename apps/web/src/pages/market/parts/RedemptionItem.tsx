/**
 * One of my redemptions: the perk, when and for how much, its status, and what to do with it — the voucher to show
 * at the counter, the partner's deadline (and a cancel while it waits), the partner's reason, the points returned —
 * with its history underneath.
 */
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClock, IconHistory, IconInfoCircle, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarketplaceControllerCancel } from '../../../api/generated/marketplace/marketplace';
import {
  CataloguePerkResponse,
  RedemptionHistoryResponse,
  RedemptionWithHistoryResponse,
} from '../../../api/generated/model';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../format/format';
import { PerkImage } from './PerkImage';
import { partnerName, perkTitle } from './perkText';
import { usePointsLabel } from './usePoints';
import { VoucherCard } from './VoucherCard';

type Status = RedemptionWithHistoryResponse['status'];

const STATUS_COLOR: Record<Status | 'used' | 'received', string> = {
  pending: 'yellow',
  fulfilled: 'lc',
  received: 'lc',
  used: 'gray',
  rejected: 'red',
  cancelled: 'gray',
  expired: 'gray',
};

/** The partner's scan of the voucher, when it happened (the API writes the note "voucher used"). */
export function usedAt(history: RedemptionHistoryResponse[]): string | null {
  return history.find((event) => event.note === 'voucher used')?.at ?? null;
}

/** The words of one history event: known notes of the API get their own sentence. */
function eventKey(event: RedemptionHistoryResponse): string {
  if (event.status === 'fulfilled') {
    if (event.note === 'voucher issued') return 'historyEvent.issued';
    if (event.note === 'voucher used') return 'historyEvent.used';
    if (event.note === 'confirmed by the partner') return 'historyEvent.confirmed';
  }
  return `historyEvent.${event.status}`;
}

/** Statuses after which the partner's note means nothing to the member (they are the system's own words). */
const SYSTEM_NOTES = new Set([
  'voucher issued',
  'voucher used',
  'confirmed by the partner',
  'not fulfilled by the deadline',
]);

function CancelButton({ redemption, title }: { redemption: RedemptionWithHistoryResponse; title: string }) {
  const { t } = useTranslation('market');
  const points = usePointsLabel();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const cancel = useMarketplaceControllerCancel({
    mutation: {
      onSuccess: () => {
        setOpened(false);
        notifications.show({ color: 'lc', message: t('mine.cancelled') });
        for (const prefix of ['/api/v1/me/redemptions', '/api/v1/me/wallet', '/api/v1/perks'])
          void queryClient.invalidateQueries({
            predicate: (query) =>
              typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(prefix),
          });
      },
    },
  });
  return (
    <>
      <Button
        variant="default"
        color="red"
        h={44}
        radius="xl"
        leftSection={<IconX size={18} aria-hidden />}
        onClick={() => {
          cancel.reset();
          setOpened(true);
        }}
        data-testid="redemption-cancel"
        style={{ alignSelf: 'flex-start' }}
      >
        {t('mine.cancel')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => {
          if (!cancel.isPending) setOpened(false);
        }}
        title={t('mine.cancelTitle')}
        centered
        radius="lg"
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Stack gap="md">
          <Text>{t('mine.cancelBody', { title, points: points(redemption.cost) })}</Text>
          <ProblemAlert error={cancel.error} />
          <Group justify="flex-end" gap="sm" wrap="wrap-reverse">
            <Button variant="default" h={48} onClick={() => setOpened(false)} disabled={cancel.isPending}>
              {t('mine.cancelKeep')}
            </Button>
            <Button
              color="red.8"
              h={48}
              loading={cancel.isPending}
              onClick={() => cancel.mutate({ id: redemption.id })}
              data-testid="redemption-cancel-confirm"
            >
              {t('mine.cancelDo')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function RedemptionItem({
  redemption,
  perk,
}: {
  redemption: RedemptionWithHistoryResponse;
  /** The perk as the catalogue shows it, when it is still there (English title, picture, partner). */
  perk?: CataloguePerkResponse;
}) {
  const { t, i18n } = useTranslation('market');
  const language = i18n.language;
  const points = usePointsLabel();
  const title = perk ? perkTitle(perk, language) : redemption.perk.title;
  const used = usedAt(redemption.history);
  const shown: Status | 'used' | 'received' =
    redemption.status === 'fulfilled'
      ? used
        ? 'used'
        : redemption.voucher
          ? 'fulfilled'
          : 'received'
      : redemption.status;

  return (
    <Card
      withBorder
      radius="lg"
      padding="md"
      data-testid="redemption-item"
      data-status={shown}
      component="article"
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Box w={64} style={{ flexShrink: 0 }}>
            <PerkImage
              images={perk?.images ?? []}
              category={perk?.category ?? ''}
              alt=""
              ratio={1}
              radius="var(--mantine-radius-md)"
              iconSize={28}
            />
          </Box>
          <Stack gap={4} miw={0} style={{ flex: 1 }}>
            <Badge
              variant="dot"
              color={STATUS_COLOR[shown]}
              size="lg"
              tt="none"
              fw={600}
              c="gray.9"
              data-testid="redemption-status"
            >
              {t(`status.${shown}`)}
            </Badge>
            <Title order={2} fz="md" fw={700} lh={1.35} style={{ overflowWrap: 'anywhere' }}>
              <Anchor
                component={Link}
                to={`/perks/${redemption.perk.id}`}
                c="inherit"
                fw={700}
                underline="hover"
              >
                {title}
              </Anchor>
            </Title>
            {perk ? (
              <Text size="xs" c="gray.7" lineClamp={1}>
                {partnerName(perk.partner, language)}
              </Text>
            ) : null}
            <Text size="xs" c="gray.7">
              {t('mine.redeemedAt', { date: formatDateTime(redemption.createdAt, language) })} ·{' '}
              {t('mine.spent', { points: points(redemption.cost) })}
            </Text>
          </Stack>
        </Group>

        {redemption.voucher ? (
          <VoucherCard
            code={redemption.voucher.code}
            title={title}
            used={!!used}
            usedNote={used ? t('voucher.usedAt', { date: formatDateTime(used, language) }) : undefined}
          />
        ) : null}

        {redemption.status === 'fulfilled' && !redemption.voucher ? (
          <Text size="sm" c="gray.8">
            {t('mine.manualDone')}
          </Text>
        ) : null}

        {redemption.status === 'pending' ? (
          <Stack gap="sm">
            <Alert
              color="yellow"
              variant="light"
              icon={<IconClock size={20} />}
              styles={{ message: { color: 'var(--mantine-color-gray-9)' } }}
            >
              <Stack gap={2}>
                {redemption.deadlineAt ? (
                  <Text size="sm" fw={600}>
                    {t('mine.deadline', { date: formatDateTime(redemption.deadlineAt, language) })}
                  </Text>
                ) : null}
                <Text size="sm">{t('mine.pendingHelp')}</Text>
              </Stack>
            </Alert>
            <CancelButton redemption={redemption} title={title} />
          </Stack>
        ) : null}

        {redemption.status === 'rejected' ||
        redemption.status === 'cancelled' ||
        redemption.status === 'expired' ? (
          <Alert
            color="gray"
            variant="light"
            icon={<IconInfoCircle size={20} />}
            styles={{ message: { color: 'var(--mantine-color-gray-9)' } }}
          >
            <Stack gap={2}>
              {redemption.status === 'rejected' && redemption.rejectReason ? (
                <Text size="sm">{t('mine.rejectReason', { reason: redemption.rejectReason })}</Text>
              ) : null}
              <Text size="sm">{t('mine.refunded', { points: points(redemption.cost) })}</Text>
            </Stack>
          </Alert>
        ) : null}

        {redemption.history.length > 0 ? (
          <Accordion
            variant="default"
            chevronPosition="right"
            styles={{ control: { minHeight: 44 }, content: { paddingInline: 0 } }}
          >
            <Accordion.Item value="history" style={{ borderBottom: 0 }}>
              <Accordion.Control icon={<IconHistory size={18} aria-hidden />} px={0}>
                <Text size="sm" fw={600}>
                  {t('mine.history')}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Timeline
                  active={redemption.history.length - 1}
                  bulletSize={14}
                  lineWidth={2}
                  color="lc"
                  pl={4}
                >
                  {redemption.history.map((event, index) => (
                    <Timeline.Item
                      key={`${event.at}-${index}`}
                      title={
                        <Text size="sm" fw={600}>
                          {t(eventKey(event))}
                        </Text>
                      }
                    >
                      <Text size="xs" c="gray.7">
                        {formatDateTime(event.at, language)}
                      </Text>
                      {event.note && !SYSTEM_NOTES.has(event.note) ? (
                        <Text size="sm" c="gray.8">
                          {event.note}
                        </Text>
                      ) : null}
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        ) : null}
      </Stack>
    </Card>
  );
}
