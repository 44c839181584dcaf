/**
 * Reads a voucher's QR code with the phone's back camera: the video is drawn to a canvas a few times a second and
 * decoded with jsQR (its own chunk, loaded on first use). The camera stops as soon as a code is read or the scanner
 * closes.
 */
import { Box, Button, Loader, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type CameraProblem = 'denied' | 'none' | 'unavailable';

/** What a getUserMedia failure means for the person at the counter. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'none';
  return 'unavailable';
}

export function hasCamera(): boolean {
  return typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
}

const SCAN_EVERY_MS = 200;
const MAX_WIDTH = 640;

export function QrScanner({
  onCode,
  onProblem,
  onClose,
}: {
  onCode: (code: string) => void;
  onProblem: (problem: CameraProblem) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('partner');
  const videoRef = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const callbacks = useRef({ onCode, onProblem });
  callbacks.current = { onCode, onProblem };

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    let unmounted = false;
    let last = 0;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    const stop = () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };

    void (async () => {
      if (!hasCamera()) {
        callbacks.current.onProblem('none');
        return;
      }
      try {
        const [media, jsqr] = await Promise.all([
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
          import('jsqr'),
        ]);
        stream = media;
        if (stopped) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        const video = videoRef.current;
        if (!video || !context) return;
        video.srcObject = media;
        video.setAttribute('playsinline', 'true');
        await video.play();
        setReady(true);
        const decode = jsqr.default;
        const tick = (time: number) => {
          if (stopped) return;
          frame = requestAnimationFrame(tick);
          if (time - last < SCAN_EVERY_MS || video.readyState < video.HAVE_CURRENT_DATA) return;
          last = time;
          const scale = Math.min(1, MAX_WIDTH / (video.videoWidth || MAX_WIDTH));
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          if (!canvas.width || !canvas.height) return;
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = decode(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          const code = found?.data.trim();
          if (code) {
            stop();
            callbacks.current.onCode(code);
          }
        };
        frame = requestAnimationFrame(tick);
      } catch (error) {
        stop();
        if (!unmounted) callbacks.current.onProblem(cameraProblemOf(error));
      }
    })();

    return () => {
      unmounted = true;
      stop();
    };
  }, []);

  return (
    <Stack gap="sm">
      <Box
        pos="relative"
        bg="dark.9"
        style={{ borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden', aspectRatio: '1 / 1' }}
      >
        <video
          ref={videoRef}
          muted
          playsInline
          aria-label={t('verify.camera.video')}
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
        {!ready ? (
          <Stack pos="absolute" inset={0} align="center" justify="center" gap="xs">
            <Loader color="white" />
            <Text c="white">{t('verify.camera.starting')}</Text>
          </Stack>
        ) : (
          <Box
            pos="absolute"
            style={{
              inset: '18%',
              border: '3px solid rgba(255,255,255,0.9)',
              borderRadius: 'var(--mantine-radius-md)',
              pointerEvents: 'none',
            }}
          />
        )}
      </Box>
      <Text ta="center">{t('verify.camera.aim')}</Text>
      <Button variant="default" size="md" leftSection={<IconX size={18} aria-hidden />} onClick={onClose}>
        {t('verify.camera.stop')}
      </Button>
    </Stack>
  );
}
