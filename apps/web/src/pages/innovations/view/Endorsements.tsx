/** Partners (foundations, companies, universities) vouching for an innovation; their staff can add theirs. */
import { Avatar, Blockquote, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconRosetteDiscountCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getMarketplaceControllerEndorsementsOfQueryKey,
  useMarketplaceControllerEndorse,
  useMarketplaceControllerEndorsementsOf,
} from '../../../api/generated/marketplace/marketplace';
import { useAuth } from '../../../auth/AuthProvider';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../format/format';
import { initialOf } from './initial';

export function Endorsements({ innovationId, published }: { innovationId: string; published: boolean }) {
  const { t, i18n } = useTranslation('innovations');
  const english = i18n.language === 'en';
  const { me, hasRole } = useAuth();
  const queryClient = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const [statement, setStatement] = useState('');
  const list = useMarketplaceControllerEndorsementsOf(innovationId);
  const endorse = useMarketplaceControllerEndorse();
  const items = list.data?.data.items ?? [];
  const partnerStaff = hasRole('partner_staff');
  const myPartners = new Set(
    (me?.roles ?? []).filter((grant) => grant.role === 'partner_staff').map((grant) => grant.scopeId),
  );
  const alreadyEndorsed = items.some((item) => myPartners.has(item.partner.id));
  const canEndorse = partnerStaff && published && !alreadyEndorsed;

  if (!list.isLoading && !list.isError && items.length === 0 && !canEndorse) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (statement.trim().length < 3) return;
    try {
      await endorse.mutateAsync({ id: innovationId, data: { statement: statement.trim() } });
      notifications.show({ color: 'teal', message: t('endorse.done') });
      setStatement('');
      dialog.close();
      void queryClient.invalidateQueries({
        queryKey: getMarketplaceControllerEndorsementsOfQueryKey(innovationId),
      });
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="endorsements-title">
      <Stack gap="md">
        <Group gap="xs" wrap="nowrap">
          <IconRosetteDiscountCheck size={26} color="var(--mantine-color-lc-8)" aria-hidden />
          <Title order={2} size="h3" id="endorsements-title">
            {t('endorse.title')}
          </Title>
        </Group>
        {list.isError ? (
          <ProblemAlert error={list.error} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('endorse.empty')}</Text>
        ) : (
          <Stack gap="md">
            {items.map((item) => {
              const name = english && item.partner.nameEn ? item.partner.nameEn : item.partner.name;
              return (
                <Stack key={item.id} gap={6} data-testid="endorsement">
                  <Group gap="sm" wrap="nowrap">
                    <Avatar src={item.partner.logoUrl} alt="" radius="md" size={40} color="lc">
                      {initialOf(name)}
                    </Avatar>
                    <div style={{ minWidth: 0 }}>
                      <Text fw={700}>{name}</Text>
                      <Text size="sm" c="dimmed">
                        {t('endorse.on', { date: formatDate(item.createdAt, i18n.language) })}
                      </Text>
                    </div>
                  </Group>
                  <Blockquote color="lc" p="sm" radius="md" fz="md" style={{ overflowWrap: 'anywhere' }}>
                    {item.statement}
                  </Blockquote>
                </Stack>
              );
            })}
          </Stack>
        )}
        {canEndorse && (
          <Button
            h={44}
            variant="light"
            leftSection={<IconRosetteDiscountCheck size={18} aria-hidden />}
            onClick={dialog.open}
            data-testid="endorse"
          >
            {t('endorse.button')}
          </Button>
        )}
      </Stack>
      <Modal
        opened={opened}
        onClose={dialog.close}
        title={t('endorse.dialogTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <form onSubmit={submit}>
          <Stack>
            <Textarea
              label={t('endorse.statement')}
              description={t('endorse.statementHint')}
              autosize
              minRows={3}
              maxLength={1000}
              value={statement}
              onChange={(event) => setStatement(event.currentTarget.value)}
              required
              data-autofocus
            />
            <ProblemAlert error={endorse.error} />
            <Group justify="flex-end">
              <Button variant="default" h={44} onClick={dialog.close}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                type="submit"
                h={44}
                disabled={statement.trim().length < 3}
                loading={endorse.isPending}
                data-testid="endorse-submit"
              >
                {t('endorse.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
