import { Pool } from 'undici';
import { SearchUnavailable } from './engine';

export interface MeiliTask {
  taskUid: number;
}

interface TaskState {
  uid: number;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  error?: { message: string; code: string } | null;
}

/** An error answer of Meilisearch (4xx): a bug on our side, not an outage. */
export class MeiliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A minimal Meilisearch HTTP client on undici's connection pool. The official client goes
 * through the global `fetch`, which asks for compressed answers: Meilisearch's Brotli answers
 * arrive about 40 ms late, on Node 20 and 24 alike. Without compression it still needs twice
 * the CPU per search and, with 10 concurrent callers on Node 24, more than 2 ms longer per
 * search (`npm run bench:meili-client`; the numbers are in the README).
 * Connection failures and 5xx answers become SearchUnavailable.
 */
export class MeiliClient {
  private readonly pool: Pool;
  private readonly base: string;

  constructor(
    url: string,
    private readonly key: string | null,
    private readonly timeoutMs = 5000,
  ) {
    const parsed = new URL(url);
    this.base = parsed.pathname.replace(/\/+$/, '');
    this.pool = new Pool(parsed.origin, { connections: 32, keepAliveTimeout: 30_000, pipelining: 1 });
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    let response;
    try {
      response = await this.pool.request({
        method,
        path: this.base + path,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (error) {
      throw new SearchUnavailable(`Meilisearch is unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.body.text();
    if (response.statusCode >= 500) throw new SearchUnavailable(`Meilisearch answered ${response.statusCode}: ${text.slice(0, 200)}`);
    if (response.statusCode >= 400) {
      let code = 'unknown';
      let message = text;
      try {
        const parsed = JSON.parse(text) as { code?: string; message?: string };
        code = parsed.code ?? code;
        message = parsed.message ?? message;
      } catch {
        // keep the raw text
      }
      throw new MeiliError(response.statusCode, code, message);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Waits until a task has been processed; throws when it failed. */
  async wait(task: MeiliTask, timeoutMs = 600_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let delay = 5;
    for (;;) {
      const state = await this.request<TaskState>('GET', `/tasks/${task.taskUid}`);
      if (state.status === 'succeeded') return;
      if (state.status === 'failed' || state.status === 'canceled') {
        throw new MeiliError(400, state.error?.code ?? state.status, `Meilisearch task ${task.taskUid} ${state.status}: ${state.error?.message ?? ''}`);
      }
      if (Date.now() > until) throw new SearchUnavailable(`Meilisearch task ${task.taskUid} did not finish in time`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.request('GET', '/health');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
