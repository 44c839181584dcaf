/**
 * Who holds which role where: the grants the signed-in admin may see (OBEC: all; area admins: those of their area),
 * newest first, revoked ones on request. Grant a role in a dialog; revoke with an optional reason.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconUserMinus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  getAdminControllerListGrantsQueryKey,
  useAdminControllerListGrants,
  useAdminControllerRevoke,
} from '../../../api/generated/admin/admin';
import { useMarketplaceControllerPartnerList } from '../../../api/generated/marketplace/marketplace';
import { useMembersControllerProfile } from '../../../api/generated/members/members';
import type { RoleGrantResponse } from '../../../api/generated/model';
import { useAuth } from '../../../auth/AuthProvider';
import { EmptyState } from '../../../components/PageState';
import { formatDate } from '../../../format/format';
import { AreaName, SchoolName } from './pickers';
import { RoleGrantForm, SCOPE_OF } from './RoleGrantForm';
import { pickName, QueryGate, ReasonModal, useAdministeredAreas } from './shared';

const PAGE = 30;

function MemberName({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const profile = useMembersControllerProfile(id, { query: { staleTime: 5 * 60_000 } });
  return (
    <Anchor component={Link} to={`/members/${id}`} inherit>
      {profile.data?.data.displayName ?? t('grants.member')}
    </Anchor>
  );
}

function PartnerName({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const partners = useMarketplaceControllerPartnerList({ query: { staleTime: 60_000 } });
  const partner = partners.data?.data.items.find((item) => item.id === id);
  return <>{partner ? pickName(i18n.language, partner.nameTh, partner.nameEn) : '…'}</>;
}

function ScopeName({ grant }: { grant: RoleGrantResponse }) {
  const { t } = useTranslation('admin');
  if (!grant.scopeId || grant.scopeType === 'national') return <>{t('grants.national')}</>;
  if (grant.scopeType === 'area') return <AreaName id={grant.scopeId} />;
  if (grant.scopeType === 'school') return <SchoolName id={grant.scopeId} />;
  return <PartnerName id={grant.scopeId} />;
}

function GrantCard({
  grant,
  mayRevoke,
  onRevoke,
}: {
  grant: RoleGrantResponse;
  mayRevoke: boolean;
  onRevoke: () => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const revoked = grant.revokedAt !== null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      data-testid="role-grant"
      data-revoked={revoked}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
            <MemberName id={grant.memberId} />
          </Title>
          <Badge variant={revoked ? 'outline' : 'light'} color={revoked ? 'gray' : 'lc'}>
            {t(`roles.${grant.role}`)}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span c="dimmed">
            {t(`grants.scopeLabel.${grant.scopeType}`)}:
          </Text>{' '}
          <ScopeName grant={grant} />
        </Text>
        <Text size="sm" c="dimmed">
          {t('grants.grantedOn', { date: formatDate(grant.grantedAt, lang) })}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {grant.reason}
        </Text>
        {revoked ? (
          <Text size="sm" c="red.9">
            {t('grants.revokedOn', { date: formatDate(grant.revokedAt, lang) })}
            {grant.revokeReason ? ` · ${grant.revokeReason}` : ''}
          </Text>
        ) : mayRevoke ? (
          <Button
            h={44}
            mt={4}
            variant="subtle"
            color="red.9"
            style={{ alignSelf: 'flex-start' }}
            px="xs"
            leftSection={<IconUserMinus size={18} aria-hidden />}
            onClick={onRevoke}
            data-testid="grant-revoke"
          >
            {t('grants.revoke')}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}

export function RoleGrantsPanel({ obec }: { obec: boolean }) {
  const { t } = useTranslation('admin');
  const { me } = useAuth();
  const phone = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const myAreas = useAdministeredAreas();
  const grants = useAdminControllerListGrants();
  const revoke = useAdminControllerRevoke();
  const [filter, setFilter] = useState<'active' | 'all'>('active');
  const [shown, setShown] = useState(PAGE);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<RoleGrantResponse | null>(null);

  const all = grants.data?.data.items ?? [];
  const items = filter === 'active' ? all.filter((grant) => grant.revokedAt === null) : all;
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: getAdminControllerListGrantsQueryKey() });

  // Area admins may revoke only the school admin grants of their area (the API checks the school's area too).
  const mayRevoke = (grant: RoleGrantResponse) =>
    grant.memberId !== me?.id && (obec || SCOPE_OF[grant.role] === 'school');

  const onRevoke = async (reason: string | undefined) => {
    if (!revoking) return;
    try {
      await revoke.mutateAsync({ id: revoking.id, data: reason ? { reason } : {} });
    } catch {
      return;
    }
    notifications.show({ color: 'lc', message: t('grants.revoked') });
    setRevoking(null);
    refresh();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ flex: '1 1 240px' }}>
          <Title order={2} size="h3">
            {t('grants.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {obec ? t('grants.introObec') : t('grants.introArea')}
          </Text>
        </div>
        <Button
          h={44}
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setGranting(true)}
          disabled={!obec && myAreas.length === 0}
          data-testid="grant-open"
        >
          {t('grants.add')}
        </Button>
      </Group>
      <SegmentedControl
        value={filter}
        onChange={(value) => {
          setFilter(value as 'active' | 'all');
          setShown(PAGE);
        }}
        data={[
          { value: 'active', label: t('grants.filter.active') },
          { value: 'all', label: t('grants.filter.all') },
        ]}
        aria-label={t('grants.filterLabel')}
        size="md"
        fullWidth={phone}
        style={{ alignSelf: phone ? undefined : 'flex-start' }}
      />
      <QueryGate query={grants} errorTitle={t('loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t('grants.empty')} />
        ) : (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {items.slice(0, shown).map((grant) => (
                <GrantCard
                  key={grant.id}
                  grant={grant}
                  mayRevoke={mayRevoke(grant)}
                  onRevoke={() => {
                    revoke.reset();
                    setRevoking(grant);
                  }}
                />
              ))}
            </SimpleGrid>
            {items.length > shown ? (
              <Button h={44} variant="default" onClick={() => setShown((value) => value + PAGE)}>
                {t('common:actions.loadMore')}
              </Button>
            ) : null}
          </Stack>
        )}
      </QueryGate>

      <Modal
        opened={granting}
        onClose={() => setGranting(false)}
        title={t('grants.add')}
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        {granting ? (
          <RoleGrantForm
            obec={obec}
            myAreas={myAreas}
            onCancel={() => setGranting(false)}
            onDone={(grant) => {
              notifications.show({
                color: 'lc',
                message: t('grants.granted', { role: t(`roles.${grant.role}`) }),
              });
              setGranting(false);
              refresh();
            }}
          />
        ) : null}
      </Modal>

      <ReasonModal
        opened={revoking !== null}
        title={t('grants.revokeTitle')}
        explain={revoking ? t('grants.revokeExplain', { role: t(`roles.${revoking.role}`) }) : undefined}
        label={t('grants.revokeReason')}
        required={false}
        confirmLabel={t('grants.revoke')}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(null)}
        onConfirm={(reason) => void onRevoke(reason)}
      />
    </Stack>
  );
}
