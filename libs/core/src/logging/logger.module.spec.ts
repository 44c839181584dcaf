import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { createHttpLogger, createRootLogger, Logger } from './logger.module';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { stream, lines };
}

/** A finished request as Node's http server would hand it to pino-http. */
function serve(http: ReturnType<typeof createHttpLogger>, method: string, url: string, status: number) {
  const request = Object.assign(new EventEmitter(), {
    method,
    url,
    headers: { authorization: 'Bearer secret-token' },
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;
  const response = Object.assign(new EventEmitter(), {
    statusCode: status,
    headersSent: true,
    getHeaders: () => ({ 'content-type': 'application/json' }),
    setHeader: () => undefined,
  }) as unknown as ServerResponse;
  http(request, response);
  response.emit('finish');
}

describe('logging', () => {
  it('prints one short readable line per request in development (pretty)', () => {
    const out = capture();
    const root = createRootLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }, out.stream);
    serve(createHttpLogger({ LOG_FORMAT: 'pretty' }, root), 'GET', '/api/v1/feed?scope=mine', 200);
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d] INFO: GET \/api\/v1\/feed\?scope=mine 200 \d+ ms$/);
    expect(out.lines[0]).not.toContain('secret-token');
  });

  it('prints errors with their stack on readable lines, and a context before the message', () => {
    const out = capture();
    const logger = new Logger(createRootLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }, out.stream), {
      LOG_FORMAT: 'pretty',
    } as never);
    logger.log('started', 'WorkerRunner');
    logger.log('module loaded', 'InstanceLoader');
    logger.error(new Error('relay failed'), 'OutboxRelay');
    const text = out.lines.join('\n');
    expect(out.lines[0]).toMatch(/INFO: \[WorkerRunner] started$/);
    expect(text).not.toContain('module loaded');
    expect(text).toMatch(/ERROR: \[OutboxRelay] relay failed/);
    expect(text).toMatch(/Error: relay failed\n\s+at /);
  });

  it('keeps one JSON line per event in production (json), with the request but never its credentials', () => {
    const out = capture();
    const root = createRootLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, out.stream);
    serve(createHttpLogger({ LOG_FORMAT: 'json' }, root), 'POST', '/api/v1/auth/login', 401);
    expect(out.lines).toHaveLength(1);
    const event = JSON.parse(out.lines[0]!) as {
      req: { method: string; headers: Record<string, string> };
      res: { statusCode: number };
    };
    expect(event.req.method).toBe('POST');
    expect(event.res.statusCode).toBe(401);
    expect(event.req.headers.authorization).toBe('[Redacted]');
  });
});
