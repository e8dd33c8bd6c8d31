import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { UNLIMITED_READS } from './unlimited';

/** The same V8 heap settings as `npm run start:api` and the container image. */
const API_HEAP_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=16'];

const live = (port: number): Promise<boolean> =>
  fetch(`http://127.0.0.1:${port}/health/live`).then(
    (r) => r.ok,
    () => false,
  );

/** Extra Node.js flags for the API under test, e.g. `BENCH_API_FLAGS=--cpu-prof` for a CPU profile of the run. */
const extraFlags = (): string[] => (process.env.BENCH_API_FLAGS ?? '').split(/\s+/).filter(Boolean);

/**
 * Starts the built API (`dist/main.js`) as a child process on `port`, as production runs it,
 * with the per-address read limits off (one client address sends all the load, they would
 * measure themselves) and `env` on top; resolves once it answers `/health/live`.
 */
export async function startApi(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  if (await live(port)) throw new Error(`port ${port} is taken by another server: stop it or set BENCH_PORT`);
  const child = spawn(process.execPath, [...API_HEAP_FLAGS, ...extraFlags(), join(__dirname, '..', 'main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...UNLIMITED_READS, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    if (await live(port)) return child;
  }
  child.kill();
  throw new Error('the API did not start');
}

/** Runs a benchmark: exit code 0 when it is done, 1 with its error's message when it fails. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
