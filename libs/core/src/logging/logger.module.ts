import { DynamicModule, Global, Inject, Injectable, LoggerService, Module } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Level, Logger as Pino } from 'pino';
import { pinoHttp, HttpLogger } from 'pino-http';
import pretty from 'pino-pretty';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** The root pino logger of the process (the one LoggerService and the HTTP logger write to). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The logger bound to the request being served, so that what a service logs carries the request id. */
const requestScope = new AsyncLocalStorage<Pino>();

type RequestWithId = IncomingMessage & { id?: string; user?: { memberId?: string } };

/**
 * The request id: the caller's `x-request-id` when it is sane, otherwise a new UUID. Fastify calls this
 * first; it stores the id on the raw request, where pino-http picks it up, so logs and answers agree.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
  (raw as RequestWithId).id = id;
  return id;
}

/**
 * `json`: one JSON line per event (production, log collectors). `pretty`: short human lines for a terminal —
 * time, level, method, URL, status and duration for requests; errors with their stack.
 */
export function createRootLogger(
  config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  destination?: NodeJS.WritableStream,
): Pino {
  const options = {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
  if (config.LOG_FORMAT !== 'pretty') return destination ? pino(options, destination) : pino(options);
  return pino(
    options,
    pretty({
      sync: true,
      ...(destination ? { destination } : {}),
      colorize: !destination && Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,context,reqId,req,res,responseTime,memberId',
      messageFormat: '{if context}[{context}] {end}{msg}',
      singleLine: true,
    }),
  );
}

/** pino-http for the API: one line per finished request (health and metrics probes are not logged). */
export function createHttpLogger(config: Pick<AppConfig, 'LOG_FORMAT'>, root: Pino): HttpLogger {
  const pretty = config.LOG_FORMAT === 'pretty';
  return pinoHttp({
    logger: root,
    genReqId: (request: IncomingMessage) => (request as RequestWithId).id ?? requestIdFor(request),
    customProps: (request: IncomingMessage) => {
      const actor = (request as RequestWithId).user;
      return actor?.memberId ? { memberId: actor.memberId } : {};
    },
    autoLogging: {
      ignore: (request: IncomingMessage) =>
        request.url === '/metrics' || (request.url ?? '').startsWith('/api/v1/health'),
    },
    ...(pretty
      ? {
          customSuccessMessage: (request: IncomingMessage, response: ServerResponse, ms: number) =>
            `${request.method} ${request.url} ${response.statusCode} ${Math.round(ms)} ms`,
          customErrorMessage: (request: IncomingMessage, response: ServerResponse, error: Error) =>
            `${request.method} ${request.url} ${response.statusCode} ${error.message}`,
        }
      : {}),
  });
}

/** Runs `next` with the request's logger bound (services' Nest Logger calls then carry the request id). */
export function bindRequestLogger(request: IncomingMessage & { log?: Pino }, next: () => void): void {
  if (request.log) requestScope.run(request.log, next);
  else next();
}

/** Nest's start-up chatter (a line per module and per route): kept out of the short development lines. */
const QUIET_IN_PRETTY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's LoggerService on pino: `app.useLogger(app.get(Logger))`. */
@Injectable()
export class Logger implements LoggerService {
  private readonly quiet: ReadonlySet<string>;

  constructor(
    @Inject(ROOT_LOGGER) private readonly root: Pino,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.quiet = config.LOG_FORMAT === 'pretty' ? QUIET_IN_PRETTY : new Set();
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  /** Nest calls (message, context), and for errors (message, stack, context). */
  private write(level: Level, message: unknown, rest: unknown[], isError = false): void {
    const target = requestScope.getStore() ?? this.root;
    const args = [...rest];
    const context = args.length > 0 && typeof args[args.length - 1] === 'string' ? args.pop() : undefined;
    if (level === 'info' && typeof context === 'string' && this.quiet.has(context)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      target[level]({ ...fields, err: message }, message.message);
      return;
    }
    if (isError && typeof args[0] === 'string') fields.err = { message: String(message), stack: args[0] };
    if (message !== null && typeof message === 'object') target[level]({ ...fields, ...message });
    else target[level](fields, String(message));
  }
}

/** pino logs: JSON lines in production, short readable lines in development (LOG_FORMAT). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => createRootLogger(config),
        },
        Logger,
      ],
      exports: [ROOT_LOGGER, Logger],
    };
  }
}
