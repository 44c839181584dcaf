/**
 * /settings: my profile (name, bio, learning areas), school and member kind (a request until confirmed), language,
 * notifications, follows, password, and my data (export, erase).
 */
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { AccountCard } from './parts/settings/AccountCard';
import { FollowsSection } from './parts/settings/FollowsSection';
import { LanguageSection } from './parts/settings/LanguageSection';
import { NotificationPrefsSection } from './parts/settings/NotificationPrefsSection';
import { PasswordSection } from './parts/settings/PasswordSection';
import { PrivacySection } from './parts/settings/PrivacySection';
import { ProfileSection } from './parts/settings/ProfileSection';
import { SchoolSection } from './parts/settings/SchoolSection';

export default function Settings() {
  const { t } = useTranslation('member');
  const { me, reloadMe, signOut } = useAuth();
  // RequireAuth sends whoever just signed out home.
  const leaveAndSignOut = () => void signOut();
  if (!me) return <PageLoader />;

  const afterErasure = () => {
    notifications.show({ color: 'green', message: t('settings.erase.done') });
    leaveAndSignOut();
  };

  return (
    <Page title={t('settings.title')} size="sm">
      <AccountCard me={me} />
      <ProfileSection key={`${me.id}-profile`} me={me} onSaved={reloadMe} />
      <SchoolSection me={me} onChanged={reloadMe} />
      <LanguageSection />
      <NotificationPrefsSection />
      <FollowsSection />
      <PasswordSection />
      <PrivacySection onErased={afterErasure} />
      <Button
        variant="default"
        leftSection={<IconLogout size={18} aria-hidden />}
        onClick={leaveAndSignOut}
        mb="xl"
      >
        {t('common:nav.signOut')}
      </Button>
    </Page>
  );
}
