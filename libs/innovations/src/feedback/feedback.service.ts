import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, decodeCursor, DomainError, Page, toPage, uuidv7 } from '@lc/core';
import { Actor } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { FeedbackFacts, InnovationEvents } from '../innovations.events';
import { moderates } from '../innovation-view';
import { InnovationErrors } from '../innovations-errors';
import { InnovationRow } from '../innovations.repository';
import { InnovationsService } from '../innovations.service';
import { ACTIVITY_WEIGHT, addTrendingActivity, bayesianScore, schoolTerm } from '../scoring';
import { FeedbackThrottle } from './feedback-throttle.service';

export interface RatingInput {
  overall: number;
  criteria: { clarity: number; effect: number; adoptability: number; competencyFit: number };
  competencies?: Record<string, number>;
}

export interface AdoptionInput {
  gradeLevel: string;
  classSize: number;
  usedOn: string;
  notes?: string;
}

interface CommentRow {
  id: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  authorLevel: string;
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface CommentView {
  id: string;
  parentId: string | null;
  author: { id: string; displayName: string; level: string } | null;
  body: string | null;
  deleted: boolean;
  createdAt: Date;
  editedAt: Date | null;
  replies?: CommentView[];
}

const THREADS_PER_PAGE = 20;

@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly innovations: InnovationsService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: FeedbackThrottle,
  ) {}

  /**
   * One rating per member per innovation: a new one replaces the old. The innovation row is locked while the
   * aggregates are recomputed from the ratings, so concurrent ratings leave them exact. At most
   * RATING_LIMIT_PER_MINUTE per member (FeedbackThrottle).
   */
  async rate(actor: Actor, innovationId: string, input: RatingInput) {
    return this.throttle.limited('rating', actor.memberId, () =>
      this.writeRating(actor, innovationId, input),
    );
  }

  private async writeRating(actor: Actor, innovationId: string, input: RatingInput) {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.published(manager, actor, innovationId);
      if (row.authorId === actor.memberId) throw new DomainError(InnovationErrors.INNOVATION_SELF_RATING);
      const declared = new Set(row.competencies.map((c) => c.code));
      const judged = Object.entries(input.competencies ?? {});
      const stray = judged.filter(
        ([code, value]) => !declared.has(code) || !Number.isInteger(value) || value < 1 || value > 5,
      );
      if (stray.length) {
        throw new DomainError(
          'VALIDATION_FAILED',
          "Judge only the innovation's competencies, each from 1 to 5",
          {
            errors: stray.map(([code]) => ({
              field: `competencies.${code}`,
              message: 'not a competency of this innovation, or not 1–5',
            })),
          },
        );
      }
      const previous: { overall: number }[] = await manager.query(
        `SELECT overall FROM innovation_rating WHERE innovation_id = $1 AND member_id = $2`,
        [innovationId, actor.memberId],
      );
      const { clarity, effect, adoptability, competencyFit } = input.criteria;
      await manager.query(
        `INSERT INTO innovation_rating (innovation_id, member_id, overall, clarity, effect, adoptability, competency_fit, competencies)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (innovation_id, member_id) DO UPDATE SET overall = EXCLUDED.overall, clarity = EXCLUDED.clarity,
           effect = EXCLUDED.effect, adoptability = EXCLUDED.adoptability, competency_fit = EXCLUDED.competency_fit,
           competencies = EXCLUDED.competencies, updated_at = now()`,
        [
          innovationId,
          actor.memberId,
          input.overall,
          clarity,
          effect,
          adoptability,
          competencyFit,
          JSON.stringify(input.competencies ?? {}),
        ],
      );
      const [totals]: { count: number; sum: number }[] = await manager.query(
        `SELECT count(*)::int AS count, coalesce(sum(overall), 0)::int AS sum FROM innovation_rating WHERE innovation_id = $1`,
        [innovationId],
      );
      await manager.query(
        `UPDATE innovation SET rating_count = $2, rating_sum = $3, rating_score = $4, trending_key = $5 WHERE id = $1`,
        [
          innovationId,
          totals!.count,
          totals!.sum,
          bayesianScore(totals!.count, totals!.sum),
          addTrendingActivity(row.trendingKey, ACTIVITY_WEIGHT.rating, new Date()),
        ],
      );
      await this.outbox.append(manager, InnovationEvents.ratingSubmitted, {
        ...facts(row, actor),
        overall: input.overall,
        previousOverall: previous[0]?.overall ?? null,
      });
      return {
        innovationId,
        overall: input.overall,
        criteria: input.criteria,
        competencies: input.competencies ?? {},
        rating: {
          average: Math.round((totals!.sum / totals!.count) * 100) / 100,
          count: totals!.count,
          score: Math.round(bayesianScore(totals!.count, totals!.sum) * 1000) / 1000,
        },
      };
    });
  }

  async myRating(actor: Actor, innovationId: string) {
    await this.innovations.visible(this.dataSource.manager, actor, innovationId);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT overall, json_build_object('clarity', clarity, 'effect', effect, 'adoptability', adoptability, 'competencyFit', competency_fit) AS criteria,
              competencies, updated_at AS "updatedAt"
       FROM innovation_rating WHERE innovation_id = $1 AND member_id = $2`,
      [innovationId, actor.memberId],
    );
    return rows[0] ?? null;
  }

  /** At most COMMENT_LIMIT_PER_MINUTE comments and edits per member (FeedbackThrottle). */
  async comment(actor: Actor, innovationId: string, body: string, parentId?: string): Promise<CommentView> {
    return this.throttle.limited('comment', actor.memberId, () =>
      this.writeComment(actor, innovationId, body, parentId),
    );
  }

  private async writeComment(
    actor: Actor,
    innovationId: string,
    body: string,
    parentId?: string,
  ): Promise<CommentView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.published(manager, actor, innovationId);
      if (parentId) {
        const parent: { parent_id: string | null; innovation_id: string }[] = await manager.query(
          `SELECT parent_id, innovation_id FROM innovation_comment WHERE id = $1`,
          [parentId],
        );
        if (!parent[0] || parent[0].innovation_id !== innovationId)
          throw new DomainError(InnovationErrors.COMMENT_NOT_FOUND);
        if (parent[0].parent_id) throw new DomainError(InnovationErrors.COMMENT_TOO_DEEP);
      }
      const id = uuidv7();
      await manager.query(
        `INSERT INTO innovation_comment (id, innovation_id, author_id, parent_id, body) VALUES ($1, $2, $3, $4, $5)`,
        [id, innovationId, actor.memberId, parentId ?? null, body.trim()],
      );
      await manager.query(
        `UPDATE innovation SET comment_count = comment_count + 1, trending_key = $2 WHERE id = $1`,
        [innovationId, addTrendingActivity(row.trendingKey, ACTIVITY_WEIGHT.comment, new Date())],
      );
      await this.outbox.append(manager, InnovationEvents.commentCreated, {
        ...facts(row, actor),
        commentId: id,
        parentId: parentId ?? null,
      });
      return toComment((await this.commentRows(manager, `c.id = $1`, [id]))[0]!);
    });
  }

  async editComment(
    actor: Actor,
    innovationId: string,
    commentId: string,
    body: string,
  ): Promise<CommentView> {
    return this.throttle.limited('comment', actor.memberId, () =>
      this.writeCommentEdit(actor, innovationId, commentId, body),
    );
  }

  private async writeCommentEdit(
    actor: Actor,
    innovationId: string,
    commentId: string,
    body: string,
  ): Promise<CommentView> {
    return this.dataSource.transaction(async (manager) => {
      const comment = await this.ownComment(manager, actor, innovationId, commentId);
      if (comment.authorId !== actor.memberId)
        throw new DomainError('FORBIDDEN', 'Only the author may edit a comment');
      if (Date.now() - comment.createdAt.getTime() > this.config.COMMENT_EDIT_MINUTES * 60_000) {
        throw new DomainError(InnovationErrors.COMMENT_EDIT_WINDOW_CLOSED);
      }
      await manager.query(`UPDATE innovation_comment SET body = $2, edited_at = now() WHERE id = $1`, [
        commentId,
        body.trim(),
      ]);
      return toComment((await this.commentRows(manager, `c.id = $1`, [commentId]))[0]!);
    });
  }

  /** Deleted by its author or a moderator: a tombstone keeps the thread readable. */
  async deleteComment(actor: Actor, innovationId: string, commentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const comment = await this.ownComment(manager, actor, innovationId, commentId);
      if (comment.authorId !== actor.memberId && !moderates(actor))
        throw new DomainError('FORBIDDEN', 'Only the author or a moderator may delete a comment');
      await manager.query(
        `UPDATE innovation_comment SET body = NULL, deleted_at = now(), deleted_by = $2 WHERE id = $1`,
        [commentId, actor.memberId],
      );
      await manager.query(
        `UPDATE innovation SET comment_count = greatest(comment_count - 1, 0) WHERE id = $1`,
        [innovationId],
      );
    });
  }

  /** Threads, oldest first, each with its replies. */
  async comments(
    actor: Actor | undefined,
    innovationId: string,
    cursor?: string,
  ): Promise<Page<CommentView>> {
    const manager = this.dataSource.manager;
    await this.innovations.visible(manager, actor, innovationId);
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    const threads = await this.commentRows(
      manager,
      `c.innovation_id = $1 AND c.parent_id IS NULL${after ? ' AND c.id > $2' : ''} ORDER BY c.id LIMIT ${THREADS_PER_PAGE + 1}`,
      after ? [innovationId, after.id] : [innovationId],
    );
    const page = threads.slice(0, THREADS_PER_PAGE);
    const replies = page.length
      ? await this.commentRows(manager, `c.parent_id = ANY($1::uuid[]) ORDER BY c.id`, [
          page.map((t) => t.id),
        ])
      : [];
    return toPage(
      threads,
      THREADS_PER_PAGE,
      (thread) => ({
        ...toComment(thread),
        replies: replies.filter((r) => r.parentId === thread.id).map(toComment),
      }),
      (thread) => ({ id: thread.id }),
    );
  }

  /** "I used it": one report per member per innovation per school term. */
  async reportAdoption(actor: Actor, innovationId: string, input: AdoptionInput) {
    const usedOn = new Date(`${input.usedOn}T00:00:00Z`);
    if (Number.isNaN(usedOn.getTime()) || usedOn.getTime() > Date.now() + 24 * 3600 * 1000) {
      throw new DomainError('VALIDATION_FAILED', 'usedOn must be a date that is not in the future', {
        errors: [
          { field: 'usedOn', message: 'usedOn must be a date (YYYY-MM-DD) that is not in the future' },
        ],
      });
    }
    const term = schoolTerm(usedOn);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.published(manager, actor, innovationId);
      if (row.authorId === actor.memberId) throw new DomainError(InnovationErrors.INNOVATION_SELF_ADOPTION);
      const id = uuidv7();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO innovation_adoption (id, innovation_id, member_id, school_id, grade_level, class_size, used_on, school_term, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (innovation_id, member_id, school_term) DO NOTHING RETURNING id`,
        [
          id,
          innovationId,
          actor.memberId,
          actor.schoolId,
          input.gradeLevel,
          input.classSize,
          input.usedOn,
          term,
          input.notes ?? '',
        ],
      );
      if (inserted.length === 0)
        throw new DomainError(
          InnovationErrors.ADOPTION_ALREADY_REPORTED,
          `Already reported for term ${term}`,
        );
      await manager.query(
        `UPDATE innovation SET adoption_count = adoption_count + 1, trending_key = $2 WHERE id = $1`,
        [innovationId, addTrendingActivity(row.trendingKey, ACTIVITY_WEIGHT.adoption, new Date())],
      );
      await this.outbox.append(manager, InnovationEvents.adoptionReported, {
        ...facts(row, actor),
        adoptionId: id,
        reporterSchoolId: actor.schoolId,
        schoolTerm: term,
      });
      return {
        id,
        innovationId,
        gradeLevel: input.gradeLevel,
        classSize: input.classSize,
        usedOn: input.usedOn,
        schoolTerm: term,
        notes: input.notes ?? '',
      };
    });
  }

  async adoptions(actor: Actor | undefined, innovationId: string, cursor?: string) {
    await this.innovations.visible(this.dataSource.manager, actor, innovationId);
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id, a.grade_level AS "gradeLevel", a.class_size AS "classSize", to_char(a.used_on, 'YYYY-MM-DD') AS "usedOn",
              a.school_term AS "schoolTerm", a.notes, a.evidence_attachment_id AS "evidenceAttachmentId", a.created_at AS "createdAt",
              json_build_object('id', m.id, 'displayName', m.display_name) AS reporter,
              CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name_th) END AS school
       FROM innovation_adoption a JOIN member m ON m.id = a.member_id LEFT JOIN school s ON s.id = a.school_id
       WHERE a.innovation_id = $1${after ? ' AND a.id < $2' : ''} ORDER BY a.id DESC LIMIT 21`,
      after ? [innovationId, after.id] : [innovationId],
    );
    return toPage(
      rows,
      20,
      (row) => row,
      (row) => ({ id: row.id }),
    );
  }

  private async published(
    manager: EntityManager,
    actor: Actor,
    innovationId: string,
  ): Promise<InnovationRow> {
    const row = await this.innovations.visible(manager, actor, innovationId, true);
    if (row.status !== 'published') throw new DomainError(InnovationErrors.INNOVATION_NOT_PUBLISHED);
    return row;
  }

  private async ownComment(
    manager: EntityManager,
    actor: Actor,
    innovationId: string,
    commentId: string,
  ): Promise<CommentRow> {
    await this.innovations.visible(manager, actor, innovationId);
    const rows = await this.commentRows(manager, `c.id = $1 AND c.innovation_id = $2 FOR UPDATE OF c`, [
      commentId,
      innovationId,
    ]);
    if (!rows[0] || rows[0].deletedAt) throw new DomainError(InnovationErrors.COMMENT_NOT_FOUND);
    return rows[0];
  }

  private commentRows(manager: EntityManager, where: string, params: unknown[]): Promise<CommentRow[]> {
    return manager.query(
      `SELECT c.id, c.parent_id AS "parentId", c.author_id AS "authorId", m.display_name AS "authorName", m.level_code AS "authorLevel", c.body,
              c.created_at AS "createdAt", c.edited_at AS "editedAt", c.deleted_at AS "deletedAt"
       FROM innovation_comment c JOIN member m ON m.id = c.author_id WHERE ${where}`,
      params,
    );
  }
}

function facts(row: InnovationRow, actor: Actor): FeedbackFacts {
  return {
    innovationId: row.id,
    actorId: actor.memberId,
    authorId: row.authorId,
    schoolId: row.schoolId,
    areaId: row.areaId,
    learningAreas: row.learningAreas,
  };
}

function toComment(row: CommentRow): CommentView {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    parentId: row.parentId,
    author: deleted ? null : { id: row.authorId, displayName: row.authorName, level: row.authorLevel },
    body: deleted ? null : row.body,
    deleted,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
  };
}
