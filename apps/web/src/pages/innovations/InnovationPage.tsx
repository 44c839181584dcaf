/**
 * /innovations/:id: one innovation, read like a post in a teachers' group: who made it, what it is, how to use it,
 * the files, its competency profile, what partners say, the ratings, who used it, and the conversation. Anyone may
 * read; rating, commenting, reporting use, following and reporting content ask a guest to sign in first.
 */
import {
  Alert,
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  Container,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconEdit,
  IconExternalLink,
  IconEyeOff,
  IconMessageCircle,
  IconStar,
  IconStarFilled,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useInnovationsControllerGet } from '../../api/generated/innovations/innovations';
import type { InnovationWithAttachmentsResponse } from '../../api/generated/model';
import { ApiError } from '../../api/http';
import { useAuth } from '../../auth/AuthProvider';
import { LevelBadge } from '../../components/LevelBadge';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatNumber } from '../../format/format';
import { Adoptions } from './view/Adoptions';
import { Attachments } from './view/Attachments';
import { Comments } from './view/Comments';
import { Cover } from './view/Cover';
import { Endorsements } from './view/Endorsements';
import { FollowButton } from './view/FollowButton';
import { useSessionFile } from '../../api/files';
import classes from './view/innovations.module.css';
import { initialOf } from './view/initial';
import { Markdown } from './view/Markdown';
import { RatingSection } from './view/RatingSection';
import { ReportButton } from './view/ReportButton';
import { ShareMenu } from './view/ShareMenu';
import { subjectOf } from './view/subject';
import { Taxonomy, useTaxonomy } from './view/taxonomy';

const CompetencyChart = lazy(() => import('./view/CompetencyChart'));

function StatusNotice({ innovation, own }: { innovation: InnovationWithAttachmentsResponse; own: boolean }) {
  const { t } = useTranslation('innovations');
  if (innovation.status === 'published') return null;
  const reason = innovation.moderationReason;
  if (innovation.status === 'draft') {
    return (
      <Alert color="blue" variant="light" title={t('status.draftTitle')} icon={<IconEdit size={20} />}>
        {t('status.draft')}
      </Alert>
    );
  }
  const removed = innovation.status === 'removed';
  return (
    <Alert
      color={removed ? 'red' : 'yellow'}
      variant="light"
      title={removed ? t('status.removedTitle') : t('status.hiddenTitle')}
      icon={removed ? <IconAlertTriangle size={20} /> : <IconEyeOff size={20} />}
      data-testid="innovation-status"
    >
      <Stack gap={4}>
        <Text size="sm">
          {removed ? t('status.removed') : own ? t('status.hiddenOwn') : t('status.hidden')}
        </Text>
        {reason && <Text size="sm">{t('status.reason', { reason })}</Text>}
      </Stack>
    </Alert>
  );
}

function TagRow({
  innovation,
  taxonomy,
}: {
  innovation: InnovationWithAttachmentsResponse;
  taxonomy: Taxonomy;
}) {
  return (
    <Group gap={6} wrap="wrap">
      {innovation.learningAreas.map((code) => (
        <Badge
          key={code}
          component={Link}
          to={`/innovations?learningArea=${encodeURIComponent(code)}`}
          color={subjectOf(code).color}
          variant="light"
          size="lg"
          radius="sm"
          tt="none"
          style={{ cursor: 'pointer' }}
        >
          {taxonomy.label('learningAreas', code)}
        </Badge>
      ))}
      {innovation.gradeLevels.map((code) => (
        <Badge
          key={code}
          component={Link}
          to={`/innovations?grade=${encodeURIComponent(code)}`}
          color="gray"
          variant="light"
          size="lg"
          radius="sm"
          tt="none"
          title={taxonomy.label('gradeLevels', code)}
          style={{ cursor: 'pointer' }}
        >
          {taxonomy.gradeShort(code)}
        </Badge>
      ))}
    </Group>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{children}</Text>
    </div>
  );
}

function Details({
  innovation,
  taxonomy,
}: {
  innovation: InnovationWithAttachmentsResponse;
  taxonomy: Taxonomy;
}) {
  const { t, i18n } = useTranslation('innovations');
  const context = innovation.context ?? {};
  return (
    <Stack gap="md">
      {innovation.techniques.length > 0 && (
        <div>
          <Text size="sm" c="dimmed" mb={6}>
            {t('page.techniques')}
          </Text>
          <Group gap={6} wrap="wrap">
            {innovation.techniques.map((code) => (
              <Badge
                key={code}
                component={Link}
                to={`/innovations?technique=${encodeURIComponent(code)}`}
                variant="outline"
                color="lc"
                size="lg"
                radius="sm"
                tt="none"
                maw="100%"
                style={{ cursor: 'pointer' }}
              >
                {taxonomy.label('activeLearningTechniques', code)}
              </Badge>
            ))}
          </Group>
        </div>
      )}
      {(context.schoolSize || context.setting || context.classSize) && (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          {context.schoolSize && (
            <Fact label={t('page.schoolSize')}>{t(`context.schoolSize.${context.schoolSize}`)}</Fact>
          )}
          {context.setting && (
            <Fact label={t('page.setting')}>{t(`context.setting.${context.setting}`)}</Fact>
          )}
          {context.classSize ? (
            <Fact label={t('page.classSize')}>
              {t('adoption.students', {
                count: context.classSize,
                formatted: formatNumber(context.classSize, i18n.language),
              })}
            </Fact>
          ) : null}
        </SimpleGrid>
      )}
      {innovation.tags.length > 0 && (
        <Group gap={6} wrap="wrap" aria-label={t('page.tags')} role="group">
          {innovation.tags.map((tag) => (
            <Badge
              key={tag}
              component={Link}
              to={`/innovations?q=${encodeURIComponent(tag)}`}
              variant="default"
              size="lg"
              radius="xl"
              tt="none"
              fw={500}
              maw="100%"
              style={{ cursor: 'pointer' }}
            >
              #{tag}
            </Badge>
          ))}
        </Group>
      )}
      {innovation.links.length > 0 && (
        <div>
          <Text size="sm" c="dimmed" mb={4}>
            {t('page.links')}
          </Text>
          <List spacing={6} listStyleType="none" p={0}>
            {innovation.links.map((link) => (
              <List.Item key={link.url} icon={<IconExternalLink size={18} aria-hidden />}>
                <Anchor
                  href={link.url}
                  target="_blank"
                  rel="noopener nofollow ugc"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {link.title || link.url}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </div>
      )}
      <Text size="sm" c="dimmed">
        {t(`license.${innovation.license}`)}
        {innovation.version > 1
          ? ` · ${t('page.version', { version: innovation.version, date: formatDate(innovation.updatedAt, i18n.language) })}`
          : ''}
      </Text>
    </Stack>
  );
}

function CompetencyProfile({ innovation }: { innovation: InnovationWithAttachmentsResponse }) {
  const { t, i18n } = useTranslation('innovations');
  const profile = innovation.competencyProfile;
  if (profile.length === 0) return null;
  const english = i18n.language === 'en';
  const confidence = profile.reduce((sum, item) => sum + item.confidence, 0) / profile.length;
  const evidence = confidence < 0.34 ? 'low' : confidence < 0.67 ? 'medium' : 'high';
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="profile-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id="profile-title">
            {t('profile.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.hint')}
          </Text>
        </div>
        <Box aria-hidden inert>
          <Suspense fallback={<Skeleton h={profile.length * 52 + 36} />}>
            <CompetencyChart profile={profile} />
          </Suspense>
        </Box>
        <VisuallyHidden>
          <ul>
            {profile.map((item) => (
              <li key={item.code}>
                {t('profile.srItem', {
                  name: item.label ? (english ? item.label.en : item.label.th) : item.code,
                  level: formatNumber(Math.round(item.level * 10) / 10, i18n.language),
                  count: item.raterCount,
                })}
              </li>
            ))}
          </ul>
        </VisuallyHidden>
        <Text size="sm" c="dimmed">
          {t(`profile.evidence.${evidence}`)}
        </Text>
      </Stack>
    </Paper>
  );
}

function NotFoundState() {
  const { t } = useTranslation('innovations');
  return (
    <Container size="sm" px="sm" py="xl">
      <Paper withBorder radius="lg" p="lg">
        <EmptyState title={t('page.notFoundTitle')}>{t('page.notFound')}</EmptyState>
        <Group justify="center">
          <Button component={Link} to="/innovations" h={44}>
            {t('page.backToList')}
          </Button>
        </Group>
      </Paper>
    </Container>
  );
}

export default function InnovationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('innovations');
  const { me } = useAuth();
  const taxonomy = useTaxonomy();
  const query = useInnovationsControllerGet(id, { query: { enabled: Boolean(id) } });
  const innovation = query.data?.data;

  useEffect(() => {
    const title = innovation?.title ?? t('list.title');
    document.title = `${title} · ${t('common:app.shortName')}`;
  }, [innovation?.title, t]);

  const published = innovation?.status === 'published';
  // Work that is not published is readable only with the member's token: its cover goes through a blob URL.
  const privateCover = useSessionFile(
    innovation && !published && innovation.coverAttachmentId
      ? `/api/v1/innovations/${innovation.id}/attachments/${innovation.coverAttachmentId}`
      : null,
    true,
  ).src;

  if (query.isLoading) return <PageLoader />;
  if (query.isError) {
    const status = query.error instanceof ApiError ? query.error.status : 0;
    if (status === 404 || status === 400) return <NotFoundState />;
    return (
      <Container size="sm" px="sm" py="md">
        <Stack>
          <ProblemAlert error={query.error} />
          <Button variant="default" h={44} w="fit-content" onClick={() => void query.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Stack>
      </Container>
    );
  }
  if (!innovation) return <NotFoundState />;

  const own = me?.id === innovation.author.id;
  const url = `${window.location.origin}/innovations/${innovation.id}`;
  const language = i18n.language;
  const area = innovation.learningAreas[0];

  return (
    <Container size={760} px={{ base: 0, xs: 'sm' }} py={{ base: 0, xs: 'md' }}>
      <Stack gap="sm">
        <Paper
          withBorder
          radius="lg"
          style={{ overflow: 'hidden' }}
          component="article"
          aria-labelledby="innovation-title"
        >
          {published || !innovation.coverAttachmentId ? (
            <Cover
              innovationId={innovation.id}
              coverAttachmentId={innovation.coverAttachmentId}
              learningArea={area}
              labels={[]}
              height={innovation.coverAttachmentId ? undefined : 96}
              full
            />
          ) : privateCover ? (
            <img
              src={privateCover}
              alt=""
              className={classes.coverImage}
              style={{ aspectRatio: '2 / 1', maxHeight: 380 }}
            />
          ) : (
            <Skeleton h={200} radius={0} />
          )}
          <Stack gap="md" p="md">
            <StatusNotice innovation={innovation} own={own} />
            <Title order={1} size="h2" id="innovation-title" lh={1.35} style={{ overflowWrap: 'anywhere' }}>
              {innovation.title}
            </Title>

            <Group gap="sm" wrap="nowrap" justify="space-between" align="center">
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <Avatar size={44} radius="xl" color="lc" aria-hidden>
                  {initialOf(innovation.author.displayName)}
                </Avatar>
                <div style={{ minWidth: 0 }}>
                  <Group gap={6} wrap="wrap" align="center">
                    <Anchor
                      component={Link}
                      to={`/members/${innovation.author.id}`}
                      fw={700}
                      c="dark"
                      data-testid="innovation-author"
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {innovation.author.displayName}
                    </Anchor>
                    <LevelBadge level={innovation.author.level} size="sm" />
                  </Group>
                  {innovation.school && (
                    <Text size="sm" c="dimmed" lineClamp={1}>
                      {innovation.school.name}
                    </Text>
                  )}
                  <Text size="sm" c="dimmed">
                    {formatDate(innovation.publishedAt ?? innovation.createdAt, language)}
                  </Text>
                </div>
              </Group>
              {own ? (
                <Button
                  component={Link}
                  to={`/innovations/${innovation.id}/edit`}
                  variant="light"
                  h={44}
                  radius="xl"
                  style={{ flexShrink: 0 }}
                  leftSection={<IconEdit size={18} aria-hidden />}
                  data-testid="innovation-edit"
                >
                  {t('common:actions.edit')}
                </Button>
              ) : (
                <FollowButton memberId={innovation.author.id} name={innovation.author.displayName} />
              )}
            </Group>

            <TagRow innovation={innovation} taxonomy={taxonomy} />

            <Group gap="lg" wrap="wrap" role="group" aria-label={t('card.stats')}>
              <Group gap={4} wrap="nowrap">
                <IconStarFilled size={18} color="var(--mantine-color-yellow-7)" aria-hidden />
                <Text fw={700}>
                  {innovation.rating.average != null
                    ? formatNumber(innovation.rating.average, language)
                    : '–'}
                </Text>
                <Text c="dimmed" size="sm">
                  {t('card.ratings', {
                    count: innovation.rating.count,
                    formatted: formatNumber(innovation.rating.count, language),
                  })}
                </Text>
              </Group>
              <Group gap={4} wrap="nowrap">
                <IconUsers size={18} aria-hidden />
                <Text c="dimmed" size="sm">
                  {t('card.adoptions', {
                    count: innovation.adoptionCount,
                    formatted: formatNumber(innovation.adoptionCount, language),
                  })}
                </Text>
              </Group>
              <Group gap={4} wrap="nowrap">
                <IconMessageCircle size={18} aria-hidden />
                <Text c="dimmed" size="sm">
                  {t('card.comments', {
                    count: innovation.commentCount,
                    formatted: formatNumber(innovation.commentCount, language),
                  })}
                </Text>
              </Group>
            </Group>

            {innovation.summary && (
              <Text size="lg" fw={500} className={classes.pre} lh={1.65}>
                {innovation.summary}
              </Text>
            )}

            <Group gap={0} grow className={classes.actionBar} py={2} wrap="nowrap">
              <Button
                component="a"
                href="#rating"
                variant="subtle"
                color="dark"
                size="sm"
                h={44}
                px={4}
                leftSection={<IconStar size={20} aria-hidden />}
              >
                {t('page.actionRate')}
              </Button>
              <Button
                component="a"
                href="#comments"
                variant="subtle"
                color="dark"
                size="sm"
                h={44}
                px={4}
                leftSection={<IconMessageCircle size={20} aria-hidden />}
              >
                {t('page.actionComment')}
              </Button>
              <ShareMenu url={url} title={innovation.title} />
            </Group>

            {innovation.body && <Markdown source={innovation.body} />}
            <Details innovation={innovation} taxonomy={taxonomy} />
          </Stack>
        </Paper>

        <Attachments attachments={innovation.attachments} withToken={!published} />
        <CompetencyProfile innovation={innovation} />
        <Endorsements innovationId={innovation.id} published={published} />
        <RatingSection innovation={innovation} />
        <Adoptions innovation={innovation} taxonomy={taxonomy} />
        <Comments innovationId={innovation.id} published={published} commentCount={innovation.commentCount} />

        {!own && published && (
          <Group justify="center" pb="md">
            <ReportButton innovationId={innovation.id} />
          </Group>
        )}
      </Stack>
    </Container>
  );
}
