/**
 * The confirmation before points are spent, and what the member gets right after: the voucher (code + QR) or, for a
 * perk the partner fulfils by hand, the request's deadline. One Idempotency-Key per opening of the modal (made by
 * the caller when it opens), sent again on every retry, so a double tap or a retry after a lost answer never
 * redeems twice.
 */
import { Alert, Button, Divider, Group, List, Modal, Stack, Text, Textarea, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconClock, IconCoin } from '@tabler/icons-react';
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/http';
import { marketplaceControllerRedeem } from '../../../api/generated/marketplace/marketplace';
import { CataloguePerkResponse, RedemptionReceiptResponse } from '../../../api/generated/model';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../format/format';
import { perkTitle } from './perkText';
import { perkTerms } from './terms';
import { usePointsLabel } from './usePoints';
import { VoucherCard } from './VoucherCard';

const ERROR_TITLES: Record<string, string> = {
  LEDGER_INSUFFICIENT_POINTS: 'confirm.errorPoints',
  PERK_OUT_OF_STOCK: 'confirm.errorSoldOut',
  PERK_LIMIT_REACHED: 'confirm.errorLimit',
  PERK_NOT_AVAILABLE: 'confirm.errorClosed',
  PERK_NOT_ELIGIBLE: 'confirm.errorNotEligible',
};

/** The query caches a redemption changes: my points, the catalogue's stock and limits, my redemptions. */
const STALE_AFTER_REDEEM = ['/api/v1/me/wallet', '/api/v1/perks', '/api/v1/me/redemptions'];

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="md" c={strong ? undefined : 'gray.8'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'md'} fw={700} c={strong ? 'lc.9' : undefined} ta="right">
        {value}
      </Text>
    </Group>
  );
}

function Confirmation({
  perk,
  spendable,
  idempotencyKey,
  onClose,
  onRedeemed,
}: {
  perk: CataloguePerkResponse;
  spendable: number | undefined;
  idempotencyKey: string;
  onClose: () => void;
  onRedeemed: (receipt: RedemptionReceiptResponse) => void;
}) {
  const { t, i18n } = useTranslation('market');
  const points = usePointsLabel();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const manual = perk.fulfilment === 'manual';
  const redeem = useMutation({
    mutationKey: ['redeem', idempotencyKey],
    mutationFn: (body: { note?: string }) =>
      marketplaceControllerRedeem(perk.id, body, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (answer) => {
      for (const prefix of STALE_AFTER_REDEEM)
        void queryClient.invalidateQueries({
          predicate: (query) => typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(prefix),
        });
      onRedeemed(answer.data);
    },
  });
  const code = redeem.error instanceof ApiError ? redeem.error.code : undefined;
  const errorTitle = code && ERROR_TITLES[code] ? t(ERROR_TITLES[code]) : t('confirm.errorTitle');
  const after = spendable === undefined ? undefined : spendable - perk.cost;

  return (
    <Stack gap="md">
      <Text fw={600} size="lg" lh={1.4}>
        {perkTitle(perk, i18n.language)}
      </Text>
      <Stack gap={8} data-testid="redeem-summary">
        <Row label={t('confirm.cost')} value={points(perk.cost)} strong />
        {spendable !== undefined && after !== undefined ? (
          <>
            <Row label={t('confirm.now')} value={points(spendable)} />
            <Divider />
            <Row label={t('confirm.after')} value={points(after)} />
          </>
        ) : null}
      </Stack>
      <Stack gap={6}>
        <Text fw={700} size="sm">
          {t('confirm.terms')}
        </Text>
        <List size="sm" spacing={4} c="gray.8">
          {perkTerms(perk, t, i18n.language).map((term) => (
            <List.Item key={term}>{term}</List.Item>
          ))}
        </List>
      </Stack>
      {manual ? (
        <Textarea
          label={t('confirm.note')}
          description={t('confirm.noteHint')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={1000}
          rows={3}
          disabled={redeem.isPending}
          size="md"
        />
      ) : null}
      <ProblemAlert error={redeem.error} title={errorTitle} />
      <Group justify="flex-end" gap="sm" wrap="wrap-reverse">
        <Button variant="default" onClick={onClose} disabled={redeem.isPending} h={48}>
          {t('common:actions.cancel')}
        </Button>
        <Button
          data-testid="redeem-confirm"
          h={48}
          loading={redeem.isPending}
          disabled={redeem.isPending}
          leftSection={<IconCoin size={20} aria-hidden />}
          onClick={() => redeem.mutate(note.trim() ? { note: note.trim() } : {})}
        >
          {t('confirm.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function Receipt({
  perk,
  receipt,
  onClose,
  onFullScreenChange,
}: {
  perk: CataloguePerkResponse;
  receipt: RedemptionReceiptResponse;
  onClose: () => void;
  onFullScreenChange: (open: boolean) => void;
}) {
  const { t, i18n } = useTranslation('market');
  const points = usePointsLabel();
  const title = perkTitle(perk, i18n.language);
  return (
    <Stack gap="md" data-testid="redeem-success">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={44} radius="xl" color="lc" variant="light" aria-hidden>
          <IconCircleCheck size={28} />
        </ThemeIcon>
        <Text fw={600} lh={1.4}>
          {title}
        </Text>
      </Group>
      {receipt.voucher ? (
        <>
          <VoucherCard code={receipt.voucher.code} title={title} onFullScreenChange={onFullScreenChange} />
          <Text size="sm" c="gray.8">
            {t('success.voucher')}
          </Text>
        </>
      ) : (
        <Alert color="lc" variant="light" icon={<IconClock size={20} />}>
          <Stack gap={4}>
            <Text size="sm">{t('success.manual', { points: points(receipt.cost) })}</Text>
            {receipt.deadlineAt ? (
              <Text size="sm">
                {t('success.deadline', { date: formatDateTime(receipt.deadlineAt, i18n.language) })}
              </Text>
            ) : null}
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end" gap="sm" wrap="wrap-reverse">
        <Button variant="default" onClick={onClose} h={48}>
          {t('success.done')}
        </Button>
        <Button component={Link} to="/me/redemptions" h={48} data-testid="redemptions-link">
          {t('success.mine')}
        </Button>
      </Group>
    </Stack>
  );
}

export function RedeemModal({
  perk,
  spendable,
  idempotencyKey,
  opened,
  onClose,
}: {
  perk: CataloguePerkResponse;
  spendable: number | undefined;
  /** Made when the modal opens; the same for every try within this opening. */
  idempotencyKey: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('market');
  const [receipt, setReceipt] = useState<{ key: string; answer: RedemptionReceiptResponse } | null>(null);
  const done = receipt?.key === idempotencyKey ? receipt.answer : null;
  // While the request is on its way the modal stays: its answer (the voucher) must be seen.
  const sending = useIsMutating({ mutationKey: ['redeem', idempotencyKey] }) > 0;
  // Escape on the voucher's full-screen view closes that view only, not this receipt behind it.
  const [voucherFullScreen, setVoucherFullScreen] = useState(false);
  return (
    <Modal
      opened={opened}
      closeOnEscape={!voucherFullScreen}
      onClose={() => {
        if (!sending) onClose();
      }}
      title={done ? t('success.title') : t('confirm.title')}
      centered
      radius="lg"
      size="md"
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {done ? (
        <Receipt perk={perk} receipt={done} onClose={onClose} onFullScreenChange={setVoucherFullScreen} />
      ) : (
        <Confirmation
          key={idempotencyKey}
          perk={perk}
          spendable={spendable}
          idempotencyKey={idempotencyKey}
          onClose={onClose}
          onRedeemed={(answer) => setReceipt({ key: idempotencyKey, answer })}
        />
      )}
    </Modal>
  );
}
