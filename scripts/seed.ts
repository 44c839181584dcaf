/**
 * Demo data for quickstart, never in production: two demo schools in a real area (สพป.กระบี่; OBEC's school
 * list is not part of the shared data, so the schools are marked as demo), a demo partner, and one account
 * per kind of user. Every step is idempotent, so quickstart can run again on the same data.
 */
import { Client } from 'pg';
import { uuidv7 } from '../libs/core/src/ids';
import { hashPassword } from '../libs/identity/src/passwords/password-policy';

export interface DemoAccount {
  email: string;
  role: string;
}

export interface DemoSeed {
  password: string;
  accounts: DemoAccount[];
}

const DEMO_AREA = 'P81';

const SCHOOLS = [
  {
    code: '9990810001',
    nameTh: 'โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 1 (ข้อมูลสาธิต)',
    nameEn: 'Learning Community Demo School Krabi 1',
  },
  {
    code: '9990810002',
    nameTh: 'โรงเรียนสาธิตชุมชนการเรียนรู้ กระบี่ 2 (ข้อมูลสาธิต)',
    nameEn: 'Learning Community Demo School Krabi 2',
  },
];

const PARTNER = { code: 'demo-partner', nameTh: 'ภาคีเครือข่ายสาธิต', nameEn: 'Demo Partner Organisation' };

type Grant = { role: string; scope: 'partner' | 'area' | 'national' };

const ACCOUNTS: {
  email: string;
  displayName: string;
  memberKind: string;
  school: number | null;
  grant?: Grant;
  label: string;
}[] = [
  {
    email: 'teacher@demo.local',
    displayName: 'ครูสมใจ ใฝ่เรียนรู้',
    memberKind: 'teacher',
    school: 0,
    label: 'teacher (ครู)',
  },
  {
    email: 'teacher2@demo.local',
    displayName: 'ครูวิทยา ก้าวหน้า',
    memberKind: 'teacher',
    school: 1,
    label: 'teacher (ครู)',
  },
  {
    email: 'partner@demo.local',
    displayName: 'เจ้าหน้าที่ภาคีสาธิต',
    memberKind: 'public',
    school: null,
    grant: { role: 'partner_staff', scope: 'partner' },
    label: 'partner staff (เจ้าหน้าที่ภาคีเครือข่าย)',
  },
  {
    email: 'area.admin@demo.local',
    displayName: 'ผู้ดูแล สพป.กระบี่',
    memberKind: 'supervisor',
    school: null,
    grant: { role: 'area_admin', scope: 'area' },
    label: 'area admin, สพป.กระบี่',
  },
  {
    email: 'moderator@demo.local',
    displayName: 'ผู้ดูแลเนื้อหาสาธิต',
    memberKind: 'personnel',
    school: null,
    grant: { role: 'moderator', scope: 'national' },
    label: 'moderator (ผู้ดูแลเนื้อหา)',
  },
  {
    email: 'obec.admin@demo.local',
    displayName: 'ผู้ดูแลระบบ สพฐ.',
    memberKind: 'executive',
    school: null,
    grant: { role: 'obec_admin', scope: 'national' },
    label: 'OBEC admin (ผู้ดูแลระดับ สพฐ.)',
  },
];

export async function seedDemo(
  databaseUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<DemoSeed> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo data is never seeded in production');
  const password = process.env.DEMO_PASSWORD ?? 'learn-to-earn-2026';
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const area = await client.query<{ id: string; province: string }>(
      `SELECT a.id, min(ap.province_code) AS province FROM area a JOIN area_province ap ON ap.area_id = a.id WHERE a.code = $1 GROUP BY a.id`,
      [DEMO_AREA],
    );
    const { id: areaId, province } = area.rows[0]!;
    const schoolIds: string[] = [];
    for (const school of SCHOOLS) {
      const row = await client.query<{ id: string }>(
        `INSERT INTO school (id, code, name_th, name_en, area_id, province_code) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name_th = EXCLUDED.name_th RETURNING id`,
        [uuidv7(), school.code, school.nameTh, school.nameEn, areaId, province],
      );
      schoolIds.push(row.rows[0]!.id);
    }
    const partner = await client.query<{ id: string }>(
      `INSERT INTO partner (id, code, name_th, name_en, description_th) VALUES ($1, $2, $3, $4, 'ภาคีเครือข่ายสำหรับทดลองใช้งาน')
       ON CONFLICT (code) DO UPDATE SET name_th = EXCLUDED.name_th RETURNING id`,
      [uuidv7(), PARTNER.code, PARTNER.nameTh, PARTNER.nameEn],
    );
    const partnerId = partner.rows[0]!.id;
    const passwordHash = await hashPassword(password);
    let created = 0;
    for (const account of ACCOUNTS) {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO member (id, email, password_hash, display_name, member_kind, school_id, terms_version, privacy_version, consented_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'demo', 'demo', now()) ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [
          uuidv7(),
          account.email,
          passwordHash,
          account.displayName,
          account.memberKind,
          account.school === null ? null : schoolIds[account.school],
        ],
      );
      if (inserted.rows.length === 0) continue;
      created++;
      if (account.grant) {
        const scopeId =
          account.grant.scope === 'partner' ? partnerId : account.grant.scope === 'area' ? areaId : null;
        await client.query(
          `INSERT INTO role_grant (id, member_id, role, scope_type, scope_id, reason) VALUES ($1, $2, $3, $4, $5, 'demo data')`,
          [uuidv7(), inserted.rows[0]!.id, account.grant.role, account.grant.scope, scopeId],
        );
      }
    }
    await client.query('COMMIT');
    log(
      created
        ? `demo data: ${created} account(s), 2 schools in สพป.กระบี่ and a partner`
        : 'demo data: already there',
    );
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  return { password, accounts: ACCOUNTS.map((account) => ({ email: account.email, role: account.label })) };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('Set DATABASE_URL (quickstart seeds its own database automatically).\n');
    process.exit(1);
  }
  seedDemo(url, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
