import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import {
  APP_CONFIG,
  AppConfig,
  bindRequestLogger,
  createHttpLogger,
  createValidationPipe,
  Logger,
  ROOT_LOGGER,
  httpRequestDuration,
  ProblemDetailsFilter,
  requestIdFor,
} from '@lc/core';

import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

export const API_PREFIX = 'api/v1';

/** `trustProxyHops`: how many proxies' X-Forwarded-For to believe (0: the socket's address is the client). */
export function createFastifyAdapter(trustProxyHops = 0): FastifyAdapter {
  // Fastify takes a hop count as a number at run time; its types only list the other forms.
  const trustProxy = trustProxyHops as unknown as boolean;
  return new FastifyAdapter({ trustProxy, bodyLimit: 1024 * 1024, genReqId: requestIdFor });
}

/** Everything main.ts and the tests both need, so tests speak to the same app people use. */
export async function setupApp(app: NestFastifyApplication): Promise<AppConfig> {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));

  const fastify = app.getHttpAdapter().getInstance();
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
        imgSrc: ["'self'", 'data:'],
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
    (_request, body, done) => done(null, body),
  );
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
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

  if (config.SWAGGER_ENABLED) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Learning Community API (ชุมชนนวัตกรรมการเรียนรู้)')
        .setDescription('OBEC Learning Community: innovations, feedback, points, perks and the cockpit.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  return config;
}
