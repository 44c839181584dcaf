/** Small pieces the admin panels share: names in the reader's language, query states, a reason dialog. */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../auth/AuthProvider';
import { PageLoader } from '../../../components/PageState';
import { ProblemAlert, problemMessage } from '../../../components/ProblemAlert';

/** The English name when reading in English and there is one, else the Thai name. */
export function pickName(language: string, th: string, en?: string | null): string {
  return language === 'en' && en ? en : th;
}

/** The areas the signed-in member administers as area_admin. */
export function useAdministeredAreas(): string[] {
  const { me } = useAuth();
  return (me?.roles ?? [])
    .filter((grant) => grant.role === 'area_admin' && grant.scopeType === 'area' && grant.scopeId)
    .map((grant) => grant.scopeId as string);
}

/** Loading and error states of a panel's main query; the children render once data is there. */
export function QueryGate({
  query,
  errorTitle,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => Promise<unknown> };
  errorTitle: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    return (
      <Alert color="red" role="alert" title={errorTitle}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{problemMessage(query.error, t('error.generic'))}</Text>
          <Button h={44} variant="light" color="red" onClick={() => void query.refetch()}>
            {t('actions.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <>{children}</>;
}

export const REASON_MIN = 3;
export const REASON_MAX = 500;

/**
 * A decision that takes a reason. By default the API's ReasonDto (3–500 characters; OptionalReasonDto: the same when
 * given); a route with other bounds passes its own `limits`, texts for the two problems and the field's hint.
 */
export function ReasonModal({
  opened,
  title,
  explain,
  label,
  required,
  confirmLabel,
  danger,
  color,
  pending,
  error,
  limits = { min: REASON_MIN, max: REASON_MAX },
  texts,
  testId,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  explain?: ReactNode;
  label: string;
  required: boolean;
  confirmLabel: string;
  danger?: boolean;
  /** The confirm button's colour when it is not red (danger). */
  color?: string;
  pending: boolean;
  error: unknown;
  limits?: { min: number; max: number };
  texts?: { hint: string; tooShort: string; tooLong: string };
  testId?: string;
  onClose: () => void;
  onConfirm: (reason: string | undefined) => void;
}) {
  const { t } = useTranslation('admin');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setTouched(false);
    }
  }, [opened]);
  const trimmed = reason.trim();
  const problem =
    trimmed.length > limits.max
      ? (texts?.tooLong ?? t('reason.tooLong'))
      : (required || trimmed.length > 0) && trimmed.length < limits.min
        ? (texts?.tooShort ?? t('reason.tooShort'))
        : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    onConfirm(trimmed || undefined);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {explain ? <Text size="sm">{explain}</Text> : null}
          <Textarea
            label={label}
            description={texts?.hint ?? (required ? t('reason.hint') : t('reason.optionalHint'))}
            required={required}
            autosize
            minRows={3}
            maxRows={8}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched ? problem : null}
            data-autofocus
            data-testid={testId}
          />
          <ProblemAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button h={44} variant="default" onClick={onClose} disabled={pending}>
              {t('common:actions.cancel')}
            </Button>
            <Button h={44} type="submit" color={danger ? 'red.9' : color} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
