import { Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChevronRight, IconCoin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../format/format';
import { useSpendable, usePointsLabel } from './usePoints';

/** "พอยท์ที่ใช้ได้ 271" at the top of the catalogue, like a shopping app's coin balance. */
export function PointsBanner({ wallet }: { wallet: ReturnType<typeof useSpendable>['wallet'] }) {
  const { t, i18n } = useTranslation('market');
  const points = usePointsLabel();
  const data = wallet.data?.data;
  return (
    <Paper
      radius="lg"
      p="md"
      data-testid="spendable-points"
      style={{
        background: 'linear-gradient(120deg, var(--mantine-color-lc-9) 0%, var(--mantine-color-lc-8) 100%)',
        color: 'var(--mantine-color-white)',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group wrap="nowrap" gap="sm" miw={0}>
          <ThemeIcon size={48} radius="xl" color="yellow.4" c="yellow.9" aria-hidden>
            <IconCoin size={30} />
          </ThemeIcon>
          <Stack gap={0} miw={0}>
            <Text size="sm" c="white" fw={500}>
              {t('wallet.spendable')}
            </Text>
            {wallet.isPending ? (
              <Skeleton h={32} w={96} mt={4} radius="sm" />
            ) : wallet.isError || !data ? (
              <Text size="sm" c="white" role="alert">
                {t('wallet.loadError')}
              </Text>
            ) : (
              <Text fz={30} fw={700} lh={1.15} c="white">
                {formatNumber(data.spendable, i18n.language)}
              </Text>
            )}
            {data && data.pending > 0 ? (
              <Text size="xs" c="white">
                {t('wallet.held', { points: points(data.pending) })}
              </Text>
            ) : null}
          </Stack>
        </Group>
        <Button
          component={Link}
          to="/wallet"
          variant="white"
          color="lc.9"
          size="sm"
          h={44}
          radius="xl"
          px="sm"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          style={{ flexShrink: 0 }}
        >
          {t('wallet.link')}
        </Button>
      </Group>
    </Paper>
  );
}
