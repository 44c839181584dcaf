/**
 * /innovations: browse and search the published innovations. Every choice (words, filters, order) lives in the URL,
 * so a shared link or the back button brings the same list back; pages load as the reader scrolls.
 */
import {
  Badge,
  Box,
  Button,
  Card,
  Chip,
  CloseButton,
  Drawer,
  Group,
  Indicator,
  ScrollArea,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useInViewport, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  getInnovationsControllerListQueryKey,
  innovationsControllerList,
} from '../../api/generated/innovations/innovations';
import {
  InnovationsControllerListSort,
  type InnovationsControllerListParams,
} from '../../api/generated/model';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { InnovationCard } from './view/InnovationCard';
import { searchTerms } from './view/search';
import { Taxonomy, useTaxonomy } from './view/taxonomy';

type Sort = (typeof InnovationsControllerListSort)[keyof typeof InnovationsControllerListSort];
const SORTS = Object.values(InnovationsControllerListSort) as Sort[];
const FILTER_KEYS = ['learningArea', 'grade', 'competency', 'technique'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

interface ListState {
  q: string;
  learningArea: string;
  grade: string;
  competency: string;
  technique: string;
  sort: Sort;
}

function readState(params: URLSearchParams): ListState {
  const sort = params.get('sort') as Sort | null;
  return {
    q: params.get('q') ?? '',
    learningArea: params.get('learningArea') ?? '',
    grade: params.get('grade') ?? '',
    competency: params.get('competency') ?? '',
    technique: params.get('technique') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'newest',
  };
}

function toApiParams(state: ListState): InnovationsControllerListParams {
  const params: InnovationsControllerListParams = { sort: state.sort };
  if (state.q.trim()) params.q = state.q.trim();
  for (const key of FILTER_KEYS) if (state[key]) params[key] = state[key];
  return params;
}

const STAGES = ['early', 'primary', 'lower-secondary', 'upper-secondary'] as const;

function FilterFields({
  state,
  taxonomy,
  onChange,
}: {
  state: ListState;
  taxonomy: Taxonomy;
  onChange: (patch: Partial<ListState>) => void;
}) {
  const { t, i18n } = useTranslation('innovations');
  const english = i18n.language === 'en';
  const data = taxonomy.data;
  const grades = useMemo(
    () =>
      STAGES.map((stage) => ({
        group: t(`list.stage.${stage}`),
        items: (data?.gradeLevels ?? [])
          .filter((grade) => grade.stage === stage)
          .map((grade) => ({ value: grade.code, label: english ? grade.en : grade.th })),
      })).filter((group) => group.items.length > 0),
    [data, english, t],
  );
  const competencies = useMemo(
    () =>
      (data?.competencyFrameworks ?? []).map((framework) => ({
        group: english ? framework.en : framework.th,
        items: framework.competencies.map((c) => ({ value: c.code, label: english ? c.en : c.th })),
      })),
    [data, english],
  );
  const techniques = useMemo(
    () =>
      (data?.activeLearningTechniques ?? []).map((item) => ({
        value: item.code,
        label: english ? item.en : item.th,
      })),
    [data, english],
  );
  const common = { clearable: true, comboboxProps: { withinPortal: true }, size: 'md' as const };
  return (
    <>
      <Select
        {...common}
        label={t('list.grade')}
        placeholder={t('list.any')}
        data={grades}
        value={state.grade || null}
        onChange={(value) => onChange({ grade: value ?? '' })}
      />
      <Select
        {...common}
        label={t('list.competency')}
        placeholder={t('list.any')}
        data={competencies}
        value={state.competency || null}
        onChange={(value) => onChange({ competency: value ?? '' })}
      />
      <Select
        {...common}
        label={t('list.technique')}
        placeholder={t('list.any')}
        data={techniques}
        value={state.technique || null}
        onChange={(value) => onChange({ technique: value ?? '' })}
      />
    </>
  );
}

function CardSkeleton() {
  return (
    <Card withBorder radius="lg" padding={0} aria-hidden>
      <Skeleton h={104} radius={0} />
      <Stack gap={8} p="md">
        <Skeleton h={20} w="90%" />
        <Skeleton h={14} />
        <Skeleton h={14} w="70%" />
        <Group gap={8}>
          <Skeleton h={32} w={32} circle />
          <Skeleton h={14} w="50%" />
        </Group>
      </Stack>
    </Card>
  );
}

export default function InnovationList() {
  const { t, i18n } = useTranslation('innovations');
  const english = i18n.language === 'en';
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const desktop = useMediaQuery('(min-width: 62em)');
  const [filtersOpen, filters] = useDisclosure(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const update = (patch: Partial<ListState>, replace = false) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('focus');
        for (const [key, value] of Object.entries(patch)) {
          if (value && !(key === 'sort' && value === 'newest')) next.set(key, String(value));
          else next.delete(key);
        }
        return next;
      },
      { replace },
    );
  };

  // The search box follows the URL (back button) and writes to it a moment after typing stops.
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  const [debounced, , debounce] = useDebouncedValue(text, 450);
  useEffect(() => {
    if (debounced.trim() !== state.q.trim()) update({ q: debounced.trim() }, true);
    // Only a change of what was typed writes the URL; a URL change (back button) must not be undone here.
  }, [debounced]);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    debounce.cancel();
    if (text.trim() !== state.q.trim()) update({ q: text.trim() });
    searchRef.current?.blur();
  };

  const apiParams = toApiParams(state);
  const list = useInfiniteQuery({
    queryKey: [...getInnovationsControllerListQueryKey(apiParams), 'infinite'],
    queryFn: async ({ pageParam, signal }) =>
      (await innovationsControllerList({ ...apiParams, cursor: pageParam }, { signal })).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const terms = useMemo(
    () => searchTerms(list.isPlaceholderData ? '' : state.q),
    [state.q, list.isPlaceholderData],
  );

  const { ref: sentinel, inViewport } = useInViewport<HTMLDivElement>();
  useEffect(() => {
    if (inViewport && list.hasNextPage && !list.isFetchingNextPage && !list.isError)
      void list.fetchNextPage();
  }, [inViewport, list]);

  const activeFilters = (['grade', 'competency', 'technique'] as FilterKey[]).filter((key) => state[key]);
  const anyFilter = Boolean(state.q || state.learningArea || activeFilters.length);
  const filterLabel = (key: FilterKey) =>
    key === 'grade'
      ? taxonomy.label('gradeLevels', state.grade)
      : key === 'competency'
        ? taxonomy.competencyLabel(state.competency)
        : key === 'technique'
          ? taxonomy.label('activeLearningTechniques', state.technique)
          : taxonomy.label('learningAreas', state.learningArea);
  const clearAll = () => {
    setText('');
    update({ q: '', learningArea: '', grade: '', competency: '', technique: '' });
  };

  return (
    <Page
      title={t('list.title')}
      size="lg"
      actions={
        <Button
          component={Link}
          to="/innovations/new"
          leftSection={<IconPlus size={18} aria-hidden />}
          h={44}
        >
          {t('list.share')}
        </Button>
      }
    >
      <Stack gap="sm">
        <Text c="dimmed" mt={-8}>
          {t('list.subtitle')}
        </Text>
        <form role="search" onSubmit={submitSearch}>
          <TextInput
            ref={searchRef}
            type="search"
            enterKeyHint="search"
            size="lg"
            radius="xl"
            autoFocus={params.get('focus') === 'search'}
            aria-label={t('list.searchLabel')}
            placeholder={t('list.searchPlaceholder')}
            leftSection={<IconSearch size={20} aria-hidden />}
            rightSection={
              text ? (
                <CloseButton
                  size="lg"
                  aria-label={t('list.clearSearch')}
                  onClick={() => {
                    setText('');
                    debounce.cancel();
                    update({ q: '' });
                  }}
                />
              ) : null
            }
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            data-testid="innovation-search"
          />
        </form>

        <ScrollArea type="never" offsetScrollbars={false}>
          <Chip.Group value={state.learningArea} onChange={(value) => update({ learningArea: value })}>
            <Group
              gap={8}
              wrap={desktop ? 'wrap' : 'nowrap'}
              pb={6}
              role="radiogroup"
              aria-label={t('list.learningArea')}
            >
              <Chip value="" size="md" radius="xl" styles={{ label: { height: 44 } }}>
                {t('list.allAreas')}
              </Chip>
              {(taxonomy.data?.learningAreas ?? []).map((area) => (
                <Chip
                  key={area.code}
                  value={area.code}
                  size="md"
                  radius="xl"
                  styles={{ label: { height: 44 } }}
                >
                  {english ? area.en : area.th}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </ScrollArea>

        {desktop ? (
          <SimpleGrid cols={4} spacing="sm">
            <FilterFields state={state} taxonomy={taxonomy} onChange={(patch) => update(patch)} />
            <Select
              size="md"
              label={t('list.sort')}
              data={SORTS.map((sort) => ({ value: sort, label: t(`list.sorts.${sort}`) }))}
              value={state.sort}
              allowDeselect={false}
              onChange={(value) => update({ sort: (value as Sort) ?? 'newest' })}
            />
          </SimpleGrid>
        ) : (
          <Group gap="sm" wrap="nowrap" align="flex-end">
            <Indicator
              label={activeFilters.length}
              disabled={activeFilters.length === 0}
              size={20}
              offset={4}
              color="red"
            >
              <Button
                variant="default"
                h={44}
                leftSection={<IconAdjustmentsHorizontal size={18} aria-hidden />}
                onClick={filters.open}
                aria-label={t('list.filtersCount', { count: activeFilters.length })}
              >
                {t('list.filters')}
              </Button>
            </Indicator>
            <Select
              style={{ flex: 1, minWidth: 0 }}
              size="md"
              aria-label={t('list.sort')}
              leftSection={
                <Text size="sm" c="dimmed" component="span" aria-hidden>
                  {t('list.sortShort')}
                </Text>
              }
              leftSectionWidth={english ? 64 : 72}
              data={SORTS.map((sort) => ({ value: sort, label: t(`list.sorts.${sort}`) }))}
              value={state.sort}
              allowDeselect={false}
              onChange={(value) => update({ sort: (value as Sort) ?? 'newest' })}
            />
          </Group>
        )}

        {activeFilters.length > 0 && (
          <Group gap={6} wrap="wrap">
            {activeFilters.map((key) => (
              <Badge key={key} variant="light" size="lg" radius="sm" tt="none" maw="100%">
                {filterLabel(key)}
              </Badge>
            ))}
          </Group>
        )}

        <Drawer
          opened={filtersOpen}
          onClose={filters.close}
          position="bottom"
          styles={{ content: { height: 'auto', maxHeight: '85dvh' } }}
          title={t('list.filters')}
          closeButtonProps={{ 'aria-label': t('common:actions.close'), size: 'lg' }}
          radius="lg"
        >
          <Stack gap="md" pb="md">
            <FilterFields state={state} taxonomy={taxonomy} onChange={(patch) => update(patch)} />
            <Group grow>
              <Button
                variant="default"
                h={44}
                onClick={() => update({ grade: '', competency: '', technique: '' })}
                disabled={activeFilters.length === 0}
              >
                {t('list.clearFilters')}
              </Button>
              <Button h={44} onClick={filters.close}>
                {t('list.showResults')}
              </Button>
            </Group>
          </Stack>
        </Drawer>

        <VisuallyHidden role="status">
          {list.isLoading || list.isPlaceholderData
            ? t('common:loading')
            : t('list.showing', { count: items.length })}
        </VisuallyHidden>
        <Box aria-busy={list.isFetching}>
          {list.isError && !items.length ? (
            <Stack>
              <ProblemAlert error={list.error} />
              <Button variant="default" h={44} onClick={() => void list.refetch()} w="fit-content">
                {t('common:actions.retry')}
              </Button>
            </Stack>
          ) : list.isLoading ? (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              <CardSkeleton />
              <CardSkeleton />
              <CardSkeleton />
            </SimpleGrid>
          ) : items.length === 0 ? (
            <EmptyState title={state.q ? t('list.emptySearch', { q: state.q }) : t('list.empty')}>
              {anyFilter ? t('list.emptyHint') : t('list.emptyNone')}
            </EmptyState>
          ) : (
            <SimpleGrid
              cols={{ base: 1, sm: 2, lg: 3 }}
              spacing="md"
              style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
            >
              {items.map((item) => (
                <InnovationCard key={item.id} item={item} terms={terms} taxonomy={taxonomy} />
              ))}
            </SimpleGrid>
          )}
          {anyFilter && !list.isLoading && items.length === 0 && !list.isError && (
            <Group justify="center">
              <Button variant="light" h={44} onClick={clearAll}>
                {t('list.clearAll')}
              </Button>
            </Group>
          )}
        </Box>

        {list.hasNextPage && (
          <Group justify="center" ref={sentinel} py="md">
            <Button
              variant="default"
              h={44}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('common:actions.loadMore')}
            </Button>
          </Group>
        )}
        {list.isError && items.length > 0 && <ProblemAlert error={list.error} />}
        {!list.hasNextPage && items.length > 0 && (
          <Text ta="center" c="dimmed" size="sm" py="md">
            {t('list.end')}
          </Text>
        )}
      </Stack>
    </Page>
  );
}
