import { Badge, Box, Group } from '@mantine/core';
import { useState } from 'react';
import classes from './innovations.module.css';
import { subjectOf } from './subject';

/**
 * The picture at the top of an innovation: its cover image, or a banner in its learning area's colour. `full`
 * loads the original image (the page); otherwise the 320 px thumbnail (the cards).
 */
export function Cover({
  innovationId,
  coverAttachmentId,
  learningArea,
  labels,
  height,
  full = false,
}: {
  innovationId: string;
  coverAttachmentId: string | null;
  learningArea: string | undefined;
  /** Shown on the banner when there is no image (learning area, grades). */
  labels: string[];
  /** Without a height, an image is twice as wide as it is tall (at most 380 px) and a banner 96 px. */
  height?: number;
  full?: boolean;
}) {
  const [failed, setFailed] = useState(false);
  const subject = subjectOf(learningArea);
  if (coverAttachmentId && !failed) {
    const base = `/api/v1/innovations/${innovationId}/attachments/${coverAttachmentId}`;
    return (
      <img
        src={full ? base : `${base}/thumbnail`}
        alt=""
        className={classes.coverImage}
        style={{
          ...(height ? { height } : { aspectRatio: '2 / 1', maxHeight: 380 }),
          background: `var(--mantine-color-${subject.color}-1)`,
        }}
        loading={full ? 'eager' : 'lazy'}
        onError={() => setFailed(true)}
      />
    );
  }
  const Icon = subject.icon;
  const bannerHeight = height ?? 96;
  return (
    <Box
      className={classes.banner}
      h={bannerHeight}
      style={{
        background: `linear-gradient(135deg, var(--mantine-color-${subject.color}-9) 0%, var(--mantine-color-${subject.color}-6) 100%)`,
      }}
    >
      <Icon size={bannerHeight + 24} stroke={1.4} className={classes.bannerIcon} aria-hidden />
      <Group gap={6} wrap="wrap" style={{ position: 'relative' }}>
        {labels.map((label) => (
          <Badge key={label} variant="white" color={`${subject.color}.9`} size="lg" radius="sm" tt="none">
            {label}
          </Badge>
        ))}
      </Group>
    </Box>
  );
}
