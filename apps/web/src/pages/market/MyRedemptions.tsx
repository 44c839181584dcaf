/**
 * /me/redemptions — my redemptions, newest first: each voucher ready to show at the partner's counter (code, QR,
 * full screen), requests waiting on a partner (with cancel), and what happened to the others. Live: a
 * `redemption.updated` message (a partner confirmed, rejected, scanned) refetches the list.
 */
import { Button, Center, Stack, Text } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  getMarketplaceControllerMineQueryKey,
  marketplaceControllerMine,
  useMarketplaceControllerCatalogue,
} from '../../api/generated/marketplace/marketplace';
import { CataloguePerkResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRealtime } from '../../realtime/RealtimeProvider';
import { RedemptionItem } from './parts/RedemptionItem';

export default function MyRedemptions() {
  const { t } = useTranslation('market');
  const mine = useInfiniteQuery({
    queryKey: [...getMarketplaceControllerMineQueryKey(), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      marketplaceControllerMine(pageParam ? { cursor: pageParam } : undefined, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
  // The catalogue lends what a redemption does not carry: the English title, the picture, the partner.
  const catalogue = useMarketplaceControllerCatalogue(undefined, { query: { staleTime: 5 * 60_000 } });
  const perks = useMemo(() => {
    const byId = new Map<string, CataloguePerkResponse>();
    for (const perk of catalogue.data?.data.items ?? []) byId.set(perk.id, perk);
    return byId;
  }, [catalogue.data]);

  useRealtime('redemption.updated', () => {
    void mine.refetch();
  });

  const redemptions = useMemo(
    () =>
      (mine.data?.pages.flatMap((page) => page.data.items) ?? [])
        .slice()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [mine.data],
  );

  return (
    <Page
      title={t('mine.title')}
      size="sm"
      actions={
        <Button
          component={Link}
          to="/perks"
          variant="light"
          h={44}
          radius="xl"
          leftSection={<IconBuildingStore size={18} aria-hidden />}
        >
          {t('catalogue.title')}
        </Button>
      }
    >
      {mine.isPending ? (
        <PageLoader />
      ) : mine.isError ? (
        <Stack gap="sm">
          <ProblemAlert error={mine.error} title={t('mine.loadError')} />
          <Button variant="default" onClick={() => void mine.refetch()} style={{ alignSelf: 'flex-start' }}>
            {t('common:actions.retry')}
          </Button>
        </Stack>
      ) : redemptions.length === 0 ? (
        <Stack gap={0}>
          <EmptyState title={t('mine.emptyTitle')}>{t('mine.emptyBody')}</EmptyState>
          <Center>
            <Button component={Link} to="/perks" radius="xl" h={44}>
              {t('mine.browse')}
            </Button>
          </Center>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="gray.7">
            {t('mine.intro')}
          </Text>
          {redemptions.map((redemption) => (
            <RedemptionItem
              key={redemption.id}
              redemption={redemption}
              perk={perks.get(redemption.perk.id)}
            />
          ))}
          {mine.hasNextPage ? (
            <Center>
              <Button
                variant="default"
                radius="xl"
                h={44}
                onClick={() => void mine.fetchNextPage()}
                loading={mine.isFetchingNextPage}
              >
                {t('common:actions.loadMore')}
              </Button>
            </Center>
          ) : null}
        </Stack>
      )}
    </Page>
  );
}
