import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { LeaderboardsService } from '@lc/recognition';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

interface Entry {
  rank: number;
  member: { id: string; displayName: string; level: string; school: { id: string; nameTh: string } | null };
  value: number;
}

interface Board {
  board: string;
  period: { code: string; from: string | null; to: string | null };
  items: Entry[];
  me: { rank: number; value: number } | null;
  around: Entry[];
}

type BoardName = 'points' | 'adoptions' | 'quality';

const rating = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 4, competencyFit: 4 },
});

/**
 * The same boards computed straight from the ledger and the innovations, written independently of the service: who
 * is ranked (active teachers and personnel without a role grant who did not opt out), in which scope, and their value
 * for the period and learning area; ordered as Redis orders ties (higher member id first).
 */
async function expected(
  api: TestApp,
  board: BoardName,
  period: { from: string | null; to: string | null },
  scope: { kind: 'national' } | { kind: 'area' | 'school'; id: string },
  learningArea: string | null,
): Promise<[string, number][]> {
  const from = period.from ?? '-infinity';
  const to = period.to ?? 'infinity';
  const values = {
    points: `
      SELECT a.owner_id AS member_id, sum(CASE WHEN t.kind = 'award' THEN t.amount ELSE -t.amount END)::float8 AS value
      FROM ledger_transfer t
      JOIN ledger_account a ON a.kind = 'member'
        AND ((t.kind = 'award' AND a.id = t.credit_account_id) OR (t.kind = 'reversal' AND a.id = t.debit_account_id))
      LEFT JOIN innovation i ON i.id = t.subject_innovation_id
      WHERE t.created_at >= $1::timestamptz AND t.created_at < $2::timestamptz
        AND ($3::text IS NULL OR $3::text = ANY(i.learning_areas))
      GROUP BY 1 HAVING sum(CASE WHEN t.kind = 'award' THEN t.amount ELSE -t.amount END) > 0`,
    adoptions: `
      SELECT i.author_id AS member_id, count(*)::float8 AS value
      FROM innovation_adoption ad JOIN innovation i ON i.id = ad.innovation_id
      WHERE i.status = 'published' AND ad.member_id <> i.author_id
        AND ad.created_at >= $1::timestamptz AND ad.created_at < $2::timestamptz
        AND ($3::text IS NULL OR $3::text = ANY(i.learning_areas))
      GROUP BY 1`,
    quality: `
      SELECT i.author_id AS member_id, round(avg(r.overall), 2)::float8 AS value
      FROM innovation_rating r JOIN innovation i ON i.id = r.innovation_id
      WHERE i.status = 'published' AND r.member_id <> i.author_id
        AND r.updated_at >= $1::timestamptz AND r.updated_at < $2::timestamptz
        AND ($3::text IS NULL OR $3::text = ANY(i.learning_areas))
      GROUP BY 1 HAVING count(DISTINCT r.member_id) >= 3`,
  }[board];
  const rows: { member_id: string; value: number }[] = await api.dataSource.query(
    `WITH v AS (${values})
     SELECT v.member_id, v.value FROM v JOIN member m ON m.id = v.member_id LEFT JOIN school s ON s.id = m.school_id
     WHERE m.status = 'active' AND m.member_kind IN ('teacher', 'personnel')
       AND NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.member_id = m.id AND g.revoked_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM member_privacy p WHERE p.member_id = m.id AND NOT p.leaderboards)
       AND ($4::text = 'national' OR ($4::text = 'area' AND s.area_id = $5::uuid) OR ($4::text = 'school' AND m.school_id = $5::uuid))
     ORDER BY v.value DESC, v.member_id DESC`,
    [from, to, learningArea, scope.kind, scope.kind === 'national' ? null : scope.id],
  );
  return rows.map((r) => [r.member_id, r.value]);
}

/**
 * Leaderboards: points earned, adoptions received and quality, per period and scope, kept in Redis by a subscriber
 * and always equal to what PostgreSQL says; members who opted out, and staff, are on none of them.
 */
describe('Recognition: leaderboards', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let schools: GivenSchool[];
  let authors: GivenMember[];
  let raters: GivenMember[];
  let staff: GivenMember;
  let reader: GivenMember;
  let otherAreaId: string;

  const http = () => request(api.url);
  const read = async (who: GivenMember, query: Record<string, string>): Promise<Board> =>
    (
      await http()
        .get('/api/v1/leaderboards')
        .query({ limit: '100', ...query })
        .set(who.auth)
        .expect(200)
    ).body as Board;
  const pairs = (board: Board): [string, number][] => board.items.map((e) => [e.member.id, e.value]);
  const publish = async (who: GivenMember, title: string, learningAreas: string[]) => {
    const draft = await http()
      .post('/api/v1/innovations')
      .set(who.auth)
      .send(fullInnovation({ title, learningAreas }))
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(who.auth).expect(200);
    return draft.body.id as string;
  };
  const rate = (who: GivenMember, id: string, overall: number) =>
    http().put(`/api/v1/innovations/${id}/rating`).set(who.auth).send(rating(overall)).expect(200);
  const adopt = (who: GivenMember, id: string) =>
    http()
      .post(`/api/v1/innovations/${id}/adoptions`)
      .set(who.auth)
      .send({ gradeLevel: 'P5', classSize: 28, usedOn: new Date().toISOString().slice(0, 10) })
      .expect(201);

  type Scope = { kind: 'national' } | { kind: 'area' | 'school'; id: string };
  const scopeParam = (scope: Scope) => (scope.kind === 'national' ? 'national' : `${scope.kind}:${scope.id}`);
  /** The board as the API shows it, and as SQL computes it for the same period. */
  const both = async (board: BoardName, period: string, scope: Scope, learningArea: string | null = null) => {
    const shown = await read(reader, {
      board,
      period,
      scope: scopeParam(scope),
      ...(learningArea ? { learningArea } : {}),
    });
    return { shown: pairs(shown), sql: await expected(api, board, shown.period, scope, learningArea) };
  };

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error', RATING_LIMIT_PER_MINUTE: '50' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    const [other] = await api.dataSource.query(
      `SELECT code FROM area WHERE code <> 'P81' AND code LIKE 'P%' ORDER BY code LIMIT 1`,
    );
    schools = [
      await given.school('P81', 'โรงเรียนอันดับหนึ่ง'),
      await given.school('P81', 'โรงเรียนอันดับสอง'),
      await given.school(other.code, 'โรงเรียนอีกเขต'),
    ];
    otherAreaId = schools[2]!.areaId;
    authors = [
      await given.member({ schoolId: schools[0]!.id }),
      await given.member({ schoolId: schools[0]!.id }),
      await given.member({ schoolId: schools[1]!.id }),
      await given.member({ schoolId: schools[2]!.id }),
    ];
    raters = [];
    for (const school of [schools[1]!, schools[2]!, schools[1]!, schools[2]!])
      raters.push(await given.member({ schoolId: school.id }));
    staff = await given.member({
      schoolId: schools[0]!.id,
      roles: [{ role: 'school_admin', scopeId: schools[0]!.id }],
    });
    reader = await given.member({ schoolId: schools[0]!.id });

    const [a1, a2, a3, a4] = authors;
    const [r1, r2, r3, r4] = raters;
    const a1Math = await publish(a1!, 'คณิตคิดสนุก', ['MAT']);
    await publish(a1!, 'วิทย์รอบตัว', ['SCI']);
    const a2Math = await publish(a2!, 'เศษส่วนขนมครก', ['MAT']);
    const a3Thai = await publish(a3!, 'อ่านออกเขียนได้', ['THA']);
    const a4Science = await publish(a4!, 'ทดลองพืชผัก', ['SCI', 'MAT']);
    const staffMath = await publish(staff, 'คณิตของผู้บริหาร', ['MAT']);
    for (const [who, id, overall] of [
      [r1, a1Math, 5],
      [r2, a1Math, 5],
      [r3, a1Math, 4],
      [r4, a1Math, 4],
      [r1, a2Math, 4],
      [r2, a2Math, 4],
      [r1, a3Thai, 3],
      [r2, a3Thai, 4],
      [r3, a3Thai, 5],
      [r1, a4Science, 5],
      [r2, a4Science, 4],
      [r3, a4Science, 4],
      [r4, a4Science, 5],
      [r1, staffMath, 5],
      [r2, staffMath, 5],
      [r3, staffMath, 5],
    ] as const)
      await rate(who!, id, overall);
    await adopt(r1!, a1Math);
    await adopt(r2!, a1Math);
    await adopt(r3!, a3Thai);
    await adopt(r4!, a4Science);
    await adopt(r1!, staffMath);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('keeps every board equal to the ledger and the innovations as events arrive', async () => {
    for (const board of ['points', 'adoptions', 'quality'] as const)
      await eventually(async () => {
        const { shown, sql } = await both(board, 'all', { kind: 'national' });
        return shown.length > 0 && JSON.stringify(shown) === JSON.stringify(sql) ? true : undefined;
      }, 20_000);
    // The authors of rated and adopted work are there, with their school.
    const quality = await read(reader, { board: 'quality', period: 'all' });
    const a1 = quality.items.find((e) => e.member.id === authors[0]!.id)!;
    expect(a1.value).toBe(4.5);
    expect(a1.member.school?.id).toBe(schools[0]!.id);
  });

  it('matches SQL for every board, period and scope, and a learning area, after older activity is rebuilt', async () => {
    // Activity of 40 days ago: in all time and (perhaps) the fiscal year, not in this week.
    await api.dataSource.query(
      `UPDATE innovation_adoption SET created_at = now() - interval '40 days' WHERE member_id = $1`,
      [raters[0]!.id],
    );
    await api.dataSource.query(
      `UPDATE innovation_rating SET updated_at = now() - interval '40 days' WHERE member_id = $1`,
      [raters[3]!.id],
    );
    await worker.get(LeaderboardsService, { strict: false }).rebuild();

    const scopes: Scope[] = [
      { kind: 'national' },
      { kind: 'area', id: schools[0]!.areaId },
      { kind: 'area', id: otherAreaId },
      { kind: 'school', id: schools[0]!.id },
    ];
    for (const board of ['points', 'adoptions', 'quality'] as const)
      for (const period of ['week', 'month', 'term', 'fiscalYear', 'all'])
        for (const scope of scopes) {
          const { shown, sql } = await both(board, period, scope);
          expect({ board, period, scope, shown }).toEqual({ board, period, scope, shown: sql });
        }
    for (const board of ['points', 'adoptions', 'quality'] as const)
      for (const period of ['week', 'all'])
        for (const scope of scopes) {
          const { shown, sql } = await both(board, period, scope, 'MAT');
          expect({ board, period, scope, shown }).toEqual({ board, period, scope, shown: sql });
        }
    // The periods differ: a1's adoption by r1 is in all time, not this week.
    const week = await both('adoptions', 'week', { kind: 'national' });
    const all = await both('adoptions', 'all', { kind: 'national' });
    expect(new Map(week.shown).get(authors[0]!.id)).toBe(1);
    expect(new Map(all.shown).get(authors[0]!.id)).toBe(2);
    // Only Mathematics: a3's Thai work is not on the Mathematics board, a4's science-and-mathematics work is.
    const math = (await both('quality', 'all', { kind: 'national' }, 'MAT')).shown.map(([id]) => id);
    expect(math).toContain(authors[3]!.id);
    expect(math).not.toContain(authors[2]!.id);
    // Competencies filter the same way (every fixture innovation names CBC-HT).
    const competency = await read(reader, { board: 'quality', period: 'all', competency: 'CBC-HT' });
    expect(pairs(competency)).toEqual((await both('quality', 'all', { kind: 'national' })).shown);
  });

  it('ranks no staff account, even with points, adoptions and top ratings', async () => {
    for (const board of ['points', 'adoptions', 'quality'] as const) {
      const shown = await read(staff, { board, period: 'all' });
      expect(shown.items.map((e) => e.member.id)).not.toContain(staff.id);
      expect(shown.me).toBeNull();
    }
  });

  it('shows my own place outside the top, with the places around it', async () => {
    const full = await read(reader, { board: 'points', period: 'all' });
    expect(full.items.length).toBeGreaterThanOrEqual(5);
    const third = full.items[2]!;
    const member = [...authors, ...raters].find((m) => m.id === third.member.id)!;
    const shown = (
      await http()
        .get('/api/v1/leaderboards')
        .query({ board: 'points', period: 'all', limit: '1' })
        .set(member.auth)
        .expect(200)
    ).body as Board;
    expect(shown.items).toHaveLength(1);
    expect(shown.me).toEqual({ rank: 3, value: third.value });
    expect(shown.around.map((e) => [e.rank, e.member.id])).toEqual(
      full.items.slice(0, 5).map((e) => [e.rank, e.member.id]),
    );
    // A reader who earned nothing is on no board: no place of theirs.
    expect((await read(reader, { board: 'points', period: 'all' })).me).toBeNull();
  });

  it('shows each member’s level beside their name', async () => {
    const full = await read(reader, { board: 'points', period: 'all' });
    const levels = new Map<string, string>(
      (
        await api.dataSource.query<{ id: string; level_code: string }[]>(
          `SELECT id, level_code FROM member WHERE id = ANY($1::uuid[])`,
          [full.items.map((e) => e.member.id)],
        )
      ).map((row) => [row.id, row.level_code]),
    );
    expect(full.items.length).toBeGreaterThan(0);
    for (const entry of full.items) expect(entry.member.level).toBe(levels.get(entry.member.id));
    // A member who reaches a level shows it on the boards at once (names and levels are read when a board is).
    const top = full.items[0]!.member.id;
    const was = levels.get(top)!;
    await api.dataSource.query(`UPDATE member SET level_code = 'change_agent' WHERE id = $1`, [top]);
    try {
      const again = await read(reader, { board: 'points', period: 'all' });
      expect(again.items.find((entry) => entry.member.id === top)?.member.level).toBe('change_agent');
    } finally {
      await api.dataSource.query(`UPDATE member SET level_code = $2 WHERE id = $1`, [top, was]);
    }
  });

  it('takes a member who opts out off every board, and puts them back when they opt in', async () => {
    const member = authors[0]!;
    const onBoards = async () => {
      const found: string[] = [];
      for (const board of ['points', 'adoptions', 'quality'] as const)
        for (const scope of ['national', `school:${schools[0]!.id}`, `area:${schools[0]!.areaId}`]) {
          const shown = await read(reader, { board, period: 'all', scope });
          if (shown.items.some((e) => e.member.id === member.id)) found.push(`${board} ${scope}`);
        }
      return found;
    };
    expect(await onBoards()).toHaveLength(9);
    await http().put('/api/v1/me/privacy').set(member.auth).send({ leaderboards: false }).expect(200);
    await eventually(async () => ((await onBoards()).length === 0 ? true : undefined), 20_000);
    expect((await read(member, { board: 'points', period: 'all' })).me).toBeNull();

    await http().put('/api/v1/me/privacy').set(member.auth).send({ leaderboards: true }).expect(200);
    await eventually(async () => ((await onBoards()).length === 9 ? true : undefined), 20_000);
    const { shown, sql } = await both('points', 'all', { kind: 'national' });
    expect(shown).toEqual(sql);
  });

  it('gives the same boards after the Redis keys are lost and rebuilt from PostgreSQL', async () => {
    const combos: [BoardName, string, string][] = [];
    for (const board of ['points', 'adoptions', 'quality'] as const)
      for (const period of ['week', 'all'])
        for (const scope of ['national', `area:${schools[0]!.areaId}`, `school:${schools[1]!.id}`])
          combos.push([board, period, scope]);
    const snapshot = async () =>
      Promise.all(
        combos.map(async ([board, period, scope]) => pairs(await read(reader, { board, period, scope }))),
      );
    const before = await snapshot();
    expect(before.flat().length).toBeGreaterThan(0);

    const leaderboards = worker.get(LeaderboardsService, { strict: false });
    await leaderboards.flush();
    expect((await read(reader, { board: 'points', period: 'all' })).items).toEqual([]);
    await leaderboards.rebuild();
    expect(await snapshot()).toEqual(before);
    // Writes are absolute: doing it all again (as a redelivered job would) changes nothing.
    await leaderboards.rebuild();
    expect(await snapshot()).toEqual(before);
  });

  it('starts a new week empty, while all time keeps everything', async () => {
    const leaderboards = api.app.get(LeaderboardsService, { strict: false });
    const nextWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
    const actor = { memberId: reader.id, sessionId: reader.id, schoolId: null, areaId: null, roles: [] };
    expect((await leaderboards.read(actor, { board: 'points', period: 'week' }, nextWeek)).items).toEqual([]);
    const all = await leaderboards.read(actor, { board: 'points', period: 'all' }, nextWeek);
    expect(all.items.length).toBeGreaterThan(0);
  });

  it('refuses parameters that name no scope, board, period or filter, and unknown places', async () => {
    const refused = async (query: Record<string, string>, status: number, code: string) => {
      const response = await http().get('/api/v1/leaderboards').query(query).set(reader.auth);
      expect([response.status, response.body.code]).toEqual([status, code]);
      expect(response.headers['content-type']).toContain('application/problem+json');
    };
    await refused({ scope: 'province:10' }, 400, 'LEADERBOARD_SCOPE_INVALID');
    await refused({ scope: 'school:not-a-uuid' }, 400, 'LEADERBOARD_SCOPE_INVALID');
    await refused({ board: 'likes' }, 400, 'LEADERBOARD_BOARD_INVALID');
    await refused({ period: 'decade' }, 400, 'LEADERBOARD_PERIOD_INVALID');
    await refused({ learningArea: 'XYZ' }, 400, 'LEADERBOARD_LEARNING_AREA_INVALID');
    await refused({ competency: 'CBC-NOPE' }, 400, 'LEADERBOARD_COMPETENCY_INVALID');
    await refused({ learningArea: 'MAT', competency: 'CBC-HT' }, 400, 'LEADERBOARD_FILTERS_COMBINED');
    await refused({ limit: '0' }, 400, 'LEADERBOARD_LIMIT_INVALID');
    await refused({ scope: 'area:01900000-0000-7000-8000-000000000000' }, 404, 'LEADERBOARD_AREA_NOT_FOUND');
    await refused(
      { scope: 'school:01900000-0000-7000-8000-000000000000' },
      404,
      'LEADERBOARD_SCHOOL_NOT_FOUND',
    );
    await http().get('/api/v1/leaderboards').expect(401);
  });
});
