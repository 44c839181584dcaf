import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Values no field of the API accepts as they are, each sent in place of every field of every write route. */
const HOSTILE_VALUES: [string, unknown][] = [
  ['null', null],
  ['empty string', ''],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['lone low surrogate e-mail', '\udc00@x.io'],
  ['huge text', 'ก'.repeat(120_000)],
  ['negative', -1],
  ['zero', 0],
  ['huge number', 1e308],
  ['negative huge number', -1e308],
  ['fraction', 1.5],
  ['true', true],
  ['empty array', []],
  ['array of arrays', [[[]]]],
  ['object', { a: { b: 1 } }],
  ['impossible date', '2026-02-30'],
  ['not a uuid', 'not-a-uuid'],
  ['big integer string', '99999999999999999999999'],
  ['array of huge strings', Array.from({ length: 50 }, () => 'x'.repeat(5_000))],
  ['prototype key', JSON.parse('{"__proto__":{"polluted":true}}')],
];

/** Whole bodies no route accepts. */
const HOSTILE_BODIES: [string, string][] = [
  ['null', 'null'],
  ['number', '42'],
  ['string', '"text"'],
  ['array', '[]'],
  ['array of objects', '[{"a":1}]'],
  ['empty object', '{}'],
  ['not JSON', '{"a":'],
  ['nested 5,000 deep', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)],
  ['nested 30 deep', '{"a":'.repeat(30) + '1' + '}'.repeat(30)],
  [
    '10,000 unknown fields',
    JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]))),
  ],
  ['prototype pollution', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'],
  ['NUL key', '{"a\\u0000":1}'],
];

/** Hostile CSV files for the import routes. */
const HOSTILE_CSV: [string, string][] = [
  ['empty', ''],
  ['header only', 'code,name_th\n'],
  ['NUL', 'code,name_th\n1\u00002,x\n'],
  ['unbalanced quote', 'code,name_th\n"123,x\n'],
  [
    'huge number',
    'code,level,name_th,name_en,province_th,area_no\n999999999999999999999,primary,x,,กระบี่,99999999999999999999\n',
  ],
  ['many columns', `${Array.from({ length: 2_000 }, (_, i) => `c${i}`).join(',')}\n`],
  ['binary', '\u00ff\u00fe\u0001\u0002'],
];

/** Routes a fuzzer must not call with the suite's one session: they would end it (not a fault of the API). */
const SKIPPED = new Set(['POST /api/v1/auth/logout']);

/**
 * Every write route of the OpenAPI document receives hundreds of hostile bodies — each hostile value in place of
 * each field of an otherwise plausible body, and whole bodies no route takes — as a member holding every role, so
 * that the requests get past the access checks to the validators, services and database. None may answer 5xx.
 */
describe('Fuzzing every write route from the OpenAPI document', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let actor: GivenMember;
  let ids: Record<string, string>;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    const given = new Given(api);
    const partner = await given.partner();
    const area = await given.areaId('P81');
    const school = await given.school('P81');
    actor = await given.member({
      schoolId: school.id,
      roles: [
        { role: 'obec_admin' },
        { role: 'moderator' },
        { role: 'partner_staff', scopeId: partner.id },
        { role: 'area_admin', scopeId: area },
        { role: 'school_admin', scopeId: school.id },
      ],
    });
    const author = await given.member({ schoolId: school.id });
    const innovation = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    await request(api.url)
      .post(`/api/v1/innovations/${innovation.body.id}/publish`)
      .set(author.auth)
      .expect(200);
    const perk = await request(api.url)
      .post('/api/v1/partner/perks')
      .set(actor.auth)
      .send({ title: 'คูปองกาแฟ', category: 'food', cost: 10, fulfilment: 'generated_code', stock: 5 })
      .expect(201);
    ids = { innovation: innovation.body.id, perk: perk.body.id, member: author.id, school: school.id, area };
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('never answers a hostile body with a server error', async () => {
    const document = (await request(api.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (schema: Schema | undefined): Schema => {
      if (!schema) return {};
      if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
      if (schema.allOf) return schema.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b }), {});
      return schema;
    };
    const plausible = (schema: Schema, depth = 0): unknown => {
      const resolved = resolve(schema);
      if (resolved.enum?.length) return resolved.enum[0];
      switch (resolved.type) {
        case 'string':
          if (resolved.format === 'uuid') return randomUUID();
          if (resolved.format === 'email') return `fuzz-${randomUUID()}@example.test`;
          if (resolved.format === 'date-time') return new Date().toISOString();
          return 'ทดสอบข้อความ';
        case 'integer':
        case 'number':
          return 1;
        case 'boolean':
          return true;
        case 'array':
          return depth > 2 || !resolved.items ? [] : [plausible(resolved.items, depth + 1)];
        default:
          if (depth > 2 || !resolved.properties) return {};
          return Object.fromEntries(
            Object.entries(resolved.properties).map(([name, property]) => [
              name,
              plausible(property, depth + 1),
            ]),
          );
      }
    };
    const pathFor = (template: string) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name !== 'id') return randomUUID();
        if (template.startsWith('/api/v1/innovations/')) return ids.innovation!;
        if (template.startsWith('/api/v1/perks/') || template.startsWith('/api/v1/partner/perks/'))
          return ids.perk!;
        return randomUUID();
      });

    const failures: string[] = [];
    let sent = 0;
    let routes = 0;
    const send = async (
      method: string,
      template: string,
      contentType: string,
      body: string,
      label: string,
    ) => {
      const call = (request(api.url) as unknown as Record<string, (path: string) => request.Test>)[method]!(
        pathFor(template),
      )
        .set(actor.auth)
        .set('content-type', contentType)
        .set('idempotency-key', randomUUID());
      const response = await call.send(body);
      sent++;
      if (response.status >= 500)
        failures.push(`${method.toUpperCase()} ${template} [${label}] → ${response.status}`);
    };

    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        if (SKIPPED.has(`${method.toUpperCase()} ${template}`)) continue;
        routes++;
        const content = operation.requestBody?.content ?? {};
        const jobs: (() => Promise<void>)[] = [];
        if (content['text/csv']) {
          for (const [label, csv] of HOSTILE_CSV)
            jobs.push(() => send(method, template, 'text/csv', csv, label));
        }
        const schema = resolve(content['application/json']?.schema);
        const base = (plausible(schema) ?? {}) as Record<string, unknown>;
        for (const [label, body] of HOSTILE_BODIES)
          jobs.push(() => send(method, template, 'application/json', body, label));
        const fields = Object.keys(resolve(schema).properties ?? {});
        for (const field of fields.length ? fields : ['anything']) {
          for (const [label, value] of HOSTILE_VALUES) {
            const body = JSON.stringify({ ...base, [field]: value });
            jobs.push(() => send(method, template, 'application/json', body, `${field} = ${label}`));
          }
        }
        // A few at a time, as a busy client would.
        for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map((job) => job()));
      }
    }
    process.stdout.write(
      `\n[fuzz] ${sent.toLocaleString('en')} hostile requests to ${routes} write routes\n`,
    );
    expect(routes).toBeGreaterThanOrEqual(40);
    expect(sent).toBeGreaterThanOrEqual(3_000);
    expect(failures).toEqual([]);
    await request(api.url).get('/api/v1/health/live').expect(200);
    await request(api.url).get('/api/v1/me').set(actor.auth).expect(200);
  }, 600_000);
});
