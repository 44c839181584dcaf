/**
 * The published versions of an innovation (GET /innovations/:id/versions, newest first), in a drawer: when
 * each was made (Buddhist Era in Thai) and what it said.
 */
import { Badge, Button, Collapse, Drawer, Group, Paper, Stack, Text, Title, Typography } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInnovationsControllerVersions } from '../../../api/generated/innovations/innovations';
import type { InnovationVersionResponse } from '../../../api/generated/model';
import { EmptyState, PageLoader } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../format/format';
import { renderMarkdown } from './MarkdownField';

export function VersionHistory({
  innovationId,
  currentVersion,
  opened,
  onClose,
}: {
  innovationId: string;
  currentVersion: number | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('editor');
  const phone = useMediaQuery('(max-width: 48em)');
  const versions = useInnovationsControllerVersions(innovationId, { query: { enabled: opened } });
  const items = versions.data?.data.items ?? [];

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title={t('history.title')}
      position={phone ? 'bottom' : 'right'}
      size={phone ? '85%' : 'md'}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Text size="sm" c="dimmed" mb="md">
        {t('history.hint')}
      </Text>
      {versions.isLoading ? (
        <PageLoader />
      ) : versions.isError ? (
        <Stack>
          <ProblemAlert error={versions.error} />
          <Button variant="light" onClick={() => void versions.refetch()}>
            {t('common:actions.retry')}
          </Button>
        </Stack>
      ) : items.length === 0 ? (
        <EmptyState title={t('history.emptyTitle')}>{t('history.empty')}</EmptyState>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => (
            <VersionItem key={item.version} item={item} current={item.version === currentVersion} />
          ))}
        </Stack>
      )}
    </Drawer>
  );
}

function VersionItem({ item, current }: { item: InnovationVersionResponse; current: boolean }) {
  const { t, i18n } = useTranslation('editor');
  const [open, setOpen] = useState(false);
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="editor-version">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Title order={3} size="h5">
          {t('history.version', { version: item.version })}
        </Title>
        {current ? (
          <Badge color="lc" variant="light">
            {t('history.current')}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, i18n.language)}</time>
      </Text>
      <Text fw={700} mt={4} style={{ overflowWrap: 'anywhere' }}>
        {item.snapshot.title}
      </Text>
      {item.snapshot.summary ? (
        <Text size="sm" lineClamp={open ? undefined : 2}>
          {item.snapshot.summary}
        </Text>
      ) : null}
      <Button variant="subtle" px={0} mt={4} onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        {open ? t('history.hide') : t('history.show')}
      </Button>
      <Collapse expanded={open}>
        {open ? (
          <Typography>
            <div dangerouslySetInnerHTML={{ __html: renderMarkdown(item.snapshot.body) }} />
          </Typography>
        ) : null}
      </Collapse>
    </Paper>
  );
}
