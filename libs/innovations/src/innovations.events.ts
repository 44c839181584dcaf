import { defineEvent } from '@lc/messaging';

/** What subscribers route on when an innovation changes: who, where, and what it is about. */
export interface InnovationFacts {
  innovationId: string;
  authorId: string;
  schoolId: string | null;
  areaId: string | null;
  learningAreas: string[];
  competencies: string[];
  /** Active Learning technique codes (absent in events written before it was added). */
  techniques?: string[];
  version: number;
}

/** Feedback on an innovation: who gave it (actorId) and whose work it is (authorId). */
export interface FeedbackFacts {
  innovationId: string;
  actorId: string;
  authorId: string;
  schoolId: string | null;
  areaId: string | null;
  learningAreas: string[];
}

/**
 * The events about innovations and the feedback on them. Payloads carry ids and the small facts subscribers route
 * on; consumers re-read anything else. A type, once shipped, is never renamed (rows in the outbox carry it).
 */
export const InnovationEvents = {
  published: defineEvent<InnovationFacts>('innovation.published'),
  updated: defineEvent<InnovationFacts>('innovation.updated'),
  hidden: defineEvent<InnovationFacts & { reason: string; moderatorId: string | null }>('innovation.hidden'),
  restored: defineEvent<InnovationFacts & { moderatorId: string }>('innovation.restored'),
  removed: defineEvent<InnovationFacts & { reason: string; moderatorId: string }>('innovation.removed'),
  commentCreated: defineEvent<FeedbackFacts & { commentId: string; parentId: string | null }>(
    'comment.created',
  ),
  ratingSubmitted: defineEvent<FeedbackFacts & { overall: number; previousOverall: number | null }>(
    'rating.submitted',
  ),
  adoptionReported: defineEvent<
    FeedbackFacts & { adoptionId: string; reporterSchoolId: string | null; schoolTerm: string }
  >('adoption.reported'),
  /**
   * A partner vouched for the innovation. The marketplace (EndorsementsService) emits it; it is declared here, with
   * the other feedback on an innovation, because the ledger awards it and the ledger must not depend on the
   * marketplace (which spends from the ledger).
   */
  endorsed: defineEvent<FeedbackFacts & { endorsementId: string; partnerId: string }>('innovation.endorsed'),
  contentReported: defineEvent<{
    reportId: string;
    targetType: 'innovation' | 'comment';
    targetId: string;
    innovationId: string;
    reporterId: string;
    openReports: number;
    autoHidden: boolean;
  }>('content.reported'),
} as const;
