export interface RetryOptions {
  attempts: number;
  /** Delay before the first retry; doubled for each further one. */
  delayMs: number;
  signal?: AbortSignal;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether an HTTP status is worth another try; `undefined` (no answer: a network error) is. */
export const retryableStatus = (status: number | undefined): boolean => status === undefined || status >= 500 || status === 429;

/** Runs `once` until it succeeds, `retryable` refuses the error, the attempts run out or the signal aborts. */
export async function withRetries<T>(once: () => Promise<T>, retryable: (error: unknown) => boolean, options: RetryOptions): Promise<T> {
  let delay = options.delayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (error) {
      if (!retryable(error) || attempt >= options.attempts || options.signal?.aborted) throw error;
      await sleep(delay);
      delay *= 2;
    }
  }
}
