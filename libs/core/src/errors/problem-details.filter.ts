import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from '../ids';
import { DomainError, FieldProblem } from './domain-error';
import { CoreErrors, errorDefinition } from './error-catalogue';
import { preferredLanguage } from '../http/language';

/** RFC 9457 problem details, with the platform's stable `code` and, on 5xx, an `errorId` that is also logged. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errorId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const STATUS_TO_CODE: Record<number, string> = {
  400: CoreErrors.BAD_REQUEST,
  401: CoreErrors.UNAUTHENTICATED,
  403: CoreErrors.FORBIDDEN,
  404: CoreErrors.NOT_FOUND,
  405: CoreErrors.METHOD_NOT_ALLOWED,
  409: CoreErrors.CONFLICT,
  413: CoreErrors.PAYLOAD_TOO_LARGE,
  415: CoreErrors.UNSUPPORTED_MEDIA_TYPE,
  422: CoreErrors.UNPROCESSABLE,
  429: CoreErrors.TOO_MANY_REQUESTS,
  503: CoreErrors.SERVICE_UNAVAILABLE,
};

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
}

const MALFORMED_BODY_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

export function toProblem(
  error: unknown,
  request: FastifyRequest | undefined,
  logger: Logger,
): ProblemDetails {
  const language = preferredLanguage(request?.headers['accept-language']);
  let code: string = CoreErrors.INTERNAL_ERROR;
  let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  let detail: string | undefined;
  let extensions: Record<string, unknown> = {};

  if (error instanceof DomainError) {
    code = error.code;
    status = error.status;
    detail = error.detail;
    extensions = error.extensions;
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    const response = error.getResponse();
    const body =
      typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    code =
      typeof body.code === 'string' && errorDefinition(body.code)
        ? body.code
        : (STATUS_TO_CODE[status] ?? code);
    // Fastify's own errors (body parsing, limits) arrive wrapped by Nest with the original as the cause.
    const cause = (error as { cause?: FastifyLikeError }).cause;
    if (cause?.code && MALFORMED_BODY_CODES.has(cause.code)) code = CoreErrors.MALFORMED_JSON;
    if (typeof response === 'string' && status < 500) detail = response;
    if (Array.isArray(body.errors)) extensions = { errors: body.errors };
    if (typeof body.detail === 'string') detail = body.detail;
    else if (status < 500 && typeof body.message === 'string') detail = body.message;
  }

  const definition = errorDefinition(code) ?? errorDefinition(CoreErrors.INTERNAL_ERROR)!;
  const title = language === 'en' ? definition.en : definition.th;
  const problem: ProblemDetails = {
    type: `https://learning-community.obec.go.th/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail: detail ?? title,
    code,
    ...(request?.url ? { instance: request.url } : {}),
    ...extensions,
  };

  if (status >= 500) {
    const errorId = uuidv7();
    problem.errorId = errorId;
    // Never leak internals to the client: the detail is the generic text, the cause goes to the log.
    problem.detail = title;
    logger.error({ err: error, errorId, code, requestId: request?.id }, 'request failed');
  }
  return problem;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, request, this.logger);
    if (typeof problem.retryAfter === 'number') void reply.header('retry-after', String(problem.retryAfter));
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }
}
