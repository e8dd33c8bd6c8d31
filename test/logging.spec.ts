import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewsletterService } from '../src/modules/newsletter/newsletter.service';
import { SessionsService } from '../src/modules/sessions/sessions.service';
import { createPino } from '../src/infra/logging/logger';
import { bearer, startWithBody } from './support/app';
import { createTestDatabase } from './support/database';

const ROOT = join(__dirname, '..');
const API = '/v1/bodies/musterstadt';

interface Line {
  level: string;
  time: string;
  msg: string;
  context?: string;
  reqId?: string;
  req?: { url: string };
  res?: { statusCode: number };
  err?: { type: string; message: string; stack: string };
  [field: string]: unknown;
}

/** Takes the JSON lines of a log; a line that is not one JSON object fails the test. */
function captured(): { stream: { write(line: string): void }; lines: Line[]; text: () => string } {
  const raw: string[] = [];
  const lines: Line[] = [];
  return {
    stream: {
      write: (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          raw.push(line);
          lines.push(JSON.parse(line) as Line);
        }
      },
    },
    lines,
    text: () => raw.join('\n'),
  };
}

/** The completion line of the request with this id (Fastify's `request completed`). */
function completion(lines: Line[], reqId: string): Line | undefined {
  return lines.find((l) => l.reqId === reqId && l.res !== undefined);
}

describe('the API log', () => {
  const log = captured();
  let t: Awaited<ReturnType<typeof startWithBody>>;

  beforeAll(async () => {
    t = await startWithBody({ LOG_LEVEL: 'info' }, { logStream: log.stream });
  });
  afterAll(async () => t?.close());

  it('writes an unexpected error as one JSON line with its stack and the request id', async () => {
    const list = jest.spyOn(t.app.get(SessionsService), 'list').mockRejectedValue(new Error('kaputt'));
    try {
      const res = await t.http().get(`${API}/sessions`).expect(500);
      const reqId = res.headers['x-request-id'];
      const errors = log.lines.filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ context: 'http', reqId, msg: `request ${reqId} failed: kaputt`, err: { type: 'Error', message: 'kaputt' } });
      expect(errors[0].err!.stack).toMatch(/^Error: kaputt\n {4}at /);
      expect(typeof errors[0].time).toBe('string');
      expect(completion(log.lines, reqId)).toMatchObject({ level: 'info', res: { statusCode: 500 } });
    } finally {
      list.mockRestore();
    }
  });

  it('keeps the request id on lines logged after a body that came in parts', async () => {
    const subscribe = jest.spyOn(t.app.get(NewsletterService), 'subscribe').mockRejectedValue(new Error('nach dem Lesen'));
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // The rest of the body arrives later, in an event of the socket, not of the request.
      const body = JSON.stringify({ email: 'erika@musterstadt.example', topics: { all: true }, frequency: 'daily', language: 'de' });
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: `${API}/newsletter/subscriptions`, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Request-Id': 'logtest-0001' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => req.end(body.slice(10)), 200);
      });
      expect(status).toBe(500);
      const line = log.lines.find((l) => l.err?.message === 'nach dem Lesen');
      expect(line).toMatchObject({ level: 'error', reqId: 'logtest-0001' });
      expect(completion(log.lines, 'logtest-0001')).toMatchObject({ res: { statusCode: 500 } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      subscribe.mockRestore();
    }
  });

  it('shows no key, token or e-mail address in any line', async () => {
    const token = 'aVeryPrivateNewsletterToken0123456789abcdefg';
    const email = 'dora.datenschutz@musterstadt.example';
    await t.http().get(`${API}/sessions`).set(...bearer(t.keys.editor)).set('Cookie', `session=${token}`).expect(200);
    await t.http().get(`${API}/newsletter/subscription?token=${token}`).set('X-Newsletter-Token', token);
    await t.http().post(`${API}/newsletter/unsubscribe?token=${token}`).type('form').send('List-Unsubscribe=One-Click');
    await t.http().post(`${API}/newsletter/subscriptions`).send({ email, topics: { all: true }, frequency: 'daily', language: 'de' }).expect(202);
    // Refused input and a query that holds the address.
    await t.http().post(`${API}/newsletter/subscriptions`).send({ email, topics: { all: true }, frequency: 'sometimes', language: 'de' }).expect(400);
    await t.http().get(`${API}/search?q=${encodeURIComponent(email)}`);
    await t.http().get(`${API}/search?q=${email}`);

    const text = log.text();
    expect(log.lines.filter((l) => l.req).length).toBeGreaterThanOrEqual(7);
    for (const secret of [t.keys.editor, token, email, encodeURIComponent(email), 'dora.datenschutz']) expect(text).not.toContain(secret);
    expect(log.lines.some((l) => l.req?.url === `${API}/newsletter/unsubscribe?token=[redacted]`)).toBe(true);
  });

  it('leaves the values of a failed query out of its lines', async () => {
    const secret = 'Quittenmarmelade-geheim';
    const list = jest.spyOn(t.app.get(SessionsService), 'list').mockImplementation(() => t.ds.query('SELECT $1::text AS note FROM no_such_table', [secret]));
    try {
      const res = await t.http().get(`${API}/sessions`).expect(500);
      const reqId = res.headers['x-request-id'];
      const lines = log.lines.filter((l) => l.reqId === reqId && l.level === 'error');
      // TypeORM's line of the failed query and the 500 of the request.
      expect(lines.map((l) => l.context).sort()).toEqual(['database', 'http']);
      expect(lines.every((l) => l.err?.message === 'relation "no_such_table" does not exist')).toBe(true);
      expect(log.text()).not.toContain(secret);
    } finally {
      list.mockRestore();
    }
  });

  it('redacts credential headers wherever a line holds them', () => {
    const out = captured();
    const logger = createPino('info', { stream: out.stream });
    const headers = { authorization: 'Bearer k3y', cookie: 'sid=c00kie', 'x-newsletter-token': 't0ken', accept: 'application/json' };
    logger.info({ req: { headers }, upstream: { headers } }, 'headers');
    expect(out.lines[0]).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-newsletter-token': '[redacted]', accept: 'application/json' } },
      upstream: { headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-newsletter-token': '[redacted]' } },
    });
    expect(out.text()).not.toMatch(/k3y|c00kie|t0ken/);
  });
});

describe('LOG_LEVEL of the API', () => {
  it('warn drops the info lines and keeps the errors', async () => {
    const log = captured();
    const t = await startWithBody({ LOG_LEVEL: 'warn' }, { logStream: log.stream });
    try {
      await t.http().get(`${API}/sessions`).expect(200);
      expect(log.lines).toEqual([]);
      const list = jest.spyOn(t.app.get(SessionsService), 'list').mockRejectedValue(new Error('kaputt'));
      try {
        await t.http().get(`${API}/sessions`).expect(500);
      } finally {
        list.mockRestore();
      }
      expect(log.lines.map((l) => l.level)).toEqual(['error']);
    } finally {
      await t.close();
    }
  });
});

/**
 * Runs an entry point of src/ in a node process of its own, compiling TypeScript on the fly as
 * jest does, with its output piped (not a terminal).
 */
async function runEntryPoint(entry: string, args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; stdout: string[]; stderr: string[]; exited: Promise<number | null>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'logging-child-'));
  const register = join(dir, 'register.js');
  await writeFile(
    register,
    `
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
const fs = require('fs');
require.extensions['.ts'] = (module, filename) => {
  const out = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } });
  module._compile(out.code, filename);
};
`,
  );
  const child = spawn(process.execPath, ['-r', register, join(ROOT, 'src', entry), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', STORAGE_DIR: join(dir, 'storage'), MAIL_OUTBOX_DIR: join(dir, 'mail'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      into.push(...parts);
    };
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function parsed(lines: string[]): Line[] {
  return lines.map((line) => JSON.parse(line) as Line);
}

/** A port nothing listens on: the worker finds Redis down and says so (a warning). */
const NO_REDIS = 'redis://127.0.0.1:9';

describe('the worker log', () => {
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  async function workerLines(level: string): Promise<{ stdout: Line[]; stderr: string[]; code: number | null }> {
    const run = await runEntryPoint('worker.ts', [], { NODE_ENV: 'test', LOG_LEVEL: level, DATABASE_URL: database.url, DATABASE_POOL_SIZE: '2', REDIS_URL: NO_REDIS, REDIS_PREFIX: 'logging-test' });
    try {
      // The relay runs without Redis; the queues' outage is one warning.
      await until(() => run.stdout.some((l) => l.includes('Redis unavailable')) || run.child.exitCode !== null, 90_000, 'the worker to report Redis');
      await new Promise((resolve) => setTimeout(resolve, 500));
      run.child.kill('SIGTERM');
      // It stops on its own within its grace time (25 s), Redis down or not.
      const kill = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
      const code = await run.exited;
      clearTimeout(kill);
      return { stdout: parsed(run.stdout), stderr: run.stderr, code };
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await run.cleanup();
    }
  }

  it('writes JSON lines only, with level, time and msg, at the level LOG_LEVEL says', async () => {
    const debug = await workerLines('debug');
    const warn = await workerLines('warn');
    for (const line of [...debug.stdout, ...warn.stdout]) {
      expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    }
    expect(debug.stderr.filter(Boolean)).toEqual([]);
    expect(warn.stderr.filter(Boolean)).toEqual([]);

    expect(debug.stdout).toContainEqual(expect.objectContaining({ level: 'info', context: 'worker', msg: expect.stringMatching(/^worker started/) }));
    expect(debug.stdout).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^Redis unavailable/) }));
    expect(warn.stdout).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^Redis unavailable/) }));
    expect(warn.stdout.filter((l) => l.level === 'info' || l.level === 'debug')).toEqual([]);
    // SIGTERM: everything closed in order, one line, exit code 0.
    expect(debug.code).toBe(0);
    expect(warn.code).toBe(0);
    expect(debug.stdout.filter((l) => /stopped/.test(l.msg))).toEqual([expect.objectContaining({ level: 'info', context: 'worker', msg: expect.stringMatching(/^worker stopped on SIGTERM in \d+ ms$/) })]);
    // Two node processes that compile the sources as they load them: slow on a busy machine.
  }, 240_000);
});

describe('the CLI', () => {
  it('prints its result on stdout and its log lines as JSON on stderr', async () => {
    const database = await createTestDatabase();
    const run = await runEntryPoint('cli.ts', ['api-key', 'create', '--role', 'admin', '--name', 'Logtest'], { NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: database.url, REDIS_URL: NO_REDIS });
    try {
      expect(await run.exited).toBe(0);
      const key = run.stdout.filter(Boolean).at(-1)!;
      expect(run.stdout[0]).toMatch(/^created admin key .* \(Logtest\); store it now/);
      const prefix = key.slice(0, 10);
      const revoke = await runEntryPoint('cli.ts', ['api-key', 'revoke', prefix], { NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: database.url, REDIS_URL: NO_REDIS });
      try {
        expect(await revoke.exited).toBe(0);
        expect(revoke.stdout.filter(Boolean)).toEqual([`revoked ${prefix}`]);
        const lines = parsed(revoke.stderr.filter(Boolean));
        expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', context: 'cli', msg: expect.stringMatching(/^Redis did not answer/) }));
        expect(revoke.stderr.join('\n')).not.toContain(key);
      } finally {
        await revoke.cleanup();
      }
    } finally {
      await run.cleanup();
      await database.drop();
    }
  }, 180_000);
});
