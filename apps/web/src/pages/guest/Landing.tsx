/**
 * `/`: what the community is, for a teacher arriving from a LINE link. The "Learn to Earn" promise, the community's
 * live numbers, the best rated and the newest innovations, how it works, and the way in. A signed-in member sees it
 * too, with the way to their feed instead of sign-up. Kept light (no charts): it is the first page most people load.
 */
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconArrowRight,
  IconBulb,
  IconChecks,
  IconCoins,
  IconGift,
  IconLogin2,
  IconMessageCircle,
  IconMessages,
  IconStarFilled,
  IconUserPlus,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getAttachmentsControllerThumbnailUrl } from '../../api/generated/attachments/attachments';
import { useCommunityControllerStats } from '../../api/generated/community/community';
import {
  useInnovationsControllerList,
  useInnovationsControllerTaxonomy,
} from '../../api/generated/innovations/innovations';
import type { InnovationListItemResponse, InnovationsControllerListSort } from '../../api/generated/model';
import { useAuth } from '../../auth/AuthProvider';
import { formatNumber, formatRelative } from '../../format/format';
import { useDocumentTitle } from './guestParts';
import classes from './Landing.module.css';

const CARDS_PER_SECTION = 4;
const CARDS_ON_PHONES = 3;
const PROMISES: { key: string; icon: Icon }[] = [
  { key: 'share', icon: IconBulb },
  { key: 'feedback', icon: IconMessageCircle },
  { key: 'earn', icon: IconCoins },
  { key: 'redeem', icon: IconGift },
];
const STEPS: { key: string; icon: Icon }[] = [
  { key: 'step1', icon: IconBulb },
  { key: 'step2', icon: IconMessages },
  { key: 'step3', icon: IconCoins },
  { key: 'step4', icon: IconGift },
];

function CallToAction({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation('guest');
  const { status } = useAuth();
  const dark = tone === 'dark';
  if (status === 'loading') return <Box h={50} aria-hidden />;
  if (status === 'member') {
    return (
      <Group gap="sm" grow preventGrowOverflow={false} maw={520} w="100%">
        <Button
          component={Link}
          to="/feed"
          size="lg"
          color={dark ? 'yellow' : undefined}
          c={dark ? 'dark.9' : undefined}
          rightSection={<IconArrowRight size={20} aria-hidden />}
          data-testid="landing-feed"
        >
          {t('landing.cta.feed')}
        </Button>
        <Button
          component={Link}
          to="/innovations"
          size="lg"
          variant={dark ? 'white' : 'default'}
          c={dark ? 'lc.9' : undefined}
        >
          {t('landing.cta.explore')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="sm" grow preventGrowOverflow={false} maw={440} w="100%">
      <Button
        component={Link}
        to="/register"
        size="lg"
        color={dark ? 'yellow' : undefined}
        c={dark ? 'dark.9' : undefined}
        leftSection={<IconUserPlus size={20} aria-hidden />}
        data-testid="landing-register"
      >
        {t('landing.cta.register')}
      </Button>
      <Button
        component={Link}
        to="/login"
        size="lg"
        variant={dark ? 'white' : 'default'}
        c={dark ? 'lc.9' : undefined}
        leftSection={<IconLogin2 size={20} aria-hidden />}
      >
        {t('landing.cta.login')}
      </Button>
    </Group>
  );
}

function StatTile({
  icon: TileIcon,
  value,
  label,
  detail,
}: {
  icon: Icon;
  value: string;
  label: string;
  detail?: string;
}) {
  return (
    <Stack gap={2}>
      <ThemeIcon variant="light" size={36} radius="md" aria-hidden>
        <TileIcon size={20} />
      </ThemeIcon>
      <Text className={classes.statNumber} mt={6}>
        {value}
      </Text>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </Stack>
  );
}

function LiveStats() {
  const { t, i18n } = useTranslation('guest');
  const stats = useCommunityControllerStats({ query: { refetchInterval: 60_000, staleTime: 30_000 } });
  const data = stats.data?.data;
  const number = (value: number) => formatNumber(value, i18n.language);
  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'md', sm: 'lg' }}
      shadow="sm"
      data-testid="landing-stats"
      aria-busy={stats.isPending}
      component="section"
      aria-labelledby="landing-stats-title"
    >
      <Group justify="space-between" mb="md" wrap="nowrap" gap="xs">
        <Title order={2} size="h4" id="landing-stats-title">
          {t('landing.stats.title')}
        </Title>
        <Badge
          variant="light"
          color="red"
          c="red.9"
          radius="xl"
          leftSection={<span className={classes.liveDot} aria-hidden />}
          style={{ flexShrink: 0 }}
        >
          {t('landing.stats.live')}
        </Badge>
      </Group>
      {stats.isPending ? (
        <SimpleGrid cols={2} spacing="lg">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} h={96} radius="md" />
          ))}
        </SimpleGrid>
      ) : stats.isError || !data ? (
        <Stack gap="xs" align="flex-start">
          <Text c="dimmed">{t('landing.stats.error')}</Text>
          <Button variant="light" onClick={() => void stats.refetch()}>
            {t('landing.stats.retry')}
          </Button>
        </Stack>
      ) : (
        <>
          <SimpleGrid cols={2} spacing="lg" verticalSpacing="lg">
            <StatTile icon={IconUsersGroup} value={number(data.members)} label={t('landing.stats.members')} />
            <StatTile
              icon={IconBulb}
              value={number(data.innovations)}
              label={t('landing.stats.innovations')}
            />
            <StatTile
              icon={IconMessages}
              value={number(data.ratings + data.comments)}
              label={t('landing.stats.feedback')}
              detail={t('landing.stats.feedbackDetail', {
                ratings: number(data.ratings),
                comments: number(data.comments),
              })}
            />
            <StatTile icon={IconCoins} value={number(data.pointsIssued)} label={t('landing.stats.points')} />
          </SimpleGrid>
          <Group gap={6} mt="md" wrap="nowrap">
            <IconChecks size={18} aria-hidden color="var(--mantine-color-lc-8)" />
            <Text size="sm" fw={600} c="lc.9">
              {t('landing.stats.adoptions', { count: data.adoptions, formatted: number(data.adoptions) })}
            </Text>
          </Group>
        </>
      )}
    </Paper>
  );
}

function InnovationTeaser({
  item,
  areaLabel,
  showAge,
}: {
  item: InnovationListItemResponse;
  areaLabel: (code: string) => string;
  showAge: boolean;
}) {
  const { t, i18n } = useTranslation('guest');
  const rating = item.rating.average;
  return (
    <Card
      component={Link}
      to={`/innovations/${item.id}`}
      withBorder
      radius="lg"
      padding="md"
      className={classes.card}
      data-testid="landing-innovation"
    >
      {item.coverAttachmentId ? (
        <Card.Section mb="sm">
          <Image
            src={getAttachmentsControllerThumbnailUrl(item.id, item.coverAttachmentId)}
            alt=""
            h={140}
            fit="cover"
            loading="lazy"
          />
        </Card.Section>
      ) : null}
      <Group gap={6} mb={8} wrap="wrap">
        {item.learningAreas.slice(0, 2).map((code) => (
          <Badge key={code} variant="light" radius="sm" size="md" tt="none">
            {areaLabel(code)}
          </Badge>
        ))}
        {showAge && item.publishedAt ? (
          <Text size="xs" c="dimmed">
            {formatRelative(item.publishedAt, i18n.language)}
          </Text>
        ) : null}
      </Group>
      <Title order={3} size="h5" lineClamp={2} mb={6}>
        {item.title}
      </Title>
      <Text size="sm" c="dimmed" lineClamp={2} mb="sm">
        {item.summary}
      </Text>
      <Box mt="auto">
        <Text size="sm" fw={600} lineClamp={1}>
          {t('card.by', { name: item.author.displayName })}
        </Text>
        {item.school ? (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {item.school.name}
          </Text>
        ) : null}
        <Group gap="md" mt={8} wrap="nowrap">
          <Group
            gap={4}
            wrap="nowrap"
            aria-label={
              rating == null
                ? t('card.noRating')
                : t('card.rating', {
                    average: formatNumber(rating, i18n.language),
                    count: item.rating.count,
                  })
            }
          >
            <IconStarFilled size={16} color="#b45309" aria-hidden />
            <Text size="sm" fw={700} aria-hidden>
              {rating == null ? '–' : formatNumber(Math.round(rating * 10) / 10, i18n.language)}
            </Text>
            <Text size="xs" c="dimmed" aria-hidden>
              ({formatNumber(item.rating.count, i18n.language)})
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap" aria-label={t('card.adoptionsLabel', { count: item.adoptionCount })}>
            <IconChecks size={16} aria-hidden color="var(--mantine-color-lc-8)" />
            <Text size="sm" aria-hidden>
              {formatNumber(item.adoptionCount, i18n.language)}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap" aria-label={t('card.comments', { count: item.commentCount })}>
            <IconMessageCircle size={16} aria-hidden color="var(--mantine-color-gray-7)" />
            <Text size="sm" aria-hidden>
              {formatNumber(item.commentCount, i18n.language)}
            </Text>
          </Group>
        </Group>
      </Box>
    </Card>
  );
}

function SectionHeader({
  title,
  subtitle,
  to,
  linkLabel,
}: {
  title: string;
  subtitle: string;
  to: string;
  linkLabel: string;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm">
      <div>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {subtitle}
        </Text>
      </div>
      <Anchor component={Link} to={to} fw={700} py={10} style={{ whiteSpace: 'nowrap' }}>
        {linkLabel}
      </Anchor>
    </Group>
  );
}

function InnovationShelf({
  sort,
  title,
  subtitle,
  linkLabel,
  testId,
}: {
  sort: InnovationsControllerListSort;
  title: string;
  subtitle: string;
  linkLabel: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation('guest');
  const list = useInnovationsControllerList({ sort }, { query: { staleTime: 60_000 } });
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const areas = new Map((taxonomy.data?.data.learningAreas ?? []).map((area) => [area.code, area]));
  const areaLabel = (code: string) => {
    const area = areas.get(code);
    return area ? (i18n.language === 'en' ? area.en : area.th) : code;
  };
  const items = (list.data?.data.items ?? []).slice(0, CARDS_PER_SECTION);
  let body: ReactNode;
  if (list.isPending) {
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        {Array.from({ length: CARDS_PER_SECTION }, (_, index) => (
          <Skeleton
            key={index}
            h={210}
            radius="lg"
            visibleFrom={index >= CARDS_ON_PHONES ? 'sm' : undefined}
          />
        ))}
      </SimpleGrid>
    );
  } else if (list.isError) {
    body = (
      <Paper withBorder radius="lg" p="md">
        <Group justify="space-between" gap="sm">
          <Text c="dimmed">{t('landing.list.error')}</Text>
          <Button variant="light" onClick={() => void list.refetch()}>
            {t('landing.stats.retry')}
          </Button>
        </Group>
      </Paper>
    );
  } else if (items.length === 0) {
    body = (
      <Paper withBorder radius="lg" p="lg" ta="center">
        <Text c="dimmed">{t('landing.list.empty')}</Text>
      </Paper>
    );
  } else {
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        {items.map((item, index) => (
          <Box key={item.id} h="100%" visibleFrom={index >= CARDS_ON_PHONES ? 'sm' : undefined}>
            <InnovationTeaser item={item} areaLabel={areaLabel} showAge={sort === 'newest'} />
          </Box>
        ))}
      </SimpleGrid>
    );
  }
  return (
    <Stack gap="md" component="section" data-testid={testId}>
      <SectionHeader
        title={title}
        subtitle={subtitle}
        to={`/innovations?sort=${sort}`}
        linkLabel={linkLabel}
      />
      {body}
    </Stack>
  );
}

export default function Landing() {
  const { t } = useTranslation('guest');
  const { status, me } = useAuth();
  useDocumentTitle(t('landing.documentTitle'));
  const member = status === 'member';
  return (
    <Box pb={48}>
      <Box className={classes.hero}>
        <Container size="lg" px="md" py={{ base: 32, md: 64 }}>
          <SimpleGrid
            cols={{ base: 1, md: 2 }}
            spacing={{ base: 28, md: 48 }}
            style={{ alignItems: 'center' }}
          >
            <Stack gap="lg">
              <Stack gap="xs">
                <Text fw={700} c="lc.9" size="sm" tt="uppercase">
                  {t('landing.eyebrow')}
                </Text>
                <Title order={1} className={classes.title}>
                  <Trans
                    t={t}
                    i18nKey="landing.title"
                    components={{ accent: <span className={classes.earn} /> }}
                  />
                </Title>
              </Stack>
              <ul className={classes.promise} aria-label={t('landing.promise.label')}>
                {PROMISES.map(({ key, icon: PromiseIcon }) => (
                  <li key={key} className={classes.promiseItem}>
                    <PromiseIcon size={18} aria-hidden />
                    {t(`landing.promise.${key}`)}
                  </li>
                ))}
              </ul>
              <Text size="lg" maw={560}>
                {t('landing.subtitle')}
              </Text>
              {member && me ? (
                <Text fw={700} c="lc.9">
                  {t('landing.cta.welcomeBack', { name: me.displayName })}
                </Text>
              ) : null}
              <Stack gap={8}>
                <CallToAction />
                {status === 'guest' ? (
                  <Text size="sm" c="dimmed">
                    {t('landing.cta.free')}
                  </Text>
                ) : null}
              </Stack>
            </Stack>
            <LiveStats />
          </SimpleGrid>
        </Container>
      </Box>

      <Container size="lg" px="md" pt={40}>
        <Stack gap={48}>
          <InnovationShelf
            sort="top"
            title={t('landing.top.title')}
            subtitle={t('landing.top.subtitle')}
            linkLabel={t('landing.top.all')}
            testId="landing-top"
          />
          <InnovationShelf
            sort="newest"
            title={t('landing.newest.title')}
            subtitle={t('landing.newest.subtitle')}
            linkLabel={t('landing.newest.all')}
            testId="landing-newest"
          />

          <Stack gap="md" component="section" aria-labelledby="landing-how">
            <div>
              <Title order={2} size="h3" id="landing-how">
                {t('landing.how.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('landing.how.subtitle')}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
              {STEPS.map(({ key, icon: StepIcon }, index) => (
                <Paper key={key} withBorder radius="lg" p="md" className={classes.step}>
                  <Group gap="sm" wrap="nowrap" mb="xs">
                    <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
                      <StepIcon size={24} />
                    </ThemeIcon>
                    <Title order={3} size="h5">
                      <Text span c="lc.8" fw={700} inherit>
                        {index + 1}.{' '}
                      </Text>
                      {t(`landing.how.${key}.title`)}
                    </Title>
                  </Group>
                  <Text size="sm">{t(`landing.how.${key}.body`)}</Text>
                </Paper>
              ))}
            </SimpleGrid>
          </Stack>

          <Paper radius="xl" p={{ base: 'lg', sm: 40 }} className={classes.band} component="section">
            <Stack gap="md" align="flex-start">
              <Title order={2} size="h3" c="white">
                {member ? t('landing.join.memberTitle') : t('landing.join.title')}
              </Title>
              <Text c="white" size="lg">
                {member ? t('landing.join.memberBody') : t('landing.join.body')}
              </Text>
              <CallToAction tone="dark" />
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
