import { EntityManager } from 'typeorm';
import { uuidv7 } from '@lc/core';
import { MembersService, OrganisationsService } from '@lc/identity';
import { PerksService } from '@lc/marketplace';
import type { EventEnvelope } from '@lc/messaging';
import { Given, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { MirrorRepository } from '../../libs/cockpit/src/mirror.repository';
import { RollupUpdater } from '../../libs/cockpit/src/rollup-updater';
import { RollupsRepository } from '../../libs/cockpit/src/rollups.repository';
import { CockpitReadRepository, SchoolRanking } from '../../libs/cockpit/src/cockpit-read.repository';
import { addDays, EPOCH, today } from '../../libs/cockpit/src/periods';
import { rollRecent } from '../../libs/cockpit/src/recent';
import { rebuilder, rollupRows } from './cockpit-world';

/**
 * The cockpit's subscriber reads and writes once per batch, never once per event (docs/COCKPIT.md, "Kept current"):
 * the events of a batch are played in memory against what it read, so a batch must come out exactly as if its
 * events had been handled one by one. Each scenario below is handled both ways on an empty cockpit and every
 * cockpit table is compared row for row, besides the numbers a person counts by hand. No worker runs: the updater is
 * driven directly with the events, as the subscriber hands them over.
 */
describe('Cockpit: a batch counts as its events one by one', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let updater: RollupUpdater;
  let s1: GivenSchool;
  let s2: GivenSchool;
  let t: string[]; // teachers: t[0..3] in s1, t[4..5] in s2
  let outsider: string; // a member without a school
  let perkId: string;
  let partnerId: string;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    const given = new Given(api);
    s1 = await given.school('P81', 'โรงเรียนชุดเดียว');
    s2 = await given.school('S01', 'โรงเรียนทีละรายการ');
    t = [
      ...(await given.members(4, { schoolId: s1.id })),
      ...(await given.members(2, { schoolId: s2.id })),
    ].map((m) => m.id);
    outsider = (await given.members(1))[0]!.id;
    partnerId = (await given.partner()).id;
    perkId = uuidv7();
    await api.dataSource.query(
      `INSERT INTO perk (id, partner_id, title_th, category, cost, fulfilment, created_by, status)
       VALUES ($1, $2, 'คอร์สอบรม', 'training', 20, 'generated_code', $3, 'live')`,
      [perkId, partnerId, t[0]],
    );
    updater = new RollupUpdater(
      new MirrorRepository(),
      new RollupsRepository(),
      api.app.get(MembersService, { strict: false }),
      api.app.get(OrganisationsService, { strict: false }),
      api.app.get(PerksService, { strict: false }),
    );
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  // Events as their domains write them (only what the cockpit reads is filled in).
  const at = (day: string) => `${day}T03:00:00.000Z`; // 10:00 in Bangkok, the same day
  const envelope = (type: string, day: string, payload: Record<string, unknown>): EventEnvelope => ({
    id: uuidv7(),
    type,
    version: 1,
    occurredAt: at(day),
    payload,
  });
  const schoolOf = (member: string) => (t.indexOf(member) >= 4 ? s2 : t.includes(member) ? s1 : null);
  const facts = (innovationId: string, author: string, dims: Partial<Record<string, string[]>> = {}) => ({
    innovationId,
    authorId: author,
    schoolId: schoolOf(author)?.id ?? null,
    areaId: schoolOf(author)?.areaId ?? null,
    learningAreas: dims.learningAreas ?? ['MAT'],
    competencies: dims.competencies ?? ['CBC-HT'],
    techniques: dims.techniques ?? ['GBL'],
    version: 1,
  });
  const published = (day: string, id: string, author: string, dims?: Partial<Record<string, string[]>>) =>
    envelope('innovation.published', day, facts(id, author, dims));
  const updated = (day: string, id: string, author: string, dims: Partial<Record<string, string[]>>) =>
    envelope('innovation.updated', day, facts(id, author, dims));
  const moderated = (kind: 'hidden' | 'removed' | 'restored', day: string, id: string, author: string) =>
    envelope(`innovation.${kind}`, day, { ...facts(id, author), reason: 'ตรวจสอบ', moderatorId: t[5] });
  const feedback = (innovationId: string, author: string, actor: string) => ({
    innovationId,
    actorId: actor,
    authorId: author,
    schoolId: schoolOf(author)?.id ?? null,
    areaId: schoolOf(author)?.areaId ?? null,
    learningAreas: ['MAT'],
  });
  const rating = (day: string, id: string, author: string, actor: string, overall: number) =>
    envelope('rating.submitted', day, { ...feedback(id, author, actor), overall, previousOverall: null });
  const comment = (day: string, id: string, author: string, actor: string) =>
    envelope('comment.created', day, { ...feedback(id, author, actor), commentId: uuidv7(), parentId: null });
  const adoption = (day: string, id: string, author: string, actor: string) =>
    envelope('adoption.reported', day, {
      ...feedback(id, author, actor),
      adoptionId: uuidv7(),
      reporterSchoolId: schoolOf(actor)?.id ?? null,
      schoolTerm: '2569-2',
    });

  const COCKPIT_TABLES = [
    'cockpit_daily',
    'cockpit_monthly',
    'cockpit_member',
    'cockpit_member_day',
    'cockpit_innovation',
    'cockpit_rating',
    'cockpit_school',
    'cockpit_recent',
  ];

  async function reset(): Promise<void> {
    for (const table of [...COCKPIT_TABLES, 'cockpit_rebuilt_event'])
      await api.dataSource.query(`DELETE FROM ${table}`);
    await api.dataSource.query(`UPDATE cockpit_state SET recent_until = NULL`);
  }

  /** Every cockpit table, every row as text, in a fixed order. */
  async function snapshot(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const table of COCKPIT_TABLES) {
      const rows: Record<string, unknown>[] = await api.dataSource.query(`SELECT * FROM ${table}`);
      out[table] = rows
        .map((row) =>
          Object.entries(row)
            .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : JSON.stringify(v)}`)
            .join(' '),
        )
        .sort();
    }
    return out;
  }

  const inBatches = async (batches: EventEnvelope[][]) => {
    for (const batch of batches)
      await api.dataSource.transaction((manager) => updater.handle(batch, manager));
  };

  /**
   * Handles `before` (one event at a time), then `events` as one batch; then again from an empty cockpit with
   * `events` one at a time; expects the same rows in every cockpit table and answers them.
   */
  async function sameEitherWay(events: EventEnvelope[], before: EventEnvelope[] = []) {
    await reset();
    await inBatches(before.map((event) => [event]));
    await inBatches([events]);
    const batched = await snapshot();
    await reset();
    await inBatches(before.map((event) => [event]));
    await inBatches(events.map((event) => [event]));
    const oneByOne = await snapshot();
    expect(batched).toEqual(oneByOne);
    return batched;
  }

  /** The national value of a metric (total or one key of a dimension) on a day; 0 when there is no row. */
  async function national(metric: string, day: string, dim = '', key = ''): Promise<number> {
    const rows: { value: string }[] = await api.dataSource.query(
      `SELECT value FROM cockpit_daily WHERE scope = 'N' AND metric = $1 AND dim = $2 AND key = $3 AND period = $4`,
      [metric, dim, key, day],
    );
    return Number(rows[0]?.value ?? 0);
  }

  it('counts a rating given and changed twice in one batch once, with its last score, on the day first given', async () => {
    const i1 = uuidv7();
    const i2 = uuidv7();
    const before = [
      published('2026-10-28', i1, t[0]!),
      published('2026-10-28', i2, t[0]!),
      rating('2026-10-29', i2, t[0]!, t[1]!, 3),
    ];
    await sameEitherWay(
      [
        rating('2026-11-02', i1, t[0]!, t[1]!, 5),
        rating('2026-11-03', i1, t[0]!, t[1]!, 2),
        rating('2026-11-03', i1, t[0]!, t[1]!, 4),
        // A rating counted in an earlier batch, changed twice in this one: its day stays the first.
        rating('2026-11-03', i2, t[0]!, t[1]!, 5),
        rating('2026-11-04', i2, t[0]!, t[1]!, 1),
      ],
      before,
    );
    expect([await national('ratings', '2026-11-02'), await national('rating_sum', '2026-11-02')]).toEqual([
      1, 4,
    ]);
    expect([await national('ratings', '2026-10-29'), await national('rating_sum', '2026-10-29')]).toEqual([
      1, 1,
    ]);
    for (const day of ['2026-11-03', '2026-11-04'])
      expect([await national('ratings', day), await national('rating_sum', day)]).toEqual([0, 0]);
    const ratings: { innovation_id: string; overall: number; rated_on: string }[] =
      await api.dataSource.query(
        `SELECT innovation_id, overall, to_char(rated_on, 'YYYY-MM-DD') AS rated_on FROM cockpit_rating ORDER BY rated_on`,
      );
    expect(ratings).toEqual([
      { innovation_id: i2, overall: 1, rated_on: '2026-10-29' },
      { innovation_id: i1, overall: 4, rated_on: '2026-11-02' },
    ]);
  });

  it('counts an innovation published and edited in one batch under its edited dimensions, and moderation in order', async () => {
    const edited = uuidv7();
    const hiddenThenEdited = uuidv7();
    const restored = uuidv7();
    const twice = uuidv7();
    const known = uuidv7();
    await sameEitherWay(
      [
        published('2026-11-02', edited, t[0]!, { learningAreas: ['MAT'], techniques: ['GBL'] }),
        updated('2026-11-02', edited, t[0]!, { learningAreas: ['SCI', 'ART'], techniques: [] }),
        published('2026-11-02', hiddenThenEdited, t[4]!, { learningAreas: ['MAT'] }),
        moderated('hidden', '2026-11-02', hiddenThenEdited, t[4]!),
        updated('2026-11-02', hiddenThenEdited, t[4]!, { learningAreas: ['THA'] }),
        published('2026-11-02', restored, t[1]!, { learningAreas: ['MAT'] }),
        moderated('removed', '2026-11-02', restored, t[1]!),
        moderated('restored', '2026-11-03', restored, t[1]!),
        moderated('restored', '2026-11-03', restored, t[1]!),
        // Published twice (a duplicate event): a first publication counts once.
        published('2026-11-02', twice, t[2]!, { learningAreas: ['MAT'] }),
        published('2026-11-03', twice, t[2]!, { learningAreas: ['MAT'] }),
        // Known from an earlier batch: hidden and edited here, then restored.
        moderated('hidden', '2026-11-03', known, t[5]!),
        updated('2026-11-03', known, t[5]!, { learningAreas: ['PE'] }),
        moderated('restored', '2026-11-03', known, t[5]!),
        // An innovation the cockpit never saw published: its edit and moderation change nothing.
        updated('2026-11-03', uuidv7(), t[0]!, { learningAreas: ['PE'] }),
      ],
      [published('2026-10-30', known, t[5]!, { learningAreas: ['SCI'] })],
    );
    expect(await national('innovations_published', '2026-11-02')).toBe(3); // edited, restored, twice
    const areas = Object.fromEntries(
      await Promise.all(
        ['MAT', 'SCI', 'ART', 'THA', 'PE'].map(async (k) => [
          k,
          await national('innovations_published', '2026-11-02', 'learningArea', k),
        ]),
      ),
    );
    expect(areas).toEqual({ MAT: 2, SCI: 1, ART: 1, THA: 0, PE: 0 });
    expect(await national('innovations_published', '2026-11-02', 'technique', 'GBL')).toBe(2);
    expect(await national('innovations_published', '2026-10-30')).toBe(1);
    expect(await national('innovations_published', '2026-10-30', 'learningArea', 'PE')).toBe(1);
    expect(await national('innovations_published', '2026-10-30', 'learningArea', 'SCI')).toBe(0);
    const states: { innovation_id: string; status: string; learning_areas: string[] }[] =
      await api.dataSource.query(
        `SELECT innovation_id, status, learning_areas FROM cockpit_innovation WHERE innovation_id = ANY($1::uuid[])`,
        [[edited, hiddenThenEdited, restored, known]],
      );
    expect(Object.fromEntries(states.map((s) => [s.innovation_id, [s.status, s.learning_areas]]))).toEqual({
      [edited]: ['published', ['SCI', 'ART']],
      [hiddenThenEdited]: ['hidden', ['THA']],
      [restored]: ['published', ['MAT']],
      [known]: ['published', ['PE']],
    });
  });

  it('places members registered in the batch where they registered, and the others from identity, in one lookup', async () => {
    const i1 = uuidv7();
    const newcomer = uuidv7(); // registers in the same batch, then comments
    const stranger = uuidv7(); // unknown to identity and to the cockpit
    const events = [
      published('2026-11-02', i1, t[0]!),
      envelope('member.registered', '2026-11-02', {
        memberId: newcomer,
        memberKind: 'personnel',
        schoolId: s2.id,
      }),
      comment('2026-11-02', i1, t[0]!, newcomer),
      comment('2026-11-02', i1, t[0]!, t[4]!),
      comment('2026-11-02', i1, t[0]!, outsider),
      comment('2026-11-02', i1, t[0]!, stranger),
      envelope('points.changed', '2026-11-02', {
        memberId: t[5],
        transferId: uuidv7(),
        kind: 'award',
        amount: 5,
      }),
      envelope('points.adjusted', '2026-11-02', { memberId: outsider, transferId: uuidv7(), amount: -3 }),
      envelope('redemption.fulfilled', '2026-11-02', {
        redemptionId: uuidv7(),
        memberId: t[1],
        perkId,
        partnerId,
        cost: 20,
      }),
      envelope('redemption.fulfilled', '2026-11-02', {
        redemptionId: uuidv7(),
        memberId: t[2],
        perkId: uuidv7(), // a perk that does not exist: no category
        partnerId,
        cost: 10,
      }),
    ];
    await sameEitherWay(events);
    const at = async (scope: string, metric: string, dim = '', key = '') => {
      const rows: { value: string }[] = await api.dataSource.query(
        `SELECT value FROM cockpit_daily WHERE scope = $1 AND metric = $2 AND dim = $3 AND key = $4 AND period = '2026-11-02'`,
        [scope, metric, dim, key],
      );
      return Number(rows[0]?.value ?? 0);
    };
    // Active today: t0 (published), the newcomer and t4 (s2), the outsider and the stranger (no school).
    expect(await at('N', 'members_active_7d')).toBe(5);
    expect(await at(`S:${s2.id}`, 'members_active_7d')).toBe(2);
    expect(await at(`S:${s2.id}`, 'members_active_7d', 'memberKind', 'personnel')).toBe(1);
    expect(await at('N', 'members_active_7d', 'memberKind', 'unknown')).toBe(1);
    expect(await at('N', 'members_registered')).toBe(1);
    expect(await at(`S:${s2.id}`, 'points_issued')).toBe(5);
    expect(await at('N', 'points_issued')).toBe(2);
    expect(await at(`S:${s1.id}`, 'points_redeemed')).toBe(30);
    expect(await at('N', 'points_redeemed', 'perkCategory', 'training')).toBe(20);
    expect(await at(`A:${s2.areaId}`, 'redemptions')).toBe(0);
    const schools: { school_id: string }[] = await api.dataSource.query(
      `SELECT school_id FROM cockpit_school`,
    );
    expect(schools.map((s) => s.school_id).sort()).toEqual([s1.id, s2.id].sort());
  });

  it('decides indicator 18 from the ratings and adoptions of the whole batch', async () => {
    const i1 = uuidv7();
    const i2 = uuidv7();
    const events = [
      published('2026-10-30', i1, t[0]!),
      published('2026-10-30', i2, t[4]!),
      rating('2026-10-31', i1, t[0]!, t[1]!, 5),
      rating('2026-10-31', i1, t[0]!, t[2]!, 4),
      rating('2026-11-01', i1, t[0]!, t[3]!, 4), // three peers, mean 4.33: evidence on 1 Nov
      rating('2026-11-02', i1, t[0]!, t[1]!, 2), // lowered: mean 3.33, no evidence
      rating('2026-11-03', i1, t[0]!, t[4]!, 5), // four peers, mean 3.75: still none
      rating('2026-11-03', i1, t[0]!, t[1]!, 5), // raised back: evidence from 1 Nov again
      adoption('2026-11-02', i2, t[4]!, t[3]!),
      adoption('2026-10-31', i2, t[4]!, t[3]!), // an earlier report arriving later: the first day is the earlier
      moderated('hidden', '2026-11-03', i2, t[4]!),
    ];
    await sameEitherWay(events);
    expect(await national('al_capable_teachers', '2026-11-01')).toBe(1); // t0
    expect(await national('al_capable_teachers', '2026-10-31')).toBe(1); // t3, by adoption
    expect(await national('al_capable_teachers', '2026-11-02')).toBe(0);
    expect(await national('ratings', '2026-10-31')).toBe(2);
    expect(await national('rating_sum', '2026-10-31')).toBe(5 + 4);
    expect((await national('rating_sum', '2026-10-31')) + (await national('rating_sum', '2026-11-01'))).toBe(
      5 + 4 + 4,
    );
    expect(await national('innovations_published', '2026-10-30')).toBe(1); // i2 hidden
  });

  it("takes ratings handled before their innovation's publication as its evidence", async () => {
    // Batches may commit out of order (the queue runs several at once; the cockpit's lock takes them in turn).
    const i1 = uuidv7();
    const publication = [published('2026-11-01', i1, t[0]!)];
    const ratings = [
      rating('2026-11-02', i1, t[0]!, t[1]!, 4),
      rating('2026-11-02', i1, t[0]!, t[2]!, 4),
      rating('2026-11-03', i1, t[0]!, t[3]!, 5),
    ];
    await reset();
    await inBatches([publication, ratings]);
    const inOrder = await snapshot();
    await reset();
    await inBatches([ratings, publication]);
    expect(await snapshot()).toEqual(inOrder);
    expect(await national('al_capable_teachers', '2026-11-03')).toBe(1);
  });

  it('reads and writes the same number of times for a batch of 2 events and one of 400', async () => {
    const statements = async (events: EventEnvelope[]) => {
      let count = 0;
      await api.dataSource.transaction(async (manager) => {
        const counted = new Proxy(manager, {
          get(target, property) {
            if (property === 'query')
              return (sql: string, parameters?: unknown[]) => {
                count++;
                return target.query(sql, parameters);
              };
            const value = Reflect.get(target, property) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        }) as EntityManager;
        await updater.handle(events, counted);
      });
      return count;
    };
    const mix = async (size: number) => {
      // New members and schools every time, so every lookup is needed: members unknown to the cockpit in schools it
      // does not know, publishing, rating, commenting, reporting use and redeeming.
      await reset();
      const given = new Given(api);
      const schools = await Promise.all(Array.from({ length: 3 }, () => given.school('P81')));
      const members = (
        await Promise.all(schools.map((s) => given.members(size / 4, { schoolId: s.id })))
      ).flat();
      const events: EventEnvelope[] = [];
      for (let i = 0; events.length < size; i++) {
        const author = members[i % members.length]!.id;
        const actor = members[(i + 1) % members.length]!.id;
        const id = uuidv7();
        const school = schools[i % 3]!.id;
        const where = { schoolId: school, areaId: null };
        events.push(
          { ...published('2026-11-02', id, author), payload: { ...facts(id, author), ...where } },
          {
            ...rating('2026-11-02', id, author, actor, 4),
            payload: { ...feedback(id, author, actor), ...where, overall: 4, previousOverall: null },
          },
        );
        if (i % 2 === 0)
          events.push(
            {
              ...adoption('2026-11-02', id, author, actor),
              payload: {
                ...feedback(id, author, actor),
                ...where,
                adoptionId: uuidv7(),
                reporterSchoolId: school,
                schoolTerm: '2569-2',
              },
            },
            envelope('redemption.fulfilled', '2026-11-02', {
              redemptionId: uuidv7(),
              memberId: actor,
              perkId,
              partnerId,
              cost: 20,
            }),
          );
      }
      return statements(events.slice(0, size));
    };
    const small = await mix(4);
    const large = await mix(400);
    expect(large).toBe(small);
  });

  it('counts two batches handled at the same time as if one came after the other', async () => {
    const i1 = uuidv7();
    const i2 = uuidv7();
    // Both batches change t1's rating of I1: only one order or the other may come out, never a mix of the two.
    const first = [
      published('2026-11-02', i1, t[0]!),
      rating('2026-11-02', i1, t[0]!, t[1]!, 4),
      comment('2026-11-02', i1, t[0]!, t[2]!),
      adoption('2026-11-02', i2, t[4]!, t[3]!),
    ];
    const second = [
      published('2026-11-02', i2, t[4]!),
      rating('2026-11-02', i1, t[0]!, t[1]!, 5),
      rating('2026-11-02', i1, t[0]!, t[2]!, 4),
      rating('2026-11-02', i1, t[0]!, t[3]!, 5),
      comment('2026-11-02', i2, t[4]!, t[5]!),
    ];
    await reset();
    await inBatches([first, second]);
    const firstThenSecond = await snapshot();
    await reset();
    await inBatches([second, first]);
    const secondThenFirst = await snapshot();
    for (let run = 0; run < 3; run++) {
      await reset();
      await Promise.all([inBatches([first]), inBatches([second])]);
      expect([firstThenSecond, secondThenFirst]).toContainEqual(await snapshot());
      expect(await national('innovations_published', '2026-11-02')).toBe(2);
      expect(await national('ratings', '2026-11-02')).toBe(3);
      expect(await national('members_active_30d', '2026-11-02')).toBe(6);
      // t0 (I1 rated by three peers, 4.0 or more either way) and t3 (reported using I2), whichever came first.
      expect(await national('al_capable_teachers', '2026-11-02')).toBe(2);
    }
  });

  it('keeps active members as changes of their count: right on every day, batched, one by one, backwards and rebuilt', async () => {
    // Real sources for the rebuild: an innovation of t5 (s2) and comments, each on the day its event says.
    const innovation = uuidv7();
    await api.dataSource.query(
      `INSERT INTO innovation (id, author_id, school_id, status, title, published_at)
       VALUES ($1, $2, $3, 'published', 'นวัตกรรมทดสอบ', $4)`,
      [innovation, t[5], s2.id, at('2026-09-01')],
    );
    // Activity days: close enough to join windows, far enough to leave gaps, across months and a fiscal year.
    const comments: [string, string][] = [
      [t[0]!, '2026-09-28'],
      [t[0]!, '2026-10-02'],
      [t[4]!, '2026-10-15'],
      [t[1]!, '2026-10-20'],
      [t[1]!, '2026-10-21'],
      [outsider, '2026-10-30'],
      [t[0]!, '2026-12-20'],
    ];
    const activity: [string, string][] = [[t[5]!, '2026-09-01'], ...comments];
    for (const [author, day] of comments)
      await api.dataSource.query(
        `INSERT INTO innovation_comment (id, innovation_id, author_id, body, created_at) VALUES ($1, $2, $3, 'ดีมาก', $4)`,
        [uuidv7(), innovation, author, at(day)],
      );
    const events = [
      published('2026-09-01', innovation, t[5]!),
      ...comments.map(([actor, day]) => comment(day, innovation, t[5]!, actor)),
    ];
    const ACTIVE = ['members_active_7d', 'members_active_30d', 'schools_active_30d'];
    const activeRows = async () =>
      (await rollupRows(api)).filter((row) => ACTIVE.includes(row.split('|')[4]!));

    try {
      await sameEitherWay(events);
      const incremental = await activeRows();
      // A window is two rows, not a row per day covered: six windows (t0's first two days make one) on 12 days.
      expect(
        incremental.filter((row) => row.startsWith('d|N|') && row.includes('|members_active_30d||')),
      ).toHaveLength(12);

      // The count on each day, the sum of the changes up to it, is what a person counts by hand.
      const changes: { scope: string; metric: string; period: string; value: string }[] =
        await api.dataSource.query(
          `SELECT scope, metric, to_char(period, 'YYYY-MM-DD') AS period, value FROM cockpit_daily
           WHERE metric = ANY($1::text[]) AND dim = '' ORDER BY period`,
          [ACTIVE],
        );
      const countOn = (scope: string, metric: string, day: string) =>
        changes
          .filter((c) => c.scope === scope && c.metric === metric && c.period <= day)
          .reduce((sum, c) => sum + Number(c.value), 0);
      const activeOn = (day: string, window: number, members: (m: string) => boolean) =>
        new Set(
          activity
            .filter(([member, on]) => members(member) && on <= day && on > addDays(day, -window))
            .map(([member]) => member),
        ).size;
      const inSchool = (school: GivenSchool) => (member: string) => schoolOf(member)?.id === school.id;
      for (let offset = 0; offset < 150; offset++) {
        const day = addDays('2026-08-25', offset);
        for (const window of [7, 30]) {
          const metric = `members_active_${window}d`;
          expect([day, metric, countOn('N', metric, day)]).toEqual([
            day,
            metric,
            activeOn(day, window, () => true),
          ]);
          for (const school of [s1, s2])
            expect([day, metric, school.id, countOn(`S:${school.id}`, metric, day)]).toEqual([
              day,
              metric,
              school.id,
              activeOn(day, window, inSchool(school)),
            ]);
        }
        const schoolsActive = [s1, s2].filter((school) => activeOn(day, 30, inSchool(school)) > 0).length;
        expect([day, countOn('N', 'schools_active_30d', day)]).toEqual([day, schoolsActive]);
      }

      // Handled one by one from the last to the first, the rows are the same.
      await reset();
      await inBatches([...events].reverse().map((event) => [event]));
      expect(await activeRows()).toEqual(incremental);

      // And a rebuild from the sources, on an empty cockpit, writes the same rows.
      await reset();
      await rebuilder(api).run();
      expect(await activeRows()).toEqual(incremental);
    } finally {
      await api.dataSource.query(`DELETE FROM innovation_comment WHERE innovation_id = $1`, [innovation]);
      await api.dataSource.query(`DELETE FROM innovation WHERE id = $1`, [innovation]);
      await reset();
    }
  });

  it('keeps the schools’ last 30 days for ranking them: added by batches, equal to a roll, ranked as the day rows rank', async () => {
    await reset();
    const day = today();
    const roll = () => api.dataSource.transaction((manager) => rollRecent(manager, day));
    await roll(); // an empty window ending today
    const i1 = uuidv7();
    const i2 = uuidv7();
    const events = [
      published(addDays(day, -40), i1, t[0]!),
      published(addDays(day, -40), i2, t[4]!),
      rating(addDays(day, -30), i1, t[0]!, t[1]!, 4), // the day before the window
      rating(addDays(day, -29), i1, t[0]!, t[2]!, 5), // its first day
      rating(day, i1, t[0]!, t[3]!, 2),
      rating(day, i2, t[4]!, t[3]!, 3),
      comment(addDays(day, -3), i1, t[0]!, t[5]!),
      comment(addDays(day, -45), i2, t[4]!, t[1]!),
      comment(day, i2, t[4]!, outsider),
    ];
    // As one batch and one by one, each time on an empty cockpit whose window ends today.
    await inBatches([events]);
    const batched = await snapshot();
    await reset();
    await roll();
    await inBatches(events.map((event) => [event]));
    expect(await snapshot()).toEqual(batched);
    const recentRows = async () =>
      (
        await api.dataSource.query<{ row: string }[]>(
          `SELECT scope || '|' || kind || '|' || metric || '|' || value AS row FROM cockpit_recent ORDER BY 1`,
        )
      ).map((r) => r.row);
    const value = async (school: GivenSchool, kind: string, metric: string) =>
      Number(
        (
          await api.dataSource.query<{ value: string }[]>(
            `SELECT value FROM cockpit_recent WHERE scope = $1 AND kind = $2 AND metric = $3`,
            [`S:${school.id}`, kind, metric],
          )
        )[0]?.value ?? 0,
      );
    // By hand: ratings and comments at the innovation's school, in the window only; active members at their own
    // school on today (t2 rated on the window's first day, t3 today; t5 of s2 commented three days ago).
    expect(await value(s1, 'w', 'ratings')).toBe(2);
    expect(await value(s1, 'w', 'rating_sum')).toBe(7);
    expect(await value(s2, 'w', 'ratings')).toBe(1);
    expect(await value(s1, 'w', 'comments')).toBe(1);
    expect(await value(s2, 'w', 'comments')).toBe(1);
    expect(await value(s1, 'n', 'members_active_30d')).toBe(2);
    expect(await value(s2, 'n', 'members_active_30d')).toBe(1);
    expect(await value(s1, 'n', 'members_active_7d')).toBe(1);
    const incremental = await recentRows();

    // Recomputed from the day rows, the window is the same.
    await roll();
    expect(await recentRows()).toEqual(incremental);

    // Rankings over the window read from it are those added up from the day rows.
    const reader = api.app.get(CockpitReadRepository, { strict: false });
    const sum = (metric: string) => `sum(value) FILTER (WHERE metric = '${metric}')`;
    const last30 = { from: addDays(day, -29), to: day };
    const rankings: SchoolRanking[] = [
      {
        metrics: ['ratings'],
        range: last30,
        value: 'sum(value)',
        single: { metric: 'ratings', grains: ['d'] },
        limit: 10,
      },
      {
        metrics: ['comments'],
        range: last30,
        value: 'sum(value)',
        single: { metric: 'comments', grains: ['d'] },
        limit: 1,
      },
      {
        metrics: ['rating_sum', 'ratings'],
        range: last30,
        value: `round(${sum('rating_sum')}::numeric / nullif(${sum('ratings')}, 0), 2)`,
        limit: 10,
      },
      {
        metrics: ['members_active_30d'],
        range: { from: EPOCH, to: day },
        value: 'sum(value)',
        single: { metric: 'members_active_30d', grains: ['d', 'm', 'y', 't'] },
        limit: 10,
      },
    ];
    const fromRecent = await Promise.all(rankings.map((ranking) => reader.rankSchools(ranking)));
    expect(fromRecent[0]!.rows).toEqual([
      { group: `S:${s1.id}`, value: 2 },
      { group: `S:${s2.id}`, value: 1 },
    ]);
    expect(fromRecent[1]!.truncated).toBe(true);
    // (They are read from the window's rows: a changed row changes the ranking.)
    await api.dataSource.query(
      `UPDATE cockpit_recent SET value = 100 WHERE scope = $1 AND kind = 'w' AND metric = 'ratings'`,
      [`S:${s2.id}`],
    );
    expect((await reader.rankSchools(rankings[0]!)).rows[0]).toEqual({ group: `S:${s2.id}`, value: 100 });
    await api.dataSource.query(`UPDATE cockpit_state SET recent_until = NULL`);
    const fromDays = await Promise.all(rankings.map((ranking) => reader.rankSchools(ranking)));
    expect(fromRecent).toEqual(fromDays);

    // The day's roll and batches at the same time take turns (the cockpit's lock): the window ends as a roll makes it.
    await api.dataSource.query(`UPDATE cockpit_state SET recent_until = $1`, [addDays(day, -1)]);
    const more = [
      comment(day, i1, t[0]!, t[2]!),
      rating(addDays(day, -1), i2, t[4]!, t[0]!, 4),
      comment(addDays(day, -2), i2, t[4]!, t[1]!),
    ];
    const [rolled] = await Promise.all([
      rebuilder(api).rollRecent(),
      ...more.map((event) => api.dataSource.transaction((manager) => updater.handle([event], manager))),
    ]);
    expect(rolled).toBe(true);
    const concurrent = await recentRows();
    expect(await value(s2, 'w', 'ratings')).toBe(2);
    await roll();
    expect(await recentRows()).toEqual(concurrent);
    await reset();
  });
});
