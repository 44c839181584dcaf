import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

/** An API problem as the reader's language says it: the API already answers in the Accept-Language we send. */
export function problemMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return '';
    const fieldMessages = (error.problem.errors ?? []).map((item) => item.message).filter(Boolean);
    return (
      [error.problem.detail ?? error.problem.title, ...fieldMessages].filter(Boolean).join(' · ') || fallback
    );
  }
  return fallback;
}

export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const offline = error instanceof ApiError && error.status === 0;
  return (
    <Alert color="red" role="alert" title={title ?? t('error.title')} variant="light">
      {offline ? t('error.offline') : problemMessage(error, t('error.generic'))}
    </Alert>
  );
}
