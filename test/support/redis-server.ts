import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './ports';
import Redis from 'ioredis';


/**
 * A redis-server of a test's own, without persistence (`--save "" --appendonly no`): a test
 * can kill it and start it again, empty, on the same port, while the shared Redis is left alone.
 */
export class TestRedisServer {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedisServer> {
    const server = new TestRedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again, empty) on the same port; resolves once it answers PING. */
  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
      stdio: 'ignore',
    });
    this.process = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null }).on('error', () => undefined);
    try {
      const until = Date.now() + 10_000;
      for (;;) {
        const pong = await probe
          .connect()
          .then(() => probe.ping())
          .catch(() => null);
        if (pong === 'PONG') return;
        if (exited || Date.now() > until) throw new Error(`redis-server on port ${this.port} did not start`);
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      probe.disconnect();
    }
  }

  /** Kills the server (SIGKILL by default: it keeps nothing) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await gone;
  }
}
