import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseAvailability, isDatabaseUnavailable } from '../../infra/database/availability';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** RFC 9457 extension members (e.g. `current` of a 412, `quota` of a refused create). */
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem. Throw it from anywhere; the global filter renders it. */
export class Problem extends HttpException {
  /** Extension members of the body. */
  extensions: Record<string, unknown> = {};
  /** Response headers that belong to the problem (e.g. `Retry-After`). */
  headers: Record<string, string> = {};

  constructor(
    status: number,
    detail: string,
    readonly errors?: FieldError[],
    readonly problemType = 'about:blank',
  ) {
    super(detail, status);
  }

  /** Adds extension members and headers; returns the problem, to be thrown. */
  with(extra: { extensions?: Record<string, unknown>; headers?: Record<string, string> }): this {
    Object.assign(this.extensions, extra.extensions);
    Object.assign(this.headers, extra.headers);
    return this;
  }

  static notFound(what: string): Problem {
    return new Problem(HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static invalid(errors: FieldError[], detail = 'The request has invalid fields.'): Problem {
    return new Problem(HttpStatus.BAD_REQUEST, detail, errors);
  }

  /** 503 with `Retry-After`: PostgreSQL is unreachable; the same request may succeed shortly. */
  static databaseUnavailable(): Problem {
    return new Problem(HttpStatus.SERVICE_UNAVAILABLE, `The database is unavailable at the moment. Retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds.`).with({
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    });
  }
}

/**
 * The problem to answer for an error that is PostgreSQL being unreachable (told to
 * `availability`, which logs the outage once), or null for any other error.
 */
export function outageProblem(exception: unknown, availability?: DatabaseAvailability): Problem | null {
  if (exception instanceof HttpException || !isDatabaseUnavailable(exception)) return null;
  availability?.failed(exception);
  return Problem.databaseUnavailable();
}

/** Flattens class-validator errors into `{ field: "a.b", message }` pairs. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message });
    }
    if (error.children?.length) out.push(...fieldErrors(error.children, field));
  }
  return out;
}

export function problemBody(status: number, detail: string | undefined, request?: FastifyRequest, errors?: FieldError[], type = 'about:blank'): ProblemBody {
  return {
    type,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(request ? { instance: request.url.split('?')[0], requestId: String(request.id) } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/**
 * One error shape for the whole API: application/problem+json, never a stack trace. An
 * unreachable PostgreSQL is a 503 with `Retry-After`, logged once per outage.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(@Optional() private readonly availability?: DatabaseAvailability) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const exception = outageProblem(thrown, this.availability) ?? thrown;
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    let body: ProblemBody;
    let headers: Record<string, string> = {};
    if (exception instanceof Problem) {
      body = { ...exception.extensions, ...problemBody(exception.getStatus(), exception.message, request, exception.errors, exception.problemType) };
      headers = exception.headers;
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response && 'message' in response
          ? ([] as string[]).concat((response as { message: string | string[] }).message).join('; ')
          : exception.message;
      // Fastify's errors arrive here as HttpExceptions; a too large body is one (uploads say so as Problems).
      body = problemBody(status, status === 413 ? `The request body is larger than this route accepts (${request.routeOptions.bodyLimit} bytes).` : message, request);
    } else if (isFastifyError(exception)) {
      body = problemBody(exception.statusCode, exception.message, request);
    } else {
      body = problemBody(500, 'An unexpected error occurred. Quote the request id when reporting it.', request);
    }
    // Logged once, with the stack: unexpected errors and server-side HTTP exceptions.
    if (body.status >= 500 && !(exception instanceof Problem)) {
      this.logger.error(`request ${String(request?.id)} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    if (reply.sent) return;
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    void reply.status(body.status).header('Content-Type', 'application/problem+json; charset=utf-8').header('Cache-Control', 'no-store').send(JSON.stringify(body));
  }
}

function isFastifyError(error: unknown): error is { statusCode: number; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
    (error as { statusCode: number }).statusCode >= 400 &&
    (error as { statusCode: number }).statusCode < 500
  );
}
