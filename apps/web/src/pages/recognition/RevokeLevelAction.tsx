/**
 * On a member's public profile, an OBEC admin may take back the member's level (above "member") with a reason
 * (3–1000 characters, RecognitionReasonDto). The levels above it go with it and are not earned again by themselves,
 * which the dialog says before anything is sent. The API answers the member's new level, shown at once; it refuses
 * a level no longer held (RECOGNITION_LEVEL_NOT_HELD, e.g. another admin was first), which the dialog explains.
 */
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicMemberResponse } from '../../api/generated/model';
import { useLevelsControllerRevoke } from '../../api/generated/recognition/recognition';
import { ApiError } from '../../api/http';
import { useAuth } from '../../auth/AuthProvider';
import { LEVEL_CODES, useLevelName } from '../../components/levels';
import { formatNumber } from '../../format/format';
import { ReasonModal } from '../admin/parts/shared';

/** The API's RecognitionReasonDto: trimmed, then 3–1000 characters. */
export const REVOKE_LIMITS = { min: 3, max: 1000 };

/** Whether the signed-in member may revoke this member's level: OBEC admins, for a level above member. */
export function useMayRevoke(member: PublicMemberResponse, level: string): boolean {
  const { me, hasRole } = useAuth();
  if (member.erased || level === 'member' || !LEVEL_CODES.includes(level as never)) return false;
  return hasRole('obec_admin') && me?.id !== member.id;
}

export function RevokeLevelAction({ member }: { member: PublicMemberResponse }) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const levelName = useLevelName();
  const queryClient = useQueryClient();
  const revoke = useLevelsControllerRevoke();
  const [opened, setOpened] = useState(false);
  // What the API answered last: the profile's own query refreshes too, but the answer is shown at once.
  const [current, setCurrent] = useState<string | null>(null);
  const level = current ?? member.level;
  const mayRevoke = useMayRevoke(member, level);

  const held = levelName(level);
  const below = levelName(LEVEL_CODES[Math.max(0, LEVEL_CODES.indexOf(level as never) - 1)] ?? 'member');
  const notHeld = revoke.error instanceof ApiError && revoke.error.code === 'RECOGNITION_LEVEL_NOT_HELD';

  const confirm = async (reason: string) => {
    let answer;
    try {
      answer = await revoke.mutateAsync({ id: member.id, level, data: { reason } });
    } catch {
      return; // shown in the dialog
    }
    const now = answer.data.level.code;
    setCurrent(now);
    setOpened(false);
    notifications.show({
      color: 'lc',
      message: t('revoke.done', { name: member.displayName, level: levelName(now) }),
    });
    void queryClient.invalidateQueries({
      predicate: (query) =>
        typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(`/api/v1/members/${member.id}`),
    });
  };

  return (
    <>
      {current ? (
        <Text size="sm" fw={600} role="status" w="100%">
          {t('revoke.now', { level: levelName(current) })}
        </Text>
      ) : null}
      {mayRevoke ? (
        <Button
          variant="default"
          color="red.9"
          c="red.9"
          radius="xl"
          h={44}
          leftSection={<IconArrowBackUp size={18} aria-hidden />}
          onClick={() => {
            revoke.reset();
            setOpened(true);
          }}
          data-testid="revoke-open"
        >
          {t('revoke.open')}
        </Button>
      ) : null}
      <ReasonModal
        opened={opened}
        title={t('revoke.title', { name: member.displayName, level: held })}
        explain={t('revoke.explain', { name: member.displayName, level: held, below })}
        label={t('revoke.reason')}
        required
        confirmLabel={t('revoke.confirm')}
        danger
        pending={revoke.isPending}
        // The API's 404 is said in this dialog's words: which level, and what to do.
        error={
          notHeld
            ? new ApiError(404, {
                ...(revoke.error as ApiError).problem,
                detail: t('revoke.notHeld', { name: member.displayName, level: held }),
              })
            : revoke.error
        }
        limits={REVOKE_LIMITS}
        texts={{
          hint: t('revoke.hint', {
            min: formatNumber(REVOKE_LIMITS.min, language),
            max: formatNumber(REVOKE_LIMITS.max, language),
          }),
          tooShort: t('revoke.tooShort', { min: formatNumber(REVOKE_LIMITS.min, language) }),
          tooLong: t('revoke.tooLong', { max: formatNumber(REVOKE_LIMITS.max, language) }),
        }}
        testId="revoke-reason"
        onClose={() => setOpened(false)}
        onConfirm={(reason) => void confirm(reason ?? '')}
      />
    </>
  );
}
