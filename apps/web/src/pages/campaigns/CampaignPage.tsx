/**
 * /campaigns/:id (members): one campaign (GET /api/v1/campaigns/:id/progress) with its description and the member's
 * own progress; OBEC admins and the campaign's area admins also see the participants (members with at least one
 * counted action) and the completions, which the API returns only to them (`totals`, null for others).
 */
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCampaignsControllerProgress } from '../../api/generated/activities/activities';
import type { CampaignTotalsResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { CampaignCard, pickText } from './campaignParts';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="xs" radius="md">
      <Text size="sm" c="gray.7" lh={1.3}>
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function Totals({ totals }: { totals: CampaignTotalsResponse }) {
  const { t, i18n } = useTranslation('campaigns');
  const language = i18n.language;
  const rate = totals.participants > 0 ? Math.round((totals.completed / totals.participants) * 100) : 0;
  return (
    <Stack gap="xs" data-testid="campaign-totals">
      <Title order={2} size="h4">
        {t('page.totals')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('page.totalsHint')}
      </Text>
      <SimpleGrid cols={3} spacing="xs">
        <Stat
          label={t('page.participants')}
          value={formatNumber(totals.participants, language)}
          testId="campaign-participants"
        />
        <Stat
          label={t('page.completions')}
          value={formatNumber(totals.completed, language)}
          testId="campaign-completions"
        />
        <Stat
          label={t('page.completionRate')}
          value={`${formatNumber(rate, language)}%`}
          testId="campaign-rate"
        />
      </SimpleGrid>
    </Stack>
  );
}

export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('campaigns');
  const language = i18n.language;
  const query = useCampaignsControllerProgress(id);
  const detail = query.data?.data;
  const back = (
    <Anchor component={Link} to="/campaigns" size="sm">
      <Group gap={4} wrap="nowrap">
        <IconChevronLeft size={16} aria-hidden />
        {t('page.back')}
      </Group>
    </Anchor>
  );
  if (query.isPending) return <PageLoader />;
  if (!detail)
    return (
      <Page title={t('list.title')}>
        {back}
        <ProblemAlert error={query.error} title={t('page.notFound')} />
      </Page>
    );
  const campaign = { ...detail.campaign, me: detail.me };
  const description = pickText(detail.campaign.description, language);
  return (
    <Page title={pickText(campaign.title, language)}>
      {back}
      <CampaignCard campaign={campaign} linked={false} />
      {description ? (
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('page.about')}
          </Title>
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{description}</Text>
        </Stack>
      ) : null}
      {detail.totals ? <Totals totals={detail.totals} /> : null}
    </Page>
  );
}
