/**
 * `/members/:id/portfolio`: a member's work in one page — level, numbers, published innovations, badges, the
 * competency radar and the teaching profile (each chart with its definition, docs/RECOGNITION.md "Portfolio").
 * Who may open it is the owner's choice: signed out on a members-only portfolio the API answers 401
 * RECOGNITION_PORTFOLIO_MEMBERS_ONLY, on a private one 403 RECOGNITION_PORTFOLIO_PRIVATE; both are explained here.
 * The owner also sets that choice and the leaderboard opt-out, and downloads the evidence PDF.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { PortfolioResponse, PortfolioStatsResponse, PrivacyResponse } from '../../api/generated/model';
import {
  getPortfolioControllerPortfolioQueryKey,
  getPrivacyControllerGetQueryKey,
  usePortfolioControllerPortfolio,
  usePrivacyControllerGet,
  usePrivacyControllerUpdate,
} from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatNumber } from '../../format/format';
import { AwardCard } from './Badges';
import { EvidenceDownload } from './EvidenceDownload';
import { failureOf, pick } from './growth';

const CompetencyRadar = lazy(() => import('./CompetencyRadar'));

const STATS: (keyof PortfolioStatsResponse)[] = [
  'innovationsPublished',
  'ratingsReceived',
  'averageRating',
  'adoptions',
  'adoptingSchools',
  'adoptingAreas',
  'endorsements',
  'feedbackGiven',
  'pointsEarned',
  'badges',
];

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function PrivacySettings({ memberId }: { memberId: string }) {
  const { t } = useTranslation('growth');
  const queryClient = useQueryClient();
  const privacy = usePrivacyControllerGet();
  const update = usePrivacyControllerUpdate({
    mutation: {
      onSuccess: (response) => {
        queryClient.setQueryData(getPrivacyControllerGetQueryKey(), response);
        // the portfolio answers with its visibility: read it again
        void queryClient.invalidateQueries({ queryKey: getPortfolioControllerPortfolioQueryKey(memberId) });
      },
    },
  });
  const value: PrivacyResponse | undefined = update.data?.data ?? privacy.data?.data;
  if (!value) return privacy.error ? <ProblemAlert error={privacy.error} /> : null;
  return (
    <Card withBorder padding="md" data-testid="privacy-settings">
      <Stack gap="sm">
        <Radio.Group
          label={t('portfolio.privacy')}
          value={value.portfolio}
          onChange={(portfolio) =>
            update.mutate({ data: { portfolio: portfolio as PrivacyResponse['portfolio'] } })
          }
        >
          <Stack gap="xs" mt="xs">
            {(['public', 'members', 'private'] as const).map((option) => (
              <Radio key={option} value={option} label={t(`portfolio.visibility.${option}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          checked={value.leaderboards}
          onChange={(event) => update.mutate({ data: { leaderboards: event.currentTarget.checked } })}
          label={t('portfolio.leaderboards')}
          description={t('portfolio.leaderboardsHint')}
        />
        {update.isSuccess ? (
          <Text size="sm" c="teal" role="status">
            {t('portfolio.saved')}
          </Text>
        ) : null}
        <ProblemAlert error={update.error} />
      </Stack>
    </Card>
  );
}

function PortfolioBody({ portfolio, own }: { portfolio: PortfolioResponse; own: boolean }) {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  const stats = portfolio.stats;
  const built = portfolio.competencyRadar.some((score) => score.score > 0);
  return (
    <Stack gap="lg">
      <Group gap="xs">
        <Text c="dimmed">{t('portfolio.level')}:</Text>
        <Badge size="lg" variant="light">
          {pick(portfolio.level, language)}
        </Badge>
        {portfolio.member.school ? <Text size="sm">{portfolio.member.school.name}</Text> : null}
      </Group>

      {own ? (
        <>
          <PrivacySettings memberId={portfolio.member.id} />
          <EvidenceDownload />
        </>
      ) : null}

      <Section title={t('portfolio.stats')} id="portfolio-stats">
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
          {STATS.map((key) => (
            <Card key={key} withBorder padding="xs">
              <Text size="xs" c="dimmed">
                {t(`totals.${key}`)}
              </Text>
              <Text fw={700} size="lg">
                {stats[key] === null ? '–' : formatNumber(stats[key], language)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Section>

      <Section title={t('portfolio.radar')} id="portfolio-radar">
        <Text size="sm" c="dimmed">
          {t('portfolio.radarDefinition')}
        </Text>
        {built ? (
          <Suspense fallback={<PageLoader />}>
            <CompetencyRadar scores={portfolio.competencyRadar} />
          </Suspense>
        ) : null}
        {built ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} data-testid="competency-scores">
            {portfolio.competencyRadar.map((score, index) => (
              <Group key={score.code} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">
                  {index + 1}. {pick(score, language)}
                </Text>
                <Text size="sm" fw={700}>
                  {formatNumber(score.score, language)}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
        ) : (
          <Text>{t('portfolio.radarEmpty')}</Text>
        )}
      </Section>

      <Section title={t('portfolio.teaching')} id="portfolio-teaching">
        <Text size="sm" c="dimmed">
          {t('portfolio.teachingDefinition')}
        </Text>
        <Stack gap="sm" data-testid="teaching-profile">
          {portfolio.teachingProfile.map((criterion) => (
            <div key={criterion.code}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {pick(criterion, language)}
                </Text>
                <Text size="sm">
                  {criterion.average === null
                    ? t('portfolio.noRatings')
                    : t('portfolio.teachingLine', {
                        average: formatNumber(criterion.average, language),
                        count: criterion.ratings,
                      })}
                </Text>
              </Group>
              <Progress
                value={((criterion.average ?? 0) / 5) * 100}
                aria-label={pick(criterion, language)}
                color="teal"
                size="lg"
              />
            </div>
          ))}
        </Stack>
      </Section>

      <Section title={t('portfolio.innovations')} id="portfolio-innovations">
        {portfolio.innovations.length === 0 ? <Text>{t('portfolio.noInnovations')}</Text> : null}
        <Stack gap="xs">
          {portfolio.innovations.map((innovation) => (
            <Card key={innovation.id} withBorder padding="sm">
              <Anchor component={Link} to={`/innovations/${innovation.id}`} fw={600}>
                {innovation.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDate(innovation.publishedAt, language)}
              </Text>
              <Text size="sm">
                {t('portfolio.innovationLine', {
                  rating:
                    innovation.averageRating === null
                      ? '–'
                      : formatNumber(innovation.averageRating, language),
                  ratings: innovation.ratings,
                  adoptions: innovation.adoptions,
                  endorsements: innovation.endorsements,
                })}
              </Text>
            </Card>
          ))}
        </Stack>
      </Section>

      {portfolio.plan ? (
        <Section title={t('portfolio.plan')} id="portfolio-plan">
          <Stack gap="xs" data-testid="portfolio-plan">
            <Text fw={600}>
              {portfolio.plan.title} · {pick(portfolio.plan.fiscalYear, language)}
            </Text>
            <Progress
              value={portfolio.plan.progress}
              aria-label={t('portfolio.planProgress', { progress: portfolio.plan.progress })}
              color="teal"
              size="lg"
            />
            <Text size="sm">
              {t('portfolio.planProgress', { progress: portfolio.plan.progress })} ·{' '}
              {t('portfolio.planActivities', {
                done: portfolio.plan.activitiesDone,
                total: portfolio.plan.activities,
              })}
            </Text>
            {portfolio.plan.goals.map((goal) => (
              <Text size="sm" key={goal.competency}>
                {t('portfolio.planGoal', { competency: pick(goal, language), level: goal.targetLevel })}
              </Text>
            ))}
          </Stack>
        </Section>
      ) : null}

      <Section title={t('portfolio.badges')} id="portfolio-badges">
        {portfolio.badges.length === 0 ? <Text>{t('portfolio.noBadges')}</Text> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {portfolio.badges.map((award) => (
            <AwardCard key={award.id} award={award} />
          ))}
        </SimpleGrid>
      </Section>
    </Stack>
  );
}

export default function Portfolio() {
  const { t } = useTranslation('growth');
  const { id = '' } = useParams();
  const location = useLocation();
  const { me, status } = useAuth();
  const portfolio = usePortfolioControllerPortfolio(id, {
    query: { enabled: status !== 'loading' && id.length > 0, retry: false },
  });
  const failure = failureOf(portfolio.error);
  const data = portfolio.data?.data;
  const own = Boolean(me && me.id === id);
  const title = data ? t('portfolio.titleOf', { name: data.member.displayName }) : t('portfolio.title');

  return (
    <Page title={title}>
      {status === 'loading' || portfolio.isLoading ? <PageLoader /> : null}
      {failure?.code === 'RECOGNITION_PORTFOLIO_MEMBERS_ONLY' ||
      (failure?.status === 401 && status === 'guest') ? (
        <Alert
          color="blue"
          variant="light"
          icon={<IconLock />}
          title={t('portfolio.membersOnly')}
          role="alert"
        >
          <Stack gap="xs">
            <Text>{t('portfolio.membersOnlyHint')}</Text>
            <Button
              component={Link}
              to={`/login?next=${encodeURIComponent(location.pathname)}`}
              h={44}
              w="fit-content"
            >
              {t('portfolio.signIn')}
            </Button>
          </Stack>
        </Alert>
      ) : failure?.code === 'RECOGNITION_PORTFOLIO_PRIVATE' || failure?.status === 403 ? (
        <Alert color="gray" variant="light" icon={<IconLock />} title={t('portfolio.private')} role="alert">
          {t('portfolio.privateHint')}
        </Alert>
      ) : failure?.status === 404 ? (
        <EmptyState title={t('portfolio.notFound')} />
      ) : (
        <ProblemAlert error={portfolio.error} />
      )}
      {data ? <PortfolioBody portfolio={data} own={own} /> : null}
    </Page>
  );
}
