import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ReadReplicaGauge, readReplicaSources } from '../metrics/metrics';
import { within } from '../redis/within';
import { isDatabaseUnavailable } from './availability';
import { CONNECT_TIMEOUT_MS, CONNECTION_OPTIONS } from './data-source';
import { replicaReadsAllowed } from './read-routing';

/** How often the primary's WAL position and each replica's replay position are read. */
export const REPLICA_CHECK_MS = 1000;
/** A replica (or the primary) that does not answer a check within this is counted as down. */
const CHECK_TIMEOUT_MS = 2000;
/** A read on a replica that takes longer than this is given up and repeated on the primary. */
const REPLICA_QUERY_TIMEOUT_MS = 15_000;
/** First wait before a replica that is behind the latest change is checked again (doubled up to REPLICA_CHECK_MS). */
const CATCH_UP_FIRST_MS = 25;

/** A WAL position (`16/B374D848`) as a number that orders like the position. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** One replica as the checks and the reads find it: host:port/database (never the credentials), up, lag in seconds. */
export type ReplicaState = ReadReplicaGauge;

/** A replica chosen for one read, and what to do when the read fails there. */
export interface ReplicaRead {
  /** Runs the query on the replica; fails at once when the replica is taken out of rotation meanwhile. */
  query<T extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<T>>;
  /** The read failed on the replica: true when the primary should answer it instead. */
  failed(error: unknown): boolean;
}

/** What a read still running on a replica fails with when the replica is found down. */
class ReplicaDown extends Error {}

/** Rejected when the replica's current time in rotation ends. */
interface OutageSignal {
  promise: Promise<never>;
  reject(error: Error): void;
}

function outageSignal(): OutageSignal {
  let reject!: (error: Error) => void;
  const promise = new Promise<never>((_, no) => (reject = no));
  // Only reads racing it care; an outage nobody was reading through is no unhandled rejection.
  promise.catch(() => undefined);
  return { promise, reject };
}

interface Replica {
  name: string;
  pool: Pool;
  read: ReplicaRead;
  outage: OutageSignal;
  up: boolean;
  /** When the current outage began (ms), for the log line at its end. */
  downSince: number | null;
  /** What the last check found replayed; null before the first check. */
  replayed: bigint | null;
  /** Whether it was found to replicate the primary (same system identifier) since it last came up. */
  verified: boolean;
}

/** The primary's WAL position at a moment: a replica that replayed it is at least as fresh as the primary then. */
interface Sample {
  lsn: bigint;
  at: number;
}

/** The cluster's system identifier: the same on a primary and its physical replicas. */
async function systemIdentifier(query: (sql: string) => Promise<{ id: string }[]>): Promise<string> {
  const rows = await query('SELECT system_identifier::text AS id FROM pg_control_system()');
  return rows[0].id;
}

/** A replica as logs and metrics name it: host:port/database, never the credentials. */
export function describeReplica(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * SQLSTATEs of a replica query that the primary answers instead, without taking the replica
 * out: 40001, on a hot standby "canceling statement due to conflict with recovery"; 42P01,
 * 42703, 42883 (no such table, column, function): a migration the replica has not replayed yet.
 */
const PRIMARY_ANSWERS = new Set(['40001', '42P01', '42703', '42883']);

function isReplicaLag(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && PRIMARY_ANSWERS.has(code);
}

/**
 * The streaming replicas of `DATABASE_READ_URL` and which of them may serve a read now.
 *
 * A replica serves the reads of requests that allow it (see read-routing.ts) while it
 * - is a streaming replica of this primary (in recovery, with the primary's system identifier);
 * - answers: one that refuses connections or times out is taken out of rotation at once (its
 *   reads are repeated on the primary, no error reaches the client), logged once, checked
 *   every second in the background and used again when it answers;
 * - has replayed every change this process has heard of: each invalidation of the read cache
 *   (a write here, or one announced by another process) reads the primary's WAL position
 *   (`fence`), and reads stay on the primary until a replica has replayed up to it. A page is
 *   therefore never read (and cached) from a replica that has not seen the change that
 *   dropped it;
 * - lags at most `DATABASE_READ_MAX_LAG_SECONDS`: every second the primary's WAL position is
 *   sampled; a replica that replayed the sample of time t is at most now − t behind.
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('database');
  private readonly replicas: Replica[];
  private samples: Sample[] = [];
  /** The primary's system identifier: a replica must have the same one (a copy of that cluster). */
  private primarySystem: string | null = null;
  /** Every change heard of so far is at or before this position of the primary. */
  private required = 0n;
  /** Fences whose position is still being read: reads stay on the primary meanwhile. */
  private fencing = 0;
  private fenceAgain = false;
  /** A fence whose position could not be read: resolved by the next sample of the primary. */
  private unresolved = false;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private catchUp: NodeJS.Timeout | null = null;
  private catchUpDelay = CATCH_UP_FIRST_MS;
  private checking: Promise<void> | null = null;
  private closed = false;
  private readonly gauges = (): ReplicaState[] => this.state();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const { urls, poolSize } = config.readReplicas;
    this.replicas = urls.map((url) => {
      const pool = new Pool({
        connectionString: url,
        max: poolSize,
        application_name: 'ratsinfo-read',
        options: CONNECTION_OPTIONS,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        query_timeout: REPLICA_QUERY_TIMEOUT_MS,
      });
      const replica: Replica = {
        name: describeReplica(url),
        pool,
        read: {
          // A replica that stops answering is found by the checks within seconds; reads waiting on it then go to the primary.
          query: <T extends QueryResultRow>(config: QueryConfig) => Promise.race([pool.query<T>(config), replica.outage.promise]),
          failed: (error) => this.failed(replica, error),
        },
        outage: outageSignal(),
        up: false,
        downSince: null,
        replayed: null,
        verified: false,
      };
      // An idle connection that breaks (the replica stopped) is dropped by the pool; it tells us here.
      pool.on('error', (error) => this.failed(replica, error));
      return replica;
    });
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  async onModuleInit(): Promise<void> {
    if (!this.configured) return;
    // The first check decides which replicas serve; start-up does not wait long for it.
    readReplicaSources.add(this.gauges);
    await within(this.check(), CHECK_TIMEOUT_MS + 500).catch(() => undefined);
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.catchUp) clearTimeout(this.catchUp);
    await this.checking?.catch(() => undefined);
    readReplicaSources.delete(this.gauges);
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }

  /** The pool of a replica that may serve the current request's reads, or null for the primary. */
  forRead(): ReplicaRead | null {
    if (!this.configured || !replicaReadsAllowed()) return null;
    if (this.fencing > 0 || this.unresolved) return null;
    const count = this.replicas.length;
    for (let i = 0; i < count; i++) {
      const replica = this.replicas[(this.next + i) % count];
      if (this.usable(replica)) {
        this.next = (this.next + i + 1) % count;
        return replica.read;
      }
    }
    return null;
  }

  /**
   * A read on this replica failed. True when the primary should answer it instead: the replica
   * is unreachable (then taken out of rotation until a check finds it back), it cancelled the
   * read because of a conflict with replication, or it lacks a migration the primary has.
   */
  private failed(replica: Replica, error: unknown): boolean {
    if (isReplicaLag(error) || error instanceof ReplicaDown) return true;
    const message = error instanceof Error ? error.message : String(error);
    if (!isDatabaseUnavailable(error) && message !== 'Query read timeout') return false;
    this.markDown(replica, message);
    return true;
  }

  /**
   * A change was committed (or announced): reads stay on the primary until a replica has
   * replayed the primary's current WAL position, which is at or after that change.
   */
  fence(): void {
    if (!this.configured || this.closed) return;
    if (this.fencing > 0) {
      this.fenceAgain = true;
      return;
    }
    this.fencing++;
    const run = (): void => {
      this.fenceAgain = false;
      this.primaryLsn().then(
        (lsn) => {
          if (lsn > this.required) this.required = lsn;
          if (this.fenceAgain) return run();
          this.fencing--;
          this.catchUpDelay = CATCH_UP_FIRST_MS;
          this.scheduleCatchUp();
        },
        () => {
          this.unresolved = true;
          this.fencing--;
        },
      );
    };
    run();
  }

  /** Each replica: whether it serves, and how far behind it is. */
  state(): ReplicaState[] {
    return this.replicas.map((r) => ({ name: r.name, up: r.up, lagSeconds: r.up ? this.lagOf(r) : null }));
  }

  private usable(replica: Replica): boolean {
    if (!replica.up || replica.replayed === null || replica.replayed < this.required) return false;
    const lag = this.lagOf(replica);
    return lag !== null && lag <= this.config.readReplicas.maxLagSeconds;
  }

  /** Seconds the replica is behind at most: since the newest sample of the primary it has replayed. */
  private lagOf(replica: Replica): number | null {
    if (replica.replayed === null) return null;
    for (let i = this.samples.length - 1; i >= 0; i--) {
      const sample = this.samples[i];
      if (sample.lsn > replica.replayed) continue;
      if (i === this.samples.length - 1) return 0;
      // Caught up with sample i, not yet with sample i + 1: behind by no more than since sample i.
      return (Date.now() - sample.at) / 1000;
    }
    // Behind every sample kept: at least as far behind as the oldest.
    return this.samples.length ? (Date.now() - this.samples[0].at) / 1000 : null;
  }

  /**
   * Where the primary inserts WAL now: every transaction committed so far ends at or before it.
   * (`pg_current_wal_lsn()` is where WAL was written; with `synchronous_commit = off` a commit
   * may already be visible on the primary and lie beyond it.)
   */
  private async primaryLsn(): Promise<bigint> {
    const rows: { lsn: string }[] = await within(this.dataSource.query('SELECT pg_current_wal_insert_lsn()::text AS lsn'), CHECK_TIMEOUT_MS);
    return parseLsn(rows[0].lsn);
  }

  /** One round of checks (never two at once): the primary's position, then every replica. */
  private check(): Promise<void> {
    if (this.checking || this.closed) return this.checking ?? Promise.resolve();
    this.checking = this.runCheck().finally(() => (this.checking = null));
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    try {
      this.primarySystem ??= await systemIdentifier((sql) => this.dataSource.query(sql));
      const lsn = await this.primaryLsn();
      const now = Date.now();
      this.samples.push({ lsn, at: now });
      const keepMs = (this.config.readReplicas.maxLagSeconds + 5) * 1000;
      while (this.samples.length > 1 && this.samples[0].at < now - keepMs) this.samples.shift();
      if (this.unresolved && this.fencing === 0) {
        if (lsn > this.required) this.required = lsn;
        this.unresolved = false;
      }
    } catch {
      // The primary is down: no new sample, so the replicas' lag grows until it answers again.
    }
    await Promise.all(this.replicas.map((r) => this.checkReplica(r)));
  }

  private async checkReplica(replica: Replica): Promise<void> {
    try {
      const result = await within(
        replica.pool.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn'),
        CHECK_TIMEOUT_MS,
      );
      const lsn = result.rows[0]?.lsn;
      if (!lsn) {
        this.markDown(replica, 'it is not a streaming replica (not in recovery)');
        return;
      }
      if (!replica.verified) {
        // Positions of another cluster's WAL say nothing about this one's.
        if (this.primarySystem === null) return;
        const system = await within(systemIdentifier(async (sql) => (await replica.pool.query<{ id: string }>(sql)).rows), CHECK_TIMEOUT_MS);
        if (system !== this.primarySystem) {
          this.markDown(replica, `it replicates another PostgreSQL cluster: system identifier ${system}, the primary's is ${this.primarySystem}`);
          return;
        }
        replica.verified = true;
      }
      replica.replayed = parseLsn(lsn);
      this.markUp(replica);
    } catch (error) {
      this.markDown(replica, error instanceof Error ? error.message : String(error));
    }
  }

  /** While a replica that answers is behind the latest change, checks it again soon (backing off). */
  private scheduleCatchUp(): void {
    if (this.catchUp || this.closed) return;
    if (!this.replicas.some((r) => r.up && (r.replayed === null || r.replayed < this.required))) return;
    this.catchUp = setTimeout(() => {
      this.catchUp = null;
      void Promise.all(this.replicas.filter((r) => r.up).map((r) => this.checkReplica(r))).then(() => {
        this.catchUpDelay = Math.min(this.catchUpDelay * 2, REPLICA_CHECK_MS);
        this.scheduleCatchUp();
      });
    }, this.catchUpDelay);
    this.catchUp.unref();
  }

  private markDown(replica: Replica, reason: string): void {
    replica.verified = false;
    if (replica.up) {
      replica.outage.reject(new ReplicaDown(`read replica ${replica.name} is unavailable`));
      replica.outage = outageSignal();
    }
    replica.up = false;
    if (replica.downSince !== null) return;
    replica.downSince = Date.now();
    this.logger.warn(`read replica ${replica.name} is unavailable (${reason}); the primary serves its reads meanwhile`);
  }

  private markUp(replica: Replica): void {
    replica.up = true;
    if (replica.downSince === null) return;
    const seconds = ((Date.now() - replica.downSince) / 1000).toFixed(1);
    replica.downSince = null;
    this.logger.log(`read replica ${replica.name} answers again after ${seconds} s; reads go to it again`);
  }
}
