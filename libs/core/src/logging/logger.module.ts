import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The request id: the caller's `x-request-id` when it is sane, otherwise a new UUID. Fastify calls this
 * first; it stores the id on the raw request, where pino-http picks it up, so logs and answers agree.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** pino JSON logs: one line per event, the request id bound to every line of a request, errors under `err`. */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        PinoLoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.LOG_LEVEL,
              genReqId: (request: IncomingMessage) =>
                (request as IncomingMessage & { id?: string }).id ?? requestIdFor(request),
              customProps: (request: IncomingMessage) => {
                const user = (request as IncomingMessage & { user?: { id?: string } }).user;
                return user?.id ? { userId: user.id } : {};
              },
              redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              autoLogging: {
                ignore: (request: IncomingMessage) =>
                  request.url === '/metrics' || (request.url ?? '').startsWith('/api/v1/health'),
              },
            },
          }),
        }),
      ],
    };
  }
}
