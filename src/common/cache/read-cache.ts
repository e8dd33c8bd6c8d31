import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, Observable, of } from 'rxjs';
import { lastValueFrom } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { ScopedRequest } from '../access/access.decorator';

interface Entry {
  body: string;
  etag: string;
  expires: number;
}

const MAX_BYTES = 64 * 1024 * 1024;

export const READ_CACHED_KEY = 'ratsinfo:read-cached';

/**
 * Lets the ReadCache answer this route for anonymous callers. Only for routes whose answer
 * depends on nothing but the body, the URL and the audience: not on request headers (tokens,
 * conditional or range headers) and not written to the reply by hand (`@Res()`). Concurrent
 * callers of a cached route share one run of the handler, so any other input would leak
 * between them. ReadListDocs and ReadOneDocs apply it.
 */
export const ReadCached = (): MethodDecorator => SetMetadata(READ_CACHED_KEY, true);

/** The same weak ETag the etag plugin computes, so cached and fresh answers agree. */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64')}"`;
}

/**
 * A short-lived cache of rendered public pages (anonymous reads), per body and URL.
 * Concurrent misses share one query (single flight); a write to a body in this process
 * bumps the body's generation, which drops its pages and stops in-flight reads that
 * started before the write from refilling the cache. Other API processes see a write
 * after at most the TTL (READ_CACHE_MS), well within the public Cache-Control max-age.
 */
@Injectable()
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly generations = new Map<string, number>();
  private bytes = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.readCacheMs > 0;
  }

  generation(bodyId: string): number {
    return this.generations.get(bodyId) ?? 0;
  }

  /** Called after every committed write to a body. */
  invalidate(bodyId: string | null): void {
    if (bodyId === null) {
      this.entries.clear();
      this.bytes = 0;
      for (const key of this.generations.keys()) this.generations.set(key, this.generation(key) + 1);
      return;
    }
    this.generations.set(bodyId, this.generation(bodyId) + 1);
    for (const [key, entry] of this.entries) {
      if (key.startsWith(bodyId)) this.drop(key, entry);
    }
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry;
    this.drop(key, entry);
    return undefined;
  }

  /** Runs `load` once for concurrent callers; caches the result unless the body changed meanwhile. */
  async load(key: string, bodyId: string, load: () => Promise<string>): Promise<string> {
    const running = this.pending.get(key);
    if (running) return running;
    const generation = this.generation(bodyId);
    const promise = load()
      .then((body) => {
        if (typeof body === 'string' && generation === this.generation(bodyId)) this.set(key, body);
        return body;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  private set(key: string, body: string): void {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    while (this.bytes + body.length > MAX_BYTES && this.entries.size) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.drop(oldestKey, oldest);
    }
    this.entries.set(key, { body, etag: weakEtag(body), expires: Date.now() + this.config.readCacheMs });
    this.bytes += body.length;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

/** Serves anonymous GETs of routes marked @ReadCached() from the ReadCache; everything else passes through. */
@Injectable()
export class ReadCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ReadCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.cache.enabled || context.getType() !== 'http') return next.handle();
    if (this.reflector.get<boolean | undefined>(READ_CACHED_KEY, context.getHandler()) !== true) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<ScopedRequest>();
    const scope = request.scope;
    if (request.method !== 'GET' || !scope || scope.visibility !== 'public' || request.headers.range) return next.handle();
    const key = `${scope.body.id} ${request.url}`;
    const hit = this.cache.get(key);
    const reply = http.getResponse<FastifyReply>();
    if (hit) {
      void reply.header('etag', hit.etag);
      return of(hit.body);
    }
    return from(this.cache.load(key, scope.body.id, () => lastValueFrom(next.handle()) as Promise<string>));
  }
}
