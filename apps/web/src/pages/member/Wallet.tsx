/**
 * /wallet: my points like a mobile wallet: the balance, what I can spend now, what is held for redemptions, what I
 * earned in all; the statement with the reason of each transfer; updated live on `wallet.updated`.
 */
import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconBulb,
  IconMailExclamation,
  IconMessageCircle,
  IconRosette,
  IconStar,
  IconTicket,
  IconUsers,
  IconBuildingStore,
  IconSchool,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  getWalletControllerWalletQueryKey,
  useWalletControllerWallet,
  walletControllerStatement,
  walletControllerWallet,
} from '../../api/generated/points/points';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { useRealtime } from '../../realtime/RealtimeProvider';
import { StatementLine } from './parts/StatementLine';
import classes from './parts/member.module.css';

type WalletData = Awaited<ReturnType<typeof walletControllerWallet>>;
/** Starts with the API path, so the realtime provider's invalidation of `/api/v1/me/wallet` reaches it too. */
const STATEMENT_KEY = ['/api/v1/me/wallet/transfers', 'pages'] as const;

const HOW_TO_EARN = [
  { key: 'publish', icon: IconBulb },
  { key: 'adopted', icon: IconSchool },
  { key: 'endorsed', icon: IconRosette },
  { key: 'highRating', icon: IconStar },
  { key: 'reportAdoption', icon: IconUsers },
  { key: 'feedback', icon: IconMessageCircle },
] as const;

function WalletCard({ wallet, flash }: { wallet: WalletData['data']; flash: number }) {
  const { t, i18n } = useTranslation('member');
  const n = (value: number) => formatNumber(value, i18n.language);
  const stats = [
    { key: 'spendable', value: wallet.spendable, testId: 'wallet-spendable' },
    { key: 'pending', value: wallet.pending, testId: 'wallet-pending' },
    { key: 'lifetime', value: wallet.lifetimeEarned, testId: 'wallet-lifetime' },
  ] as const;
  return (
    <Card
      radius="lg"
      padding="lg"
      className={classes.walletCard}
      component="section"
      aria-labelledby="wallet-balance-label"
    >
      <Text id="wallet-balance-label" c="white" fw={600}>
        {t('wallet.balance')}
      </Text>
      <Group align="baseline" gap={8} wrap="nowrap">
        <Text
          key={flash}
          component="span"
          c="white"
          fw={700}
          fz={48}
          lh={1.15}
          data-testid="wallet-balance"
          className={flash ? classes.flash : undefined}
          style={{ display: 'inline-block' }}
        >
          {n(wallet.balance)}
        </Text>
        <Text component="span" c="white" fw={700} size="lg">
          {t('wallet.unit')}
        </Text>
      </Group>
      <SimpleGrid cols={3} spacing="xs" mt="md">
        {stats.map((stat) => (
          <Box
            key={stat.key}
            style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }}
          >
            <Text c="white" size="sm" lh={1.3}>
              {t(`wallet.${stat.key}`)}
            </Text>
            <Text c="white" fw={700} size="xl" data-testid={stat.testId}>
              {n(stat.value)}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt="lg">
        <Button
          component={Link}
          to="/perks"
          variant="white"
          color="lc.9"
          leftSection={<IconBuildingStore size={18} aria-hidden />}
        >
          {t('wallet.redeem')}
        </Button>
        <Button
          component={Link}
          to="/me/redemptions"
          variant="outline"
          color="white"
          leftSection={<IconTicket size={18} aria-hidden />}
        >
          {t('wallet.myRedemptions')}
        </Button>
      </SimpleGrid>
    </Card>
  );
}

function HowToEarn() {
  const { t } = useTranslation('member');
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="how-to-earn">
      <Title order={2} size="h4" id="how-to-earn" mb="sm">
        {t('wallet.howToEarn.title')}
      </Title>
      <Stack gap="sm" component="ul" className={classes.plain}>
        {HOW_TO_EARN.map(({ key, icon: Icon }) => (
          <Group key={key} component="li" wrap="nowrap" gap="sm">
            <ThemeIcon variant="light" radius="xl" size={36} aria-hidden style={{ flexShrink: 0 }}>
              <Icon size={20} />
            </ThemeIcon>
            <Text lh={1.5}>{t(`wallet.howToEarn.${key}`)}</Text>
          </Group>
        ))}
      </Stack>
      <Text size="sm" c="dimmed" mt="md">
        {t('wallet.howToEarn.note')}
      </Text>
    </Card>
  );
}

export default function Wallet() {
  const { t } = useTranslation('member');
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const wallet = useWalletControllerWallet();
  const [flash, setFlash] = useState(0);
  const statement = useInfiniteQuery({
    queryKey: STATEMENT_KEY,
    queryFn: async ({ pageParam, signal }) =>
      (await walletControllerStatement(pageParam ? { cursor: pageParam } : undefined, { signal })).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  useRealtime('wallet.updated', ({ balance, spendable }) => {
    queryClient.setQueryData<WalletData>(getWalletControllerWalletQueryKey(), (old) =>
      old
        ? { ...old, data: { ...old.data, balance, spendable, pending: Math.max(0, balance - spendable) } }
        : old,
    );
    void statement.refetch({ cancelRefetch: false });
    setFlash((count) => count + 1);
  });

  const lines = statement.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page title={t('wallet.title')} size="sm">
      {me && !me.emailVerified && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconMailExclamation aria-hidden />}
          title={t('verify.title')}
        >
          <Text size="sm">{t('verify.walletBody')}</Text>
          <Anchor component={Link} to="/settings" size="sm" fw={700}>
            {t('verify.goToSettings')}
          </Anchor>
        </Alert>
      )}

      {wallet.isPending ? (
        <Skeleton height={230} radius="lg" />
      ) : wallet.isError ? (
        <Stack gap="xs">
          <ProblemAlert error={wallet.error} />
          <Group>
            <Button variant="light" onClick={() => void wallet.refetch()}>
              {t('common:actions.retry')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <WalletCard wallet={wallet.data.data} flash={flash} />
      )}

      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="statement-title">
        <Title order={2} size="h4" id="statement-title">
          {t('wallet.statement.title')}
        </Title>
        {statement.isPending ? (
          <Stack gap="md" mt="md" aria-hidden>
            {[0, 1, 2, 3].map((n) => (
              <Group key={n} wrap="nowrap">
                <Skeleton height={40} circle />
                <Stack gap={6} style={{ flex: 1 }}>
                  <Skeleton height={12} width="70%" radius="xl" />
                  <Skeleton height={10} width="40%" radius="xl" />
                </Stack>
              </Group>
            ))}
          </Stack>
        ) : statement.isError && lines.length === 0 ? (
          <Stack gap="xs" mt="md">
            <ProblemAlert error={statement.error} />
            <Group>
              <Button variant="light" onClick={() => void statement.refetch()}>
                {t('common:actions.retry')}
              </Button>
            </Group>
          </Stack>
        ) : lines.length === 0 ? (
          <EmptyState title={t('wallet.statement.emptyTitle')}>
            <Stack align="center" gap="sm" component="span">
              <span>{t('wallet.statement.emptyBody')}</span>
              <Button component={Link} to="/innovations/new">
                {t('feed.newInnovation')}
              </Button>
            </Stack>
          </EmptyState>
        ) : (
          <>
            <ul className={classes.lines}>
              {lines.map((line) => (
                <StatementLine key={line.id} line={line} />
              ))}
            </ul>
            {statement.isFetchingNextPage ? (
              <Center py="sm">
                <Loader size="sm" aria-label={t('common:loading')} />
              </Center>
            ) : statement.isFetchNextPageError ? (
              <ProblemAlert error={statement.error} />
            ) : null}
            {statement.hasNextPage && !statement.isFetchingNextPage && (
              <Button
                variant="default"
                radius="xl"
                fullWidth
                mt="sm"
                onClick={() => void statement.fetchNextPage()}
              >
                {t('common:actions.loadMore')}
              </Button>
            )}
          </>
        )}
      </Card>

      <HowToEarn />
    </Page>
  );
}
