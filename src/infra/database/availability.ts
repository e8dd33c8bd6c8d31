import { Injectable, Logger } from '@nestjs/common';
import { QueryLog } from './query-log';

/** Seconds a client is asked to wait (`Retry-After`) while PostgreSQL is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of a server that is gone, refuses or cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01–57P03
 * (shut down by an administrator, crash recovery, cannot connect now) and 53300 (too many
 * connections).
 */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300)$/;

/** What node-postgres and its pool say when the connection is gone or never came. */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^terminating connection due to administrator command$/,
  /^the database system is (starting up|shutting down|in recovery mode)$/,
];

/**
 * Whether an error says that PostgreSQL is unreachable (rather than that a query was wrong):
 * the request may succeed when retried a little later. Looks through TypeORM's wrapper
 * (`driverError`), `cause` and aggregated errors (a refused dual-stack connect).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNAVAILABLE_STATES.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Whether PostgreSQL answers, as requests find out. The log gets one line when an outage
 * starts (the first request that finds it down) and one when it ends (the first query that
 * succeeds afterwards), not one per failed request.
 */
@Injectable()
export class DatabaseAvailability {
  private readonly logger = new Logger('database');
  private downSince: number | null = null;

  get down(): boolean {
    return this.downSince !== null;
  }

  /** A request failed because PostgreSQL is unreachable. */
  failed(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`PostgreSQL is unreachable (${reason}); answering 503 until it is back`);
  }

  /** A query succeeded. */
  succeeded(): void {
    if (this.downSince === null) return;
    const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
    this.downSince = null;
    this.logger.warn(`PostgreSQL is reachable again after ${seconds} s`);
  }
}

/**
 * The query log without the failed queries of an outage: those are counted by
 * DatabaseAvailability and answered 503; logging each would flood the log.
 */
export class OutageAwareLogger extends QueryLog {
  override logQueryError(error: string | Error, query: string): void {
    if (isDatabaseUnavailable(error)) return;
    super.logQueryError(error, query);
  }
}
