/** Which notifications reach me, in the app and by e-mail, per type; and the daily digest. Saved on each switch. */
import { Button, Group, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  communityControllerPreferences,
  getCommunityControllerPreferencesQueryKey,
  useCommunityControllerPreferences,
  useCommunityControllerUpdatePreferences,
} from '../../../../api/generated/community/community';
import type { PreferencesDto } from '../../../../api/generated/model';
import { ProblemAlert, problemMessage } from '../../../../components/ProblemAlert';
import { Section } from './Section';

type PrefsData = Awaited<ReturnType<typeof communityControllerPreferences>>;
const ORDER = [
  'rating.received',
  'comment.received',
  'adoption.reported',
  'innovation.endorsed',
  'points.changed',
  'redemption.updated',
  'content.moderated',
];

export function NotificationPrefsSection() {
  const { t } = useTranslation('member');
  const queryClient = useQueryClient();
  const prefs = useCommunityControllerPreferences();
  const update = useCommunityControllerUpdatePreferences();
  const key = getCommunityControllerPreferencesQueryKey();

  const save = (change: PreferencesDto, optimistic: (old: PrefsData['data']) => PrefsData['data']) => {
    const before = queryClient.getQueryData<PrefsData>(key);
    queryClient.setQueryData<PrefsData>(key, (old) => (old ? { ...old, data: optimistic(old.data) } : old));
    update.mutate(
      { data: change },
      {
        onSuccess: (answer) =>
          queryClient.setQueryData<PrefsData>(key, (old) => (old ? { ...old, data: answer.data } : old)),
        onError: (error) => {
          queryClient.setQueryData(key, before);
          notifications.show({ color: 'red', message: problemMessage(error, t('common:error.generic')) });
        },
      },
    );
  };

  const data = prefs.data?.data;
  const types = data
    ? [
        ...ORDER.filter((type) => type in data.channels),
        ...Object.keys(data.channels).filter((type) => !ORDER.includes(type)),
      ]
    : [];

  return (
    <Section
      id="notifications"
      title={t('settings.prefs.title')}
      description={t('settings.prefs.description')}
    >
      {prefs.isPending ? (
        <Stack gap="xs" aria-hidden>
          {[0, 1, 2, 3].map((n) => (
            <Skeleton key={n} height={36} radius="sm" />
          ))}
        </Stack>
      ) : prefs.isError ? (
        <Stack gap="xs">
          <ProblemAlert error={prefs.error} />
          <Group>
            <Button variant="light" onClick={() => void prefs.refetch()}>
              {t('common:actions.retry')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Table verticalSpacing="xs" horizontalSpacing={4} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.prefs.type')}</Table.Th>
                <Table.Th w={72} ta="center">
                  {t('settings.prefs.inApp')}
                </Table.Th>
                <Table.Th w={72} ta="center">
                  {t('settings.prefs.email')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {types.map((type) => {
                const label = t(`settings.prefs.types.${type.replace('.', '_')}`, { defaultValue: type });
                const channels = data!.channels[type];
                return (
                  <Table.Tr key={type}>
                    <Table.Td>
                      <Text size="sm">{label}</Text>
                    </Table.Td>
                    {(['inApp', 'email'] as const).map((channel) => (
                      <Table.Td key={channel}>
                        <Group justify="center">
                          <Switch
                            size="md"
                            checked={channels[channel]}
                            aria-label={t('settings.prefs.switchLabel', {
                              type: label,
                              channel: t(`settings.prefs.${channel}`),
                            })}
                            onChange={(event) => {
                              const value = event.currentTarget.checked;
                              save({ channels: { [type]: { [channel]: value } } }, (old) => ({
                                ...old,
                                channels: {
                                  ...old.channels,
                                  [type]: { ...old.channels[type], [channel]: value },
                                },
                              }));
                            }}
                          />
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Switch
            size="md"
            label={t('settings.prefs.digest')}
            description={t('settings.prefs.digestHint')}
            checked={data?.digest === 'daily'}
            onChange={(event) => {
              const digest = event.currentTarget.checked ? 'daily' : 'off';
              save({ digest }, (old) => ({ ...old, digest }));
            }}
          />
        </>
      )}
    </Section>
  );
}
