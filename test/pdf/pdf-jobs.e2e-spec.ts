import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Controller,
  Get,
  Inject,
  Injectable,
  INestApplicationContext,
  Module,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { PNG } from 'pngjs';
import { CoreErrors, DomainError } from '@lc/core';
import { html, PDF_QUEUE, PdfJobs, PdfModule, PdfSource, PdfTemplate, PdfTemplates, raw } from '@lc/pdf';
import { Public } from '../../apps/api/src/auth/access.decorators';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ensureChromium } from '../support/browser';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { ensurePdftotext, isPdf, pdfPageCount, pdfText } from './pdf-text';

const WORKER_NAME = Symbol('WORKER_NAME');

/** Random pixels do not compress: a picture of them makes a PDF too large to travel inline. */
function noisePng(size: number): string {
  const png = new PNG({ width: size, height: size });
  for (let index = 0; index < png.data.length; index += 1)
    png.data[index] = index % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
  return PNG.sync.write(png).toString('base64');
}

/** Templates of a test domain, declared the way a domain declares its own. */
@Injectable()
class TestTemplates {
  constructor(@Inject(WORKER_NAME) private readonly worker: string) {}

  @PdfTemplate('test.greeting')
  greeting(input: { name: string }): PdfSource {
    return {
      html: html`<h1>${input.name}</h1>
        <p>พิมพ์โดย ${this.worker}</p>`,
      title: input.name,
    };
  }

  @PdfTemplate('test.large')
  large(input: { name: string }): PdfSource {
    const picture = raw(`<img alt="" style="width: 170mm" src="data:image/png;base64,${noisePng(460)}">`);
    return {
      html: html`<h1>${input.name}</h1>
        ${picture}`,
    };
  }

  @PdfTemplate('test.slow')
  async slow(input: { name: string }): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return `<p>${input.name}</p>`;
  }

  @PdfTemplate('test.refusing')
  refusing(): never {
    throw new DomainError(CoreErrors.NOT_FOUND, 'No such service area');
  }

  @PdfTemplate('test.broken')
  broken(): never {
    throw new Error('a bug in the template');
  }
}

/** A real worker (the whole WorkerModule) with the test domain's templates. */
async function startPdfWorker(environment: TestEnvironment, name: string): Promise<INestApplicationContext> {
  @Module({
    imports: [WorkerModule.forRoot({ OUTBOX_POLL_MS: '50', ...environment.overrides })],
    providers: [{ provide: WORKER_NAME, useValue: name }, TestTemplates],
  })
  class PdfTestWorker {}
  const worker = await NestFactory.createApplicationContext(PdfTestWorker, { logger: false });
  await worker.init();
  return worker;
}

/** An api route of a test domain: the api asks the worker for the PDF and sends it. */
@Controller('test-pdf')
class TestPdfController {
  constructor(private readonly pdfs: PdfJobs) {}

  @Public()
  @Get(':kind')
  async get(
    @Param('kind') kind: string,
    @Query('name') name: string,
    @Query('timeoutMs') timeoutMs: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.pdfs.renderInWorker(
      `test.${kind}`,
      { name },
      { timeoutMs: timeoutMs ? Number(timeoutMs) : undefined },
    );
    void reply.header('content-type', 'application/pdf');
    return pdf;
  }
}

async function getPdf(api: TestApp, kind: string, query: Record<string, string>) {
  const response = await fetch(
    `${api.url}/api/v1/test-pdf/${kind}?${new URLSearchParams(query).toString()}`,
    {
      headers: { 'accept-language': 'en' },
    },
  );
  const body = Buffer.from(await response.arrayBuffer());
  return { response, body, json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown> };
}

describe('PDFs made in the worker for the api', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    ensureChromium();
    ensurePdftotext();
    environment = await createTestEnvironment();
    api = await startTestApp(environment, { imports: [PdfModule], controllers: [TestPdfController] });
    // Two worker replicas share the queue.
    workers.push(
      await startPdfWorker(environment, 'worker-a'),
      await startPdfWorker(environment, 'worker-b'),
    );
  });

  afterAll(async () => {
    await api?.close();
    for (const worker of workers) await worker.close();
    await environment?.drop();
  });

  it('each worker found the templates declared with @PdfTemplate', () => {
    for (const worker of workers)
      expect(worker.get(PdfTemplates).kinds()).toEqual(
        expect.arrayContaining(['test.broken', 'test.greeting', 'test.large', 'test.refusing', 'test.slow']),
      );
  });

  it('the api asks, a worker prints, the api answers the PDF', async () => {
    const { response, body } = await getPdf(api, 'greeting', { name: 'ผู้อำนวยการโรงเรียน น้ำใจ' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(isPdf(body)).toBe(true);
    const text = pdfText(body);
    expect(text).toContain('ผู้อำนวยการโรงเรียน น้ำใจ');
    expect(text).toMatch(/พิมพ์โดย worker-(a|b)/);
  });

  it('requests that arrive together each get their own PDF, whichever replica prints it', async () => {
    const names = ['ครูสมชาย', 'ครูวิไลวรรณ', 'ครูประเสริฐ', 'ครูกาญจนา', 'ครูธนพล', 'ครูอรุณี', 'ครูมาลัย', 'ครูทองใบ'];
    const answers = await Promise.all(names.map((name) => getPdf(api, 'greeting', { name })));
    answers.forEach(({ response, body }, index) => {
      // A refusal shows its problem (code and detail) in the failure, not only its status.
      expect({
        status: response.status,
        problem: response.status === 200 ? null : body.toString('utf8'),
      }).toEqual({
        status: 200,
        problem: null,
      });
      const text = pdfText(body);
      expect(text).toContain(names[index]);
      for (const other of names) if (other !== names[index]) expect(text).not.toContain(other);
    });
  });

  it('a PDF too large to travel inline comes through the file storage, which keeps nothing afterwards', async () => {
    const { response, body } = await getPdf(api, 'large', { name: 'รายงานเขตพื้นที่' });
    expect(response.status).toBe(200);
    expect(body.length).toBeGreaterThan(512 * 1024);
    expect(await pdfPageCount(body)).toBe(1);
    expect(pdfText(body)).toContain('รายงานเขตพื้นที่');
    const left = await readdir(join(environment.overrides.STORAGE_DIR!, 'pdf-results')).catch(() => []);
    expect(left).toEqual([]);
  });

  it("a template's refusal reaches the caller as its own problem", async () => {
    const { response, json } = await getPdf(api, 'refusing', { name: 'x' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(json()).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'No such service area' });
  });

  it('a template that breaks is a 500 PDF_RENDER_FAILED, with no cause shown', async () => {
    const { response, json } = await getPdf(api, 'broken', { name: 'x' });
    expect(response.status).toBe(500);
    const problem = json();
    expect(problem).toMatchObject({ status: 500, code: 'PDF_RENDER_FAILED' });
    expect(JSON.stringify(problem)).not.toContain('a bug in the template');
  });

  it('a kind no worker knows is a 503 PDF_TEMPLATE_UNKNOWN', async () => {
    const { response, json } = await getPdf(api, 'unheard-of', { name: 'x' });
    expect(response.status).toBe(503);
    expect(json()).toMatchObject({ code: 'PDF_TEMPLATE_UNKNOWN' });
  });

  it('a PDF not ready in time is a 504 PDF_RENDER_TIMEOUT', async () => {
    const { response, json } = await getPdf(api, 'slow', { name: 'x', timeoutMs: '500' });
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(json()).toMatchObject({
      status: 504,
      code: 'PDF_RENDER_TIMEOUT',
      title: 'Making the PDF took too long; please try again later',
    });
  });

  it('leaves no job in Redis once delivered, nor the one given up on once its worker is done', async () => {
    const queue = new Queue(PDF_QUEUE, {
      connection: { url: environment.redisUrl },
      prefix: environment.queuePrefix,
    });
    try {
      // The slow PDF of the test above finishes about 3 s after it was given up on.
      await eventually(async () => {
        const counts = await queue.getJobCounts('completed', 'active', 'waiting', 'delayed');
        return Object.values(counts).every((count) => count === 0) ? true : undefined;
      }, 15_000);
      // The failed jobs stay for inspection (the broken template's).
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 1 });
    } finally {
      await queue.close();
    }
  });

  it('with no worker running, the api refuses at once: 503 PDF_WORKER_UNAVAILABLE with Retry-After', async () => {
    // Another queue prefix, where no worker listens.
    const alone = await createTestEnvironment();
    const lonelyApi = await startTestApp(alone, { imports: [PdfModule], controllers: [TestPdfController] });
    try {
      const { response, json } = await getPdf(lonelyApi, 'greeting', { name: 'x', timeoutMs: '20000' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('10');
      expect(json()).toMatchObject({ status: 503, code: 'PDF_WORKER_UNAVAILABLE' });
    } finally {
      await lonelyApi.close();
      await alone.drop();
    }
  });
});
