import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError, loadTaxonomy, uuidv7 } from '@lc/core';
import { Actor, administeredAreas, AuditRepository, hasRole, isObecAdmin } from '@lc/identity';
import { CampaignsErrors } from './campaigns-errors';
import {
  CampaignGoal,
  CampaignRow,
  CampaignScope,
  CampaignsRepository,
  ProgressRow,
} from './campaigns.repository';

export const CAMPAIGN_GOALS: readonly CampaignGoal[] = [
  'publish_innovations',
  'give_feedback',
  'report_adoptions',
  'complete_events',
];

/** What each goal counts, as members read it. */
const GOAL_LABELS: Record<CampaignGoal, { th: string; en: string }> = {
  publish_innovations: { th: 'เผยแพร่นวัตกรรม', en: 'Publish innovations' },
  give_feedback: {
    th: 'ให้คะแนนหรือแสดงความคิดเห็นต่อนวัตกรรมของผู้อื่น',
    en: 'Rate or comment on others’ innovations',
  },
  report_adoptions: { th: 'รายงานการนำนวัตกรรมของผู้อื่นไปใช้', en: 'Report using others’ innovations' },
  complete_events: { th: 'ผ่านกิจกรรมครบตามเกณฑ์', en: 'Complete events' },
};

/** At most this many open campaigns are listed (national ones and those of the member's areas). */
const LIST_LIMIT = 100;
/** A campaign may be announced with a start a little in the past (a form filled in slowly), not more. */
const START_GRACE_MS = 60 * 60_000;

export interface CampaignInput {
  title: { th: string; en: string };
  description?: { th?: string; en?: string };
  scope: CampaignScope;
  areaId?: string | null;
  goal: CampaignGoal;
  learningArea?: string | null;
  target: number;
  startsAt: string;
  endsAt: string;
  bonusPoints?: number;
  badgeCode?: string | null;
}

export interface CampaignProgressView {
  count: number;
  target: number;
  completed: boolean;
  completedAt: string | null;
  /** 0–100, whole; 100 once completed (the count may go on past the target). */
  percent: number;
}

export interface CampaignView {
  id: string;
  title: { th: string; en: string };
  description: { th: string; en: string };
  scope: CampaignScope;
  areaId: string | null;
  goal: CampaignGoal;
  goalLabel: { th: string; en: string };
  learningArea: { code: string; th: string; en: string } | null;
  target: number;
  startsAt: string;
  endsAt: string;
  phase: 'upcoming' | 'running' | 'ended';
  bonusPoints: number;
  badge: { code: string; th: string; en: string } | null;
  me: CampaignProgressView;
}

export interface CampaignProgressDetail {
  campaign: CampaignView;
  me: CampaignProgressView;
  /** For OBEC admins and, for an area's campaign, its area admins: how many took part and completed. */
  totals: { participants: number; completed: number } | null;
}

const invalid = (detail: string) => new DomainError(CampaignsErrors.CAMPAIGN_INVALID, detail);

function instant(value: string, name: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime()))
    throw invalid(`${name} must be a date and time with its offset, e.g. 2026-12-20T09:00:00+07:00`);
  return at;
}

export function progressView(target: number, row: ProgressRow | undefined): CampaignProgressView {
  const count = row?.count ?? 0;
  const completed = !!row?.completedAt;
  return {
    count,
    target,
    completed,
    completedAt: row?.completedAt ? row.completedAt.toISOString() : null,
    percent: completed ? 100 : Math.min(99, Math.floor((count * 100) / target)),
  };
}

/**
 * Campaigns and challenges (seed 003 §4): OBEC sets national ones, an area's admins set their area's; members see
 * the running and upcoming campaigns of the nation and of their area with their own progress. Progress itself is
 * counted by the `campaigns` subscriber (CampaignsSubscriber).
 */
@Injectable()
export class CampaignsService {
  private readonly learningAreas = new Map(loadTaxonomy().learningAreas.map((a) => [a.code, a]));

  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CampaignInput): Promise<CampaignView> {
    if (!CAMPAIGN_GOALS.includes(input.goal))
      throw invalid(`goal must be one of ${CAMPAIGN_GOALS.join(', ')}`);
    if (input.scope === 'national' && input.areaId) throw invalid('a national campaign names no areaId');
    if (input.scope === 'area' && !input.areaId) throw invalid('an area campaign names its areaId');
    const areaId = input.scope === 'area' ? input.areaId! : null;
    if (areaId ? !(isObecAdmin(actor) || hasRole(actor, 'area_admin', areaId)) : !isObecAdmin(actor))
      throw new DomainError(CampaignsErrors.CAMPAIGN_SCOPE_FORBIDDEN);
    const learningArea = input.learningArea ?? null;
    if (
      learningArea !== null &&
      (input.goal !== 'publish_innovations' || !this.learningAreas.has(learningArea))
    )
      throw new DomainError(CampaignsErrors.CAMPAIGN_LEARNING_AREA_UNKNOWN);
    if (!Number.isInteger(input.target) || input.target < 1 || input.target > 100_000)
      throw invalid('target is a whole number of actions from 1 to 100000');
    const bonusPoints = input.bonusPoints ?? 0;
    if (!Number.isInteger(bonusPoints) || bonusPoints < 0 || bonusPoints > 1000)
      throw invalid('bonusPoints is a whole number from 0 to 1000');
    const startsAt = instant(input.startsAt, 'startsAt');
    const endsAt = instant(input.endsAt, 'endsAt');
    if (startsAt >= endsAt) throw invalid('a campaign must end after it starts');
    const now = this.clock.now();
    if (endsAt <= now) throw invalid('a campaign must end in the future');
    if (startsAt.getTime() < now.getTime() - START_GRACE_MS)
      throw invalid('a campaign cannot start more than an hour in the past');

    return this.dataSource.transaction(async (manager) => {
      if (areaId && !(await this.campaigns.areaExists(manager, areaId)))
        throw new DomainError(CampaignsErrors.CAMPAIGN_AREA_NOT_FOUND);
      const badgeCode = input.badgeCode ?? null;
      if (badgeCode && (await this.campaigns.badgeCriterion(manager, badgeCode)) !== 'campaign')
        throw new DomainError(CampaignsErrors.CAMPAIGN_BADGE_INVALID);
      const id = uuidv7();
      await this.campaigns.insert(manager, {
        id,
        titleTh: input.title.th.trim(),
        titleEn: input.title.en.trim(),
        descriptionTh: (input.description?.th ?? '').trim(),
        descriptionEn: (input.description?.en ?? '').trim(),
        scope: input.scope,
        areaId,
        goal: input.goal,
        learningArea,
        target: input.target,
        startsAt,
        endsAt,
        bonusPoints,
        badgeCode,
        createdBy: actor.memberId,
      });
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'activity.campaign_created',
        targetType: 'campaign',
        targetId: id,
        details: {
          scope: input.scope,
          areaId,
          goal: input.goal,
          learningArea,
          target: input.target,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          bonusPoints,
          badgeCode,
        },
      });
      const row = (await this.campaigns.find(manager, id))!;
      return this.view(row, undefined);
    });
  }

  /** The running and upcoming campaigns of the nation and of the member's area (and of the areas they administer). */
  async list(actor: Actor): Promise<CampaignView[]> {
    const manager = this.dataSource.manager;
    const areas = new Set<string>(administeredAreas(actor) ?? []);
    if (actor.areaId) areas.add(actor.areaId);
    const rows = await this.campaigns.listOpen(manager, this.clock.now(), [...areas], LIST_LIMIT);
    const mine = await this.campaigns.progressOf(
      manager,
      actor.memberId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => this.view(row, mine.get(row.id)));
  }

  /** The member's own progress in a campaign they may see; for its admins, its totals too. */
  async progress(actor: Actor, id: string): Promise<CampaignProgressDetail> {
    const manager = this.dataSource.manager;
    const row = await this.campaigns.find(manager, id);
    if (!row) throw new DomainError(CampaignsErrors.CAMPAIGN_NOT_FOUND);
    const admin = isObecAdmin(actor) || (!!row.areaId && hasRole(actor, 'area_admin', row.areaId));
    if (row.areaId && !admin && actor.areaId !== row.areaId)
      throw new DomainError(CampaignsErrors.CAMPAIGN_NOT_FOUND);
    const mine = await this.campaigns.progressOf(manager, actor.memberId, [id]);
    const campaign = this.view(row, mine.get(id));
    return {
      campaign,
      me: campaign.me,
      totals: admin ? await this.campaigns.totals(manager, id) : null,
    };
  }

  view(row: CampaignRow, progress: ProgressRow | undefined): CampaignView {
    const now = this.clock.now();
    const area = row.learningArea ? this.learningAreas.get(row.learningArea) : undefined;
    return {
      id: row.id,
      title: { th: row.titleTh, en: row.titleEn },
      description: { th: row.descriptionTh, en: row.descriptionEn },
      scope: row.scope,
      areaId: row.areaId,
      goal: row.goal,
      goalLabel: GOAL_LABELS[row.goal],
      learningArea: row.learningArea
        ? { code: row.learningArea, th: area?.th ?? row.learningArea, en: area?.en ?? row.learningArea }
        : null,
      target: row.target,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      phase: now < row.startsAt ? 'upcoming' : now < row.endsAt ? 'running' : 'ended',
      bonusPoints: row.bonusPoints,
      badge: row.badgeCode
        ? { code: row.badgeCode, th: row.badgeTh ?? row.badgeCode, en: row.badgeEn ?? row.badgeCode }
        : null,
      me: progressView(row.target, progress),
    };
  }
}
