/**
 * The demo community, seeded the way its people would make it: through the real API over HTTP (registration,
 * publishing, ratings, comments, adoption reports, partners, perks, approvals, redemptions, an announcement), so
 * that every point comes from the real earning rules, the feed is written by the real worker from real events and
 * the ledger's hash chain covers it all. Only what no API can do is written directly: the demo schools (OBEC's
 * school list is not part of the reference data) and the first OBEC administrator's role.
 *
 * Idempotent: every item is looked up first by its natural key (an e-mail, an author and a title, a member and an
 * innovation...), so a second run sends no request that writes and adds nothing. Never runs in production.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { uuidv7 } from '../../libs/core/src/ids';
import { FeedSubscription } from '../../libs/community/src/feed.subscriber';
import { NotificationsSubscription } from '../../libs/community/src/notifications.subscriber';
import { LedgerSubscription } from '../../libs/ledger/src/awards/ledger.subscriber';
import { INNOVATIONS_HPE_ART } from './innovations-hpe-art';
import { INNOVATIONS_SCI_SOC } from './innovations-sci-soc';
import { INNOVATIONS_THA_MAT } from './innovations-tha-mat';
import { INNOVATIONS_OCC_FLA } from './innovations-occ-fla';
import {
  DEMO_ANNOUNCEMENT,
  DEMO_ENDORSEMENTS,
  DEMO_PARTNERS,
  DEMO_PERKS,
  DEMO_REDEMPTION_NOTES,
  DEMO_REPORTS,
} from './marketplace';
import { DEMO_MEMBERS, DEMO_SCHOOLS } from './members';
import type { DemoInnovation, DemoMember, DemoPerk } from './types';

export interface DemoAccount {
  email: string;
  role: string;
}

export interface DemoSeedOptions {
  /** The running API, e.g. http://127.0.0.1:3000 (a worker must be running on the same database and Redis). */
  baseUrl: string;
  databaseUrl: string;
  password?: string;
  log?: (line: string) => void;
  /** How long to wait for the worker to take up every event (default 120 s). */
  workerTimeoutMs?: number;
}

export interface DemoSeedResult {
  password: string;
  accounts: DemoAccount[];
  /** What this run added (all zero on a second run). */
  added: Record<string, number>;
}

/** Every innovation of the demo, interleaved across the learning areas so the feed reads like a community. */
export function demoInnovations(): DemoInnovation[] {
  const lists = [INNOVATIONS_THA_MAT, INNOVATIONS_SCI_SOC, INNOVATIONS_HPE_ART, INNOVATIONS_OCC_FLA];
  const result: DemoInnovation[] = [];
  for (let i = 0; result.length < lists.reduce((n, list) => n + list.length, 0); i++) {
    for (const list of lists) if (list[i]) result.push(list[i]!);
  }
  return result;
}

/** The redemptions that tell the demo teacher's story (and a few of other members). */
export const DEMO_REDEMPTIONS: { member: string; perk: string }[] = [
  { member: 'somjai', perk: 'perk-coffee' },
  { member: 'somjai', perk: 'perk-polo' },
  { member: 'wittaya', perk: 'perk-ebook' },
  { member: 'kanya', perk: 'perk-course' },
  { member: 'malee', perk: 'perk-coffee' },
];

class ApiError extends Error {}

interface Session {
  id: string;
  token?: string;
}

export async function seedDemoCommunity(options: DemoSeedOptions): Promise<DemoSeedResult> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo data is never seeded in production');
  const seed = new DemoSeeder(options);
  return seed.run();
}

class DemoSeeder {
  private readonly password: string;
  private readonly log: (line: string) => void;
  private readonly db: Client;
  private readonly members = new Map<string, Session>();
  private readonly innovationIds = new Map<string, string>();
  private readonly perkIds = new Map<string, string>();
  private readonly partnerIds = new Map<string, string>();
  private readonly areaIds = new Map<string, string>();
  private readonly schoolIds = new Map<string, string>();
  private readonly added: Record<string, number> = {};
  /** Keep-alive connections to the API, closed when the seed ends. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });

  constructor(private readonly options: DemoSeedOptions) {
    this.password = options.password ?? process.env.DEMO_PASSWORD ?? 'learn-to-earn-2026';
    this.log = options.log ?? (() => undefined);
    this.db = new Client({ connectionString: options.databaseUrl });
  }

  async run(): Promise<DemoSeedResult> {
    const started = Date.now();
    await this.db.connect();
    try {
      await this.schools();
      await this.people();
      await this.partners();
      await this.grants();
      await this.innovations();
      await this.feedback();
      await this.marketplace();
      await this.announcement();
      await this.events();
      // Points come from the worker's earning rules: wait for them before anyone spends.
      await this.drain();
      await this.redemptions();
      await this.drain();
    } finally {
      this.agent.destroy();
      await this.db.end();
    }
    const total = Object.values(this.added).reduce((a, b) => a + b, 0);
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    this.log(
      total === 0
        ? `demo community: already there, nothing added (${took})`
        : `demo community: added ${Object.entries(this.added)
            .map(([what, n]) => `${n} ${what}`)
            .join(', ')} in ${took}`,
    );
    return {
      password: this.password,
      accounts: DEMO_MEMBERS.filter((m) => m.label).map((m) => ({ email: m.email, role: m.label! })),
      added: this.added,
    };
  }

  private count(what: string, n = 1): void {
    if (n > 0) this.added[what] = (this.added[what] ?? 0) + n;
  }

  private async one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.db.query(sql, params)).rows[0] as T | undefined;
  }

  // --- HTTP, as the members themselves ---

  private async call<T>(
    who: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const token = who ? await this.token(who) : undefined;
    const payload = body !== undefined ? Buffer.from(JSON.stringify(body)) : undefined;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const sent = httpRequest(
        `${this.options.baseUrl}/api/v1${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(payload);
    });
    if (status < 200 || status >= 300)
      throw new ApiError(`demo seed: ${method} ${path} as ${who ?? 'guest'} → ${status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private member(key: string): DemoMember {
    const member = DEMO_MEMBERS.find((m) => m.key === key);
    if (!member) throw new Error(`demo seed: no member ${key}`);
    return member;
  }

  /** Signs a member in only when they have something to do (a second run signs nobody in). */
  private async token(key: string): Promise<string> {
    const session = this.members.get(key);
    if (!session) throw new Error(`demo seed: member ${key} is not there`);
    if (session.token) return session.token;
    const signedIn = await this.call<{ accessToken: string }>(null, 'POST', '/auth/login', {
      email: this.member(key).email,
      password: this.password,
    });
    session.token = signedIn.accessToken;
    return session.token;
  }

  private id(key: string): string {
    const session = this.members.get(key);
    if (!session) throw new Error(`demo seed: member ${key} is not there`);
    return session.id;
  }

  // --- The steps ---

  private async schools(): Promise<void> {
    for (const school of DEMO_SCHOOLS) {
      const area = await this.one<{ id: string }>(`SELECT id FROM area WHERE code = $1`, [school.areaCode]);
      if (!area)
        throw new Error(`demo seed: area ${school.areaCode} is missing (are the migrations applied?)`);
      this.areaIds.set(school.areaCode, area.id);
      const inserted = await this.db.query(
        `INSERT INTO school (id, code, name_th, name_en, area_id, province_code) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO NOTHING`,
        [uuidv7(), school.code, school.nameTh, school.nameEn, area.id, school.provinceCode],
      );
      this.count('schools', inserted.rowCount ?? 0);
      const row = await this.one<{ id: string }>(`SELECT id FROM school WHERE code = $1`, [school.code]);
      this.schoolIds.set(school.key, row!.id);
    }
  }

  private async people(): Promise<void> {
    for (const member of DEMO_MEMBERS) {
      const existing = await this.one<{ id: string }>(
        `SELECT id FROM member WHERE lower(email) = lower($1)`,
        [member.email],
      );
      if (existing) {
        this.members.set(member.key, { id: existing.id });
        continue;
      }
      const registered = await this.call<{ user: { id: string }; accessToken: string }>(
        null,
        'POST',
        '/auth/register',
        {
          email: member.email,
          password: this.password,
          displayName: member.displayName,
          memberKind: member.memberKind,
          schoolId: member.school ? this.schoolIds.get(member.school) : undefined,
          acceptTerms: true,
        },
      );
      this.members.set(member.key, { id: registered.user.id, token: registered.accessToken });
      this.count('members');
      const profile = {
        ...(member.academicStanding ? { academicStanding: member.academicStanding } : {}),
        ...(member.learningAreas ? { learningAreas: member.learningAreas } : {}),
        ...(member.bio ? { bio: member.bio } : {}),
      };
      if (Object.keys(profile).length > 0) await this.call(member.key, 'PATCH', '/me', profile);
    }
  }

  private async partners(): Promise<void> {
    for (const partner of DEMO_PARTNERS) {
      let row = await this.one<{ id: string }>(`SELECT id FROM partner WHERE code = $1`, [partner.code]);
      if (!row) {
        await this.bootstrapAdmin();
        row = await this.call<{ id: string }>('obec-admin', 'POST', '/admin/partners', {
          code: partner.code,
          nameTh: partner.nameTh,
          nameEn: partner.nameEn,
          descriptionTh: partner.descriptionTh,
          descriptionEn: partner.descriptionEn,
          contactEmail: partner.contactEmail,
        });
        this.count('partners');
      }
      this.partnerIds.set(partner.key, row.id);
    }
  }

  /** The first OBEC administrator can't be granted through the API (no one could grant it): written directly. */
  private async bootstrapAdmin(): Promise<void> {
    const admin = this.id('obec-admin');
    const inserted = await this.db.query(
      `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, reason)
       SELECT $1, $2, 'obec_admin', 'national', NULL, 'demo data: the first OBEC administrator'
        WHERE NOT EXISTS (SELECT 1 FROM role_grant WHERE member_id = $2 AND role = 'obec_admin' AND revoked_at IS NULL)`,
      [uuidv7(), admin],
    );
    this.count('role grants', inserted.rowCount ?? 0);
  }

  private async grants(): Promise<void> {
    await this.bootstrapAdmin();
    for (const member of DEMO_MEMBERS) {
      if (!member.grant || member.grant.role === 'obec_admin') continue;
      const scopeId =
        member.grant.scope === 'partner'
          ? this.partnerIds.get(member.grant.scopeKey!)
          : member.grant.scope === 'area'
            ? this.areaIds.get(member.grant.scopeKey!)
            : undefined;
      const exists = await this.one(
        `SELECT 1 FROM role_grant WHERE member_id = $1 AND role = $2 AND scope_id IS NOT DISTINCT FROM $3 AND revoked_at IS NULL`,
        [this.id(member.key), member.grant.role, scopeId ?? null],
      );
      if (exists) continue;
      await this.call('obec-admin', 'POST', '/admin/role-grants', {
        memberId: this.id(member.key),
        role: member.grant.role,
        ...(scopeId ? { scopeId } : {}),
        reason: 'ข้อมูลสาธิต: บทบาทของบัญชีสาธิต (demo data)',
      });
      this.count('role grants');
    }
  }

  private async innovations(): Promise<void> {
    for (const innovation of demoInnovations()) {
      const author = this.id(innovation.author);
      let row = await this.one<{ id: string; status: string }>(
        `SELECT id, status FROM innovation WHERE author_id = $1 AND title = $2 ORDER BY id LIMIT 1`,
        [author, innovation.title],
      );
      if (!row) {
        const created = await this.call<{ id: string }>(innovation.author, 'POST', '/innovations', {
          title: innovation.title,
          summary: innovation.summary,
          body: innovation.body,
          learningAreas: innovation.learningAreas,
          gradeLevels: innovation.gradeLevels,
          competencies: innovation.competencies,
          techniques: innovation.techniques,
          tags: innovation.tags,
          ...(innovation.context ? { context: innovation.context } : {}),
          license: innovation.license,
        });
        row = { id: created.id, status: 'draft' };
        this.count('innovations');
      }
      if (row.status === 'draft')
        await this.call(innovation.author, 'POST', `/innovations/${row.id}/publish`);
      this.innovationIds.set(innovation.key, row.id);
    }
  }

  private async feedback(): Promise<void> {
    const today = bangkokDate(new Date());
    for (const innovation of demoInnovations()) {
      const id = this.innovationIds.get(innovation.key)!;
      for (const rating of innovation.ratings ?? []) {
        const exists = await this.one(
          `SELECT 1 FROM innovation_rating WHERE innovation_id = $1 AND member_id = $2`,
          [id, this.id(rating.by)],
        );
        if (exists) continue;
        await this.call(rating.by, 'PUT', `/innovations/${id}/rating`, {
          overall: rating.overall,
          criteria: rating.criteria,
        });
        this.count('ratings');
      }
      for (const comment of innovation.comments ?? []) {
        const parentId = await this.comment(id, comment.by, comment.body);
        for (const reply of comment.replies ?? []) await this.comment(id, reply.by, reply.body, parentId);
      }
      for (const adoption of innovation.adoptions ?? []) {
        const exists = await this.one(
          `SELECT 1 FROM innovation_adoption WHERE innovation_id = $1 AND member_id = $2`,
          [id, this.id(adoption.by)],
        );
        if (exists) continue;
        await this.call(adoption.by, 'POST', `/innovations/${id}/adoptions`, {
          gradeLevel: adoption.gradeLevel,
          classSize: adoption.classSize,
          usedOn: addDays(today, -adoption.usedDaysAgo),
          notes: adoption.notes,
        });
        this.count('adoption reports');
      }
    }
    for (const report of DEMO_REPORTS) {
      const id = this.innovationIds.get(this.placeholderTarget(report.innovation))!;
      const exists = await this.one(
        `SELECT 1 FROM content_report WHERE innovation_id = $1 AND reporter_id = $2`,
        [id, this.id(report.by)],
      );
      if (exists) continue;
      await this.call(report.by, 'POST', `/innovations/${id}/reports`, { reason: report.reason });
      this.count('reports');
    }
  }

  private async comment(innovationId: string, by: string, body: string, parentId?: string): Promise<string> {
    const existing = await this.one<{ id: string }>(
      `SELECT id FROM innovation_comment WHERE innovation_id = $1 AND author_id = $2 AND body = $3`,
      [innovationId, this.id(by), body.trim()],
    );
    if (existing) return existing.id;
    const created = await this.call<{ id: string }>(by, 'POST', `/innovations/${innovationId}/comments`, {
      body,
      ...(parentId ? { parentId } : {}),
    });
    this.count('comments');
    return created.id;
  }

  /** The reports and endorsements name placeholders, not innovations: the seed picks the innovation for each. */
  private placeholderTarget(placeholder: string): string {
    const all = demoInnovations();
    const pick = (predicate: (i: DemoInnovation) => boolean) => {
      const found = all.find(predicate);
      if (!found) throw new Error(`demo seed: nothing for ${placeholder}`);
      return found.key;
    };
    switch (placeholder) {
      case 'tha-first':
        return pick((i) => i.author === 'somjai');
      case 'sci-first':
        return pick((i) => i.author === 'wittaya');
      case 'report-1':
        return pick((i) => i.learningAreas[0] === 'MAT' && i.author !== 'somjai');
      case 'report-2':
        return pick((i) => i.learningAreas[0] === 'SOC' && i.author !== 'somjai');
      default:
        return placeholder;
    }
  }

  private async marketplace(): Promise<void> {
    for (const endorsement of DEMO_ENDORSEMENTS) {
      const partnerId = this.partnerIds.get(endorsement.partner)!;
      const id = this.innovationIds.get(this.placeholderTarget(endorsement.innovation))!;
      const exists = await this.one(
        `SELECT 1 FROM endorsement WHERE partner_id = $1 AND innovation_id = $2`,
        [partnerId, id],
      );
      if (exists) continue;
      await this.call(this.staffOf(endorsement.partner), 'POST', `/innovations/${id}/endorsements`, {
        statement: endorsement.statement,
      });
      this.count('endorsements');
    }
    for (const perk of DEMO_PERKS) await this.perk(perk);
  }

  private staffOf(partner: string): string {
    const staff = DEMO_MEMBERS.find((m) => m.grant?.role === 'partner_staff' && m.grant.scopeKey === partner);
    if (!staff) throw new Error(`demo seed: no staff for partner ${partner}`);
    return staff.key;
  }

  private async perk(perk: DemoPerk): Promise<void> {
    const staff = this.staffOf(perk.partner);
    const partnerId = this.partnerIds.get(perk.partner)!;
    let row = await this.one<{ id: string; status: string }>(
      `SELECT id, status FROM perk WHERE partner_id = $1 AND title_th = $2 ORDER BY id LIMIT 1`,
      [partnerId, perk.title],
    );
    if (!row) {
      const eligibility = perk.eligibility
        ? {
            ...(perk.eligibility.memberKinds ? { memberKinds: perk.eligibility.memberKinds } : {}),
            ...(perk.eligibility.areaCodes
              ? { areaIds: perk.eligibility.areaCodes.map((code) => this.areaId(code)) }
              : {}),
          }
        : undefined;
      const created = await this.call<{ id: string }>(staff, 'POST', '/partner/perks', {
        title: perk.title,
        titleEn: perk.titleEn,
        description: perk.description,
        descriptionEn: perk.descriptionEn,
        category: perk.category,
        cost: perk.cost,
        stock: perk.stock,
        perMemberLimit: perk.perMemberLimit,
        limitPeriod: perk.limitPeriod,
        fulfilment: perk.fulfilment,
        ...(perk.fulfilmentHours ? { fulfilmentHours: perk.fulfilmentHours } : {}),
        ...(eligibility ? { eligibility } : {}),
      });
      row = { id: created.id, status: 'draft' };
      this.count('perks');
    }
    this.perkIds.set(perk.key, row.id);
    if (perk.fulfilment === 'pool_code' && perk.poolCodes) {
      const loaded = await this.one<{ n: string }>(
        `SELECT count(*) AS n FROM voucher_code WHERE perk_id = $1`,
        [row.id],
      );
      if (Number(loaded?.n ?? 0) === 0) {
        const prefix = perk.key.replace(/^perk-/, '').toUpperCase();
        const codes = Array.from(
          { length: perk.poolCodes },
          (_, i) => `${prefix}-DEMO-${String(i + 1).padStart(4, '0')}`,
        );
        await this.call(staff, 'POST', `/partner/perks/${row.id}/voucher-codes`, { codes });
        this.count('voucher codes', codes.length);
      }
    }
    if (row.status === 'draft') {
      await this.call(staff, 'POST', `/partner/perks/${row.id}/submit`);
      row.status = 'pending_approval';
    }
    if (row.status === 'pending_approval') {
      await this.call('obec-admin', 'POST', `/admin/perks/${row.id}/approve`);
    }
  }

  private areaId(code: string): string {
    const cached = this.areaIds.get(code);
    if (cached) return cached;
    throw new Error(`demo seed: area ${code} is not one of the demo schools' areas`);
  }

  private async announcement(): Promise<void> {
    const exists = await this.one(`SELECT 1 FROM announcement WHERE title = $1`, [DEMO_ANNOUNCEMENT.title]);
    if (exists) return;
    await this.call('area-admin', 'POST', '/admin/announcements', {
      title: DEMO_ANNOUNCEMENT.title,
      body: DEMO_ANNOUNCEMENT.body,
      scope: 'area',
      areaId: this.areaId('P81'),
    });
    this.count('announcements');
  }

  /**
   * Events (issue 18): a national online forum in ten days (OBEC), an area workshop in five days with a waitlist
   * (the area admin), both with demo members registered; and a training that ended ten days ago, completed by the
   * two demo teachers (written directly: attendance cannot be sent for the past through the API), whose
   * certificates the worker issues on its schedule.
   */
  private async events(): Promise<void> {
    const at = (days: number, hour: number, minute = 0) => {
      const day = addDays(bangkokDate(new Date()), days);
      return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;
    };
    const exists = async (title: string) =>
      this.one(`SELECT 1 FROM activity_event WHERE title = $1`, [title]);
    const signatory = {
      signatoryName: 'นายธนพล วิทยาการ',
      signatoryTitle: 'ผู้อำนวยการสำนักพัฒนาครูและบุคลากรการศึกษาขั้นพื้นฐาน',
    };
    const forum = 'เสวนาวิชาการออนไลน์ ชุมชนนวัตกรรมการเรียนรู้ ครั้งที่ 2';
    if (!(await exists(forum))) {
      const created = await this.call<{ id: string }>('obec-admin', 'POST', '/events', {
        kind: 'forum',
        title: forum,
        description:
          'Learning Talk จากครูผู้สร้างนวัตกรรม เสวนาเรื่องการจัดการเรียนรู้เชิงรุก และเวทีปล่อยของ แชร์ ใช้ ช้อป ' +
          'ผู้ที่เข้าร่วมครบทุกกิจกรรมและส่งแบบประเมินจะได้รับเกียรติบัตรภายใน 7 วันหลังจบงาน',
        organiser: { type: 'obec' },
        sessions: [
          { title: 'Learning Talk: ห้องเรียนที่นักเรียนเป็นผู้ลงมือ', startsAt: at(10, 9), endsAt: at(10, 10, 30) },
          {
            title: 'เสวนา: Active Learning ในบริบทโรงเรียนขนาดเล็ก',
            startsAt: at(10, 10, 45),
            endsAt: at(10, 12),
          },
          { title: 'เวทีปล่อยของ แชร์ ใช้ ช้อป', startsAt: at(10, 13), endsAt: at(10, 15) },
        ].map((session) => ({ ...session, mode: 'online', joinUrl: 'https://meet.example.org/lc-forum-2' })),
        registrationOpensAt: at(-3, 8),
        registrationClosesAt: at(10, 9),
        completion: { rule: 'all_sessions', evaluationRequired: true },
        certificate: { issueAfterDays: 7, ...signatory },
      });
      for (const member of ['somjai', 'wittaya'])
        await this.call(member, 'POST', `/events/${created.id}/registrations`);
      this.count('events');
    }
    const workshop = 'อบรมเชิงปฏิบัติการ ออกแบบกิจกรรม Active Learning ด้วยเกม (สพป.กระบี่)';
    if (!(await exists(workshop))) {
      const created = await this.call<{ id: string }>('area-admin', 'POST', '/events', {
        kind: 'workshop',
        title: workshop,
        description: 'ลงมือออกแบบกิจกรรมการเรียนรู้ด้วยเกมที่นำไปใช้ในห้องเรียนได้ทันที ผ่านเกณฑ์เมื่อเข้าร่วมอย่างน้อยร้อยละ 80',
        organiser: { type: 'area', id: this.areaId('P81') },
        sessions: [
          { title: 'วันที่ 1: หลักการและตัวอย่าง', startsAt: at(5, 9), endsAt: at(5, 16) },
          { title: 'วันที่ 2: ออกแบบและทดลองใช้', startsAt: at(6, 9), endsAt: at(6, 16) },
        ].map((session) => ({ ...session, mode: 'onsite', venue: 'ห้องประชุมสำนักงานเขตพื้นที่การศึกษา กระบี่' })),
        capacity: 30,
        registrationOpensAt: at(-2, 8),
        registrationClosesAt: at(4, 17),
        completion: { rule: 'min_share', minShare: 0.8, evaluationRequired: true },
        certificate: { issueAfterDays: 7, ...signatory },
      });
      await this.call('somjai', 'POST', `/events/${created.id}/registrations`);
      this.count('events');
    }
    const training = 'อบรมออนไลน์ การประเมินเพื่อการเรียนรู้ในห้องเรียนเชิงรุก';
    if (!(await exists(training))) {
      const eventId = uuidv7();
      const sessionId = uuidv7();
      const start = new Date(at(-10, 13));
      const end = new Date(at(-10, 16));
      await this.db.query(
        `INSERT INTO activity_event (id, kind, title, description, organiser_type, registration_opens_at,
           registration_closes_at, starts_at, ends_at, completion_rule, min_share, evaluation_required,
           certificate_issue_after_days, signatory_name, signatory_title, completions_computed_at, created_by)
         VALUES ($1, 'workshop', $2, 'การประเมินระหว่างเรียนและการให้ข้อมูลย้อนกลับที่ช่วยให้นักเรียนพัฒนา', 'obec',
                 $3, $4, $4, $5, 'min_share', 0.8, false, 7, $6, $7, $5, $8)`,
        [
          eventId,
          training,
          new Date(start.getTime() - 14 * 86_400_000),
          start,
          end,
          signatory.signatoryName,
          signatory.signatoryTitle,
          this.id('obec-admin'),
        ],
      );
      await this.db.query(
        `INSERT INTO activity_session (id, event_id, position, title, starts_at, ends_at, mode, join_url, code_secret)
         VALUES ($1, $2, 1, 'การประเมินเพื่อการเรียนรู้', $3, $4, 'online', 'https://meet.example.org/lc-afl', $5)`,
        [sessionId, eventId, start, end, randomBytes(32)],
      );
      for (const member of ['somjai', 'wittaya']) {
        const memberId = this.id(member);
        await this.db.query(
          `INSERT INTO activity_registration (event_id, member_id, status) VALUES ($1, $2, 'registered')`,
          [eventId, memberId],
        );
        await this.db.query(
          `INSERT INTO activity_attendance (session_id, member_id, event_id, minutes, source) VALUES ($1, $2, $3, 180, 'import')`,
          [sessionId, memberId, eventId],
        );
        await this.db.query(
          `INSERT INTO activity_completion (event_id, member_id, attended_sessions, attended_share, completed_at)
           VALUES ($1, $2, 1, 1, $3)`,
          [eventId, memberId, end],
        );
      }
      this.count('events');
    }
    // Its certificates: asked for now (as its organiser would), issued by the worker, waited for.
    const past = await this.one<{ id: string; issued: string; completers: string }>(
      `SELECT e.id, (SELECT count(*) FROM activity_certificate c WHERE c.event_id = e.id) AS issued,
              (SELECT count(*) FROM activity_completion c WHERE c.event_id = e.id) AS completers
       FROM activity_event e WHERE e.title = $1`,
      [training],
    );
    if (past && Number(past.issued) < Number(past.completers)) {
      await this.call('obec-admin', 'POST', `/events/${past.id}/certificates/issue`);
      // Printing needs the worker's Chromium: without it (no Debian chromium on this machine) the seed goes on and
      // the worker issues them once it can.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const row = await this.one<{ n: string }>(
          `SELECT count(*) AS n FROM activity_certificate WHERE event_id = $1`,
          [past.id],
        );
        if (Number(row!.n) >= Number(past.completers)) {
          this.count('certificates', Number(past.completers) - Number(past.issued));
          break;
        }
        if (Date.now() > deadline) {
          this.log(
            'demo seed: the certificates are not issued yet (is Chromium installed?); the worker will issue them',
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private async redemptions(): Promise<void> {
    for (const redemption of DEMO_REDEMPTIONS) {
      const perkId = this.perkIds.get(redemption.perk);
      if (!perkId) throw new Error(`demo seed: no perk ${redemption.perk}`);
      const key = `demo-${redemption.member}-${redemption.perk}`;
      const exists = await this.one(
        `SELECT 1 FROM redemption WHERE member_id = $1 AND idempotency_key = $2`,
        [this.id(redemption.member), key],
      );
      if (exists) continue;
      const note = DEMO_REDEMPTION_NOTES[redemption.perk];
      await this.call(redemption.member, 'POST', `/perks/${perkId}/redemptions`, note ? { note } : {}, {
        'idempotency-key': key,
      });
      this.count('redemptions');
    }
  }

  /**
   * Waits until the worker has taken up every event so far, for every subscriber that reacts to it (events
   * that handling itself appends, such as points.changed, included).
   */
  private async drain(): Promise<void> {
    const pairs = [FeedSubscription, NotificationsSubscription, LedgerSubscription].flatMap(
      ({ subscriber, events }) => events.map(({ type }) => [subscriber, type] as const),
    );
    const deadline = Date.now() + (this.options.workerTimeoutMs ?? 120_000);
    for (;;) {
      const pending = await this.one<{ n: string }>(
        `SELECT count(*) AS n
           FROM outbox_event e
           JOIN unnest($1::text[], $2::text[]) AS s(subscriber, type) ON s.type = e.type
          WHERE NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.subscriber = s.subscriber AND p.event_id = e.id)`,
        [pairs.map(([s]) => s), pairs.map(([, t]) => t)],
      );
      if (Number(pending!.n) === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `demo seed: the worker has not taken up ${pending!.n} event(s); is it running on the same database and Redis?`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Today's date in Bangkok (YYYY-MM-DD). */
function bangkokDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}
