/**
 * The frame of every page: a header (home, search, the bell with its live unread count, language, account with the
 * member's level) and, on phones, a bottom bar with the five places members go most, like the apps teachers already
 * use. A level reached while signed in is celebrated here, on whatever page is open (LevelReachedListener).
 */
import {
  ActionIcon,
  AppShell,
  Anchor,
  Avatar,
  Box,
  Button,
  Group,
  Indicator,
  Menu,
  Text,
  UnstyledButton,
} from '@mantine/core';
import {
  IconBell,
  IconCertificate,
  IconFlag,
  IconIdBadge2,
  IconTargetArrow,
  IconBuildingStore,
  IconBulb,
  IconCalendarEvent,
  IconFileCertificate,
  IconClipboardList,
  IconGauge,
  IconHome,
  IconLanguage,
  IconLogout,
  IconSearch,
  IconSettings,
  IconShieldCheck,
  IconStairs,
  IconTicket,
  IconTrophy,
  IconUserCog,
  IconWallet,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import {
  getCommunityControllerInboxQueryKey,
  useCommunityControllerInbox,
} from '../api/generated/community/community';
import { signInLink } from '../auth/signInLink';
import { useAuth } from '../auth/AuthProvider';
import { setLanguage } from '../i18n';
import { LevelBadge } from '../components/LevelBadge';
import { LevelReachedListener } from '../pages/recognition/LevelReachedListener';
import { useRealtime } from '../realtime/RealtimeProvider';
import classes from './AppLayout.module.css';

function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'th' : 'en';
  return (
    <Button
      variant="subtle"
      size="compact-md"
      h={44}
      leftSection={<IconLanguage size={18} aria-hidden />}
      onClick={() => void setLanguage(next)}
      aria-label={`${next === 'en' ? 'EN' : 'ไทย'} · ${t('language.switchTo')}`}
      lang={next}
    >
      {next === 'en' ? 'EN' : 'ไทย'}
    </Button>
  );
}

function NotificationBell() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inbox = useCommunityControllerInbox(undefined, { query: { staleTime: 30_000 } });
  const unread = inbox.data?.data.unread ?? 0;
  useRealtime('notification', (message) => {
    queryClient.setQueryData(getCommunityControllerInboxQueryKey(), (old: typeof inbox.data) =>
      old ? { ...old, data: { ...old.data, unread: message.unread } } : old,
    );
  });
  return (
    <Indicator disabled={unread === 0} label={unread > 99 ? '99+' : unread} size={18} color="red" offset={6}>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        aria-label={t('nav.notificationsCount', { count: unread })}
        data-testid="notification-bell"
      >
        <IconBell size={24} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}

function AccountMenu() {
  const { t } = useTranslation();
  const { me, hasRole, signOut } = useAuth();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.account')} className={classes.account}>
          <Avatar color="lc" radius="xl" size={36}>
            {me.displayName.slice(0, 1)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={700} c="dark.8" style={{ overflowWrap: 'anywhere' }}>
            {me.displayName}
          </Text>
          <LevelBadge level={me.level} size="sm" />
        </Menu.Label>
        <Menu.Item component={Link} to="/feed#level" leftSection={<IconStairs size={18} />}>
          {t('recognition:nav.myLevel')}
        </Menu.Item>
        <Menu.Item component={Link} to="/leaderboards" leftSection={<IconTrophy size={18} />}>
          {t('boards:title')}
        </Menu.Item>
        <Menu.Item
          component={Link}
          to={`/members/${me.id}/portfolio`}
          leftSection={<IconIdBadge2 size={18} />}
        >
          {t('growth:nav.portfolio')}
        </Menu.Item>
        <Menu.Item component={Link} to="/badges" leftSection={<IconCertificate size={18} />}>
          {t('growth:nav.badges')}
        </Menu.Item>
        <Menu.Item component={Link} to="/me/plan" leftSection={<IconTargetArrow size={18} />}>
          {t('growth:nav.plan')}
        </Menu.Item>
        {['supervisor', 'school_director'].includes(me.memberKind) && (
          <Menu.Item component={Link} to="/plans/shared" leftSection={<IconClipboardList size={18} />}>
            {t('growth:nav.sharedPlans')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/events" leftSection={<IconCalendarEvent size={18} />}>
          {t('activities:nav.events')}
        </Menu.Item>
        <Menu.Item component={Link} to="/me/certificates" leftSection={<IconFileCertificate size={18} />}>
          {t('activities:nav.certificates')}
        </Menu.Item>
        <Menu.Item component={Link} to="/campaigns" leftSection={<IconFlag size={18} />}>
          {t('campaigns:nav.campaigns')}
        </Menu.Item>
        <Menu.Item component={Link} to="/me/redemptions" leftSection={<IconTicket size={18} />}>
          {t('nav.redemptions')}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={18} />}>
          {t('nav.settings')}
        </Menu.Item>
        {hasRole('partner_staff') && (
          <Menu.Item component={Link} to="/partner" leftSection={<IconBuildingStore size={18} />}>
            {t('nav.partner')}
          </Menu.Item>
        )}
        {hasRole('moderator', 'obec_admin') && (
          <Menu.Item component={Link} to="/moderation" leftSection={<IconShieldCheck size={18} />}>
            {t('nav.moderation')}
          </Menu.Item>
        )}
        {hasRole('obec_admin', 'area_admin') && (
          <Menu.Item component={Link} to="/admin" leftSection={<IconUserCog size={18} />}>
            {t('nav.admin')}
          </Menu.Item>
        )}
        {hasRole('obec_admin', 'area_admin', 'school_admin') && (
          <Menu.Item component={Link} to="/cockpit" leftSection={<IconGauge size={18} />}>
            {t('cockpit:nav.cockpit')}
          </Menu.Item>
        )}
        {hasRole('obec_admin', 'area_admin') && (
          <Menu.Item component={Link} to="/cockpit/plans" leftSection={<IconClipboardList size={18} />}>
            {t('plans:nav.plans')}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={18} />}
          onClick={() => void signOut().then(() => navigate('/'))}
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

const MEMBER_TABS = [
  { to: '/feed', icon: IconHome, label: 'nav.feed' },
  { to: '/innovations', icon: IconBulb, label: 'nav.innovations' },
  { to: '/perks', icon: IconBuildingStore, label: 'nav.perks' },
  { to: '/wallet', icon: IconWallet, label: 'nav.wallet' },
  { to: '/notifications', icon: IconBell, label: 'nav.notifications' },
] as const;

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const location = useLocation();
  const member = status === 'member';
  return (
    <AppShell header={{ height: 60 }} footer={member ? { height: 64 } : undefined} padding={0}>
      <a href="#main" className={classes.skip}>
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={member ? '/feed' : '/'} underline="never" className={classes.brand}>
            <img src="/icons/icon.svg" alt={t('app.shortName')} width={32} height={32} />
            <Box visibleFrom="xs">
              <Text fw={700} c="lc.9" lh={1.1}>
                {t('app.shortName')}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                {t('app.tagline')}
              </Text>
            </Box>
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              component={Link}
              to="/innovations?focus=search"
              variant="subtle"
              aria-label={t('nav.search')}
            >
              <IconSearch size={22} aria-hidden />
            </ActionIcon>
            <Group gap={4} visibleFrom="sm" wrap="nowrap">
              {member &&
                MEMBER_TABS.slice(0, 4).map((tab) => (
                  <Button key={tab.to} component={NavLink} to={tab.to} variant="subtle" h={44}>
                    {t(tab.label)}
                  </Button>
                ))}
              {member && (
                <Button component={NavLink} to="/events" variant="subtle" h={44}>
                  {t('activities:nav.events')}
                </Button>
              )}
            </Group>
            <LanguageToggle />
            {member ? (
              <>
                <NotificationBell />
                <AccountMenu />
                <LevelReachedListener />
              </>
            ) : status === 'guest' && location.pathname !== '/login' ? (
              <Button component={Link} to={signInLink(location.pathname, location.search)} h={44}>
                {t('nav.signIn')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" className={classes.main}>
        {children}
      </AppShell.Main>
      {member && (
        <AppShell.Footer hiddenFrom="sm" className={classes.tabbar}>
          <nav aria-label={t('nav.main')}>
            <ul className={classes.tabs}>
              {MEMBER_TABS.map((tab) => (
                <li key={tab.to}>
                  <NavLink to={tab.to} className={classes.tab}>
                    <tab.icon size={22} aria-hidden />
                    <span>{t(tab.label)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </AppShell.Footer>
      )}
    </AppShell>
  );
}
