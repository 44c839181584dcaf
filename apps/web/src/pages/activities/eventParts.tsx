/**
 * Small shared pieces of the activities pages (issue 18): the Thai or English half of a label, Bangkok times of a
 * session ("7 ธ.ค. 2569 09:00–12:00"), the kind / phase / my-status badges and the seats line of an event.
 */
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventResponse } from '../../api/generated/model';
import { BANGKOK, formatDateTime, formatNumber } from '../../format/format';

export function pick(value: { th: string; en: string } | null | undefined, language: string): string {
  if (!value) return '';
  return language === 'en' ? value.en : value.th;
}

function timeOf(value: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'th-TH', {
    timeZone: BANGKOK,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(value));
}

/** The Bangkok calendar day of a moment, "2026-12-07". */
export function bangkokDay(value: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BANGKOK,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(typeof value === 'string' ? new Date(value) : value);
}

/** "7 ธ.ค. 2569 09:00–12:00", or both ends in full when they fall on different days (Bangkok). */
export function formatRange(startsAt: string, endsAt: string, language: string): string {
  if (bangkokDay(startsAt) === bangkokDay(endsAt))
    return `${formatDateTime(startsAt, language)}–${timeOf(endsAt, language)}`;
  return `${formatDateTime(startsAt, language)} – ${formatDateTime(endsAt, language)}`;
}

export function modeOf(event: Pick<EventResponse, 'sessions'>): 'online' | 'onsite' | 'mixed' {
  const modes = new Set(event.sessions.map((session) => session.mode));
  if (modes.size > 1) return 'mixed';
  return modes.has('onsite') ? 'onsite' : 'online';
}

const PHASE_COLOURS = { upcoming: 'blue', live: 'green', ended: 'gray', cancelled: 'red' } as const;

export function KindBadge({ event }: { event: Pick<EventResponse, 'kindLabel'> }) {
  const { i18n } = useTranslation();
  return (
    <Badge variant="light" color="lc" radius="sm" style={{ textTransform: 'none' }}>
      {pick(event.kindLabel, i18n.language)}
    </Badge>
  );
}

export function EventBadges({ event }: { event: EventResponse }) {
  const { t } = useTranslation('activities');
  const registration = event.me.registration;
  return (
    <Group gap={6} wrap="wrap">
      <KindBadge event={event} />
      {event.phase !== 'upcoming' ? (
        <Badge
          variant="light"
          color={PHASE_COLOURS[event.phase]}
          radius="sm"
          style={{ textTransform: 'none' }}
        >
          {t(`phase.${event.phase}`)}
        </Badge>
      ) : null}
      <Badge variant="outline" color="gray" radius="sm" style={{ textTransform: 'none' }}>
        {t(`mode.${modeOf(event)}`)}
      </Badge>
      {registration ? (
        <Badge
          variant="filled"
          color={registration.status === 'registered' ? 'teal' : 'orange'}
          radius="sm"
          style={{ textTransform: 'none' }}
          data-testid="my-status"
        >
          {registration.status === 'registered'
            ? t('status.registered')
            : registration.position
              ? t('status.waitlisted', { position: registration.position })
              : t('status.waitlistedNoPosition')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** "เหลือ 12 ที่นั่ง", "เต็มแล้ว · รับสำรอง (3)", "ไม่จำกัดจำนวน". */
export function seatsText(
  event: EventResponse,
  t: (key: string, options?: Record<string, unknown>) => string,
  language: string,
): string {
  if (event.capacity == null || event.seatsLeft == null) return t('list.unlimited');
  if (event.seatsLeft > 0)
    return t('list.seatsLeft', {
      count: event.seatsLeft,
      formatted: formatNumber(event.seatsLeft, language),
    });
  return event.waitlist ? t('list.fullWaitlist', { count: event.waitlistedCount }) : t('list.full');
}

/** A share 0–1 as "80%". */
export function percent(share: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
