/**
 * Leaving a form with unsaved changes asks first, as the innovation editor does: a link of the app is held back until
 * the admin chooses; closing the tab or reloading gets the browser's own question.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

export function useUnsavedGuard(dirty: boolean) {
  const { t } = useTranslation('plans');
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  const leavingOnPurpose = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyNow.current && !leavingOnPurpose.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const modal = (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title={t('leave.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      <Stack gap="md">
        <Text>{t('leave.body')}</Text>
        <Group justify="flex-end" gap="sm" wrap="wrap-reverse">
          <Button variant="default" onClick={() => blocker.proceed?.()}>
            {t('leave.discard')}
          </Button>
          <Button onClick={() => blocker.reset?.()}>{t('leave.stay')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
  return {
    modal,
    /** Call before navigating away after a save. */
    allowLeave: () => {
      leavingOnPurpose.current = true;
    },
  };
}
