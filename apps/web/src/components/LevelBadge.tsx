/**
 * A member's level beside their name: practitioner and above (a plain member shows nothing). The full badge says
 * the level's name; the compact one, for tight rows (cards, comments, the feed), is the level's icon in its colour,
 * named for screen readers and on hover ("ระดับ: นักปฏิบัติ").
 */
import { Badge, MantineSize, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { levelLook, useLevelName } from './levels';

export function LevelBadge({
  level,
  compact = false,
  size = 'md',
}: {
  level: string | null | undefined;
  compact?: boolean;
  size?: MantineSize;
}) {
  const { t } = useTranslation('recognition');
  const name = useLevelName();
  const look = levelLook(level);
  if (!look || !level) return null;
  const label = t('badge.label', { level: name(level) });
  const Icon = look.icon;
  if (compact)
    return (
      <ThemeIcon
        component="span"
        role="img"
        aria-label={label}
        title={label}
        size={20}
        radius="xl"
        variant={look.variant}
        color={look.color}
        c={look.text}
        data-testid="level-badge"
        data-level={level}
        style={{ verticalAlign: 'text-bottom', flexShrink: 0 }}
      >
        <Icon size={13} stroke={2.2} aria-hidden />
      </ThemeIcon>
    );
  return (
    <Badge
      component="span"
      size={size}
      radius="sm"
      variant={look.variant}
      color={look.color}
      c={look.text}
      tt="none"
      fw={700}
      leftSection={<Icon size={14} stroke={2.2} aria-hidden />}
      title={label}
      data-testid="level-badge"
      data-level={level}
      styles={{ root: { maxWidth: '100%', flexShrink: 0 }, label: { overflow: 'visible' } }}
    >
      <VisuallyHidden>{t('badge.prefix')}</VisuallyHidden>
      {name(level)}
    </Badge>
  );
}
