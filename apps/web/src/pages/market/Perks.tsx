/**
 * /perks — the partners' perks like a calm shopping app: my spendable points on top, a search, the eight categories
 * as chips that a thumb scrolls sideways, and a grid of cards (picture, partner, cost, stock left, "you can afford
 * it"). The filters live in the address (?category=&q=&sort=), so coming back from a perk keeps them.
 */
import {
  Button,
  Card,
  Center,
  Chip,
  CloseButton,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Scroller,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLayoutGrid, IconSearch, IconTicket } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  getMarketplaceControllerCatalogueQueryKey,
  marketplaceControllerCatalogue,
} from '../../api/generated/marketplace/marketplace';
import { MarketplaceControllerCatalogueParams } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { categoryLook, isPerkCategory, PERK_CATEGORIES } from './parts/categories';
import { PerkCard } from './parts/PerkCard';
import { PointsBanner } from './parts/PointsBanner';
import { useSpendable } from './parts/usePoints';
import classes from './parts/market.module.css';

type Sort = 'newest' | 'cost';

function CategoryChips({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('market');
  const options = [
    { code: 'all', label: t('categories.all'), icon: IconLayoutGrid },
    ...PERK_CATEGORIES.map((code) => ({ code, label: t(`category.${code}`), icon: categoryLook(code).icon })),
  ];
  return (
    <Scroller
      edgeGradientColor="var(--mantine-color-gray-0)"
      startControlProps={{ 'aria-label': t('categories.scrollBack') }}
      endControlProps={{ 'aria-label': t('categories.scrollForward') }}
      controlSize={44}
    >
      <Chip.Group multiple={false} value={value} onChange={onChange}>
        <Group gap="xs" wrap="nowrap" role="radiogroup" aria-label={t('categories.label')} py={2}>
          {options.map((option) => (
            <Chip
              key={option.code}
              value={option.code}
              size="md"
              variant="filled"
              className={classes.chip}
              wrapperProps={{ 'data-testid': `category-${option.code}` }}
              icon={<option.icon size={16} aria-hidden />}
            >
              {option.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Scroller>
  );
}

function CardSkeletons() {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4, lg: 5 }} spacing="sm" verticalSpacing="sm" aria-hidden>
      {Array.from({ length: 6 }, (_, index) => (
        <Card key={index} padding={0} radius="lg" withBorder>
          <Skeleton h={120} radius={0} />
          <Stack gap={8} p="sm">
            <Skeleton h={10} w="60%" />
            <Skeleton h={14} />
            <Skeleton h={14} w="80%" />
            <Skeleton h={18} w="50%" mt={6} />
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

export default function Perks() {
  const { t, i18n } = useTranslation('market');
  const [searchParams, setSearchParams] = useSearchParams();
  const categoryParam = searchParams.get('category');
  const category = isPerkCategory(categoryParam) ? categoryParam : 'all';
  const sort: Sort = searchParams.get('sort') === 'cost' ? 'cost' : 'newest';
  const [search, setSearch] = useState(searchParams.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 350);
  const { wallet, spendable } = useSpendable();

  const update = (changes: Record<string, string | null>) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if ((searchParams.get('q') ?? '') !== debounced) update({ q: debounced || null });
  }, [debounced]);

  const params: MarketplaceControllerCatalogueParams = {
    ...(category !== 'all' ? { category } : {}),
    ...(debounced ? { q: debounced } : {}),
    sort,
  };
  const catalogue = useInfiniteQuery({
    queryKey: [...getMarketplaceControllerCatalogueQueryKey(params), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      marketplaceControllerCatalogue({ ...params, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const perks = catalogue.data?.pages.flatMap((page) => page.data.items) ?? [];
  const complete = catalogue.isSuccess && !catalogue.hasNextPage;

  return (
    <Page
      title={t('catalogue.title')}
      size="xl"
      actions={
        <Button
          component={Link}
          to="/me/redemptions"
          variant="light"
          h={44}
          radius="xl"
          leftSection={<IconTicket size={18} aria-hidden />}
        >
          {t('myRedemptionsLink')}
        </Button>
      }
    >
      <PointsBanner wallet={wallet} />
      <TextInput
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={
          search ? (
            <CloseButton aria-label={t('catalogue.clearSearch')} onClick={() => setSearch('')} size="md" />
          ) : null
        }
        radius="xl"
        size="md"
        enterKeyHint="search"
      />
      <CategoryChips
        value={category}
        onChange={(value) => update({ category: value === 'all' ? null : value })}
      />
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" c="gray.7" aria-live="polite">
          {complete && perks.length > 0
            ? t('catalogue.count', {
                count: perks.length,
                formatted: formatNumber(perks.length, i18n.language),
              })
            : ''}
        </Text>
        <SegmentedControl
          aria-label={t('sort.label')}
          value={sort}
          onChange={(value) => update({ sort: value === 'cost' ? 'cost' : null })}
          radius="xl"
          size="sm"
          data={[
            { value: 'newest', label: t('sort.newest') },
            { value: 'cost', label: t('sort.cost') },
          ]}
          styles={{ label: { minHeight: 36, display: 'flex', alignItems: 'center' } }}
        />
      </Group>

      {catalogue.isPending ? (
        <CardSkeletons />
      ) : catalogue.isError ? (
        <Stack gap="sm">
          <ProblemAlert error={catalogue.error} title={t('catalogue.loadError')} />
          <Button
            variant="default"
            onClick={() => void catalogue.refetch()}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('common:actions.retry')}
          </Button>
        </Stack>
      ) : perks.length === 0 ? (
        <EmptyState
          title={debounced ? t('catalogue.emptySearch', { q: debounced }) : t('catalogue.emptyTitle')}
        >
          {debounced ? t('catalogue.emptySearchBody') : t('catalogue.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <SimpleGrid
            cols={{ base: 2, sm: 3, md: 4, lg: 5 }}
            spacing="sm"
            verticalSpacing="sm"
            aria-label={t('catalogue.listLabel')}
            aria-busy={catalogue.isFetching}
            style={{ opacity: catalogue.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
          >
            {perks.map((perk) => (
              <PerkCard key={perk.id} perk={perk} spendable={spendable} />
            ))}
          </SimpleGrid>
          {catalogue.hasNextPage ? (
            <Center>
              <Button
                variant="default"
                radius="xl"
                h={44}
                onClick={() => void catalogue.fetchNextPage()}
                loading={catalogue.isFetchingNextPage}
              >
                {t('common:actions.loadMore')}
              </Button>
            </Center>
          ) : null}
        </>
      )}
    </Page>
  );
}
