import { Logger, LoggerService } from '@nestjs/common';
import type { AppConfig } from '../src/config/config';
import { startWithBody } from './support/app';
import { TestRedisServer } from './support/redis-server';
import { NewsletterTestWorker, startNewsletterWorker, TestSmtp } from './support/smtp';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface LogLine {
  level: string;
  context: string;
  message: string;
}

/** Collects what the worker logs through the Nest logger. */
function captureLogs(): LogLine[] {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (message: unknown, ...params: unknown[]): void => {
      const context = params.at(-1);
      lines.push({ level, context: typeof context === 'string' ? context : '', message: String(message) });
    };
  const logger: LoggerService = { log: at('log'), warn: at('warn'), error: at('error'), debug: at('debug'), verbose: at('verbose'), fatal: at('fatal') };
  Logger.overrideLogger(logger);
  return lines;
}

/**
 * The worker against a Redis of its own that is killed and started again empty; the API and
 * its Redis stay up. PostgreSQL is the truth: nothing is lost or sent twice.
 */
describe('newsletter worker when Redis restarts empty', () => {
  let redis: TestRedisServer;
  let smtp: TestSmtp;
  let t: Ctx;
  let workerConfig: AppConfig;
  let worker: NewsletterTestWorker | null = null;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    smtp = new TestSmtp();
    await smtp.start();
    t = await startWithBody({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Ratsinformation <newsletter@musterstadt.example>',
      NEWSLETTER_TICK_SECONDS: '1',
      NEWSLETTER_IMMEDIATE_QUIET_SECONDS: '1',
      NEWSLETTER_STALE_SEND_SECONDS: '5',
      MAIL_RATE_PER_SECOND: '40',
    });
    workerConfig = { ...t.config, redisUrl: redis.url };
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
    await smtp.stop();
    await redis.kill();
  });

  it('logs the outage once when it begins and once when it ends, through the logger', async () => {
    const logs = captureLogs();
    const stderr = jest.spyOn(console, 'error');
    try {
      worker = await startNewsletterWorker(workerConfig, t.ds);
      await redis.kill();
      // Every connection, queue and worker fails to reconnect a few times meanwhile.
      await sleep(3000);
      await redis.start();
      const said = (context: string, text: string): LogLine[] => logs.filter((l) => l.context === context && l.message.startsWith(text));
      await until(() => said('newsletter', 'Redis reachable again').length > 0 && said('worker', 'Redis reachable again').length > 0, 'recovery to be logged');
      await sleep(2000);
      for (const context of ['newsletter', 'worker']) {
        expect({ context, lost: said(context, 'Redis unavailable').length, back: said(context, 'Redis reachable again').length }).toEqual({ context, lost: 1, back: 1 });
      }
      expect(said('newsletter', 'Redis unavailable')[0].level).toBe('warn');
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      await worker?.stop();
      worker = null;
    }
  });
});
