import { Logger, type LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../src/config/config';
import { migrate } from '../src/infra/database/migrate';
import { Db } from '../src/infra/database/db.service';
import { ReadReplicas } from '../src/infra/database/read-replicas';
import { allowReplicaReads, routeReads } from '../src/infra/database/read-routing';
import { bearer, startWithBody } from './support/app';
import { createPerson } from './support/factories';
import { PgCluster, postgresBin } from './support/pg-cluster';
import { Pool } from 'pg';
import { createStorage } from '../src/infra/storage/create-storage';
import { buildBodyExport, closeExportReplicas, exportReplicas } from '../src/modules/exports/export-store';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const SUITE = 'reads from a PostgreSQL streaming replica';
const bin = postgresBin();
if ('missing' in bin) {
  if (process.env.CI) throw new Error(`${SUITE} cannot run, and CI must run it: ${bin.missing}`);
  console.log(`${SUITE} skipped: ${bin.missing}`);
}

class CapturedLog implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(`log ${String(message)}`);
  }
  error(message: unknown): void {
    this.lines.push(`error ${String(message)}`);
  }
  warn(message: unknown): void {
    this.lines.push(`warn ${String(message)}`);
  }
  debug(): void {}
  verbose(): void {}
  matching(pattern: RegExp): string[] {
    return this.lines.filter((line) => pattern.test(line));
  }
}

describe('DATABASE_READ_URL and its settings', () => {
  const replicas = (env: Record<string, string>) => loadConfig(env).readReplicas;

  it('are off unless set, and take one or more replicas, comma-separated', () => {
    expect(replicas({})).toEqual({ urls: [], poolSize: 10, maxLagSeconds: 30 });
    expect(
      replicas({
        DATABASE_READ_URL: 'postgres://reader@db-replica-1:5432/ratsinfo, postgresql://reader:geheim@db-replica-2/ratsinfo',
        DATABASE_READ_POOL_SIZE: '20',
        DATABASE_READ_MAX_LAG_SECONDS: '5',
      }),
    ).toEqual({ urls: ['postgres://reader@db-replica-1:5432/ratsinfo', 'postgresql://reader:geheim@db-replica-2/ratsinfo'], poolSize: 20, maxLagSeconds: 5 });
  });

  it('stop the start with a message naming the variable, without the password', () => {
    const fails = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(fails({ DATABASE_READ_URL: 'mysql://db-replica/ratsinfo' })).toBe('DATABASE_READ_URL must use postgres: or postgresql:, got "mysql:"');
    expect(fails({ DATABASE_READ_URL: 'postgres://reader:geheim@db replica/ratsinfo' })).toBe(
      'DATABASE_READ_URL must be a comma-separated list of postgres:// URLs, got "postgres://…@db replica/ratsinfo"',
    );
    expect(fails({ DATABASE_READ_URL: 'postgres://db-replica/ratsinfo,' })).toMatch(/^DATABASE_READ_URL must be a comma-separated list of postgres:\/\/ URLs, got ""$/);
    expect(fails({ DATABASE_READ_URL: 'postgres://a/x,postgres://a/x' })).toBe('DATABASE_READ_URL names a replica twice');
    expect(fails({ DATABASE_READ_POOL_SIZE: '0' })).toBe('DATABASE_READ_POOL_SIZE must be between 1 and 200, got 0');
    expect(fails({ DATABASE_READ_MAX_LAG_SECONDS: 'soon' })).toBe('DATABASE_READ_MAX_LAG_SECONDS must be an integer, got "soon"');
  });
});

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Two PostgreSQL servers of the test's own: a primary and a streaming replica of it
 * (pg_basebackup -R), both logging every statement, so that the test reads from their logs
 * which server ran a read of the people list.
 */
('dir' in bin ? describe : describe.skip)(SUITE, () => {
  const MAX_LAG_SECONDS = 2;
  const PEOPLE = /FROM person p\s+WHERE/g;
  const path = '/v1/bodies/musterstadt/people';
  const log = new CapturedLog();
  let primary: PgCluster | undefined;
  let replica: PgCluster | undefined;
  let replicaSql: Client | undefined;
  let t: Ctx | undefined;
  let page = 0;

  const app = (): Ctx => t!;
  const names = (res: { body: { data: { name: string }[] } }): string[] => res.body.data.map((x) => x.name);
  /**
   * A people URL not read before (the read cache keeps pages per URL): a bound on `modified`
   * every person passes, a second later each time, so that no number of calls runs out of them
   * or meets a URL another test reads (a page size would, after enough polls).
   */
  const fresh = (): string => `${path}?modified_since=${new Date(Date.UTC(2000, 0, 1) + ++page * 1000).toISOString()}`;

  /** Runs `request` and says on which servers the people list was read meanwhile. */
  async function servedBy<T>(request: () => Promise<T>): Promise<{ result: T; primary: number; replica: number }> {
    const from = { primary: primary!.logSize(), replica: replica!.logSize() };
    const result = await request();
    // The log lines are written as the statements start; give the log a moment to be flushed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      result,
      primary: primary!.logSince(from.primary).match(PEOPLE)?.length ?? 0,
      replica: replica!.logSince(from.replica).match(PEOPLE)?.length ?? 0,
    };
  }

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function replayed(): Promise<void> {
    const [{ lsn }] = await app().ds.query<{ lsn: string }[]>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    await until('the replica has replayed the primary', async () => {
      const result = await replicaSql!.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
      return result.rows[0].done;
    });
  }

  const anonymous = (url: string) => app().http().get(url).expect(200);

  /** Waits until anonymous reads are served by the replica again. */
  const untilReplicaServes = () =>
    until('the replica serves anonymous reads', async () => {
      const read = await servedBy(() => anonymous(fresh()));
      return read.replica > 0 && read.primary === 0 ? read : undefined;
    });

  beforeAll(async () => {
    if (!('dir' in bin)) return;
    primary = await PgCluster.primary(bin.dir);
    // The migrations' progress lines are not this test's business.
    Logger.overrideLogger(['error', 'warn']);
    await migrate(primary.url('ratsinfo'));
    replica = await PgCluster.replicaOf(primary);
    replicaSql = new Client({ connectionString: replica.url('ratsinfo') });
    await replicaSql.connect();
    t = await startWithBody(
      {
        DATABASE_READ_URL: replica.url('ratsinfo'),
        DATABASE_READ_POOL_SIZE: '2',
        DATABASE_READ_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS),
        READ_CACHE_MS: '60000',
        LOG_LEVEL: 'info',
      },
      { logger: log, databaseUrl: () => primary!.url('ratsinfo') },
    );
    await createPerson(t.ds, { bodyId: t.body.id, name: 'Erika Mustermann' });
    await replayed();
  }, 180_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await replicaSql?.end().catch(() => undefined);
    await replica?.destroy();
    await primary?.destroy();
  }, 60_000);

  it('serves anonymous reads from the replica', async () => {
    const read = await untilReplicaServes();
    expect(names(read.result)).toContain('Erika Mustermann');
    // Replica sessions are set up as the primary's are: times in Europe/Berlin.
    const onPrimary = await app().http().get(path).set(...bearer(app().keys.member)).expect(200);
    const erika = (res: { body: { data: { name: string; created: string; modified: string }[] } }) => res.body.data.find((p) => p.name === 'Erika Mustermann');
    expect(erika(read.result)?.modified).toMatch(/T\d\d:\d\d:\d\d\+0[12]:00$/);
    expect(erika(read.result)).toMatchObject({ created: erika(onPrimary)?.created, modified: erika(onPrimary)?.modified });
    const health = await app().http().get('/health/ready').expect(200);
    expect(health.body.checks).toEqual({ database: 'ok', redis: 'ok', readReplica1: 'ok' });
  });

  it('serves OParl, the calendar and the Atom feeds to anonymous callers from the replica, and to API keys from the primary', async () => {
    const reads = async (server: 'primary' | 'replica'): Promise<number> => {
      const metrics = (await app().http().get('/metrics').set(...bearer(app().keys.admin)).expect(200)).text;
      return Number(new RegExp(`^ratsinfo_db_reads_total\\{server="${server}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    };
    await untilReplicaServes();
    for (const url of ['/oparl/v1.1/bodies/musterstadt', '/oparl/v1.1/bodies/musterstadt/person', '/v1/bodies/musterstadt/calendar.ics', '/v1/bodies/musterstadt/feeds/documents.atom']) {
      const before = await reads('replica');
      await app().http().get(url).expect(200);
      const anonymousOnReplica = (await reads('replica')) > before;
      const keyed = await reads('replica');
      await app().http().get(url).set(...bearer(app().keys.member)).expect(200);
      const keyedOnReplica = (await reads('replica')) > keyed;
      expect({ url, anonymousOnReplica, keyedOnReplica }).toEqual({ url, anonymousOnReplica: true, keyedOnReplica: false });
    }
  });

  /** Builds musterstadt's export with the app's settings and replicas (maxLagSeconds as given); says where it read and which people it holds. */
  async function exportOnce(maxLagSeconds = MAX_LAG_SECONDS): Promise<{ readFrom: string; people: number; snapshots: { primary: number; replica: number } }> {
    const config = app().config;
    const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    const replicas = exportReplicas({ readReplicas: { ...config.readReplicas, maxLagSeconds } });
    const from = { primary: primary!.logSize(), replica: replica!.logSize() };
    try {
      const result = await buildBodyExport(pool, createStorage(config), { publicUrl: config.publicUrl, keep: 3 }, 'musterstadt', undefined, replicas);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const exported = /pg_export_snapshot/g;
      return {
        readFrom: result.readFrom,
        people: result.counts['oparl/person'],
        snapshots: { primary: primary!.logSince(from.primary).match(exported)?.length ?? 0, replica: replica!.logSince(from.replica).match(exported)?.length ?? 0 },
      };
    } finally {
      await pool.end();
      await closeExportReplicas(replicas);
    }
  }

  it('builds the bulk export from the replica once it has replayed what the primary had', async () => {
    await createPerson(app().ds, { bodyId: app().body.id, name: 'Export Erika' });
    const people = Number((await app().ds.query(`SELECT count(*) FROM person WHERE body_id = $1 AND published_at IS NOT NULL AND deleted_at IS NULL`, [app().body.id]))[0].count);
    const built = await exportOnce();
    expect(built).toEqual({ readFrom: expect.stringMatching(/^127\.0\.0\.1:\d+\/ratsinfo$/), people, snapshots: { primary: 0, replica: 1 } });
  });

  it('builds the bulk export from the primary when the replica has not caught up in time, with everything written before', async () => {
    await replayed();
    await replicaSql!.query('SELECT pg_wal_replay_pause()');
    try {
      await createPerson(app().ds, { bodyId: app().body.id, name: 'Export Paula' });
      const people = Number((await app().ds.query(`SELECT count(*) FROM person WHERE body_id = $1 AND published_at IS NOT NULL AND deleted_at IS NULL`, [app().body.id]))[0].count);
      const built = await exportOnce(1);
      expect(built).toEqual({ readFrom: 'primary', people, snapshots: { primary: 1, replica: 0 } });
    } finally {
      await replicaSql!.query('SELECT pg_wal_replay_resume()');
    }
  });

  it('reads for API keys and writes on the primary', async () => {
    const member = await servedBy(() => app().http().get(fresh()).set(...bearer(app().keys.member)).expect(200));
    expect(member).toMatchObject({ primary: 1, replica: 0 });
    const editor = await servedBy(() => app().http().get(fresh()).set(...bearer(app().keys.editor)).expect(200));
    expect(editor).toMatchObject({ primary: 1, replica: 0 });

    const from = replica!.logSize();
    const created = await app().http().post(path).set(...bearer(app().keys.editor)).send({ name: 'Max Beispiel' }).expect(201);
    expect(created.body.name).toBe('Max Beispiel');
    // Only the primary can take a write; the replica ran none of the request's statements.
    expect(replica!.logSince(from)).not.toMatch(/INSERT/);
    const mine = await servedBy(() => app().http().get(`${path}/${created.body.id}`).set(...bearer(app().keys.editor)).expect(200));
    expect(mine).toMatchObject({ primary: 1, replica: 0 });
  });

  it('reads a page changed a moment ago from the primary while the replica has not replayed the change, and never caches it stale', async () => {
    const cached = `${path}?limit=50`;
    const draft = await app().http().post(path).set(...bearer(app().keys.editor)).send({ name: 'Paula Probe' }).expect(201);
    await replayed();
    await untilReplicaServes();
    expect(names(await anonymous(cached))).not.toContain('Paula Probe');
    // The replica stops replaying: it falls behind every write from now on.
    await replicaSql!.query('SELECT pg_wal_replay_pause()');
    try {
      await app().http().post(`${path}/${draft.body.id}/publish`).set(...bearer(app().keys.editor)).expect(200);
      const after = await servedBy(() => anonymous(cached));
      expect({ ...after, result: names(after.result) }).toMatchObject({ primary: 1, replica: 0, result: expect.arrayContaining(['Paula Probe']) });
      // Cached from the primary: served again without a query, with the change.
      const again = await servedBy(() => anonymous(cached));
      expect(names(again.result)).toContain('Paula Probe');
      expect(again).toMatchObject({ primary: 0, replica: 0 });
      // Other pages, too, stay on the primary while the replica lags behind the change.
      expect(await servedBy(() => anonymous(fresh()))).toMatchObject({ primary: 1, replica: 0 });
    } finally {
      await replicaSql!.query('SELECT pg_wal_replay_resume()');
    }
    // Replayed: anonymous reads are the replica's again, and it has the change.
    const caughtUp = await untilReplicaServes();
    expect(names(caughtUp.result)).toContain('Paula Probe');
  });

  it(`skips a replica more than DATABASE_READ_MAX_LAG_SECONDS behind, even for changes this process has not heard of`, async () => {
    await untilReplicaServes();
    await replicaSql!.query('SELECT pg_wal_replay_pause()');
    try {
      // Written past the API (no read cache invalidation): only the lag shows it.
      await createPerson(app().ds, { bodyId: app().body.id, name: 'Hanna Direkt' });
      const soon = await servedBy(() => anonymous(fresh()));
      expect(soon).toMatchObject({ primary: 0, replica: 1 });
      expect(names(soon.result)).not.toContain('Hanna Direkt');
      const late = await until('the lagging replica is skipped', async () => {
        const read = await servedBy(() => anonymous(fresh()));
        return read.primary === 1 ? read : undefined;
      }, (MAX_LAG_SECONDS + 5) * 1000);
      expect(late.replica).toBe(0);
      expect(names(late.result)).toContain('Hanna Direkt');
      const metrics = (await app().http().get('/metrics').set(...bearer(app().keys.admin)).expect(200)).text;
      const lag = Number(/^ratsinfo_db_read_replica_lag_seconds\{replica="127\.0\.0\.1:\d+\/ratsinfo"\} (\S+)$/m.exec(metrics)?.[1]);
      expect(lag).toBeGreaterThan(MAX_LAG_SECONDS);
    } finally {
      await replicaSql!.query('SELECT pg_wal_replay_resume()');
    }
    expect(names((await untilReplicaServes()).result)).toContain('Hanna Direkt');
  });

  it('repeats on the primary a read that needs a migration the replica has not replayed yet', async () => {
    await untilReplicaServes();
    await replicaSql!.query('SELECT pg_wal_replay_pause()');
    try {
      // A table the primary has and the replica does not yet; no change is announced.
      await app().ds.query('CREATE TABLE replica_lag_probe AS SELECT 1 AS x');
      const db = app().app.get(Db);
      const from = replica!.logSize();
      const rows = await new Promise<unknown>((resolve, reject) =>
        routeReads(() => {
          allowReplicaReads();
          db.rows('SELECT x FROM replica_lag_probe').then(resolve, reject);
        }),
      );
      expect(rows).toEqual([{ x: 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(replica!.logSince(from)).toMatch(/relation "replica_lag_probe" does not exist/);
    } finally {
      await replicaSql!.query('SELECT pg_wal_replay_resume()');
      await app().ds.query('DROP TABLE IF EXISTS replica_lag_probe');
    }
  });

  it('falls back to the primary without errors while the replica is down, logs the outage once and uses the replica again when it is back', async () => {
    await untilReplicaServes();
    await replicaSql!.end();
    replicaSql = undefined;
    await replica!.kill();
    for (let i = 0; i < 5; i++) {
      const read = await servedBy(() => anonymous(fresh()));
      expect(read.primary).toBe(1);
      expect(names(read.result)).toContain('Erika Mustermann');
    }
    await until('the health check finds the replica down', async () => {
      const health = await app().http().get('/health/ready').expect(200);
      return health.body.checks.readReplica1 === 'down';
    });
    const metrics = (await app().http().get('/metrics').set(...bearer(app().keys.admin)).expect(200)).text;
    expect(metrics).toMatch(/^ratsinfo_db_read_replica_up\{replica="127\.0\.0\.1:\d+\/ratsinfo"\} 0$/m);
    // Checked every second meanwhile: still one line for the outage.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(log.matching(/read replica .* is unavailable/)).toHaveLength(1);

    await replica!.start();
    await untilReplicaServes();
    expect(log.matching(/read replica .* answers again/)).toHaveLength(1);
    expect((await app().http().get('/health/ready').expect(200)).body.checks.readReplica1).toBe('ok');
    expect(log.matching(/^error/)).toEqual([]);
  });

  it('takes a replica that stops answering out of rotation within seconds: reads waiting on it and later ones go to the primary', async () => {
    await untilReplicaServes();
    const outages = log.matching(/read replica .* is unavailable/).length;
    replica!.freeze();
    try {
      const started = Date.now();
      // On a connection of the replica's pool: sent, never answered, until the checks find the replica down.
      const waiting = await servedBy(() => anonymous(fresh()));
      expect(waiting.primary).toBe(1);
      expect(names(waiting.result)).toContain('Erika Mustermann');
      // Well before the replica's own query timeout (15 s).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(log.matching(/read replica .* is unavailable \(timed out\)/)).toHaveLength(1);
      expect(log.matching(/read replica .* is unavailable/)).toHaveLength(outages + 1);
      expect(await servedBy(() => anonymous(fresh()))).toMatchObject({ primary: 1, replica: 0 });
      expect((await app().http().get('/health/ready').expect(200)).body.checks.readReplica1).toBe('down');
    } finally {
      replica!.thaw();
    }
    await untilReplicaServes();
    expect(log.matching(/^error/)).toEqual([]);
  });

  it('never uses a replica of another PostgreSQL cluster (another system identifier)', async () => {
    const config = loadConfig({ DATABASE_READ_URL: replica!.url('ratsinfo'), DATABASE_READ_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS) });
    /** The primary, or a primary that says it is another cluster. */
    const primaryAs = (other: boolean) =>
      ({
        query: async (sql: string) => {
          const rows = await app().ds.query<{ id: string }[]>(sql);
          return other && sql.includes('pg_control_system') ? [{ id: '1234567890' }] : rows;
        },
      }) as unknown as DataSource;
    for (const other of [false, true]) {
      const replicas = new ReadReplicas(config, primaryAs(other));
      await replicas.onModuleInit();
      try {
        expect({ other, up: replicas.state()[0].up }).toEqual({ other, up: !other });
      } finally {
        await replicas.onApplicationShutdown();
      }
    }
    expect(log.matching(/replicates another PostgreSQL cluster: system identifier \d+, the primary's is 1234567890/)).toHaveLength(1);
  });
});
