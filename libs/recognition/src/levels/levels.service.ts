import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@lc/core';
import { Actor, AuditRepository } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { RecognitionErrors } from '../recognition-errors';
import { RecognitionEvents } from '../recognition.events';
import {
  CRITERIA,
  CRITERION_CODES,
  CriterionCode,
  CriterionProgress,
  FIRST_LEVEL,
  Level,
  levels,
  levelsReached,
  progressOf,
} from './criteria';
import { Evidence, LevelsRepository } from './levels.repository';

export interface LevelLabel {
  code: string;
  rank: number;
  th: string;
  en: string;
}

/** `GET /me/level`: where the member stands and what the next level asks, criterion by criterion. */
export interface MyLevel {
  level: LevelLabel;
  next: { code: string; th: string; en: string; criteria: CriterionProgress[] } | null;
}

export interface LevelCriteriaView {
  levels: (LevelLabel & { criteria: { code: CriterionCode; th: string; en: string; required: number }[] })[];
  /** Every criterion a level may ask, with its unit. */
  criteria: { code: CriterionCode; th: string; en: string; unitTh: string; unitEn: string }[];
}

export interface LevelCriteriaInput {
  levels: { code: string; criteria: { code: string; required: number }[] }[];
}

const MAX_REQUIRED = 1_000_000;

/**
 * Levels, member → practitioner → change agent → influencer: decided on evidence from the records (LevelsRepository
 * `evidence`) against criteria OBEC sets, each reached exactly once (the primary key of member_level), kept once
 * reached, revocable by an OBEC admin with a reason.
 */
@Injectable()
export class LevelsService {
  private readonly ladder: Level[] = levels();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LevelsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Looks at these members' evidence and records every level they now reach, each with its `levelReached` event,
   * in the caller's transaction. A member handled by two batches at once is promoted once: the second insert of the
   * same level finds the first (ON CONFLICT DO NOTHING) and emits nothing.
   */
  async evaluate(
    manager: EntityManager,
    members: { memberId: string; eventId: string | null }[],
    known?: Map<string, Evidence>,
  ): Promise<{ memberId: string; levelCode: string }[]> {
    const byMember = new Map(members.map((m) => [m.memberId, m.eventId]));
    const ids = [...byMember.keys()].sort();
    if (ids.length === 0) return [];
    const [evidence, criteria, held] = await Promise.all([
      known ?? this.repository.evidence(manager, ids),
      this.repository.criteria(manager),
      this.repository.held(manager, ids),
    ]);
    const heldBy = new Map<string, Map<string, { revoked: boolean }>>();
    for (const row of held) {
      const levelsOf = heldBy.get(row.memberId) ?? new Map<string, { revoked: boolean }>();
      levelsOf.set(row.levelCode, { revoked: row.revokedAt !== null });
      heldBy.set(row.memberId, levelsOf);
    }
    const candidates = ids.flatMap((memberId) => {
      const record = evidence.get(memberId);
      if (!record) return [];
      return levelsReached(this.ladder, criteria, heldBy.get(memberId) ?? new Map(), record).map((level) => ({
        memberId,
        levelCode: level.code,
        rank: level.rank,
        eventId: byMember.get(memberId) ?? null,
      }));
    });
    const reached = await this.repository.reach(manager, candidates);
    if (reached.length === 0) return [];
    const promoted = [...new Set(reached.map((r) => r.memberId))];
    await this.repository.refreshCurrent(manager, promoted);
    const places = await this.repository.memberPlace(manager, promoted);
    await this.outbox.appendMany(
      manager,
      reached.map((r) => ({
        event: RecognitionEvents.levelReached,
        payload: {
          memberId: r.memberId,
          level: r.levelCode,
          rank: r.rank,
          schoolId: places.get(r.memberId)?.schoolId ?? null,
          areaId: places.get(r.memberId)?.areaId ?? null,
        },
      })),
    );
    return reached.map((r) => ({ memberId: r.memberId, levelCode: r.levelCode }));
  }

  async myLevel(actor: Actor): Promise<MyLevel> {
    return this.levelOf(actor.memberId);
  }

  /** A member's level and their progress to the next (the next one's criteria against their evidence). */
  async levelOf(memberId: string): Promise<MyLevel> {
    const manager = this.dataSource.manager;
    const [evidence, criteria, held] = await Promise.all([
      this.repository.evidence(manager, [memberId]),
      this.repository.criteria(manager),
      this.repository.held(manager, [memberId]),
    ]);
    const record = evidence.get(memberId);
    if (!record) throw new DomainError(RecognitionErrors.RECOGNITION_MEMBER_NOT_FOUND);
    const active = new Set(held.filter((row) => row.revokedAt === null).map((row) => row.levelCode));
    const revoked = new Set(held.filter((row) => row.revokedAt !== null).map((row) => row.levelCode));
    let current = this.ladder.find((level) => level.code === FIRST_LEVEL)!;
    for (const level of this.ladder) if (active.has(level.code) && level.rank > current.rank) current = level;
    const next = this.ladder.find((level) => level.rank === current.rank + 1);
    return {
      level: label(current),
      next:
        next && !revoked.has(next.code)
          ? {
              code: next.code,
              th: next.th,
              en: next.en,
              criteria: progressOf(criteria.get(next.code) ?? [], record),
            }
          : null,
    };
  }

  async criteriaView(): Promise<LevelCriteriaView> {
    const criteria = await this.repository.criteria(this.dataSource.manager);
    return {
      levels: this.ladder
        .filter((level) => level.code !== FIRST_LEVEL)
        .map((level) => ({
          ...label(level),
          criteria: (criteria.get(level.code) ?? []).map((c) => ({
            code: c.code,
            th: CRITERIA[c.code].th,
            en: CRITERIA[c.code].en,
            required: c.required,
          })),
        })),
      criteria: CRITERION_CODES.map((code) => ({ code, ...CRITERIA[code] })),
    };
  }

  /**
   * OBEC sets what levels ask. The levels named are replaced whole; every level keeps at least one criterion, each
   * criterion once, each required value a whole number from 1 to 1,000,000 (400 otherwise, nothing changed). Members
   * who meet new criteria are promoted on their next qualifying event; levels already reached are kept.
   */
  async updateCriteria(actor: Actor, input: LevelCriteriaInput): Promise<LevelCriteriaView> {
    const known = new Set(this.ladder.filter((l) => l.code !== FIRST_LEVEL).map((l) => l.code));
    const seenLevels = new Set<string>();
    for (const level of input.levels) {
      if (!known.has(level.code))
        throw new DomainError(RecognitionErrors.RECOGNITION_LEVEL_UNKNOWN, String(level.code).slice(0, 40));
      if (seenLevels.has(level.code) || level.criteria.length === 0)
        throw new DomainError(RecognitionErrors.RECOGNITION_CRITERIA_INVALID, level.code);
      seenLevels.add(level.code);
      const seen = new Set<string>();
      for (const criterion of level.criteria) {
        if (!(CRITERION_CODES as string[]).includes(criterion.code))
          throw new DomainError(
            RecognitionErrors.RECOGNITION_CRITERION_UNKNOWN,
            String(criterion.code).slice(0, 40),
          );
        if (
          seen.has(criterion.code) ||
          !Number.isInteger(criterion.required) ||
          criterion.required < 1 ||
          criterion.required > MAX_REQUIRED
        )
          throw new DomainError(
            RecognitionErrors.RECOGNITION_CRITERIA_INVALID,
            `${level.code}.${criterion.code}`,
          );
        seen.add(criterion.code);
      }
    }
    await this.dataSource.transaction(async (manager) => {
      const before = await this.repository.criteria(manager);
      await this.repository.replaceCriteria(manager, input.levels);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'recognition.criteria_changed',
        targetType: 'recognition_level',
        targetId: null,
        details: {
          before: Object.fromEntries(input.levels.map((l) => [l.code, before.get(l.code) ?? []])),
          after: Object.fromEntries(input.levels.map((l) => [l.code, l.criteria])),
        },
      });
    });
    return this.criteriaView();
  }

  /** An OBEC admin takes a level back, with a reason (audited); the levels above it go with it. */
  async revoke(actor: Actor, memberId: string, levelCode: string, reason: string): Promise<MyLevel> {
    const level = this.ladder.find((l) => l.code === levelCode && l.code !== FIRST_LEVEL);
    if (!level) throw new DomainError(RecognitionErrors.RECOGNITION_LEVEL_UNKNOWN, levelCode.slice(0, 40));
    await this.dataSource.transaction(async (manager) => {
      const above = this.ladder.filter((l) => l.rank >= level.rank).map((l) => l.code);
      const held = await this.repository.held(manager, [memberId], true);
      if (!held.some((row) => row.levelCode === levelCode && row.revokedAt === null))
        throw new DomainError(RecognitionErrors.RECOGNITION_LEVEL_NOT_HELD);
      for (const row of held)
        if (above.includes(row.levelCode) && row.revokedAt === null)
          await this.repository.revoke(manager, memberId, row.levelCode, actor.memberId, reason);
      await this.repository.refreshCurrent(manager, [memberId]);
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'recognition.level_revoked',
        targetType: 'member',
        targetId: memberId,
        reason,
        details: { level: levelCode },
      });
    });
    return this.levelOf(memberId);
  }

  /** The evidence of these members, as levels and badges read it. */
  evidence(manager: EntityManager, memberIds: string[]): Promise<Map<string, Evidence>> {
    return this.repository.evidence(manager, [...new Set(memberIds)].sort());
  }

  /** For views that show a level beside a name. */
  labelOf(code: string): LevelLabel {
    return label(this.ladder.find((level) => level.code === code) ?? this.ladder[0]!);
  }
}

function label(level: Level): LevelLabel {
  return { code: level.code, rank: level.rank, th: level.th, en: level.en };
}

export type { Evidence };
