/**
 * A voucher to show at the partner's counter: the code in large monospace, its QR code, a copy button and a
 * full-screen view (white, the biggest QR the screen allows, a reminder to turn the brightness up, and the screen
 * kept awake while it is open).
 */
import { Badge, Button, Center, CopyButton, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconMaximize, IconSun } from '@tabler/icons-react';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './market.module.css';

/** The code as a PNG data URL (null while it is drawn). */
export function useQrDataUrl(code: string, width: number): string | null {
  const [drawn, setDrawn] = useState<{ key: string; url: string } | null>(null);
  const key = `${code}@${width}`;
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(code, { margin: 1, width, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setDrawn({ key, url });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, width, key]);
  return drawn?.key === key ? drawn.url : null;
}

interface WakeLockSentinelLike {
  release(): Promise<void>;
}

/** Keeps the screen on while the full-screen voucher is shown (where the browser allows it). */
function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const wakeLock = (
      navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }
    ).wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let live = true;
    wakeLock
      .request('screen')
      .then((lock) => {
        if (live) sentinel = lock;
        else void lock.release().catch(() => undefined);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (sentinel) void sentinel.release().catch(() => undefined);
    };
  }, [active]);
}

function QrImage({
  code,
  width,
  display,
  testId,
}: {
  code: string;
  width: number;
  display: string | number;
  testId: string;
}) {
  const { t } = useTranslation('market');
  const url = useQrDataUrl(code, width);
  if (!url) return <Skeleton w={display} h={display} radius="sm" />;
  return (
    <img
      src={url}
      alt={t('voucher.qrAlt', { code })}
      width={typeof display === 'number' ? display : undefined}
      height={typeof display === 'number' ? display : undefined}
      style={{ width: display, height: display, maxWidth: '100%', aspectRatio: '1 / 1' }}
      className={classes.qr}
      data-testid={testId}
    />
  );
}

export function VoucherFullScreen({
  code,
  title,
  opened,
  onClose,
}: {
  code: string;
  title?: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('market');
  useWakeLock(opened);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen
      title={t('voucher.fullscreenTitle')}
      closeButtonProps={{ 'aria-label': t('voucher.close'), size: 44 }}
      classNames={{ content: classes.fullscreenContent, header: classes.fullscreenContent }}
      transitionProps={{ transition: 'fade', duration: 150 }}
    >
      <Stack align="center" gap="lg" py="md" data-testid="voucher-fullscreen-view">
        {title ? (
          <Text fw={600} ta="center" size="lg" maw={560}>
            {title}
          </Text>
        ) : null}
        <QrImage code={code} width={640} display="min(84vw, 58vh, 520px)" testId="voucher-qr-fullscreen" />
        <Text className={classes.code} fz={{ base: 28, sm: 40 }} fw={700} ta="center" c="dark.9">
          {code}
        </Text>
        <Group gap="xs" wrap="nowrap" c="gray.8" maw={480} justify="center">
          <IconSun size={28} color="var(--mantine-color-yellow-7)" aria-hidden style={{ flexShrink: 0 }} />
          <Text size="md">{t('voucher.brightness')}</Text>
        </Group>
        <Button onClick={onClose} variant="default" size="lg" radius="xl" miw={200}>
          {t('voucher.close')}
        </Button>
      </Stack>
    </Modal>
  );
}

export function VoucherCard({
  code,
  title,
  used = false,
  usedNote,
  onFullScreenChange,
}: {
  code: string;
  /** The perk's title, shown on the full-screen view. */
  title?: string;
  /** The partner has already scanned it. */
  used?: boolean;
  usedNote?: string;
  /** Told when the full-screen view opens and closes (a modal around this card must not close on its Escape). */
  onFullScreenChange?: (open: boolean) => void;
}) {
  const { t } = useTranslation('market');
  const [fullScreen, setFullScreenState] = useState(false);
  const setFullScreen = (open: boolean) => {
    setFullScreenState(open);
    onFullScreenChange?.(open);
  };
  return (
    <Paper
      radius="lg"
      p="md"
      withBorder
      style={{ borderStyle: 'dashed', borderWidth: 2, background: 'var(--mantine-color-white)' }}
      data-testid="voucher"
    >
      <Stack gap="sm" align="center">
        {used ? (
          <Badge color="gray" variant="light" size="lg" tt="none" leftSection={<IconCheck size={14} />}>
            {t('voucher.used')}
          </Badge>
        ) : null}
        <Center style={{ opacity: used ? 0.45 : 1 }}>
          <QrImage code={code} width={360} display={180} testId="voucher-qr" />
        </Center>
        <Stack gap={0} align="center" maw="100%">
          <Text size="xs" c="gray.7">
            {t('voucher.code')}
          </Text>
          <Text
            className={classes.code}
            fz={{ base: 24, xs: 28 }}
            fw={700}
            ta="center"
            c="dark.9"
            data-testid="voucher-code"
            td={used ? 'line-through' : undefined}
          >
            {code}
          </Text>
          {usedNote ? (
            <Text size="xs" c="gray.7" ta="center">
              {usedNote}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs" justify="center" wrap="wrap">
          {!used ? (
            <Button
              radius="xl"
              h={44}
              onClick={() => setFullScreen(true)}
              leftSection={<IconMaximize size={18} aria-hidden />}
              data-testid="voucher-fullscreen"
            >
              {t('voucher.fullscreen')}
            </Button>
          ) : null}
          <CopyButton value={code} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                radius="xl"
                h={44}
                onClick={copy}
                leftSection={
                  copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />
                }
              >
                {copied ? t('voucher.copied') : t('voucher.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <VoucherFullScreen code={code} title={title} opened={fullScreen} onClose={() => setFullScreen(false)} />
    </Paper>
  );
}
