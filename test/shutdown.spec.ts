import { EventEmitter } from 'node:events';
import { closeInOrder, closeOnSignal, closeTogether } from '../src/infra/process/shutdown';

/** A process stand-in: signals are events, exit records its code. */
function fakeProcess(): EventEmitter & { exit(code: number): void; exited: Promise<number> } {
  const proc = new EventEmitter() as EventEmitter & { exit(code: number): void; exited: Promise<number> };
  proc.exited = new Promise((resolve) => (proc.exit = resolve));
  return proc;
}

function fakeLogger(): { lines: string[]; log(line: string): void; error(line: string): void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(`log ${line}`), error: (line) => lines.push(`error ${line}`) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('shutdown on a signal', () => {
  it('closes the steps in order, logs one line and exits with 0', async () => {
    const proc = fakeProcess();
    const logger = fakeLogger();
    const order: string[] = [];
    closeOnSignal(
      'demo',
      [
        async () => {
          await sleep(20);
          order.push('api');
        },
        () => Promise.resolve(void order.push('worker')),
      ],
      { process: proc, logger },
    );
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    expect(proc.listenerCount('SIGINT')).toBe(1);
    proc.emit('SIGTERM', 'SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(order).toEqual(['api', 'worker']);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^log demo stopped on SIGTERM in \d+ ms$/);
    // A second signal is no longer handled: its default action ends the process at once.
    expect(proc.listenerCount('SIGTERM') + proc.listenerCount('SIGINT')).toBe(0);
  });

  it('runs the later steps when one fails, and exits with 1', async () => {
    const proc = fakeProcess();
    const logger = fakeLogger();
    let closed = false;
    closeOnSignal('worker', [() => Promise.reject(new Error('pool already ended')), () => Promise.resolve(void (closed = true))], { process: proc, logger });
    proc.emit('SIGINT', 'SIGINT');
    expect(await proc.exited).toBe(1);
    expect(closed).toBe(true);
    expect(logger.lines).toEqual([expect.stringMatching(/^error worker stopped on SIGINT after \d+ ms with an error: pool already ended$/)]);
  });

  it('exits with 1 after the grace time when a step hangs', async () => {
    const proc = fakeProcess();
    const logger = fakeLogger();
    closeOnSignal('worker', [() => new Promise(() => undefined)], { process: proc, logger, graceMs: 50 });
    const started = Date.now();
    proc.emit('SIGTERM', 'SIGTERM');
    expect(await proc.exited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(logger.lines).toEqual(['error worker did not stop within 50 ms of SIGTERM; exiting anyway']);
  });

  it('closeInOrder rejects with the first failure after running every step', async () => {
    const ran: number[] = [];
    await expect(
      closeInOrder([
        () => Promise.resolve(void ran.push(1)),
        () => Promise.reject(new Error('first')),
        () => Promise.reject(new Error('second')),
        () => Promise.resolve(void ran.push(4)),
      ]),
    ).rejects.toThrow('first');
    expect(ran).toEqual([1, 4]);
  });

  it('closeTogether runs the steps side by side and rejects with the first failure once all settled', async () => {
    const events: string[] = [];
    const step = (name: string, ms: number, fail?: string) => async () => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      if (fail) throw new Error(fail);
    };
    await expect(closeTogether([step('a', 40), step('b', 20, 'first'), step('c', 0, 'second'), step('d', 40)])).rejects.toThrow('first');
    // Every step started before any ended, and the slow ones were waited for.
    expect(events.slice(0, 4)).toEqual(['start a', 'start b', 'start c', 'start d']);
    expect(events.slice(4).sort()).toEqual(['end a', 'end b', 'end c', 'end d']);
  });
});
