import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Dispatcher, request } from 'undici';
import { isRefusedAddress } from '../../infra/http/outbound';
import { isObject, Json, parseJson } from './json';
import { retryableStatus, withRetries } from './retry';

/** Where OParl objects come from: a live endpoint or a folder of saved responses. */
export interface OparlSource {
  readonly kind: 'http' | 'folder';
  /** The System URL the crawl starts from. */
  readonly systemUrl: string;
  /** Fetches and parses one URL; null when the object or list does not exist (404, missing file). */
  get(url: string): Promise<Json | null>;
}

export interface HttpOptions {
  /** Attempts per request for network errors and 5xx answers. */
  attempts?: number;
  /** Delay before the first retry; doubled for each further one. */
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Largest JSON page read, in bytes (default 32 MB). */
  maxPageBytes?: number;
  /** Makes the connections (see outboundAgent: only public addresses unless allowed). */
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_PAGE_BYTES = 32 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`GET ${url} answered ${status}`);
  }
}

/** A page larger than the cap: read no further, and do not ask again. */
export class PageTooLarge extends Error {
  constructor(
    readonly url: string,
    readonly maxBytes: number,
  ) {
    super(`GET ${url}: the answer is larger than the limit of ${maxBytes} bytes for one page (IMPORT_MAX_PAGE_BYTES)`);
  }
}

/** Reads a response body of at most `maxBytes`; throws PageTooLarge beyond, without reading the rest. */
async function readCapped(url: string, res: Dispatcher.ResponseData, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    res.body.destroy();
    throw new PageTooLarge(url, maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.body.destroy();
      throw new PageTooLarge(url, maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const retryable = (error: unknown): boolean =>
  !isRefusedAddress(error) && !(error instanceof PageTooLarge) && retryableStatus(error instanceof HttpError ? error.status : undefined);

/** An Error object (OParl §2.9) that some systems send with status 200. */
const isErrorObject = (value: Json): boolean => isObject(value) && typeof value.type === 'string' && value.type.endsWith('/Error');

export class HttpSource implements OparlSource {
  readonly kind = 'http';

  constructor(
    readonly systemUrl: string,
    private readonly options: HttpOptions = {},
  ) {}

  get(url: string): Promise<Json | null> {
    return withRetries(() => this.once(url), retryable, {
      attempts: this.options.attempts ?? 3,
      delayMs: this.options.retryDelayMs ?? 1000,
      signal: this.options.signal,
    });
  }

  private async once(url: string): Promise<Json | null> {
    const timeout = this.options.timeoutMs ?? 60_000;
    const res = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal: this.options.signal,
      maxRedirections: 5,
      dispatcher: this.options.dispatcher,
    });
    if (res.statusCode >= 400) {
      await res.body.dump();
      if (res.statusCode === 404 || res.statusCode === 410) return null;
      throw new HttpError(url, res.statusCode);
    }
    const bytes = await readCapped(url, res, this.options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES);
    if (bytes.length === 0) return null;
    const value = parseJson(bytes);
    return isErrorObject(value) ? null : value;
  }
}

/**
 * Saved responses: `<path>.json` for `<base><path>`, `<path>.page-N.json` for `?page=N`;
 * the base is where the saved `system.json` says the System lives. Other query parameters
 * (filters) cannot be answered by a folder and are ignored.
 */
export class FolderSource implements OparlSource {
  readonly kind = 'folder';

  private constructor(
    private readonly folder: string,
    private readonly base: string,
    readonly systemUrl: string,
  ) {}

  static async open(folder: string): Promise<FolderSource> {
    const system = parseJson(await readFile(join(folder, 'system.json')));
    const id = isObject(system) && typeof system.id === 'string' ? system.id : null;
    if (!id) throw new Error('system.json in the folder has no id');
    return new FolderSource(folder, id.slice(0, id.lastIndexOf('/') + 1), id);
  }

  pathFor(url: string): string | null {
    if (!url.startsWith(this.base)) return null;
    const parsed = new URL(url);
    const rest = decodeURIComponent(new URL(this.base).pathname.length <= parsed.pathname.length ? parsed.pathname.slice(new URL(this.base).pathname.length) : '');
    if (!rest || rest.includes('..')) return null;
    const page = Number(parsed.searchParams.get('page') ?? '1');
    return join(this.folder, `${rest.replace(/\/$/, '')}${page > 1 ? `.page-${page}` : ''}.json`);
  }

  async get(url: string): Promise<Json | null> {
    const path = this.pathFor(url);
    if (!path) return null;
    try {
      return parseJson(await readFile(path));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/** A URL opens the live endpoint, anything else a folder of saved responses. */
export async function openSource(location: string, options: HttpOptions = {}): Promise<OparlSource> {
  if (/^https?:\/\//i.test(location)) return new HttpSource(location, options);
  return FolderSource.open(location);
}
