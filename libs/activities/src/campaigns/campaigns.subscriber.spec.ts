import type { EventEnvelope } from '@lc/messaging';
import type { CampaignRow } from './campaigns.repository';
import { actionOf, counts } from './campaigns.subscriber';

const AT = '2026-12-10T03:00:00.000Z';
const envelope = (type: string, payload: Record<string, unknown>, occurredAt = AT): EventEnvelope => ({
  id: '0190a000-0000-7000-8000-000000000001',
  type,
  version: 1,
  occurredAt,
  payload,
});
const feedback = {
  innovationId: 'i',
  actorId: 'a',
  authorId: 'b',
  schoolId: null,
  areaId: null,
  learningAreas: ['SCI'],
};
const campaign = (overrides: Partial<CampaignRow> = {}): CampaignRow => ({
  id: 'c',
  titleTh: 'ท',
  titleEn: 't',
  descriptionTh: '',
  descriptionEn: '',
  scope: 'national',
  areaId: null,
  goal: 'give_feedback',
  learningArea: null,
  target: 3,
  startsAt: new Date('2026-12-01T00:00:00.000Z'),
  endsAt: new Date(AT),
  bonusPoints: 10,
  badgeCode: null,
  badgeTh: null,
  badgeEn: null,
  createdBy: 'o',
  createdAt: new Date('2026-11-30T00:00:00.000Z'),
  ...overrides,
});

describe('what a campaign counts', () => {
  it('takes first ratings, comments and adoptions on others’ work, publications and completed events', () => {
    expect(
      actionOf(envelope('rating.submitted', { ...feedback, overall: 4, previousOverall: null })),
    ).toMatchObject({
      memberId: 'a',
      goal: 'give_feedback',
    });
    expect(
      actionOf(envelope('rating.submitted', { ...feedback, overall: 5, previousOverall: 4 })),
    ).toBeNull();
    expect(
      actionOf(envelope('comment.created', { ...feedback, commentId: 'x', parentId: null })),
    ).toMatchObject({
      goal: 'give_feedback',
    });
    expect(
      actionOf(envelope('comment.created', { ...feedback, authorId: 'a', commentId: 'x', parentId: null })),
    ).toBeNull();
    expect(actionOf(envelope('adoption.reported', { ...feedback, adoptionId: 'x' }))).toMatchObject({
      goal: 'report_adoptions',
    });
    expect(
      actionOf(
        envelope('innovation.published', {
          innovationId: 'i',
          authorId: 'b',
          schoolId: null,
          areaId: null,
          learningAreas: ['MAT'],
          competencies: [],
          version: 1,
        }),
      ),
    ).toMatchObject({ memberId: 'b', goal: 'publish_innovations', learningAreas: ['MAT'] });
    expect(
      actionOf(envelope('activity.event_completed', { eventId: 'e', memberId: 'm', kind: 'forum' })),
    ).toMatchObject({
      memberId: 'm',
      goal: 'complete_events',
    });
  });

  it('counts inside [startsAt, endsAt) only, by when the action happened', () => {
    const justBefore = actionOf(
      envelope(
        'comment.created',
        { ...feedback, commentId: 'x', parentId: null },
        '2026-12-10T02:59:59.999Z',
      ),
    )!;
    const atTheEnd = actionOf(envelope('comment.created', { ...feedback, commentId: 'x', parentId: null }))!;
    expect(counts(campaign(), justBefore, null)).toBe(true);
    expect(counts(campaign(), atTheEnd, null)).toBe(false);
    expect(counts(campaign({ startsAt: new Date('2026-12-10T02:59:59.999Z') }), justBefore, null)).toBe(true);
  });

  it('dates a completed event by its recorded completion, not by when the outbox wrote it', () => {
    const completion = (completedAt?: string) =>
      actionOf(
        envelope('activity.event_completed', { eventId: 'e', memberId: 'm', kind: 'forum', completedAt }, AT),
      )!;
    expect(completion('2026-12-10T02:59:59.999Z').at.toISOString()).toBe('2026-12-10T02:59:59.999Z');
    expect(counts(campaign({ goal: 'complete_events' }), completion('2026-12-10T02:59:59.999Z'), null)).toBe(
      true,
    );
    expect(counts(campaign({ goal: 'complete_events' }), completion(), null)).toBe(false);
  });

  it('keeps to its area and its learning area', () => {
    const action = actionOf(
      envelope(
        'comment.created',
        { ...feedback, commentId: 'x', parentId: null },
        '2026-12-05T00:00:00.000Z',
      ),
    )!;
    expect(counts(campaign({ scope: 'area', areaId: 'here' }), action, 'here')).toBe(true);
    expect(counts(campaign({ scope: 'area', areaId: 'here' }), action, 'elsewhere')).toBe(false);
    expect(counts(campaign({ scope: 'area', areaId: 'here' }), action, null)).toBe(false);
    const published = { ...action, goal: 'publish_innovations' as const };
    expect(counts(campaign({ goal: 'publish_innovations', learningArea: 'SCI' }), published, null)).toBe(
      true,
    );
    expect(counts(campaign({ goal: 'publish_innovations', learningArea: 'MAT' }), published, null)).toBe(
      false,
    );
    expect(counts(campaign({ goal: 'report_adoptions' }), action, null)).toBe(false);
  });
});
