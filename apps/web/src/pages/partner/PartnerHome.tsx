/**
 * /partner — the partner staff's desk: a big "verify a voucher" button for the counter, then tabs for the partner's
 * perks, the redemptions waiting for them, and statistics with the CSV export. The open tab is kept in the URL.
 */
import { Badge, Button, Stack, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { IconQrcode } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMarketplaceControllerPartnerPerks } from '../../api/generated/marketplace/marketplace';
import { Page } from '../../components/Page';
import { formatNumber } from '../../format/format';
import { PartnerPerkList } from './parts/PartnerPerkList';
import { PartnerRedemptions, usePendingRedemptions } from './parts/PartnerRedemptions';
import { PartnerStats } from './parts/PartnerStats';

const TABS = ['perks', 'redemptions', 'stats'] as const;
type Tab = (typeof TABS)[number];

function PendingCount() {
  const { t, i18n } = useTranslation('partner');
  const query = usePendingRedemptions();
  const first = query.data?.pages[0]?.data;
  if (!first || first.items.length === 0) return null;
  const label = `${formatNumber(first.items.length, i18n.language)}${first.nextCursor ? '+' : ''}`;
  return (
    <>
      <Badge color="red.9" size="md" circle={label.length < 3} aria-hidden>
        {label}
      </Badge>
      <VisuallyHidden>{t('home.pendingCount', { count: first.items.length })}</VisuallyHidden>
    </>
  );
}

export default function PartnerHome() {
  const { t } = useTranslation('partner');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : 'perks';
  const perks = useMarketplaceControllerPartnerPerks();
  const partnerName = perks.data?.data.items[0]?.partnerName;

  return (
    <Page title={t('home.title')}>
      <Stack gap="md">
        {partnerName ? <Text c="dimmed">{partnerName}</Text> : null}
        <Button
          component={Link}
          to="/partner/verify"
          size="xl"
          fullWidth
          leftSection={<IconQrcode size={28} aria-hidden />}
          data-testid="partner-verify-link"
        >
          {t('home.verify')}
        </Button>
        <Tabs
          value={tab}
          onChange={(value) => setParams(value && value !== 'perks' ? { tab: value } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List
            mb="md"
            style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'none' }}
          >
            <Tabs.Tab value="perks" h={48} px="sm">
              {t('home.tabs.perks')}
            </Tabs.Tab>
            <Tabs.Tab value="redemptions" rightSection={<PendingCount />} h={48} px="sm">
              {t('home.tabs.redemptions')}
            </Tabs.Tab>
            <Tabs.Tab value="stats" h={48} px="sm">
              {t('home.tabs.stats')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="perks">
            <PartnerPerkList />
          </Tabs.Panel>
          <Tabs.Panel value="redemptions">
            <PartnerRedemptions />
          </Tabs.Panel>
          <Tabs.Panel value="stats">
            <PartnerStats />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Page>
  );
}
