import request from 'supertest';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * The web app's client is generated from the OpenAPI document: every route must say what it answers. A route
 * without a documented 2xx answer (a schema for each media type it answers, or 204/202 with no body) fails here.
 */
describe('OpenAPI document: every route documents its answer', () => {
  let environment: TestEnvironment;
  let api: TestApp;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('has a 2xx response with a schema on every operation', async () => {
    const document = (await request(api.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThan(90);
    const undocumented = operations
      .filter(({ operation }) => {
        const ok = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        if (ok.length === 0) return true;
        return ok.some(([status, response]) => {
          // 204, and a 202 that only says the request was taken, have no body to describe.
          if (status === '204' || (status === '202' && !response.content)) return false;
          const content = response.content ?? {};
          return Object.keys(content).length === 0 || Object.values(content).some((media) => !media.schema);
        });
      })
      .map(({ route }) => route);
    expect(undocumented).toEqual([]);
  });

  it('resolves every $ref it holds (a client generator refuses a dangling one)', async () => {
    const document = (await request(api.url).get('/api/docs-json').expect(200)).body as {
      components: { schemas: Record<string, unknown> };
    };
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(refs.length).toBeGreaterThan(100);
    expect([...new Set(refs)].filter((name) => !(name in document.components.schemas))).toEqual([]);
  });
});
