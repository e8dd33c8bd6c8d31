import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger, LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level } from 'pino';
import PinoPretty from 'pino-pretty';
import type { AppConfig } from '../../config/config';
import { ConfigError } from '../../config/config';

export type LogLevel = AppConfig['logLevel'];

/** Where log lines go instead of stdout: one JSON line per call. */
export interface LogStream {
  write(line: string): void;
}

/**
 * The request a line is logged in: the ProblemFilter, a service or a repository log through
 * Nest's Logger and never see the request, yet their lines carry its id (see requestContext).
 */
const currentRequest = new AsyncLocalStorage<string>();

/** Runs `next` (and everything it starts) as part of the request with this id. */
export function inRequest(reqId: string, next: () => void): void {
  currentRequest.run(reqId, next);
}

/** Headers that hold credentials: never in a line, wherever a request or its headers are logged. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-newsletter-token'];
const REDACT_PATHS = SECRET_HEADERS.flatMap((name) => [`req.headers["${name}"]`, `headers["${name}"]`, `*.headers["${name}"]`]);

/** An e-mail address anywhere in a text (a stack, an error of a library, a message, a URL's query). */
const EMAIL = /[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi;

/** The text with every e-mail address in it replaced. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '[e-mail]');
}

/** Fields of errors that hold what users wrote: a failed query's parameters (TypeORM's QueryFailedError). */
const PRIVATE_ERROR_FIELDS = new Set(['parameters']);

/**
 * Errors as pino writes them (type, message, stack, cause, own fields), without the values of
 * a failed query and with addresses masked.
 */
function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  const json = JSON.stringify(serialized ?? null, (key, value: unknown) => (PRIVATE_ERROR_FIELDS.has(key) ? '[redacted]' : value));
  return JSON.parse(maskEmails(json)) as unknown;
}

/**
 * A pino logger: JSON lines to the stream (stdout unless given), human-readable lines instead
 * when that stream is a terminal. `req` lines go through `serializers.req` where the caller
 * has one (the API's URL redaction).
 */
export function createPino(level: LogLevel, options: { stream?: LogStream; stderr?: boolean; serializers?: pino.LoggerOptions['serializers'] } = {}): pino.Logger {
  const terminal = options.stream === undefined && (options.stderr ? process.stderr : process.stdout).isTTY;
  const destination: DestinationStream = options.stream
    ? options.stream
    : terminal
      ? PinoPretty({
          destination: options.stderr ? 2 : 1,
          sync: true,
          colorize: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,context',
          messageFormat: '{if context}[{context}] {end}{msg}',
        })
      : pino.destination({ dest: options.stderr ? 2 : 1, sync: true });
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { ...options.serializers, err: serializeError },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        // Messages are masked here; errors by their serializer.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? maskEmails(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

/** Nest's own start-up lines (modules loaded, routes mapped): debug, not info. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** A stack trace as Nest's Logger takes it: `logger.error(message, error.stack)`. */
const STACK = /\n\s+at /;

/**
 * Nest's LoggerService over pino: `new Logger('context').warn(…)` becomes one JSON line with
 * `context`, and, inside a request, its `reqId`. An Error (or a stack string, as Nest passes
 * it) goes into `err`, one line with its stack.
 */
export class StructuredLogger implements LoggerService {
  constructor(readonly pino: pino.Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const last = rest.at(-1);
    const context = typeof last === 'string' && !STACK.test(last) ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && FRAMEWORK_CONTEXTS.has(context)) level = 'debug';
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const reqId = currentRequest.getStore();
    if (reqId !== undefined) fields.reqId = reqId;
    if (context) fields.context = context;
    const words: string[] = [];
    for (const part of [message, ...rest]) {
      if (part === undefined) continue;
      if (part instanceof Error) {
        fields.err = part;
        if (part !== message) continue;
        words.push(part.message);
      } else if (typeof part === 'string' && STACK.test(part)) {
        fields.err = { message: part.split('\n', 1)[0], stack: part };
      } else if (typeof part === 'object' && part !== null) {
        Object.assign(fields, part);
      } else if (typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean' || typeof part === 'bigint') {
        words.push(String(part));
      }
    }
    if (words.length) this.pino[level](fields, words.join(' '));
    else this.pino[level](fields);
  }
}

let installed: StructuredLogger | null = null;

/**
 * Makes pino the logger of this process: every `new Logger('context')` of Nest (and the
 * API's Fastify, given this logger) writes through it. Entry points call it first.
 */
export function useStructuredLogs(level: LogLevel, options: { stream?: LogStream; stderr?: boolean } = {}): StructuredLogger {
  installed = new StructuredLogger(createPino(level, options));
  Logger.overrideLogger(installed);
  return installed;
}

/**
 * The last line of a process that cannot go on: why, as a fatal line (a bad setting by its
 * message, anything else with its stack), then exit 1.
 */
export function exitWithError(context: string, error: unknown, options: { stderr?: boolean } = {}): never {
  const logger = installed ?? useStructuredLogs('info', options);
  if (error instanceof ConfigError) logger.fatal(error.message, context);
  else if (error instanceof Error) logger.fatal(error.message, error, context);
  else logger.fatal(String(error), context);
  process.exit(1);
}
