import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseAvailability, isDatabaseUnavailable } from '../../infra/database/availability';
import { DEFAULT_LANGUAGE, Language, languageOf } from './language';
import { DETAILS, DetailKey, FIELD_TEXTS, FieldCode, FieldKey, fill, noun, NounKey, Params, ProblemCode, STATUSES, validatorText } from './problem-texts';

/** A field error as thrown: the field, the text that explains it and the text's parameters. */
export interface FieldError {
  field: string;
  text: FieldKey;
  params?: Params;
}

/** A field error as answered: `code` is stable, `message` in the answer's language. */
export interface FieldErrorBody {
  field: string;
  code: FieldCode;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldErrorBody[];
  /** RFC 9457 extension members (e.g. `current` of a 412, `quota` of a refused create). */
  [extension: string]: unknown;
}

/** An RFC 9457 problem. Throw it from anywhere; the global filter renders it. */
export class Problem extends HttpException {
  /** Extension members of the body. */
  extensions: Record<string, unknown> = {};
  /** Response headers that belong to the problem (e.g. `Retry-After`). */
  headers: Record<string, string> = {};

  /**
   * `detail` names a text of the catalogue (problem-texts.ts), filled with `params` in the
   * language of the answer. The exception's message is the German text (the OParl routes
   * and logs show it).
   */
  constructor(
    status: number,
    readonly detail: DetailKey,
    readonly params: Params = {},
    readonly errors?: FieldError[],
    readonly problemType = 'about:blank',
  ) {
    super(fill(DETAILS[detail].de, params, DEFAULT_LANGUAGE), status);
  }

  /** The stable code; a problem of no more specific kind has the code of its status. */
  get code(): ProblemCode {
    return this.detail === 'request_refused' ? (STATUSES[this.getStatus()]?.code ?? 'invalid_request') : DETAILS[this.detail].code;
  }

  /** Adds extension members and headers; returns the problem, to be thrown. */
  with(extra: { extensions?: Record<string, unknown>; headers?: Record<string, string> }): this {
    Object.assign(this.extensions, extra.extensions);
    Object.assign(this.headers, extra.headers);
    return this;
  }

  /** 404: the `what` with this id (or slug) does not exist, or the caller may not see it. */
  static notFound(what: NounKey, id: string): Problem {
    return new Problem(HttpStatus.NOT_FOUND, 'not_found', { what: noun(what), id });
  }

  static invalid(errors: FieldError[], detail: DetailKey = 'invalid_fields'): Problem {
    return new Problem(HttpStatus.BAD_REQUEST, detail, {}, errors);
  }

  /** 503 with `Retry-After`: PostgreSQL is unreachable; the same request may succeed shortly. */
  static databaseUnavailable(): Problem {
    return new Problem(HttpStatus.SERVICE_UNAVAILABLE, 'database_unavailable', { seconds: DATABASE_RETRY_AFTER_SECONDS }).with({
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

/**
 * Field texts of class-validator's own constraints (those without a message of ours), and the
 * parameter its English message names last (`maxLength`: "… shorter than or equal to 200 characters").
 */
const CONSTRAINTS: Record<string, [text: FieldKey, param?: 'min' | 'max' | 'values']> = {
  isDefined: ['required'],
  isNotEmpty: ['required'],
  whitelistValidation: ['unknown_field'],
  unknownValue: ['unknown_value'],
  isString: ['not_a_string'],
  minLength: ['too_short', 'min'],
  maxLength: ['too_long', 'max'],
  arrayMinSize: ['too_few', 'min'],
  arrayMaxSize: ['too_many', 'max'],
  isArray: ['not_an_array'],
  isObject: ['not_an_object'],
  nestedValidation: ['not_an_object'],
  isUuid: ['not_a_uuid'],
  isInt: ['not_an_integer'],
  min: ['too_small', 'min'],
  max: ['too_large', 'max'],
  isBoolean: ['not_a_boolean'],
  isIn: ['not_one_of', 'values'],
  isEmail: ['not_an_email'],
  isIso8601: ['not_a_date'],
  matches: ['invalid_format'],
};

/** What one failed constraint says: our own message (see validatorMessage), else the constraint's text. */
function constraintText(field: string, name: string, message: string): FieldError {
  const own = validatorText(message);
  if (own) return { field, ...own };
  const [text, param] = CONSTRAINTS[name] ?? ['invalid_value'];
  if (!param) return { field, text };
  const value = param === 'values' ? message.slice(message.lastIndexOf(': ') + 2) : (/(-?\d+(?:\.\d+)?)\D*$/.exec(message)?.[1] ?? '');
  return { field, text, params: { [param]: value } };
}

/**
 * Flattens class-validator errors (made with `validationError.value: true`) into field errors
 * named by their path (`a.b`). A required field that is absent is one `required` error, not
 * one per constraint it fails.
 */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const absent = error.value === undefined && constraints.length > 0 && constraints.every(([name]) => name !== 'whitelistValidation' && name !== 'unknownValue');
    if (absent) out.push({ field, text: 'required' });
    else for (const [name, message] of constraints) out.push(constraintText(field, name, message));
    if (error.children?.length) out.push(...fieldErrors(error.children, field));
  }
  return out;
}

/** The problem+json body of `problem` in `language`, with the request's path and id. */
export function problemBody(problem: Problem, language: Language, request?: FastifyRequest): ProblemBody {
  const status = problem.getStatus();
  const errors = problem.errors?.map((e) => ({ field: e.field, code: FIELD_TEXTS[e.text].code, message: fill(FIELD_TEXTS[e.text][language], { field: e.field, ...e.params }, language) }));
  return {
    ...problem.extensions,
    type: problem.problemType,
    title: STATUSES[status]?.[language] ?? (language === 'de' ? 'Fehler' : 'Error'),
    status,
    code: problem.code,
    detail: fill(DETAILS[problem.detail][language], problem.params, language),
    ...(request ? { instance: request.url.split('?')[0], requestId: String(request.id) } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Sends `problem` as problem+json in the language the request asks for. */
export function sendProblem(reply: FastifyReply, problem: Problem, request: FastifyRequest): void {
  const language = languageOf(request.headers['accept-language']);
  for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
  const vary = reply.getHeader('vary');
  const varies = typeof vary === 'string' && vary ? (/\baccept-language\b/i.test(vary) ? vary : `${vary}, Accept-Language`) : 'Accept-Language';
  void reply
    .status(problem.getStatus())
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .header('Content-Language', language)
    .header('Vary', varies)
    .header('Cache-Control', 'no-store')
    .send(JSON.stringify(problemBody(problem, language, request)));
}

/**
 * The problem to answer for anything thrown: a Problem as it is; errors of Fastify and Nest
 * (a route that does not exist, a body too large, a Content-Type no parser takes) by status;
 * anything else a 500 that says nothing about its cause.
 */
export function asProblem(exception: unknown, request: FastifyRequest): Problem {
  if (exception instanceof Problem) return exception;
  const status = exception instanceof HttpException ? exception.getStatus() : isFastifyError(exception) ? exception.statusCode : 500;
  if (status >= 500) return new Problem(status, 'internal_error');
  if (status === 404) return new Problem(404, 'route_not_found', { method: request.method, path: request.url.split('?')[0] });
  if (status === 413) return new Problem(413, 'body_too_large', { limit: request.routeOptions.bodyLimit ?? 0 });
  if (status === 415) return new Problem(415, 'media_type_unsupported');
  return new Problem(status, 'request_refused');
}

/**
 * One error shape for the whole API: application/problem+json in the language of
 * `Accept-Language`, never a stack trace. An unreachable PostgreSQL is a 503 with
 * `Retry-After`, logged once per outage.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Optional() private readonly availability?: DatabaseAvailability) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const { exception, request, reply } = caught(thrown, host, this.availability);
    const problem = asProblem(exception, request);
    logUnexpected(problem.getStatus(), exception, request);
    if (reply.sent) return;
    sendProblem(reply, problem, request);
  }
}

const HTTP_LOGGER = new Logger('http');

/**
 * What an exception filter answers for: the thrown value (an unreachable PostgreSQL as its
 * 503, see outageProblem), the request and the reply.
 */
export function caught<R extends FastifyRequest = FastifyRequest>(
  thrown: unknown,
  host: ArgumentsHost,
  availability: DatabaseAvailability | undefined,
): { exception: unknown; request: R; reply: FastifyReply } {
  const http = host.switchToHttp();
  return { exception: outageProblem(thrown, availability) ?? thrown, request: http.getRequest<R>(), reply: http.getResponse<FastifyReply>() };
}

/** Logs an answer of 5xx once, with the stack, unless it was a Problem raised on purpose (unexpected errors, server-side HTTP exceptions). */
export function logUnexpected(status: number, exception: unknown, request: FastifyRequest | undefined, logger = HTTP_LOGGER): void {
  if (status < 500 || exception instanceof Problem) return;
  logger.error(`request ${String(request?.id)} failed: ${exception instanceof Error ? exception.message : String(exception)}`, exception instanceof Error ? exception : undefined);
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
