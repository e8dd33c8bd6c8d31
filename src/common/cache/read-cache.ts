import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Optional, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HEADERS_METADATA } from '@nestjs/common/constants';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { from, Observable } from 'rxjs';
import { lastValueFrom } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { Json } from '../http/json';
import { ReadReplicas } from '../../infra/database/read-replicas';
import { readCacheRequests } from '../../infra/metrics/metrics';
import type { ScopedRequest } from '../access/access.decorator';

interface Entry {
  /** The page as sent: UTF-8 bytes, encoded once. */
  body: Buffer;
  etag: string;
  expires: number;
  /** The body whose writes drop the page. */
  bodyId: string;
  /** The headers the route declares (`@Header`: Content-Type, Content-Disposition). */
  headers: readonly RouteHeader[];
}

/** A header a route declares with `@Header`, as Nest keeps it. */
export interface RouteHeader {
  name: string;
  value: string;
}

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Pages up to this size are kept from their first read, larger ones from their second. A
 * harvester walking every page of a large list reads each once: kept, its pages filled the
 * cache with what nobody asks for again, and made an API under a full OParl crawl hold
 * 130 MB more and spend a quarter more CPU.
 */
const KEEP_AT_FIRST_READ_BYTES = 32 * 1024;
/** How many keys of large pages read once are remembered. */
const READ_ONCE_KEYS = 10_000;

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
export function weakEtag(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64')}"`;
}

/** How long pages live while this process does not hear of other processes' writes. */
export const UNHEARD_TTL_MS = 2000;

/**
 * A cache of rendered public pages (anonymous reads), per URL (which names the body).
 * Hits are answered before Nest's pipeline (answerFromReadCache); misses and fills pass
 * through ReadCacheInterceptor. Concurrent misses
 * share one query (single flight); a write to a body bumps the body's generation, which
 * drops its pages and stops in-flight reads that started before the write from refilling
 * the cache. Writes made here drop the pages at once and are announced to the other API
 * processes; theirs, and those of the worker, imports and the CLI, arrive through
 * ReadCacheInvalidation. While this process listens for them (`live`), pages live for
 * READ_CACHE_MS (the TTL a safety net); while it does not, at most UNHEARD_TTL_MS.
 */
@Injectable()
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Json<unknown>>>();
  private readonly generations = new Map<string, number>();
  /** Keys of large pages read once and not kept (oldest first). */
  private readonly readOnce = new Set<string>();
  private bytes = 0;
  /** Bumped when every page is dropped at once. */
  private epoch = 0;
  /** Whether writes of other processes reach this cache (see ReadCacheInvalidation). */
  private listening = false;
  /** Tells the other processes of a write made here (set by ReadCacheInvalidation). */
  announce: ((bodyId: string | null) => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Told of every change, so that no page is read from a replica that has not replayed it. */
    @Optional() private readonly replicas?: ReadReplicas,
  ) {}

  get enabled(): boolean {
    return this.config.readCacheMs > 0;
  }

  get live(): boolean {
    return this.listening;
  }

  /** Pages cached while not listening might miss a write: every change of state drops them all. */
  setLive(live: boolean): void {
    if (live === this.listening) return;
    this.listening = live;
    this.invalidate(null);
  }

  private get ttl(): number {
    return this.listening ? this.config.readCacheMs : Math.min(this.config.readCacheMs, UNHEARD_TTL_MS);
  }

  /** Changes with every write to the body and every drop of all pages. */
  generation(bodyId: string): number {
    return this.epoch + (this.generations.get(bodyId) ?? 0);
  }

  /** Called after every committed write to a body in this process: drops its pages here and everywhere. */
  changed(bodyId: string | null): void {
    this.invalidate(bodyId);
    this.announce?.(bodyId);
  }

  /**
   * Drops the pages of a body (null: of every body), and keeps anonymous reads off read
   * replicas until they have replayed the change (see ReadReplicas.fence).
   */
  invalidate(bodyId: string | null): void {
    this.replicas?.fence();
    if (bodyId === null) {
      this.entries.clear();
      this.bytes = 0;
      this.epoch++;
      return;
    }
    this.generations.set(bodyId, (this.generations.get(bodyId) ?? 0) + 1);
    for (const [key, entry] of this.entries) {
      if (entry.bodyId === bodyId) this.drop(key, entry);
    }
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry;
    this.drop(key, entry);
    return undefined;
  }

  /**
   * Runs `load` once for concurrent callers; caches the result unless the body changed
   * meanwhile. `headers`: the route's own, sent again with every hit.
   */
  async load(key: string, bodyId: string, load: () => Promise<Json<unknown>>, headers: readonly RouteHeader[] = []): Promise<Json<unknown>> {
    const running = this.pending.get(key);
    if (running) return running;
    const generation = this.generation(bodyId);
    const promise = load()
      .then((body) => {
        if ((typeof body === 'string' || Buffer.isBuffer(body)) && generation === this.generation(bodyId)) {
          const bytes = typeof body === 'string' ? Buffer.from(body) : body;
          if (this.admit(key, bytes)) this.set(key, { body: bytes, bodyId, headers });
        }
        return body;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  /**
   * A public read of a route marked ReadCached: the cached page (filled since the request
   * passed answerFromReadCache, or read by a caller whose audience is the public too), its
   * ETag set on `reply`; otherwise `load`'s page, kept for the next reader.
   */
  readThrough(key: string, bodyId: string, reply: FastifyReply, headers: readonly RouteHeader[], load: () => Promise<Json<unknown>>): Promise<Json<unknown>> {
    const hit = this.get(key);
    readCacheRequests.inc({ result: hit ? 'hit' : 'miss' });
    if (!hit) return this.load(key, bodyId, load, headers);
    void reply.header('etag', hit.etag);
    return Promise.resolve(hit.body);
  }

  /** Whether to keep this page now: small pages at once, large ones when read the second time. */
  private admit(key: string, body: Buffer): boolean {
    if (body.length <= KEEP_AT_FIRST_READ_BYTES || this.readOnce.delete(key)) return true;
    if (this.readOnce.size >= READ_ONCE_KEYS) this.readOnce.delete(this.readOnce.values().next().value as string);
    this.readOnce.add(key);
    return false;
  }

  private set(key: string, page: Pick<Entry, 'body' | 'bodyId' | 'headers'>): void {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    while (this.bytes + page.body.length > MAX_BYTES && this.entries.size) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.drop(oldestKey, oldest);
    }
    this.entries.set(key, { ...page, etag: weakEtag(page.body), expires: Date.now() + this.ttl });
    this.bytes += page.body.length;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

/**
 * Fills the ReadCache from anonymous GETs of routes marked @ReadCached() (hits are answered
 * before this, by answerFromReadCache); everything else passes through.
 */
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
    const headers = this.reflector.get<RouteHeader[] | undefined>(HEADERS_METADATA, context.getHandler()) ?? [];
    const reply = http.getResponse<FastifyReply>();
    return from(this.cache.readThrough(request.url, scope.body.id, reply, headers, () => lastValueFrom(next.handle()) as Promise<Json<unknown>>));
  }
}

/**
 * Answers a GET of a cached page before routing it through Nest (guards, interceptors,
 * pipes): the cache holds only pages an anonymous caller was answered 200 with, for exactly
 * that URL, since the last write to their body. Only anonymous callers (no `Authorization`)
 * without `Range` are answered here. The rest of the answer is Fastify's as for any other:
 * security and CORS headers (onRequest), rate limits (onRequest), Cache-Control, Vary,
 * X-Request-Id, compression and the ETag check for 304 (onSend), metrics and the log.
 */
export function answerFromReadCache(fastify: FastifyInstance, cache: ReadCache): void {
  if (!cache.enabled) return;
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'GET' || request.headers.authorization !== undefined || request.headers.range !== undefined) return done();
    const hit = cache.get(request.url);
    if (!hit) return done();
    readCacheRequests.inc({ result: 'hit' });
    for (const { name, value } of hit.headers) void reply.header(name, value);
    void reply.header('etag', hit.etag).send(hit.body);
  });
}
