import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** How much of a failed statement goes into its line. */
const QUERY_CHARS = 1000;

/**
 * TypeORM's log in the process log (context `database`): a failed query is one error line with
 * the statement and the error, never its parameters (they hold what readers and subscribers
 * wrote); schema and migration steps are debug.
 */
export class QueryLog implements TypeOrmLogger {
  private readonly logger = new Logger('database');

  logQuery(): void {
    // Every statement would drown the log; PostgreSQL's own log_statement is the tool for that.
  }

  logQueryError(error: string | Error, query: string): void {
    const statement = query.length > QUERY_CHARS ? `${query.slice(0, QUERY_CHARS)}…` : query;
    this.logger.error({ msg: 'query failed', query: statement }, typeof error === 'string' ? new Error(error) : error);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: `slow query (${time} ms)`, query: query.slice(0, QUERY_CHARS) });
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.debug(message);
  }

  log(): void {
    // TypeORM's own messages: its warnings are errors of idle pool connections, which
    // DatabaseAvailability's outage line covers, once.
  }
}
