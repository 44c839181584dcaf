/**
 * The moderator's decision on one innovation: hide, restore or remove, each with a note (ModerationNoteDto: required,
 * 3 to 1,000 characters) that the author and the audit trail keep.
 */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';

export type ModerationAction = 'hide' | 'restore' | 'remove';

export const NOTE_MIN = 3;
export const NOTE_MAX = 1000;

export function noteProblem(note: string): 'required' | 'tooLong' | null {
  const trimmed = note.trim();
  if (trimmed.length < NOTE_MIN) return 'required';
  if (trimmed.length > NOTE_MAX) return 'tooLong';
  return null;
}

export function ModerationActionModal({
  action,
  innovationTitle,
  onClose,
  onConfirm,
  pending,
  error,
}: {
  /** null: closed */
  action: ModerationAction | null;
  innovationTitle: string;
  onClose: () => void;
  onConfirm: (note: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation('moderation');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (action) {
      setNote('');
      setTouched(false);
    }
  }, [action]);

  const problem = noteProblem(note);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    onConfirm(note.trim());
  };
  const shown = action ?? 'hide';

  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={t(`modal.${shown}.title`)}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fw={700} lineClamp={3}>
            {innovationTitle}
          </Text>
          <Text size="sm">{t(`modal.${shown}.explain`)}</Text>
          <Textarea
            label={t('modal.note')}
            description={t('modal.noteHint')}
            placeholder={t('modal.notePlaceholder')}
            required
            autosize
            minRows={3}
            maxRows={8}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={
              touched && problem
                ? t(`modal.${problem === 'required' ? 'noteRequired' : 'noteTooLong'}`)
                : null
            }
            data-autofocus
          />
          <ProblemAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button h={44} variant="default" onClick={onClose} disabled={pending}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              h={44}
              type="submit"
              color={shown === 'remove' ? 'red.9' : undefined}
              loading={pending}
              data-testid="moderation-confirm"
            >
              {t(`modal.${shown}.confirm`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
