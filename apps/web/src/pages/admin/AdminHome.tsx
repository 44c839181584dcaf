/**
 * /admin: one tab per job the signed-in admin may do. OBEC admins: perk approvals, profile changes, nominations for
 * Influencer, announcements, role grants, partners, earning rules, levels' criteria, badges, imports and the ledger. Area
 * admins: announcements, role grants (school admins of their area), profile changes into their area's schools and
 * their area's nominations; the API enforces every scope again.
 * The open tab lives in the address (?tab=perks), so a link or a reload lands on it.
 */
import { Badge, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAward,
  IconBuildingCommunity,
  IconCoins,
  IconFileImport,
  IconGift,
  IconShieldLock,
  IconCrown,
  IconSpeakerphone,
  IconStairs,
  IconUserCheck,
  IconUserShield,
  TablerIcon,
} from '@tabler/icons-react';
import { ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAdminControllerListProfileChanges } from '../../api/generated/admin/admin';
import { useMarketplaceControllerPending } from '../../api/generated/marketplace/marketplace';
import { useLevelsControllerList } from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { formatNumber } from '../../format/format';
import { AnnouncementsPanel } from './parts/AnnouncementsPanel';
import { BadgesPanel } from './parts/BadgesPanel';
import { EarningRulesPanel } from './parts/EarningRulesPanel';
import { ImportsPanel } from './parts/ImportsPanel';
import { LedgerPanel } from './parts/LedgerPanel';
import { LevelsPanel } from './parts/LevelsPanel';
import { NominationsPanel } from './parts/NominationsPanel';
import { PartnersPanel } from './parts/PartnersPanel';
import { PerkApprovalsPanel } from './parts/PerkApprovalsPanel';
import { ProfileChangesPanel } from './parts/ProfileChangesPanel';
import { RoleGrantsPanel } from './parts/RoleGrantsPanel';

export type AdminTab =
  | 'perks'
  | 'profileChanges'
  | 'nominations'
  | 'announcements'
  | 'roles'
  | 'partners'
  | 'rules'
  | 'levels'
  | 'badges'
  | 'imports'
  | 'ledger';

interface TabSpec {
  value: AdminTab;
  icon: TablerIcon;
  panel: ReactNode;
  count?: number;
}

function CountBadge({ count }: { count?: number }) {
  const { i18n } = useTranslation();
  if (!count) return null;
  return (
    <Badge size="sm" color="red" variant="filled" circle={count < 10}>
      {formatNumber(count, i18n.language)}
    </Badge>
  );
}

export default function AdminHome() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const obec = hasRole('obec_admin');
  const wide = useMediaQuery('(min-width: 62em)');
  const [params, setParams] = useSearchParams();

  const pendingPerks = useMarketplaceControllerPending({ query: { enabled: obec, staleTime: 30_000 } });
  const pendingChanges = useAdminControllerListProfileChanges(
    { status: 'pending' },
    { query: { staleTime: 30_000 } },
  );
  const pendingNominations = useLevelsControllerList(
    { status: 'pending' },
    { query: { enabled: obec, staleTime: 30_000 } },
  );

  const tabs = useMemo<TabSpec[]>(() => {
    const list: TabSpec[] = [];
    if (obec)
      list.push({
        value: 'perks',
        icon: IconGift,
        panel: <PerkApprovalsPanel />,
        count: pendingPerks.data?.data.items.length,
      });
    const profileChanges: TabSpec = {
      value: 'profileChanges',
      icon: IconUserCheck,
      panel: <ProfileChangesPanel />,
      count: pendingChanges.data?.data.items.length,
    };
    // OBEC admins see the waiting decisions first; area admins mostly announce and appoint school admins.
    if (obec) list.push(profileChanges);
    const nominations: TabSpec = {
      value: 'nominations',
      icon: IconCrown,
      panel: <NominationsPanel obec={obec} />,
      count: obec ? pendingNominations.data?.data.items.length : undefined,
    };
    if (obec) list.push(nominations);
    list.push({ value: 'announcements', icon: IconSpeakerphone, panel: <AnnouncementsPanel obec={obec} /> });
    list.push({ value: 'roles', icon: IconUserShield, panel: <RoleGrantsPanel obec={obec} /> });
    if (!obec) list.push(profileChanges, nominations);
    if (obec) {
      list.push({ value: 'partners', icon: IconBuildingCommunity, panel: <PartnersPanel /> });
      list.push({ value: 'rules', icon: IconCoins, panel: <EarningRulesPanel /> });
      list.push({ value: 'levels', icon: IconStairs, panel: <LevelsPanel /> });
      list.push({ value: 'badges', icon: IconAward, panel: <BadgesPanel /> });
      list.push({ value: 'imports', icon: IconFileImport, panel: <ImportsPanel /> });
      list.push({ value: 'ledger', icon: IconShieldLock, panel: <LedgerPanel /> });
    }
    return list;
  }, [obec, pendingPerks.data, pendingChanges.data, pendingNominations.data]);

  const requested = params.get('tab');
  const active = tabs.find((tab) => tab.value === requested)?.value ?? tabs[0].value;
  const select = (value: string | null) => {
    if (!value) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <Page title={t('title')} size="xl">
      <Text c="dimmed">{obec ? t('intro.obec') : t('intro.area')}</Text>
      <Tabs
        value={active}
        onChange={select}
        orientation={wide ? 'vertical' : 'horizontal'}
        variant="pills"
        keepMounted={false}
        radius="xl"
        styles={{
          tab: {
            justifyContent: 'flex-start',
            ...(wide ? {} : { border: '1px solid var(--mantine-color-gray-3)' }),
          },
          tabLabel: wide ? { flex: 1, textAlign: 'start' } : undefined,
        }}
      >
        <Tabs.List
          aria-label={t('tabsLabel')}
          mb={wide ? 0 : 'md'}
          mr={wide ? 'lg' : 0}
          style={wide ? { minWidth: 230 } : { gap: 8 }}
        >
          {tabs.map(({ value, icon: Icon, count }) => (
            <Tabs.Tab
              key={value}
              value={value}
              mih={44}
              leftSection={<Icon size={18} aria-hidden />}
              rightSection={<CountBadge count={count} />}
              data-testid={`admin-tab-${value}`}
            >
              {t(`tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ value, panel }) => (
          <Tabs.Panel key={value} value={value} style={{ minWidth: 0, flex: 1 }}>
            {panel}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
