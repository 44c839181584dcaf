import { INestApplication, RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import {
  APP_CONFIG,
  AppConfig,
  assertCleanValue,
  bindRequestLogger,
  CoreErrors,
  DomainError,
  hasForbiddenCharacters,
  InputErrors,
  parseJsonBody,
  createHttpLogger,
  createValidationPipe,
  Logger,
  ROOT_LOGGER,
  httpRequestDuration,
  ProblemDetailsFilter,
  requestIdFor,
} from '@lc/core';

import * as activityPlansDtos from './cockpit/activity-plans.dto';
import * as areaReportDtos from './cockpit/area-report.dto';
import * as cockpitDtos from './cockpit/cockpit.dto';
import * as cockpitExportDtos from './cockpit/export.dto';
import * as researchDtos from './cockpit/research.dto';
import * as communityDtos from './community/community.dto';
import { documentValidationLimits, DtoClass } from './common/openapi-limits';
import * as identityDtos from './identity/identity.dto';
import * as innovationsDtos from './innovations/innovations.dto';
import * as ledgerDtos from './ledger/ledger.dto';
import * as marketplaceDtos from './marketplace/marketplace.dto';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';
import { serveWebApp } from './web/web-app';

export const API_PREFIX = 'api/v1';

export type AdapterSettings = Partial<
  Pick<AppConfig, 'TRUST_PROXY_HOPS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_IDLE_TIMEOUT_MS'>
>;

/**
 * The HTTP server: `TRUST_PROXY_HOPS`, how many proxies' X-Forwarded-For to believe (0: the socket's address is the
 * client); a request must arrive whole within `HTTP_REQUEST_TIMEOUT_MS` and an idle connection is closed after
 * `HTTP_IDLE_TIMEOUT_MS`, so slow or silent clients cannot hold sockets open.
 */
/** How many connections may wait to be accepted (see main.ts); the kernel caps it at net.core.somaxconn. */
export const LISTEN_BACKLOG = 4096;

export function createFastifyAdapter(settings: AdapterSettings = {}): FastifyAdapter {
  // A function, not the bare hop count: Fastify ≥ 5.12 trusts no one when given a number (it fails closed), which
  // would make every client behind the load balancer share its address in the per-IP limits.
  const hops = settings.TRUST_PROXY_HOPS ?? 0;
  const trustProxy = hops > 0 ? (_address: string, hop: number) => hop < hops : false;
  return new FastifyAdapter({
    trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: requestIdFor,
    requestTimeout: settings.HTTP_REQUEST_TIMEOUT_MS ?? 120_000,
    connectionTimeout: settings.HTTP_IDLE_TIMEOUT_MS ?? 30_000,
    keepAliveTimeout: Math.min(5_000, settings.HTTP_IDLE_TIMEOUT_MS ?? 5_000),
  });
}

/** `/api/v1` before every route but the Prometheus scrape. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
}

/** Everything main.ts and the tests both need, so tests speak to the same app people use. */
export async function setupApp(app: NestFastifyApplication): Promise<AppConfig> {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();
  applyGlobalPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));

  const fastify = app.getHttpAdapter().getInstance();
  // JSON bodies: nesting, characters and shape checked at the edge (input-guard.ts), before any transformer.
  app.useBodyParser('application/json', { bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body.toString('utf8')));
    } catch (error) {
      done(
        error instanceof SyntaxError ? new DomainError(CoreErrors.MALFORMED_JSON) : (error as Error),
        undefined,
      );
    }
  });
  // A body must arrive whole within HTTP_REQUEST_TIMEOUT_MS: Node checks its own request timeout only every 30 s,
  // so a client trickling a byte at a time is cut off here (uploads have their own deadline, UPLOAD_TIMEOUT_MS).
  fastify.addHook('onRequest', (request, _reply, done) => {
    const timer = setTimeout(() => request.raw.socket?.destroy(), config.HTTP_REQUEST_TIMEOUT_MS);
    timer.unref();
    (request as unknown as { bodyDeadline?: NodeJS.Timeout }).bodyDeadline = timer;
    done();
  });
  const bodyArrived = (request: object) =>
    clearTimeout((request as { bodyDeadline?: NodeJS.Timeout }).bodyDeadline);
  fastify.addHook('onResponse', async (request) => bodyArrived(request));
  fastify.addHook('preValidation', async (request) => {
    bodyArrived(request);
    // Query strings and path parameters too: PostgreSQL refuses U+0000 wherever it comes from.
    assertCleanValue(request.query, 'query');
    assertCleanValue(request.params, 'path');
  });
  const httpLogger = createHttpLogger(config, app.get(ROOT_LOGGER));
  fastify.addHook('onRequest', (request, reply, done) => {
    httpLogger(request.raw, reply.raw);
    bindRequestLogger(request.raw, done);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // https: a partner may link a perk's picture from its own site instead of uploading it.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      },
    },
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['x-request-id'],
  });

  // Attachments arrive as multipart forms and are streamed, never buffered whole: a file past the limit is
  // cut off and the rest of the request read and dropped, then refused with 413 (see multipart-upload.ts).
  await app.register(multipart, {
    limits: {
      fileSize: config.ATTACHMENT_MAX_BYTES,
      fields: 10,
      fieldSize: 1024,
      parts: 20,
      headerPairs: 50,
    },
    throwFileSizeLimit: true,
  });

  // CSV imports arrive as text/csv, up to 20 MB.
  fastify.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 },
    (_request, body, done) =>
      hasForbiddenCharacters(body as string)
        ? done(
            new DomainError(InputErrors.INVALID_CHARACTERS, 'The CSV holds a forbidden character'),
            undefined,
          )
        : done(null, body),
  );
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Answers of the API are about someone (or carry tokens): no browser or proxy keeps them.
    if (request.url.startsWith(`/${API_PREFIX}/`) && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  // The web app at `/` (when apps/web has been built): app paths answer its index.html.
  await serveWebApp(app, config);

  if (config.SWAGGER_ENABLED) {
    SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  }
  return config;
}

/**
 * The OpenAPI document: served at /api/docs-json, and the input of the web app's generated client
 * (apps/web/openapi.json, written by `npm run api:client`).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Learning Community API (ชุมชนนวัตกรรมการเรียนรู้)')
      .setDescription('OBEC Learning Community: innovations, feedback, points, perks and the cockpit.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  documentValidationLimits(
    document,
    [
      activityPlansDtos,
      areaReportDtos,
      cockpitDtos,
      cockpitExportDtos,
      communityDtos,
      identityDtos,
      innovationsDtos,
      ledgerDtos,
      marketplaceDtos,
      researchDtos,
    ].flatMap((module) =>
      Object.values(module).filter((value): value is DtoClass => typeof value === 'function'),
    ),
  );
  return document;
}
