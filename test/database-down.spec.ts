import type { LoggerService } from '@nestjs/common';
import { isDatabaseUnavailable } from '../src/infra/database/availability';
import { bearer, startWithBody } from './support/app';
import { TEST_DATABASE_URL } from './support/env';
import { createSession } from './support/factories';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** Keeps the application's log lines, one string each (level, message, parameters). */
class CapturedLog implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown, ...rest: unknown[]): void {
    this.add('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.add('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.add('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.add('verbose', message, rest);
  }
  private add(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push([level, message, ...rest].map((part) => (part instanceof Error ? part.stack : String(part))).join(' '));
  }
  matching(pattern: RegExp): string[] {
    return this.lines.filter((line) => pattern.test(line));
  }
}

/**
 * The API in front of a PostgreSQL that goes away (a proxy the test cuts): every request
 * gets a 503 problem with Retry-After, readiness says not ready, and the log has one line
 * when the outage starts and one when it ends, not a stack trace per request.
 */
describe('with PostgreSQL going away', () => {
  let t: Ctx;
  let proxy: TcpProxy;
  const log = new CapturedLog();
  const base = '/v1/bodies/musterstadt';
  const OUTAGE = /PostgreSQL is unreachable/;
  const RECOVERY = /PostgreSQL is reachable again/;

  beforeAll(async () => {
    const direct = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    t = await startWithBody(
      { READ_CACHE_MS: '0' },
      {
        logger: log,
        databaseUrl: (url) => {
          const proxied = new URL(url);
          proxied.hostname = '127.0.0.1';
          proxied.port = String(proxy.port);
          return proxied.toString();
        },
      },
    );
    await createSession(t.ds, { bodyId: t.body.id, name: 'Sitzung des Rates' });
  });
  afterAll(async () => {
    await proxy?.restore();
    await t?.close();
    await proxy?.close();
  });

  /** Waits until readiness says ready again (the pool reconnects on the next query). */
  async function untilReady(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await t.http().get('/health/ready')).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('not ready again');
  }

  it('answers 503 problem+json with Retry-After, says not ready, and logs the outage once', async () => {
    await t.http().get(`${base}/sessions`).expect(200);
    expect(log.matching(OUTAGE)).toEqual([]);
    await proxy.cut();

    for (let i = 0; i < 20; i++) {
      const res = await t.http().get(`${base}/sessions`).expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(30);
      expect(res.body).toMatchObject({ type: 'about:blank', title: 'Dienst nicht verfügbar', status: 503, code: 'database_unavailable', instance: `${base}/sessions` });
      expect(res.body.detail).toMatch(/Datenbank ist im Moment nicht erreichbar/);
    }
    // With an API key (looked up in PostgreSQL), a write, and OParl (its own error objects).
    const write = await t.http().post(`${base}/sessions`).set(...bearer(t.keys.editor)).send({ name: 'Während des Ausfalls', start: '2026-05-12T17:00:00+02:00' }).expect(503);
    expect(write.headers['retry-after']).toBeDefined();
    await t.http().get(`${base}/documents`).set(...bearer(t.keys.member)).expect(503);
    const oparl = await t.http().get('/oparl/v1.1/bodies/musterstadt/meeting').expect(503);
    expect(oparl.headers['retry-after']).toBeDefined();
    expect(oparl.body.type).toBe('https://schema.oparl.org/1.1/Error');

    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body.checks.database).toBe('down');
    await t.http().get('/health/live').expect(200);

    expect(log.matching(OUTAGE)).toHaveLength(1);
    expect(log.lines.filter((line) => /\n\s+at /.test(line))).toEqual([]);
    expect(log.matching(/unexpected|failed:/)).toEqual([]);

    await proxy.restore();
    await untilReady();
    const sessions = await t.http().get(`${base}/sessions`).expect(200);
    expect(sessions.body.data.map((s: { name: string }) => s.name)).toEqual(['Sitzung des Rates']);
    expect(log.matching(RECOVERY)).toHaveLength(1);
    expect(log.matching(OUTAGE)).toHaveLength(1);
  });

  it('logs each outage and each recovery once', async () => {
    await proxy.cut();
    for (let i = 0; i < 5; i++) await t.http().get(`${base}/sessions`).expect(503);
    await proxy.restore();
    await untilReady();
    await t.http().get(`${base}/sessions`).expect(200);
    expect(log.matching(OUTAGE)).toHaveLength(2);
    expect(log.matching(RECOVERY)).toHaveLength(2);
    expect(log.lines.filter((line) => /\n\s+at /.test(line))).toEqual([]);
  });
});

describe('errors that mean PostgreSQL is unreachable', () => {
  const pg = (code: string, message: string): Error => Object.assign(new Error(message), { code });

  it('are connection failures, server shutdowns and pool timeouts, also inside TypeORM errors', () => {
    const unavailable = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      pg('57P01', 'terminating connection due to administrator command'),
      pg('57P03', 'the database system is starting up'),
      pg('08006', 'connection failure'),
      pg('53300', 'sorry, too many clients already'),
      Object.assign(new Error('query failed'), { driverError: pg('57P02', 'terminating connection because of crash of another server process') }),
      Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'connect failed'), {}),
    ];
    for (const error of unavailable) expect([error.message, isDatabaseUnavailable(error)]).toEqual([error.message, true]);
  });

  it('are not errors of the query or the data', () => {
    const others = [pg('42601', 'syntax error at or near "SELEC"'), pg('23505', 'duplicate key value violates unique constraint'), pg('57014', 'canceling statement due to statement timeout'), new Error('boom'), 'ECONNREFUSED', null];
    for (const error of others) expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
