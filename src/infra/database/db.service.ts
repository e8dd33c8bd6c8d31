import { createHash } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomTypesConfig, Pool, QueryConfig, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { databaseReads } from '../metrics/metrics';
import { DatabaseAvailability } from './availability';
import { ReadReplicas } from './read-replicas';
import { poolOf } from './pool';

/** PostgreSQL type ids of the columns jsonRows reads. */
const JSON_OID = 114;
const TEXT_OID = 25;

/**
 * Parsers of jsonRows' binary result format: `json` is sent as its text, UTF-8 (kept as bytes;
 * pg hands each value over as a copy of its own), `text` likewise (decoded).
 */
const JSON_BYTES: CustomTypesConfig = {
  getTypeParser: ((oid: number) => {
    if (oid === JSON_OID) return (value: Buffer) => value;
    if (oid === TEXT_OID) return (value: Buffer) => value.toString('utf8');
    // Thrown while a row is read, where pg turns it into the query's error.
    return () => {
      throw new Error(`jsonRows reads json and text columns only, not type ${oid}: cast the column`);
    };
  }) as CustomTypesConfig['getTypeParser'],
};

/** pg's query options with the result format, which pg reads and its typings leave out. */
type BinaryQueryConfig = QueryConfig & { binary?: boolean };

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
  rows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return this.run<T>({ name: this.nameOf(text), text, values });
  }

  /**
   * Rows whose `json` columns arrive as the bytes PostgreSQL sent (UTF-8 JSON text, never a
   * JavaScript string) and whose `text` columns as strings. A page of a list is put together
   * from such bytes and sent as they are: decoding them into strings, joining those and
   * encoding the result again for the socket and the ETag cost more than the query did for
   * big pages (a full OParl crawl: 944 MB of JSON). Other column types are refused.
   */
  jsonRows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return this.run<T>({ name: this.nameOf(text), text, values, binary: true, types: JSON_BYTES });
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      name = 'q' + createHash('sha1').update(text).digest('hex').slice(0, 16);
      this.names.set(text, name);
    }
    return name;
  }

  private async run<T extends QueryResultRow>(query: BinaryQueryConfig): Promise<T[]> {
    const replica = this.replicas?.forRead();
    if (replica) {
      try {
        const result = await replica.query<T>(query);
        databaseReads.inc({ server: 'replica' });
        return result.rows;
      } catch (error) {
        // A replica that is gone or cancelled the read: the primary answers instead.
        if (!replica.failed(error)) throw error;
      }
    }
    const result = await this.pool.query<T>(query);
    databaseReads.inc({ server: 'primary' });
    this.availability?.succeeded();
    return result.rows;
  }

  async one<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T | undefined> {
    const rows = await this.rows<T>(text, values);
    return rows[0];
  }
}
