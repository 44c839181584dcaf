import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, loadTaxonomy } from '@lc/core';
import { Actor } from '@lc/identity';
import { BadgeAwardView, BadgesService } from '../badges/badges.service';
import { LevelLabel, LevelsService } from '../levels/levels.service';
import { DevelopmentPlansService } from '../plans/development-plans.service';
import { CertificatesService, PortfolioCertificateView } from '@lc/activities';
import { PrivacyService } from '../privacy/privacy.service';
import { RecognitionErrors } from '../recognition-errors';

export interface CompetencyScore {
  code: string;
  framework: string;
  th: string;
  en: string;
  /** 1–5, weighted by ratings and adoptions (docs/RECOGNITION.md "Portfolio"); 0 when no innovation builds it. */
  score: number;
  innovations: number;
}

export interface TeachingCriterion {
  code: 'clarity' | 'effect' | 'adoptability' | 'competencyFit';
  th: string;
  en: string;
  /** 1–5: the average the member's published work received on this criterion; null before any rating. */
  average: number | null;
  ratings: number;
}

export interface Portfolio {
  member: {
    id: string;
    displayName: string;
    memberKind: string;
    school: { id: string; name: string } | null;
    areaId: string | null;
  };
  level: LevelLabel;
  visibility: 'public' | 'members' | 'private';
  stats: {
    innovationsPublished: number;
    ratingsReceived: number;
    averageRating: number | null;
    adoptions: number;
    adoptingSchools: number;
    adoptingAreas: number;
    endorsements: number;
    feedbackGiven: number;
    pointsEarned: number;
    badges: number;
  };
  innovations: {
    id: string;
    title: string;
    publishedAt: string;
    averageRating: number | null;
    ratings: number;
    adoptions: number;
    endorsements: number;
  }[];
  competencyRadar: CompetencyScore[];
  teachingProfile: TeachingCriterion[];
  badges: BadgeAwardView[];
  /** Certificates of the events the member completed (in force), with their public verification links. */
  certificates: PortfolioCertificateView[];
  /** This fiscal year's ID PLAN and its progress, when the member chose to show it (null otherwise). */
  plan: {
    title: string;
    fiscalYear: { year: number; th: string; en: string };
    progress: number;
    goals: { competency: string; th: string; en: string; targetLevel: number }[];
    activitiesDone: number;
    activities: number;
  } | null;
}

const TEACHING: { code: TeachingCriterion['code']; column: string; th: string; en: string }[] = [
  { code: 'clarity', column: 'clarity', th: 'ความชัดเจน', en: 'Clarity' },
  { code: 'effect', column: 'effect', th: 'ผลต่อผู้เรียน', en: 'Effect on learners' },
  { code: 'adoptability', column: 'adoptability', th: 'นำไปใช้ได้จริง', en: 'Adoptability' },
  { code: 'competencyFit', column: 'competency_fit', th: 'ตรงกับสมรรถนะ', en: 'Competency fit' },
];

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * A member's portfolio: their published work and its quality, where it was adopted, endorsements, badges, level, a
 * competency radar and a teaching profile. Who may see it is the member's choice (public, members, private); the
 * member always sees their own.
 */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly levels: LevelsService,
    private readonly badges: BadgesService,
    private readonly privacy: PrivacyService,
    private readonly plans: DevelopmentPlansService,
    private readonly certificates: CertificatesService,
  ) {}

  async portfolio(viewer: Actor | undefined, memberId: string): Promise<Portfolio> {
    const manager = this.dataSource.manager;
    const [member] = await manager.query<
      {
        id: string;
        display_name: string;
        member_kind: string;
        school_id: string | null;
        school_name: string | null;
        area_id: string | null;
        level_code: string;
        status: string;
      }[]
    >(
      `SELECT m.id, m.display_name, m.member_kind, m.school_id, s.name_th AS school_name, s.area_id, m.level_code,
              m.status
       FROM member m LEFT JOIN school s ON s.id = m.school_id WHERE m.id = $1`,
      [memberId],
    );
    if (!member || member.status === 'erased')
      throw new DomainError(RecognitionErrors.RECOGNITION_MEMBER_NOT_FOUND);
    const { portfolio: visibility } = await this.privacy.get(memberId);
    const own = viewer?.memberId === memberId;
    if (!own && visibility === 'private')
      throw new DomainError(RecognitionErrors.RECOGNITION_PORTFOLIO_PRIVATE);
    if (!own && visibility === 'members' && !viewer)
      throw new DomainError(RecognitionErrors.RECOGNITION_PORTFOLIO_MEMBERS_ONLY);

    const [evidence, innovations, adoption, radar, teaching, badges] = await Promise.all([
      this.levels.evidence(manager, [memberId]),
      manager.query<
        {
          id: string;
          title: string;
          published_at: Date;
          rating_count: number;
          rating_sum: number;
          adoption_count: number;
          endorsements: string;
        }[]
      >(
        `SELECT i.id, i.title, i.published_at, i.rating_count, i.rating_sum, i.adoption_count,
                (SELECT count(*) FROM endorsement e WHERE e.innovation_id = i.id) AS endorsements
         FROM innovation i WHERE i.author_id = $1 AND i.status = 'published'
         ORDER BY i.published_at DESC, i.id DESC LIMIT 100`,
        [memberId],
      ),
      manager.query<{ adoptions: string; schools: string; areas: string }[]>(
        `SELECT count(*) AS adoptions, count(DISTINCT ad.school_id) AS schools, count(DISTINCT s.area_id) AS areas
         FROM innovation i JOIN innovation_adoption ad ON ad.innovation_id = i.id
         LEFT JOIN school s ON s.id = ad.school_id
         WHERE i.author_id = $1 AND i.status = 'published' AND ad.member_id <> $1`,
        [memberId],
      ),
      this.radar(memberId),
      manager.query<Record<string, string | null>[]>(
        `SELECT count(*) AS ratings, ${TEACHING.map((t) => `avg(r.${t.column}) AS ${t.column}`).join(', ')}
         FROM innovation i JOIN innovation_rating r ON r.innovation_id = i.id
         WHERE i.author_id = $1 AND i.status = 'published'`,
        [memberId],
      ),
      this.badges.awardsOf(memberId),
    ]);
    const plan = await this.plans.onPortfolio(memberId);
    const record = evidence.get(memberId)!;
    const ratingsReceived = innovations.reduce((sum, i) => sum + i.rating_count, 0);
    const ratingSum = innovations.reduce((sum, i) => sum + i.rating_sum, 0);
    const liveBadges = badges.filter((award) => !award.revoked);
    const teachingRow = teaching[0] ?? {};
    return {
      member: {
        id: member.id,
        displayName: member.display_name,
        memberKind: member.member_kind,
        school: member.school_id ? { id: member.school_id, name: member.school_name ?? '' } : null,
        areaId: member.area_id,
      },
      level: this.levels.labelOf(member.level_code),
      visibility,
      stats: {
        innovationsPublished: record.innovations_published,
        ratingsReceived,
        averageRating: ratingsReceived ? round(ratingSum / ratingsReceived) : null,
        adoptions: Number(adoption[0]?.adoptions ?? 0),
        adoptingSchools: Number(adoption[0]?.schools ?? 0),
        adoptingAreas: Number(adoption[0]?.areas ?? 0),
        endorsements: record.endorsements,
        feedbackGiven: record.feedback_given,
        pointsEarned: record.points_earned,
        badges: liveBadges.length,
      },
      innovations: innovations.map((i) => ({
        id: i.id,
        title: i.title,
        publishedAt: i.published_at.toISOString(),
        averageRating: i.rating_count ? round(i.rating_sum / i.rating_count) : null,
        ratings: i.rating_count,
        adoptions: i.adoption_count,
        endorsements: Number(i.endorsements),
      })),
      competencyRadar: radar,
      teachingProfile: TEACHING.map((t) => ({
        code: t.code,
        th: t.th,
        en: t.en,
        average:
          teachingRow[t.column] === null || teachingRow[t.column] === undefined
            ? null
            : round(Number(teachingRow[t.column])),
        ratings: Number(teachingRow.ratings ?? 0),
      })),
      badges: liveBadges,
      certificates: await this.certificates.onPortfolio(memberId),
      plan: plan && {
        title: plan.title,
        fiscalYear: plan.fiscalYear,
        progress: plan.progress,
        goals: plan.goals.map((g) => ({
          competency: g.competency,
          th: g.th,
          en: g.en,
          targetLevel: g.targetLevel,
        })),
        activitiesDone: plan.activities.filter((a) => a.done).length,
        activities: plan.activities.length,
      },
    };
  }

  /**
   * The competency radar: for each learner competency of the taxonomy, the level (1–5) the member's published
   * innovations build it at, weighted by the evidence behind each innovation. An innovation's level for a competency
   * is its author's declaration (strength 1–3 read as 1, 3, 5) counted as two ratings, with the raters' judgements
   * (as on the innovation's page); its weight is 1 + its ratings + 2 × its adoptions by others.
   */
  private async radar(memberId: string): Promise<CompetencyScore[]> {
    const rows: { code: string; score: string; innovations: string }[] = await this.dataSource.query(
      `WITH inv AS (
         SELECT id, competencies, 1 + rating_count + 2 * adoption_count AS w
         FROM innovation WHERE author_id = $1 AND status = 'published'
       ), declared AS (
         SELECT inv.id, inv.w, c->>'code' AS code, 1 + ((c->>'strength')::int - 1) * 2 AS d
         FROM inv, jsonb_array_elements(inv.competencies) c
       ), rated AS (
         SELECT r.innovation_id AS id, e.key AS code, sum(e.value::numeric) AS s, count(*) AS n
         FROM innovation_rating r JOIN inv ON inv.id = r.innovation_id, jsonb_each_text(r.competencies) e
         GROUP BY 1, 2
       )
       SELECT d.code, sum(d.w * (2 * d.d + coalesce(r.s, 0)) / (2 + coalesce(r.n, 0))) / sum(d.w) AS score,
              count(*) AS innovations
       FROM declared d LEFT JOIN rated r ON r.id = d.id AND r.code = d.code GROUP BY d.code`,
      [memberId],
    );
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return loadTaxonomy().competencyFrameworks.flatMap((framework) =>
      framework.competencies.map((competency) => {
        const row = byCode.get(competency.code);
        return {
          code: competency.code,
          framework: framework.code,
          th: competency.th,
          en: competency.en,
          score: row ? round(Number(row.score)) : 0,
          innovations: row ? Number(row.innovations) : 0,
        };
      }),
    );
  }
}
