import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, loadTaxonomy } from '@lc/core';
import { fiscalYear as fiscalYearNamed, fiscalYearOf } from '@lc/cockpit';
import { Actor } from '@lc/identity';
import { PdfJobs } from '@lc/pdf';
import { BadgesService } from '../badges/badges.service';
import { LevelsService } from '../levels/levels.service';
import { DevelopmentPlansService } from '../plans/development-plans.service';
import { RecognitionErrors } from '../recognition-errors';
import { EVIDENCE_KIND, EvidenceData } from './evidence.data';

/** Letters and digits that cannot be mistaken for one another when typed from paper (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
const RENDER_TIMEOUT_MS = 45_000;

export interface EvidenceFile {
  filename: string;
  code: string;
  pdf: Buffer;
}

/** What the public verification page confirms of a document. */
export interface EvidenceVerification {
  code: string;
  valid: true;
  member: { displayName: string; school: string | null };
  fiscalYear: { year: number; th: string; en: string };
  issuedAt: string;
  /** SHA-256 of the PDF as issued: a copy whose hash differs was changed. */
  sha256: string;
  totals: EvidenceData['totals'];
}

const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10);

/**
 * The evidence of a member's work for a fiscal year as a Thai PDF (seed 003 §7: evidence that counts in evaluation
 * and lessens paperwork): its numbers are read from the records, it carries a code and a QR that lead to a public
 * page confirming who it is of, which year, when it was issued and the SHA-256 of the file as issued.
 */
@Injectable()
export class EvidenceService {
  private readonly memberKinds = new Map(
    loadTaxonomy().memberKinds.map((k) => [k.code, { th: k.th, en: k.en }]),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly levels: LevelsService,
    private readonly badges: BadgesService,
    private readonly plans: DevelopmentPlansService,
    private readonly pdfs: PdfJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async generate(actor: Actor, fiscalYear?: number): Promise<EvidenceFile> {
    const year = fiscalYear ?? fiscalYearOf(new Date()).year;
    if (!Number.isInteger(year) || year < 2560 || year > 2700)
      throw new DomainError(RecognitionErrors.RECOGNITION_PLAN_INVALID, 'fiscalYear');
    const code = Array.from(
      { length: CODE_LENGTH },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
    ).join('');
    const data = await this.data(actor.memberId, year, code);
    const pdf = await this.pdfs.renderInWorker(EVIDENCE_KIND, data, { timeoutMs: RENDER_TIMEOUT_MS });
    await this.dataSource.query(
      `INSERT INTO evidence_document (code, member_id, fiscal_year, sha256, totals, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        code,
        actor.memberId,
        year,
        createHash('sha256').update(pdf).digest('hex'),
        JSON.stringify(data.totals),
        data.generatedAt,
      ],
    );
    return { filename: `evidence-${year}-${code}.pdf`, code, pdf };
  }

  async verify(code: string): Promise<EvidenceVerification> {
    const normalised = code.trim().toUpperCase();
    const [row] = await this.dataSource.query<
      {
        code: string;
        display_name: string;
        school: string | null;
        fiscal_year: number;
        sha256: string;
        totals: EvidenceData['totals'];
        issued_at: Date;
      }[]
    >(
      `SELECT d.code, m.display_name, s.name_th AS school, d.fiscal_year, d.sha256, d.totals, d.issued_at
       FROM evidence_document d JOIN member m ON m.id = d.member_id LEFT JOIN school s ON s.id = m.school_id
       WHERE d.code = $1 AND m.status <> 'erased'`,
      [normalised],
    );
    if (!row) throw new DomainError(RecognitionErrors.RECOGNITION_EVIDENCE_NOT_FOUND);
    const named = fiscalYearNamed(row.fiscal_year);
    return {
      code: row.code,
      valid: true,
      member: { displayName: row.display_name, school: row.school },
      fiscalYear: { year: row.fiscal_year, th: named.th, en: named.en },
      issuedAt: row.issued_at.toISOString(),
      sha256: row.sha256,
      totals: row.totals,
    };
  }

  verifyUrl(code: string): string {
    return `${this.config.WEB_URL.replace(/\/+$/, '')}/verify/evidence/${code}`;
  }

  private async data(memberId: string, year: number, code: string): Promise<EvidenceData> {
    const manager = this.dataSource.manager;
    const fy = fiscalYearNamed(year);
    const range = [memberId, fy.start, fy.end];
    const [member] = await manager.query<
      {
        display_name: string;
        member_kind: string;
        level_code: string;
        school: string | null;
        area: string | null;
      }[]
    >(
      `SELECT m.display_name, m.member_kind, m.level_code, s.name_th AS school, a.name_th AS area
       FROM member m LEFT JOIN school s ON s.id = m.school_id LEFT JOIN area a ON a.id = s.area_id WHERE m.id = $1`,
      [memberId],
    );
    if (!member) throw new DomainError(RecognitionErrors.RECOGNITION_MEMBER_NOT_FOUND);
    const [innovations, adoptions, endorsements, feedback, points, awards, plan] = await Promise.all([
      manager.query<
        {
          title: string;
          published_at: Date;
          rating_count: number;
          rating_sum: number;
          adoption_count: number;
          endorsements: string;
        }[]
      >(
        `SELECT i.title, i.published_at, i.rating_count, i.rating_sum, i.adoption_count,
                (SELECT count(*) FROM endorsement e WHERE e.innovation_id = i.id) AS endorsements
         FROM innovation i WHERE i.author_id = $1 AND i.status = 'published' AND i.published_at >= $2 AND i.published_at < $3
         ORDER BY i.published_at`,
        range,
      ),
      manager.query<{ title: string; school: string | null; school_id: string | null; used_on: string }[]>(
        `SELECT i.title, s.name_th AS school, ad.school_id, to_char(ad.used_on, 'YYYY-MM-DD') AS used_on
         FROM innovation i JOIN innovation_adoption ad ON ad.innovation_id = i.id LEFT JOIN school s ON s.id = ad.school_id
         WHERE i.author_id = $1 AND i.status = 'published' AND ad.member_id <> $1
           AND ad.created_at >= $2 AND ad.created_at < $3
         ORDER BY ad.used_on, ad.id LIMIT 200`,
        range,
      ),
      manager.query<{ title: string; partner: string; created_at: Date }[]>(
        `SELECT i.title, p.name_th AS partner, e.created_at
         FROM innovation i JOIN endorsement e ON e.innovation_id = i.id JOIN partner p ON p.id = e.partner_id
         WHERE i.author_id = $1 AND i.status = 'published' AND e.created_at >= $2 AND e.created_at < $3
         ORDER BY e.created_at`,
        range,
      ),
      manager.query<{ n: string }[]>(
        `SELECT (SELECT count(*) FROM innovation_rating r JOIN innovation i ON i.id = r.innovation_id
                 WHERE r.member_id = $1 AND i.author_id <> $1 AND r.created_at >= $2 AND r.created_at < $3)
              + (SELECT count(*) FROM innovation_comment c JOIN innovation i ON i.id = c.innovation_id
                 WHERE c.author_id = $1 AND i.author_id <> $1 AND c.deleted_at IS NULL
                   AND c.created_at >= $2 AND c.created_at < $3) AS n`,
        range,
      ),
      manager.query<{ earned: string }[]>(
        `SELECT coalesce(sum(CASE WHEN t.kind = 'award' AND t.credit_account_id = a.id THEN t.amount
                                  WHEN t.kind = 'reversal' AND t.debit_account_id = a.id THEN -t.amount ELSE 0 END), 0)
                  AS earned
         FROM ledger_account a JOIN ledger_transfer t ON t.credit_account_id = a.id OR t.debit_account_id = a.id
         WHERE a.kind = 'member' AND a.owner_id = $1 AND t.kind IN ('award', 'reversal')
           AND t.created_at >= $2 AND t.created_at < $3`,
        range,
      ),
      this.badges.awardsOf(memberId),
      this.plans.ofYear(memberId, year),
    ]);
    const badges = awards.filter(
      (award) =>
        !award.revoked && award.awardedAt >= fy.start.toISOString() && award.awardedAt < fy.end.toISOString(),
    );
    const verifyUrl = this.verifyUrl(code);
    const level = this.levels.labelOf(member.level_code);
    return {
      version: 1,
      code,
      verifyUrl,
      qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      generatedAt: new Date().toISOString(),
      fiscalYear: {
        year,
        th: fy.th,
        en: fy.en,
        from: day(new Date(fy.start.getTime() + 7 * 3600 * 1000)),
        to: day(new Date(fy.end.getTime() + 7 * 3600 * 1000 - 1)),
      },
      member: {
        displayName: member.display_name,
        memberKind: this.memberKinds.get(member.member_kind) ?? {
          th: member.member_kind,
          en: member.member_kind,
        },
        school: member.school,
        area: member.area,
        level: { th: level.th, en: level.en },
      },
      totals: {
        innovationsPublished: innovations.length,
        adoptions: adoptions.length,
        adoptingSchools: new Set(adoptions.map((a) => a.school_id).filter(Boolean)).size,
        endorsements: endorsements.length,
        feedbackGiven: Number(feedback[0]?.n ?? 0),
        pointsEarned: Number(points[0]?.earned ?? 0),
        badges: badges.length,
      },
      innovations: innovations.map((i) => ({
        title: i.title,
        publishedOn: day(new Date(i.published_at.getTime() + 7 * 3600 * 1000)),
        averageRating: i.rating_count ? Math.round((i.rating_sum / i.rating_count) * 100) / 100 : null,
        ratings: i.rating_count,
        adoptions: i.adoption_count,
        endorsements: Number(i.endorsements),
      })),
      adoptions: adoptions.map((a) => ({ innovation: a.title, school: a.school, usedOn: a.used_on })),
      endorsements: endorsements.map((e) => ({
        innovation: e.title,
        partner: e.partner,
        on: day(new Date(e.created_at.getTime() + 7 * 3600 * 1000)),
      })),
      badges: badges.map((b) => ({
        th: b.badge.th,
        en: b.badge.en,
        awardedOn: day(new Date(new Date(b.awardedAt).getTime() + 7 * 3600 * 1000)),
        credentialUrl: b.credentialUrl,
      })),
      certificates: [],
      plan: plan && {
        title: plan.title,
        progress: plan.progress,
        goals: plan.goals.map((g) => ({ th: g.th, en: g.en, targetLevel: g.targetLevel })),
        activities: plan.activities.map((a) => ({ title: a.title, dueOn: a.dueOn, done: a.done })),
        checkIns: plan.checkIns.slice(0, 5).map((c) => ({
          progress: c.progress,
          reflection: c.reflection,
          on: day(new Date(new Date(c.createdAt).getTime() + 7 * 3600 * 1000)),
        })),
      },
    };
  }
}
