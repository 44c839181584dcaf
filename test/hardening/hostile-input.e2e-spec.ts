import { connect, Socket } from 'node:net';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * Hostile and careless input, as the penetration test sent it: every answer is a 4xx problem+json with a stable
 * code (never a 5xx), nothing is written, and the service keeps answering.
 */
describe('Hostile input', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let member: GivenMember;
  let admin: GivenMember;
  let staff: GivenMember;
  let innovationId: string;
  let perkId: string;

  const METRICS_TOKEN = 'metrics-token-for-the-hostile-suite';

  beforeAll(async () => {
    // The short connection deadlines are given only to the app of the slow-client test below: on a busy machine a
    // 1 s idle deadline would also cut an ordinary request still waiting for its answer.
    environment = await createTestEnvironment({ METRICS_TOKEN });
    api = await startTestApp(environment);
    given = new Given(api);
    member = await given.member();
    admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    const partner = await given.partner();
    staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] });
    const author = await given.member();
    const created = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    innovationId = created.body.id;
    await request(api.url).post(`/api/v1/innovations/${innovationId}/publish`).set(author.auth).expect(200);
    const perk = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({ title: 'คูปองกาแฟ', category: 'food', cost: 50, fulfilment: 'generated_code', stock: 10 })
      .expect(201);
    perkId = perk.body.id;
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const alive = async () => {
    await request(api.url).get('/api/v1/health/live').expect(200);
  };

  /** Sends a raw JSON text (supertest would re-encode objects). */
  const sendRaw = (method: 'post' | 'put' | 'patch', path: string, text: string, auth?: GivenMember) => {
    const call = request(api.url)[method](path).set('content-type', 'application/json');
    if (auth) void call.set(auth.auth);
    return call.send(text);
  };

  const expectProblem = (response: request.Response, status: number, code: string) => {
    const sent = (response as unknown as { req: { method: string; path: string } }).req;
    expect({
      request: `${sent.method} ${sent.path}`,
      status: response.status,
      code: response.body.code,
    }).toEqual({
      request: `${sent.method} ${sent.path}`,
      status,
      code,
    });
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  };

  it('refuses JSON nested 20,000 deep on public and signed-in routes alike', async () => {
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    for (const [path, auth] of [
      ['/api/v1/auth/register', undefined],
      ['/api/v1/auth/refresh', undefined],
      ['/api/v1/auth/login', undefined],
      ['/api/v1/innovations', member],
      [`/api/v1/innovations/${innovationId}/comments`, member],
      ['/api/v1/admin/announcements', admin],
    ] as const) {
      expectProblem(await sendRaw('post', path, deep, auth), 400, 'BODY_TOO_DEEP');
    }
    await alive();
  });

  it('refuses a NUL character or an unpaired surrogate in any text, at the edge', async () => {
    const before = Number((await api.dataSource.query(`SELECT count(*) AS n FROM member`))[0].n);
    expectProblem(
      await request(api.url)
        .post('/api/v1/auth/login')
        .send({ email: 'a\u0000b@x.io', password: 'x'.repeat(10) }),
      400,
      'INVALID_CHARACTERS',
    );
    expectProblem(
      await sendRaw(
        'post',
        '/api/v1/auth/register',
        '{"email":"a\\ud800@x.io","password":"a-long-password-1","displayName":"ครู","memberKind":"teacher","acceptTerms":true}',
      ),
      400,
      'INVALID_CHARACTERS',
    );
    expectProblem(
      await request(api.url).post('/api/v1/auth/register').send({
        email: 'nul@x.io',
        password: 'a-long-password-1',
        displayName: 'ครู\u0000สมใจ',
        memberKind: 'teacher',
        acceptTerms: true,
      }),
      400,
      'INVALID_CHARACTERS',
    );
    expect(Number((await api.dataSource.query(`SELECT count(*) AS n FROM member`))[0].n)).toBe(before);
    expectProblem(
      await request(api.url).post('/api/v1/innovations').set(member.auth).send({ title: 'a\u0000b' }),
      400,
      'INVALID_CHARACTERS',
    );
    expectProblem(
      await sendRaw(
        'post',
        '/api/v1/admin/partners',
        '{"code":"pp-1","nameTh":"ภาคี","contactEmail":"a\\udc00@x.io"}',
        admin,
      ),
      400,
      'INVALID_CHARACTERS',
    );
    // In a query string and in both CSV imports too.
    expectProblem(await request(api.url).get('/api/v1/innovations?q=%00ครู'), 400, 'INVALID_CHARACTERS');
    for (const path of ['/api/v1/admin/imports/schools', '/api/v1/admin/imports/areas']) {
      expectProblem(
        await request(api.url)
          .post(path)
          .set(admin.auth)
          .set('content-type', 'text/csv')
          .send('code,name_th\n123456,โรงเรียน\u0000\n'),
        400,
        'INVALID_CHARACTERS',
      );
    }
    await alive();
  });

  it('refuses missing, null and wrongly shaped fields, out-of-range numbers and dates that do not exist', async () => {
    const innovations = await api.dataSource.query(`SELECT count(*) AS n FROM innovation`);
    expectProblem(
      await request(api.url).post('/api/v1/innovations').set(member.auth).send({}),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await sendRaw('post', '/api/v1/innovations', 'null', member), 400, 'BODY_NOT_OBJECT');
    expectProblem(await sendRaw('post', '/api/v1/innovations', '42', member), 400, 'BODY_NOT_OBJECT');
    expectProblem(
      await sendRaw('post', '/api/v1/innovations', '[{"title":"x"}]', member),
      400,
      'VALIDATION_FAILED',
    );
    expect(await api.dataSource.query(`SELECT count(*) AS n FROM innovation`)).toEqual(innovations);

    const rate = (body: unknown) =>
      request(api.url)
        .put(`/api/v1/innovations/${innovationId}/rating`)
        .set(member.auth)
        .send(body as object);
    expectProblem(await rate({ overall: 5, criteria: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await rate({ overall: 5, criteria: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await rate({ overall: 5, criteria: 'good' }), 400, 'VALIDATION_FAILED');

    const perks = (body: object) => request(api.url).post('/api/v1/partner/perks').set(staff.auth).send(body);
    const valid = { title: 'สมุดโน้ต', category: 'equipment', cost: 20, fulfilment: 'generated_code' };
    for (const field of ['cost', 'fulfilment', 'title', 'category'])
      expectProblem(await perks({ ...valid, [field]: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await perks({ ...valid, validFrom: '2026-02-30' }), 400, 'VALIDATION_FAILED');
    expectProblem(await perks({ ...valid, eligibility: [] }), 400, 'VALIDATION_FAILED');
    const edit = (body: object) =>
      request(api.url).patch(`/api/v1/partner/perks/${perkId}`).set(staff.auth).send(body);
    for (const field of ['cost', 'fulfilment', 'title', 'category'])
      expectProblem(await edit({ [field]: null }), 400, 'VALIDATION_FAILED');

    const rule = (body: object) =>
      request(api.url)
        .put('/api/v1/admin/ledger/rules/feedback.comment')
        .set(admin.auth)
        .send({ reason: 'ทดสอบ', ...body });
    expectProblem(await rule({ capDay: 1e308 }), 400, 'VALIDATION_FAILED');
    expectProblem(await rule({ nameTh: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await rule({ points: null }), 400, 'VALIDATION_FAILED');

    const areas = await request(api.url)
      .post('/api/v1/admin/imports/areas')
      .set(admin.auth)
      .set('content-type', 'text/csv')
      .send(
        'code,level,name_th,name_en,province_th,area_no\n,primary,สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่ เขต 9,,กระบี่,9999999999999999999\n',
      );
    expect(areas.status).toBeGreaterThanOrEqual(400);
    expect(areas.status).toBeLessThan(500);
    await alive();
  });

  it('answers a huge wrongly shaped value with one short problem, not one per character', async () => {
    const response = await request(api.url)
      .put(`/api/v1/innovations/${innovationId}/rating`)
      .set(member.auth)
      .send({
        overall: 5,
        criteria: { clarity: 5, effect: 5, adoptability: 5, competencyFit: 5 },
        competencies: 'x'.repeat(200_000),
      });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.text.length).toBeLessThan(10_000);
    expect(response.body.errors.length).toBeLessThanOrEqual(20);

    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`f${i}`, 'x']));
    const unknownFields = await request(api.url).post('/api/v1/innovations').set(member.auth).send(many);
    expectProblem(unknownFields, 400, 'VALIDATION_FAILED');
    expect(unknownFields.body.errors.length).toBeLessThanOrEqual(20);
    await alive();
  });

  it('bounds every text by what a person writes, and says so in the OpenAPI document', async () => {
    const tooLong = await request(api.url)
      .post('/api/v1/innovations')
      .set(member.auth)
      .send({ title: 'ยาวเกิน', body: 'ก'.repeat(20_001) });
    expectProblem(tooLong, 400, 'VALIDATION_FAILED');
    const document = (await request(api.url).get('/api/docs-json').expect(200)).body;
    const fields = document.components.schemas.CreateInnovationDto.properties;
    expect(fields.body.maxLength).toBe(20_000);
    expect(fields.title.maxLength).toBe(200);
    expect(document.components.schemas.CommentDto.properties.body.maxLength).toBe(5_000);
    expect(document.components.schemas.RegisterDto.properties.password).toMatchObject({
      minLength: 8,
      maxLength: 128,
    });
  });

  it('keeps answering while the largest allowed Thai bodies are indexed (segmentation runs off the event loop)', async () => {
    const worstCase = { ...fullInnovation(), title: 'ก'.repeat(200), body: 'ก'.repeat(20_000) };
    const order: string[] = [];
    const writes = Array.from({ length: 12 }, () =>
      request(api.url)
        .post('/api/v1/innovations')
        .set(member.auth)
        .send(worstCase)
        .then((response) => {
          order.push(`write ${response.status}`);
          return response;
        }),
    );
    // Sent after the writes: it must be answered before the last of them, which waits for the segmenter.
    const health = request(api.url)
      .get('/api/v1/health/live')
      .then((response) => order.push(`health ${response.status}`));
    await Promise.all([...writes, health]);
    expect(order.filter((entry) => entry === 'write 201')).toHaveLength(12);
    expect(order.indexOf('health 200')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('health 200')).toBeLessThan(order.length - 1);
    // And the words of such a body are found by search.
    const found = await request(api.url).get(`/api/v1/innovations?q=${encodeURIComponent('ก'.repeat(3))}`);
    expect(found.status).toBe(200);
  });

  it('serves /metrics only to a scraper with the token', async () => {
    expectProblem(await request(api.url).get('/metrics'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await request(api.url).get('/metrics').set('authorization', 'Bearer not-the-token-at-all'),
      401,
      'UNAUTHENTICATED',
    );
    const scraped = await request(api.url).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('http_request_duration_seconds');
  });

  it('marks authenticated answers as not to be stored', async () => {
    const me = await request(api.url).get('/api/v1/me').set(member.auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const login = await request(api.url)
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: member.password });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('closes a connection that stays idle, and one whose body trickles past the deadline', async () => {
    const closed = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const strict = await startTestApp(environment, {
      overrides: { HTTP_IDLE_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '3000' },
    });
    const { port } = new URL(strict.url);
    const idle = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    await closed(idle); // HTTP_IDLE_TIMEOUT_MS is 1 s in this suite: the server hangs up by itself
    // (HTTP_REQUEST_TIMEOUT_MS, 3 s here, ends the trickling one below)

    const trickle = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => trickle.once('connect', resolve));
    trickle.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    let sent = 0;
    const dribble = setInterval(() => {
      if (!trickle.destroyed && sent++ < 200) trickle.write(' ');
    }, 400);
    try {
      await closed(trickle);
    } finally {
      clearInterval(dribble);
    }
    const strictAlive = await request(strict.url).get('/api/v1/health/live');
    await strict.close();
    expect(strictAlive.status).toBe(200);
    await alive();
  }, 120_000);
});
