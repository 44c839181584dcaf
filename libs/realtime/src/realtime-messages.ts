/**
 * The typed catalogue of what the server pushes to clients on the `/realtime` namespace. One name per message;
 * a shipped name is never changed (clients in the field listen for it).
 */
export interface RealtimeMessages {
  /** A new item in one of the reader's feeds (the same shape as an item of GET /api/v1/feed). */
  'feed.item': { scope: 'global' | 'area' | 'school' | 'following' | 'mine'; item: Record<string, unknown> };
  /** A new notification in the member's inbox (the same shape as an item of GET /api/v1/notifications). */
  notification: { item: Record<string, unknown>; unread: number };
  /** The member's points changed. */
  'wallet.updated': { balance: number; spendable: number };
  /** One of the member's redemptions changed state. */
  'redemption.updated': { id: string; perkId: string; status: string };
  /** The member reached a level: their open app shows it beside their name at once. */
  'level.reached': { level: { code: string; rank: number; th: string; en: string } };
  /** The cockpit's numbers of a scope changed (throttled): KPI tiles of that scope refetch. */
  'cockpit.changed': { scopes: string[]; at: string };
  /** Sent when connection-state recovery could not replay what was missed: refetch feed, inbox and wallet. */
  resync: { reason: string };
}

export type RealtimeMessageType = keyof RealtimeMessages;

/** Room names. Every socket joins its member, school, area and global rooms at the handshake. */
export const Rooms = {
  member: (memberId: string) => `member:${memberId}`,
  school: (schoolId: string) => `school:${schoolId}`,
  area: (areaId: string) => `area:${areaId}`,
  global: 'global',
  /** Cockpit viewers of a scope (`national`, `area:<id>`, `school:<id>`): joined by admins of that scope. */
  cockpit: (scope: string) => `cockpit:${scope}`,
} as const;
