import { Body, Controller, Post } from '@nestjs/common';
import { IsInt, IsString, Max, Min } from 'class-validator';
import request from 'supertest';
import { Public } from '../../apps/api/src/auth/access.decorators';
import { HealthService } from '../../apps/api/src/health/health.service';
import { OpenApiDocument, OpenApiSchema, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

class EchoDto {
  @IsString()
  title!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;
}

/** A route that takes a body, to exercise the global validation the real routes share. */
@Public()
@Controller('test-echo')
class EchoController {
  @Post()
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }
}

describe('HTTP basics', () => {
  let environment: TestEnvironment;
  let api: TestApp;

  beforeAll(async () => {
    environment = await createTestEnvironment({ CORS_ORIGINS: 'https://app.example.test' });
    api = await startTestApp(environment, { controllers: [EchoController] });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  it('answers live and ready with every dependency up', async () => {
    await request(api.url).get('/api/v1/health/live').expect(200, { status: 'ok' });
    const ready = await request(api.url).get('/api/v1/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', migrations: 'up' } });
  });

  it('accepts a valid body under the /api/v1 prefix', async () => {
    const response = await request(api.url)
      .post('/api/v1/test-echo')
      .send({ title: 'กิจกรรม', stars: 4 })
      .expect(201);
    expect(response.body).toEqual({ title: 'กิจกรรม', stars: 4 });
  });

  it('refuses unknown JSON fields with a problem naming the field', async () => {
    const response = await request(api.url)
      .post('/api/v1/test-echo')
      .send({ title: 'x', stars: 3, isAdmin: true })
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', type: expect.any(String) });
    expect(response.body.errors).toEqual([{ field: 'isAdmin', message: expect.stringContaining('isAdmin') }]);
  });

  it('names each invalid field, in Thai by default and English on request', async () => {
    const thai = await request(api.url).post('/api/v1/test-echo').send({ title: 7, stars: 9 }).expect(400);
    expect(thai.body.title).toBe('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    expect(thai.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['stars', 'title']);
    const english = await request(api.url)
      .post('/api/v1/test-echo')
      .set('accept-language', 'en-GB,en;q=0.9')
      .send({ title: 7, stars: 2 })
      .expect(400);
    expect(english.body.title).toBe('The request data is not valid');
  });

  it('answers malformed or empty JSON with 400 MALFORMED_JSON, never a 500', async () => {
    for (const body of ['{"title": "x",', '[1,2', 'null}', '']) {
      const response = await request(api.url)
        .post('/api/v1/test-echo')
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(response.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    }
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await request(api.url).get('/api/v1/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'ไม่พบสิ่งที่ต้องการ' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await request(api.url)
      .get('/api/v1/health/live')
      .set('x-request-id', 'abc-123')
      .expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(api.url).get('/api/v1/health/live').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and allows only configured CORS origins', async () => {
    const allowed = await request(api.url)
      .get('/api/v1/health/live')
      .set('origin', 'https://app.example.test');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.test');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['strict-transport-security']).toBeDefined();
    const other = await request(api.url)
      .get('/api/v1/health/live')
      .set('origin', 'https://evil.example.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the OpenAPI document and its UI', async () => {
    const document = await request(api.url).get('/api/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toContain('/api/v1/health/ready');
    const ui = await request(api.url).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('documents the health answers as they are: 200 JSON, and the 503 as problem+json', async () => {
    const document = (await request(api.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const live = await request(api.url).get('/api/v1/health/live').expect(200);
    expect(
      schemaMismatches(document, responseSchema(document, 'get', '/api/v1/health/live'), live.body),
    ).toEqual([]);
    const ready = await request(api.url).get('/api/v1/health/ready').expect(200);
    expect(
      schemaMismatches(document, responseSchema(document, 'get', '/api/v1/health/ready'), ready.body),
    ).toEqual([]);

    const documented503 = document.paths['/api/v1/health/ready']!.get!.responses!['503']!.content!;
    expect(Object.keys(documented503)).toEqual(['application/problem+json']);
    const problemSchema = documented503['application/problem+json']!.schema as OpenApiSchema;
    const health = api.app.get(HealthService, { strict: false });
    const readiness = jest.spyOn(health, 'readiness').mockResolvedValueOnce({
      ready: false,
      checks: { database: 'up', redis: 'down', migrations: 'up' },
      failed: ['redis'],
    });
    try {
      const down = await request(api.url)
        .get('/api/v1/health/ready')
        .expect(503)
        .expect('content-type', /application\/problem\+json/);
      expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', failed: ['redis'] });
      expect(schemaMismatches(document, problemSchema, down.body)).toEqual([]);
    } finally {
      readiness.mockRestore();
    }
  });

  it('exposes Prometheus metrics: HTTP latency, queue depths and outbox lag', async () => {
    await request(api.url).get('/api/v1/health/live').expect(200);
    const metrics = await request(api.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_bucket\{.*route="\/api\/v1\/health\/live".*\}/,
    );
    expect(metrics.text).toContain('outbox_lag_seconds 0');
    expect(metrics.text).toContain('# TYPE queue_jobs gauge');
  });
});
