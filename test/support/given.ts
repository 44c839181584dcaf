import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { TokenService } from '@lc/identity';
import { ISSUANCE, LedgerService, memberWallet } from '@lc/ledger';
import type { TestApp } from './test-app';

export interface GivenMember {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

export interface GivenSchool {
  id: string;
  code: string;
  areaId: string;
}

type GrantSpec = {
  role: 'partner_staff' | 'school_admin' | 'area_admin' | 'moderator' | 'obec_admin';
  scopeId?: string;
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/** Factories that build state the way users do (HTTP) where that matters, and directly where it is setup. */
export class Given {
  constructor(private readonly api: TestApp) {}

  async areaId(code = 'P81'): Promise<string> {
    const rows: { id: string }[] = await this.api.dataSource.query(`SELECT id FROM area WHERE code = $1`, [
      code,
    ]);
    if (!rows[0]) throw new Error(`no area ${code}`);
    return rows[0].id;
  }

  async school(areaCode = 'P81', nameTh = 'โรงเรียนทดสอบ'): Promise<GivenSchool> {
    const areaId = await this.areaId(areaCode);
    const id = uuidv7();
    const code = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
    const province: { province_code: string }[] = await this.api.dataSource.query(
      `SELECT province_code FROM area_province WHERE area_id = $1 LIMIT 1`,
      [areaId],
    );
    await this.api.dataSource.query(
      `INSERT INTO school (id, code, name_th, area_id, province_code) VALUES ($1, $2, $3, $4, $5)`,
      [id, code, `${nameTh} ${code}`, areaId, province[0]!.province_code],
    );
    return { id, code, areaId };
  }

  async partner(nameTh = 'ภาคีทดสอบ'): Promise<{ id: string }> {
    const id = uuidv7();
    await this.api.dataSource.query(`INSERT INTO partner (id, code, name_th) VALUES ($1, $2, $3)`, [
      id,
      `partner-${unique()}`,
      nameTh,
    ]);
    return { id };
  }

  /**
   * Many signed-in members at once, for load and contention tests: rows and sessions inserted directly, access
   * tokens signed by the app's own TokenService (registration has its own tests).
   */
  async members(count: number, options: { schoolId?: string } = {}): Promise<GivenMember[]> {
    const tokens = this.api.app.get(TokenService, { strict: false });
    const ids = Array.from({ length: count }, () => uuidv7());
    const sessions = ids.map(() => uuidv7());
    await this.api.dataSource.query(
      `INSERT INTO member (id, email, display_name, member_kind, school_id, terms_version, privacy_version, consented_at, email_verified_at)
       SELECT id, 'bulk-' || id || '@example.test', 'ครูทดสอบ', 'teacher', $2, 't', 'p', now(), now() FROM unnest($1::uuid[]) AS id`,
      [ids, options.schoolId ?? null],
    );
    await this.api.dataSource.query(
      `INSERT INTO auth_session (id, member_id, expires_at) SELECT s, m, now() + interval '1 day' FROM unnest($1::uuid[], $2::uuid[]) AS x(s, m)`,
      [sessions, ids],
    );
    return ids.map((id, i) => {
      const accessToken = tokens.signAccessToken(id, sessions[i]!);
      return {
        id,
        email: `bulk-${id}@example.test`,
        password: '',
        displayName: 'ครูทดสอบ',
        accessToken,
        refreshToken: '',
        auth: { authorization: `Bearer ${accessToken}` },
      };
    });
  }

  /** Points for a member: an award from issuance through the ledger (earning rules have their own tests). */
  async points(memberId: string, amount: number): Promise<void> {
    const ledger = this.api.app.get(LedgerService, { strict: false });
    await this.api.dataSource.transaction((manager) =>
      ledger.transfer(manager, [
        {
          idempotencyKey: `given-points:${uuidv7()}`,
          debit: ISSUANCE,
          credit: memberWallet(memberId),
          amount,
          kind: 'award',
          reason: { code: 'test', th: 'ทดสอบ', en: 'test' },
        },
      ]),
    );
  }

  /** Registers through the API (the real path), then adds roles directly: granting is tested on its own. */
  async member(
    options: { schoolId?: string; roles?: GrantSpec[]; memberKind?: string; displayName?: string } = {},
  ): Promise<GivenMember> {
    const email = `member-${unique()}@example.test`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const displayName = options.displayName ?? `ครูทดสอบ ${unique()}`;
    const response = await request(this.api.url)
      .post('/api/v1/auth/register')
      .send({
        email,
        password,
        displayName,
        memberKind: options.memberKind ?? 'teacher',
        schoolId: options.schoolId,
        acceptTerms: true,
      });
    if (response.status !== 201)
      throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
    const id = response.body.user.id as string;
    for (const grant of options.roles ?? []) {
      const scopeType = {
        partner_staff: 'partner',
        school_admin: 'school',
        area_admin: 'area',
        moderator: 'national',
        obec_admin: 'national',
      }[grant.role];
      await this.api.dataSource.query(
        `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, reason) VALUES ($1, $2, $3, $4, $5, 'test set-up')`,
        [uuidv7(), id, grant.role, scopeType, grant.scopeId ?? null],
      );
    }
    const { accessToken, refreshToken } = response.body;
    return {
      id,
      email,
      password,
      displayName,
      accessToken,
      refreshToken,
      auth: { authorization: `Bearer ${accessToken}` },
    };
  }
}
