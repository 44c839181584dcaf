import { defineEvent } from '@lc/messaging';

/**
 * The events of recognition. A type, once shipped, is never renamed (rows in the outbox carry it).
 */
export const RecognitionEvents = {
  /** A member reached a level (once per member and level): the feed, the inbox and the member's open app hear of it. */
  levelReached: defineEvent<{
    memberId: string;
    level: string;
    rank: number;
    schoolId: string | null;
    areaId: string | null;
  }>('recognition.level_reached'),
  /** A badge was awarded (once per member and badge), with its signed credential. */
  badgeAwarded: defineEvent<{ awardId: string; memberId: string; badge: string }>(
    'recognition.badge_awarded',
  ),
  /** A member left the leaderboards or came back to them: the boards take them off or put them back. */
  privacyChanged: defineEvent<{ memberId: string; leaderboards: boolean }>('recognition.privacy_changed'),
  /** OBEC approved an area's nomination of a member for Influencer: the member's levels are looked at again. */
  nominationApproved: defineEvent<{ nominationId: string; memberId: string }>(
    'recognition.nomination_approved',
  ),
} as const;
