/**
 * `/badges`: every badge a member can earn with how it is earned, and, signed in, the member's own awards, each
 * with "Verify" (the public verification page) and "Download" (the signed Open Badges 3.0 credential as a .json
 * file, which any Open Badges wallet imports).
 */
import { Anchor, Badge, Button, Card, Group, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { saveBlob } from '../../api/files';
import { credentialsControllerCredential } from '../../api/generated/credentials/credentials';
import type { BadgeAwardResponse, BadgeResponse } from '../../api/generated/model';
import {
  useBadgesControllerAwards,
  useBadgesControllerList,
} from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format/format';
import { badgeImageSrc, pick } from './growth';

/** Saves an award's credential as `badge-<code>-<credential id>.json`, exactly as the platform signed it. */
export async function downloadCredential(award: BadgeAwardResponse): Promise<void> {
  if (!award.credentialId) return;
  const credential = (await credentialsControllerCredential(award.credentialId)).data;
  const blob = new Blob([JSON.stringify(credential, null, 2)], { type: 'application/ld+json' });
  saveBlob(blob, `badge-${award.badge.code}-${award.credentialId}.json`);
}

/** One award with its verify and download actions (also used on the portfolio). */
export function AwardCard({ award, actions = true }: { award: BadgeAwardResponse; actions?: boolean }) {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadCredential(award);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const name = pick(award.badge, language);
  return (
    <Card withBorder padding="sm" data-testid="badge-award">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Image src={badgeImageSrc(award.badge.image)} alt="" w={56} h={56} fit="contain" />
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={700}>{name}</Text>
          <Text size="sm" c="dimmed">
            {t('badges.awardedAt', { date: formatDate(award.awardedAt, language) })}
          </Text>
          {award.revoked ? (
            <Badge color="red" variant="filled" w="fit-content">
              {t('badges.revoked')}
            </Badge>
          ) : null}
          {award.revoked && award.revokedReason ? (
            <Text size="sm" c="red.8">
              {award.revokedReason}
            </Text>
          ) : null}
        </Stack>
      </Group>
      {actions && award.credentialId ? (
        <Group gap="xs" mt="sm" grow>
          <Button
            component={Link}
            to={`/verify/credential/${award.credentialId}`}
            variant="light"
            h={44}
            leftSection={<IconShieldCheck size={18} aria-hidden />}
            aria-label={`${t('badges.verify')} · ${name}`}
          >
            {t('badges.verify')}
          </Button>
          <Button
            variant="default"
            h={44}
            leftSection={<IconDownload size={18} aria-hidden />}
            loading={busy}
            onClick={() => void download()}
            title={t('badges.downloadHint')}
            aria-label={`${t('badges.download')} · ${name}`}
          >
            {t('badges.download')}
          </Button>
        </Group>
      ) : null}
      {error ? <ProblemAlert error={error} title={t('badges.downloadFailed')} /> : null}
    </Card>
  );
}

function DefinitionCard({ badge, earned }: { badge: BadgeResponse; earned: boolean }) {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  return (
    <Card withBorder padding="sm" data-testid="badge-definition">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Image
          src={badgeImageSrc(badge.image)}
          alt=""
          w={56}
          h={56}
          fit="contain"
          style={{ opacity: earned ? 1 : 0.55 }}
        />
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs">
            <Title order={3} size="h5">
              {pick(badge, language)}
            </Title>
            {earned ? (
              <Badge color="teal" variant="light">
                {t('badges.earned')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm">{pick(badge.description, language)}</Text>
          <Text size="sm">
            <Text span fw={600}>
              {t('badges.howToEarn')}:{' '}
            </Text>
            {pick(badge.criteria, language)}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

export default function Badges() {
  const { t } = useTranslation('growth');
  const { me, status } = useAuth();
  const definitions = useBadgesControllerList({ query: { staleTime: 60_000 } });
  const awards = useBadgesControllerAwards(me?.id ?? '', { query: { enabled: Boolean(me?.id) } });
  const mine = awards.data?.data ?? [];
  const earned = new Set(mine.filter((award) => !award.revoked).map((award) => award.badge.code));

  return (
    <Page title={t('badges.title')}>
      {status === 'member' ? (
        <Stack gap="sm" component="section" aria-labelledby="my-badges">
          <Title order={2} size="h4" id="my-badges">
            {t('badges.mine')}
          </Title>
          {awards.isLoading ? <PageLoader /> : null}
          <ProblemAlert error={awards.error} />
          {awards.isSuccess && mine.length === 0 ? (
            <EmptyState title={t('badges.noneYet')}>{t('badges.noneYetHint')}</EmptyState>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {mine.map((award) => (
              <AwardCard key={award.id} award={award} />
            ))}
          </SimpleGrid>
        </Stack>
      ) : status === 'guest' ? (
        <Anchor component={Link} to="/login?next=%2Fbadges">
          {t('badges.signInForMine')}
        </Anchor>
      ) : null}
      <Stack gap="sm" component="section" aria-labelledby="all-badges">
        <Title order={2} size="h4" id="all-badges">
          {t('badges.all')}
        </Title>
        {definitions.isLoading ? <PageLoader /> : null}
        <ProblemAlert error={definitions.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {(definitions.data?.data ?? [])
            .filter((badge) => badge.active)
            .map((badge) => (
              <DefinitionCard key={badge.code} badge={badge} earned={earned.has(badge.code)} />
            ))}
        </SimpleGrid>
      </Stack>
    </Page>
  );
}
