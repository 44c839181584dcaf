/**
 * /campaigns (members): the running and coming campaigns of the nation and of the member's area (GET
 * /api/v1/campaigns, the soonest to end first), each as a card with the goal in words, the Bangkok window, the bonus
 * per action, the badge and the member's progress bar. OBEC and area admins also get the way to a new campaign.
 */
import { Button, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCampaignsControllerList } from '../../api/generated/activities/activities';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { QueryGate } from '../admin/parts/shared';
import { CampaignCard } from './campaignParts';

export default function Campaigns() {
  const { t } = useTranslation('campaigns');
  const { hasRole } = useAuth();
  const query = useCampaignsControllerList();
  const campaigns = query.data?.data ?? [];
  const canCreate = hasRole('obec_admin', 'area_admin');
  return (
    <Page
      title={t('list.title')}
      actions={
        canCreate ? (
          <Button component={Link} to="/admin/campaigns/new" h={44} leftSection={<IconPlus size={18} />}>
            {t('list.create')}
          </Button>
        ) : null
      }
    >
      <Text c="gray.7">{t('list.intro')}</Text>
      <QueryGate query={query} errorTitle={t('list.loadError')}>
        {campaigns.length === 0 ? (
          <EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>
        ) : (
          <Stack gap="sm">
            {campaigns.map((campaign) => (
              <CampaignCard key={campaign.id} campaign={campaign} />
            ))}
          </Stack>
        )}
      </QueryGate>
    </Page>
  );
}
