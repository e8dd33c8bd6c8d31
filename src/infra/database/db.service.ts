import { createHash } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { databaseReads } from '../metrics/metrics';
import { DatabaseAvailability } from './availability';
import { ReadReplicas } from './read-replicas';
import { poolOf } from './pool';

/**
 * Raw, prepared SQL on TypeORM's own connection pool. Read paths use it because entity
 * hydration costs more than the query (see the performance notes in the README);
 * writes go through TypeORM entities and transactions.
 */
@Injectable()
export class Db {
  private readonly names = new Map<string, string>();

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    /** Told of every success, so that the end of an outage is logged (absent outside the API). */
    @Optional() private readonly availability?: DatabaseAvailability,
    /** Streaming replicas for the reads of anonymous requests (absent outside the API). */
    @Optional() private readonly replicas?: ReadReplicas,
  ) {}

  private get pool(): Pool {
    return poolOf(this.dataSource);
  }

  /** Runs a query as a named prepared statement (parsed once per connection). */
  async rows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    let name = this.names.get(text);
    if (!name) {
      name = 'q' + createHash('sha1').update(text).digest('hex').slice(0, 16);
      this.names.set(text, name);
    }
    const replica = this.replicas?.forRead();
    if (replica) {
      try {
        const result = await replica.query<T>({ name, text, values });
        databaseReads.inc({ server: 'replica' });
        return result.rows;
      } catch (error) {
        // A replica that is gone or cancelled the read: the primary answers instead.
        if (!replica.failed(error)) throw error;
      }
    }
    const result = await this.pool.query<T>({ name, text, values });
    databaseReads.inc({ server: 'primary' });
    this.availability?.succeeded();
    return result.rows;
  }

  async one<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T | undefined> {
    const rows = await this.rows<T>(text, values);
    return rows[0];
  }
}
