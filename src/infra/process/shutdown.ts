import { Logger } from '@nestjs/common';

/** A step of a shutdown: closes one thing (the HTTP server, the worker). */
export type CloseStep = () => Promise<unknown>;

/** How long a process waits for its steps after SIGTERM before it exits anyway (orchestrators kill at 30 s). */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Runs every step in order, each after the previous one settled, also when one fails; rejects
 * with the first failure once all have run.
 */
export async function closeInOrder(steps: CloseStep[]): Promise<void> {
  let failure: { error: unknown } | null = null;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/**
 * Runs every step at once, for parts that do not depend on each other (each module's own
 * pools and connections): waits until all have settled, then rejects with the first failure
 * in the order given. While Redis or PostgreSQL is down each part may wait out its own bounded
 * close; side by side they wait once, not once per part.
 */
export async function closeTogether(steps: CloseStep[]): Promise<void> {
  const results = await Promise.allSettled(steps.map((step) => step()));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** What closeOnSignal needs of a process. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface ShutdownOptions {
  graceMs?: number;
  /** Where signals come from and exit goes to (the process; tests pass their own). */
  process?: SignalSource;
  logger?: Pick<Logger, 'log' | 'error'>;
}

/**
 * Stops the process cleanly on SIGTERM or SIGINT: closes `steps` in order (see closeInOrder),
 * waits at most `graceMs` for them, logs one line and exits, 0 when everything closed in
 * time, 1 otherwise. A second signal while closing ends the process at once (the default
 * action of the signal), for an operator who does not want to wait.
 */
export function closeOnSignal(name: string, steps: CloseStep[], options: ShutdownOptions = {}): void {
  const proc = options.process ?? process;
  const logger = options.logger ?? new Logger(name);
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const s of signals) proc.removeListener(s, onSignal);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
      timer.unref();
    });
    void Promise.race([closeInOrder(steps).then(() => 'closed' as const), timeout])
      .then(
        (outcome) => {
          const ms = Date.now() - started;
          if (outcome === 'closed') {
            logger.log(`${name} stopped on ${signal} in ${ms} ms`);
            return 0;
          }
          logger.error(`${name} did not stop within ${graceMs} ms of ${signal}; exiting anyway`);
          return 1;
        },
        (error: unknown) => {
          logger.error(`${name} stopped on ${signal} after ${Date.now() - started} ms with an error: ${error instanceof Error ? error.message : String(error)}`);
          return 1;
        },
      )
      .then((code) => {
        clearTimeout(timer);
        proc.exit(code);
      });
  };
  for (const s of signals) proc.once(s, onSignal);
}
