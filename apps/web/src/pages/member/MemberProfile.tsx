/**
 * /members/:id: a member's public profile (name, level, kind, academic standing, school, learning areas, bio), a
 * follow button (and for their area's admin, a nomination for Influencer), and their published innovations as far
 * as the API lets us find them.
 */
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconSchool, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useInnovationsControllerList } from '../../api/generated/innovations/innovations';
import { useMembersControllerProfile } from '../../api/generated/members/members';
import type { PublicMemberResponse } from '../../api/generated/model';
import { ApiError } from '../../api/http';
import { useAuth } from '../../auth/AuthProvider';
import { LevelBadge } from '../../components/LevelBadge';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert, problemMessage } from '../../components/ProblemAlert';
import { formatDate } from '../../format/format';
import { NominateAction } from '../recognition/NominateAction';
import { RevokeLevelAction } from '../recognition/RevokeLevelAction';
import { useFollows } from './parts/follows';
import { MemberAvatar } from './parts/MemberAvatar';
import { useTaxonomy } from './parts/taxonomy';
import classes from './parts/member.module.css';

function FollowButton({ member }: { member: PublicMemberResponse }) {
  const { t } = useTranslation('member');
  const { list, find, follow, unfollow } = useFollows();
  const current = find('member', member.id);
  const busy = follow.isPending || unfollow.isPending || list.isPending;
  const onError = (error: unknown) =>
    notifications.show({ color: 'red', message: problemMessage(error, t('common:error.generic')) });
  return current ? (
    <Button
      variant="default"
      radius="xl"
      leftSection={<IconCheck size={18} aria-hidden />}
      loading={busy}
      onClick={() => unfollow.mutate({ id: current.id }, { onError })}
      aria-label={t('profile.unfollowNamed', { name: member.displayName })}
      data-testid="follow-button"
      data-following="true"
    >
      {t('profile.following')}
    </Button>
  ) : (
    <Button
      radius="xl"
      leftSection={<IconUserPlus size={18} aria-hidden />}
      loading={busy}
      onClick={() => follow.mutate({ data: { targetType: 'member', targetId: member.id } }, { onError })}
      data-testid="follow-button"
      data-following="false"
    >
      {t('profile.follow')}
    </Button>
  );
}

/**
 * The API filters innovations by school, not by author: this lists the newest of the member's school and keeps
 * theirs. A member who moved school may have more elsewhere.
 */
function MemberInnovations({ member }: { member: PublicMemberResponse }) {
  const { t, i18n } = useTranslation('member');
  const schoolId = member.school?.id;
  const query = useInnovationsControllerList(
    { schoolId, sort: 'newest' },
    { query: { enabled: Boolean(schoolId), staleTime: 60_000 } },
  );
  if (!schoolId) return null;
  const mine = (query.data?.data.items ?? []).filter((item) => item.author.id === member.id);
  return (
    <Stack gap="sm" component="section" aria-labelledby="member-innovations">
      <Title order={2} size="h4" id="member-innovations">
        {t('profile.innovations')}
      </Title>
      {query.isPending ? (
        <Skeleton height={88} radius="lg" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} />
      ) : mine.length === 0 ? (
        <Card withBorder radius="lg" padding="md">
          <Text c="dimmed">{t('profile.noInnovations', { name: member.displayName })}</Text>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {mine.map((item) => (
            <Anchor
              key={item.id}
              component={Link}
              to={`/innovations/${item.id}`}
              className={classes.preview}
              underline="never"
              p="md"
              bg="white"
            >
              <Text fw={700} c="lc.9" lineClamp={2}>
                {item.title}
              </Text>
              <Text size="sm" c="gray.8" lineClamp={2} mt={4}>
                {item.summary}
              </Text>
              {item.publishedAt && (
                <Text size="xs" c="dimmed" mt={6}>
                  {formatDate(item.publishedAt, i18n.language)}
                </Text>
              )}
            </Anchor>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

export default function MemberProfile() {
  const { t, i18n } = useTranslation('member');
  const { id = '' } = useParams();
  const location = useLocation();
  const { status, me } = useAuth();
  const taxonomy = useTaxonomy(i18n.language);
  const profile = useMembersControllerProfile(id, { query: { enabled: status === 'member' && id !== '' } });

  if (status === 'loading') return <PageLoader />;
  if (status === 'guest')
    return (
      <Page title={t('profile.title')} size="sm">
        <Card withBorder radius="lg" padding="lg">
          <EmptyState title={t('profile.signInTitle')}>
            <Stack align="center" gap="sm" component="span">
              <span>{t('profile.signInBody')}</span>
              <Button component={Link} to={`/login?next=${encodeURIComponent(location.pathname)}`}>
                {t('common:nav.signIn')}
              </Button>
            </Stack>
          </EmptyState>
        </Card>
      </Page>
    );
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) {
    const notFound = profile.error instanceof ApiError && profile.error.status === 404;
    return (
      <Page title={t('profile.title')} size="sm">
        {notFound ? (
          <Card withBorder radius="lg" padding="lg">
            <EmptyState title={t('profile.notFound')} />
          </Card>
        ) : (
          <ProblemAlert error={profile.error} />
        )}
      </Page>
    );
  }

  const member = profile.data.data;
  const self = me?.id === member.id;
  const name = member.erased ? t('feed.erasedMember') : member.displayName;
  const kind = taxonomy.label('memberKinds', member.memberKind);
  const standing =
    member.academicStanding && member.academicStanding !== 'none'
      ? taxonomy.label('academicStandings', member.academicStanding)
      : '';

  return (
    <Page title={name} size="sm">
      <Card withBorder radius="lg" padding="lg">
        <Stack gap="md">
          <Group wrap="nowrap" gap="md" align="flex-start">
            <MemberAvatar id={member.id} name={name} size={80} />
            <Stack gap={4} style={{ minWidth: 0 }} align="flex-start">
              {!member.erased && <LevelBadge level={member.level} size="lg" />}
              {(kind || standing) && <Text fw={600}>{[kind, standing].filter(Boolean).join(' · ')}</Text>}
              {member.school && (
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconSchool size={18} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {member.school.name}
                  </Text>
                </Group>
              )}
            </Stack>
          </Group>
          {member.erased ? (
            <Text c="dimmed">{t('profile.erased')}</Text>
          ) : (
            <>
              {member.bio && (
                <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{member.bio}</Text>
              )}
              {member.learningAreas.length > 0 && (
                <Group gap={6}>
                  {member.learningAreas.map((code) => (
                    <Badge key={code} variant="light" size="lg" radius="sm" tt="none">
                      {taxonomy.label('learningAreas', code)}
                    </Badge>
                  ))}
                </Group>
              )}
              <Group gap="sm">
                {self ? (
                  <Button
                    component={Link}
                    to="/settings"
                    variant="light"
                    radius="xl"
                    leftSection={<IconPencil size={18} aria-hidden />}
                  >
                    {t('profile.edit')}
                  </Button>
                ) : (
                  <FollowButton member={member} />
                )}
                <NominateAction member={member} />
                <RevokeLevelAction member={member} />
                <Button component={Link} to={`/members/${member.id}/portfolio`} variant="default" radius="xl">
                  {t('growth:portfolio.profile')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Card>
      {!member.erased && <MemberInnovations member={member} />}
    </Page>
  );
}
