/**
 * /feed: what is happening in the community, like a Facebook group. My level and the progress to the next one
 * (#level), five scopes (everyone, my area, my school, who I follow, mine), infinite scroll, and new items arriving
 * live on top of their scope, highlighted briefly.
 */
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Center,
  Group,
  Loader,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconMailExclamation, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { communityControllerRead } from '../../api/generated/community/community';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRealtime } from '../../realtime/RealtimeProvider';
import { LevelProgress } from '../recognition/LevelProgress';
import { FeedCard } from './parts/FeedCard';
import { applyFeedMessage, FEED_SCOPES, feedQueryKey, FeedScope, isFeedScope } from './parts/feedCache';
import { MemberAvatar } from './parts/MemberAvatar';
import { useFreshIds } from './parts/useFreshIds';
import { useLoadMoreOnView } from './parts/useLoadMoreOnView';
import { useNow } from './parts/useNow';
import classes from './parts/member.module.css';

function FeedSkeleton() {
  return (
    <Stack gap="md" aria-hidden>
      {[0, 1, 2].map((n) => (
        <Card key={n} withBorder radius="lg" padding="md">
          <Group wrap="nowrap" gap="sm">
            <Skeleton height={44} circle />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton height={12} width="60%" radius="xl" />
              <Skeleton height={10} width="35%" radius="xl" />
            </Stack>
          </Group>
          <Skeleton height={96} mt="md" radius="md" />
        </Card>
      ))}
    </Stack>
  );
}

function ScopeEmpty({ scope, hasSchool }: { scope: FeedScope; hasSchool: boolean }) {
  const { t } = useTranslation('member');
  if ((scope === 'school' || scope === 'area') && !hasSchool)
    return (
      <EmptyState title={t('feed.empty.noSchool.title')}>
        <Stack align="center" gap="sm" component="span">
          <span>{t('feed.empty.noSchool.body')}</span>
          <Button component={Link} to="/settings" variant="light">
            {t('feed.empty.noSchool.action')}
          </Button>
        </Stack>
      </EmptyState>
    );
  const action =
    scope === 'following'
      ? { to: '/innovations', label: t('feed.empty.following.action'), icon: IconSearch }
      : { to: '/innovations/new', label: t('feed.empty.share'), icon: IconPlus };
  return (
    <EmptyState title={t(`feed.empty.${scope}.title`)}>
      <Stack align="center" gap="sm" component="span">
        <span>{t(`feed.empty.${scope}.body`)}</span>
        <Button component={Link} to={action.to} leftSection={<action.icon size={18} aria-hidden />}>
          {action.label}
        </Button>
      </Stack>
    </EmptyState>
  );
}

export default function Feed() {
  const { t } = useTranslation('member');
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const requested = params.get('scope');
  const scope: FeedScope = isFeedScope(requested) ? requested : 'global';
  const { fresh, mark } = useFreshIds();
  const [unseen, setUnseen] = useState<Partial<Record<FeedScope, number>>>({});
  const [liveMessage, setLiveMessage] = useState('');
  const now = useNow();
  const scopesViewport = useRef<HTMLDivElement>(null);

  // On a phone the scope control scrolls sideways: keep the chosen scope in sight.
  useEffect(() => {
    const active = scopesViewport.current?.querySelector<HTMLElement>('[data-active]');
    active?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [scope]);

  const feed = useInfiniteQuery({
    queryKey: feedQueryKey(scope),
    queryFn: async ({ pageParam, signal }) =>
      (await communityControllerRead({ scope, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }))
        .data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  useRealtime('feed.item', (message) => {
    const item = applyFeedMessage(queryClient, message);
    if (!item) return;
    mark(item.id);
    if (message.scope === scope) setLiveMessage(t('feed.live.arrived'));
    else setUnseen((old) => ({ ...old, [message.scope]: (old[message.scope] ?? 0) + 1 }));
  });
  useRealtime('resync', () => void feed.refetch({ cancelRefetch: false }));

  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const canLoadMore = feed.hasNextPage && !feed.isFetchingNextPage && !feed.isFetchNextPageError;
  const sentinel = useLoadMoreOnView(
    canLoadMore,
    () => void feed.fetchNextPage(),
    feed.data?.pages.length ?? 0,
  );

  const changeScope = (value: string) => {
    if (!isFeedScope(value)) return;
    setUnseen((old) => ({ ...old, [value]: 0 }));
    setParams(value === 'global' ? {} : { scope: value }, { replace: true });
  };

  const firstName = me?.displayName.split(/\s+/)[0] ?? '';

  return (
    <Page title={t('feed.title')} size="sm">
      <Stack gap="md">
        {me && (
          <Card withBorder radius="lg" padding="sm">
            <Group wrap="nowrap" gap="sm">
              <MemberAvatar id={me.id} name={me.displayName} size={44} />
              <UnstyledButton component={Link} to="/innovations/new" className={classes.composer}>
                <Text lineClamp={1}>{t('feed.composer', { name: firstName })}</Text>
              </UnstyledButton>
            </Group>
          </Card>
        )}

        {me && !me.emailVerified && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconMailExclamation aria-hidden />}
            title={t('verify.title')}
          >
            <Text size="sm">{t('verify.feedBody')}</Text>
            <Anchor component={Link} to="/settings" size="sm" fw={700}>
              {t('verify.goToSettings')}
            </Anchor>
          </Alert>
        )}

        {me && <LevelProgress />}

        <ScrollArea
          type="never"
          scrollbars="x"
          className={classes.scopes}
          offsetScrollbars={false}
          viewportRef={scopesViewport}
        >
          <SegmentedControl
            data-testid="feed-scope"
            aria-label={t('feed.scope.label')}
            value={scope}
            onChange={changeScope}
            radius="xl"
            size="md"
            withItemsBorders={false}
            data={FEED_SCOPES.map((value) => ({
              value,
              label: (
                <Group gap={6} wrap="nowrap" justify="center" px={4} mih={32}>
                  <span>{t(`feed.scope.${value}`)}</span>
                  {(unseen[value] ?? 0) > 0 && (
                    <Badge
                      size="sm"
                      circle
                      color="red"
                      aria-label={t('feed.scope.unseen', { count: unseen[value] })}
                    >
                      {unseen[value]}
                    </Badge>
                  )}
                </Group>
              ),
            }))}
          />
        </ScrollArea>

        <VisuallyHidden role="status" aria-live="polite">
          {liveMessage}
        </VisuallyHidden>

        {feed.isPending ? (
          <FeedSkeleton />
        ) : !feed.data ? (
          <Stack>
            <ProblemAlert error={feed.error} />
            <Group>
              <Button variant="light" onClick={() => void feed.refetch()}>
                {t('common:actions.retry')}
              </Button>
            </Group>
          </Stack>
        ) : items.length === 0 ? (
          <Card withBorder radius="lg" padding="lg">
            <ScopeEmpty scope={scope} hasSchool={Boolean(me?.school)} />
          </Card>
        ) : (
          <Stack gap="md" component="section" aria-label={t(`feed.scope.${scope}`)}>
            {items.map((item) => (
              <FeedCard key={item.id} item={item} fresh={fresh.has(item.id)} now={now} />
            ))}
            <Box ref={sentinel} h={1} aria-hidden />
            {feed.isFetchingNextPage ? (
              <Center py="md">
                <Loader size="sm" aria-label={t('common:loading')} />
              </Center>
            ) : feed.isFetchNextPageError ? (
              <Stack gap="xs">
                <ProblemAlert error={feed.error} />
                <Button variant="light" onClick={() => void feed.fetchNextPage()}>
                  {t('common:actions.retry')}
                </Button>
              </Stack>
            ) : feed.hasNextPage ? (
              <Button variant="default" radius="xl" onClick={() => void feed.fetchNextPage()}>
                {t('common:actions.loadMore')}
              </Button>
            ) : (
              <Text ta="center" c="dimmed" size="sm" py="md">
                {t('feed.end')}
              </Text>
            )}
          </Stack>
        )}
        {/* room under the last post for the floating button and the tab bar */}
        <Box h={72} aria-hidden />
      </Stack>

      <div className={classes.fab}>
        <Button
          component={Link}
          to="/innovations/new"
          size="lg"
          radius="xl"
          leftSection={<IconPlus size={22} aria-hidden />}
          style={{ boxShadow: 'var(--mantine-shadow-lg)' }}
        >
          {t('feed.newInnovation')}
        </Button>
      </div>
    </Page>
  );
}
