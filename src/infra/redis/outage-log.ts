import type { LoggerService } from '@nestjs/common';
import type Redis from 'ioredis';

/** How ioredis and BullMQ word a connection that is lost, refused or not yet back. */
const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|Connection is closed|Stream isn't writeable|max retries per request|socket closed unexpectedly|LOADING/i;

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return CONNECTION_ERROR.test(String(error));
  const code = (error as { code?: unknown }).code;
  return CONNECTION_ERROR.test(`${typeof code === 'string' ? code : ''} ${error.message}`);
}

interface ErrorSource {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The log of one component's Redis connections, queues and workers: a lost connection is
 * logged once when the outage begins and once when it ends, however many of them report it
 * (each one reports every failed reconnect). Other errors are logged as they come. Every
 * BullMQ queue, worker and ioredis connection needs an `error` listener: without one, BullMQ
 * prints the error itself, untimestamped, to stderr.
 */
export class RedisOutageLog {
  private down = false;

  constructor(
    private readonly logger: LoggerService,
    /** What stops while Redis is away, e.g. "newsletter queues". */
    private readonly what: string,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  /** Listens to an ioredis connection: its errors, and its (re)connection as the end of an outage. */
  connection<T extends Redis>(redis: T): T {
    redis.on('error', (error: Error) => this.error(error));
    redis.on('ready', () => this.ready());
    return redis;
  }

  /** Listens to the errors of a BullMQ queue, worker or queue events (or any emitter). */
  errors<T extends ErrorSource>(source: T): T {
    source.on('error', (error) => this.error(error));
    return source;
  }

  error(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!isConnectionError(error)) {
      this.logger.warn(`${this.what}: ${message}`);
      return;
    }
    if (this.down) return;
    this.down = true;
    this.logger.warn(`Redis unavailable (${message}); ${this.what} paused until it is back`);
  }

  ready(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`Redis reachable again; ${this.what} resumed`);
  }
}
