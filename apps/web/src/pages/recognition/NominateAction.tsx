/**
 * On a Change Agent's public profile, the area admin of their school's area (or an OBEC admin) may nominate them for
 * Influencer: a statement of why (20–3000 characters, NominateDto) goes to OBEC, who decides. The API refuses again
 * whatever this hides (RECOGNITION_NOMINEE_NOT_READY, RECOGNITION_NOMINATION_OPEN, …) and the form shows why.
 */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCrown } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicMemberResponse } from '../../api/generated/model';
import { useLevelsControllerNominate } from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { useLevelName } from '../../components/levels';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { useAdministeredAreas } from '../admin/parts/shared';

/** The API's NominateDto: the statement is trimmed, then 20–3000 characters. */
export const STATEMENT_MIN = 20;
export const STATEMENT_MAX = 3000;

/** Whether the signed-in member may nominate this member: a Change Agent of an area they administer. */
export function useMayNominate(member: PublicMemberResponse): boolean {
  const { me, hasRole } = useAuth();
  const areas = useAdministeredAreas();
  if (member.erased || member.level !== 'change_agent' || me?.id === member.id) return false;
  if (hasRole('obec_admin')) return true;
  const area = member.school?.areaId;
  return Boolean(area && areas.includes(area));
}

export function NominateAction({ member }: { member: PublicMemberResponse }) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const phone = useMediaQuery('(max-width: 36em)');
  const levelName = useLevelName();
  const queryClient = useQueryClient();
  const nominate = useLevelsControllerNominate();
  const [opened, setOpened] = useState(false);
  const [statement, setStatement] = useState('');
  const [touched, setTouched] = useState(false);
  const mayNominate = useMayNominate(member);
  if (!mayNominate) return null;

  const influencer = levelName('influencer');
  const trimmed = statement.trim();
  const problem =
    trimmed.length < STATEMENT_MIN
      ? t('nominate.tooShort', { min: formatNumber(STATEMENT_MIN, language) })
      : trimmed.length > STATEMENT_MAX
        ? t('nominate.tooLong', { max: formatNumber(STATEMENT_MAX, language) })
        : null;

  const open = () => {
    setStatement('');
    setTouched(false);
    nominate.reset();
    setOpened(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    try {
      await nominate.mutateAsync({ data: { memberId: member.id, statement: trimmed } });
    } catch {
      return; // shown in the form
    }
    setOpened(false);
    notifications.show({ color: 'lc', message: t('nominate.sent', { name: member.displayName }) });
    void queryClient.invalidateQueries({
      predicate: (query) =>
        typeof query.queryKey[0] === 'string' &&
        query.queryKey[0].startsWith('/api/v1/recognition/nominations'),
    });
  };

  return (
    <>
      <Button
        // The influencer's gold (components/levels.ts), with dark text for contrast.
        variant="filled"
        color="yellow.4"
        c="dark.8"
        radius="xl"
        h={44}
        leftSection={<IconCrown size={18} aria-hidden />}
        onClick={open}
        data-testid="nominate-open"
      >
        {t('nominate.open')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('nominate.title', { name: member.displayName, level: influencer })}
        fullScreen={phone}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common:actions.close'), size: 44 }}
      >
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('nominate.explain', { name: member.displayName, level: influencer })}</Text>
            <Textarea
              label={t('nominate.statement')}
              description={t('nominate.hint', {
                min: formatNumber(STATEMENT_MIN, language),
                max: formatNumber(STATEMENT_MAX, language),
              })}
              required
              autosize
              minRows={5}
              maxRows={12}
              value={statement}
              onChange={(event) => setStatement(event.currentTarget.value)}
              onBlur={() => setTouched(true)}
              error={touched ? problem : null}
              data-autofocus
              data-testid="nominate-statement"
            />
            <Text size="xs" c="dimmed" ta="end" aria-live="polite">
              {t('nominate.count', {
                count: trimmed.length,
                formatted: formatNumber(trimmed.length, language),
                max: formatNumber(STATEMENT_MAX, language),
              })}
            </Text>
            <ProblemAlert error={nominate.error} />
            <Group justify="flex-end" gap="sm">
              <Button h={44} variant="default" onClick={() => setOpened(false)} disabled={nominate.isPending}>
                {t('common:actions.cancel')}
              </Button>
              <Button h={44} type="submit" loading={nominate.isPending} data-testid="nominate-submit">
                {t('nominate.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
