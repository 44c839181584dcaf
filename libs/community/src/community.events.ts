import { defineEvent } from '@lc/messaging';

/**
 * The events community emits. A type, once shipped, is never renamed (rows in the outbox carry it).
 */
export const CommunityEvents = {
  announcementPublished: defineEvent<{
    announcementId: string;
    authorId: string;
    scope: 'national' | 'area';
    areaId: string | null;
  }>('announcement.published'),
} as const;
