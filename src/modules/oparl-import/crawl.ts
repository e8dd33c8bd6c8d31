import { isObject, Json, JsonObject } from './json';
import type { OparlSource } from './source';

/** The external lists of a Body the importer reads, in import order. */
export const LISTS = ['organization', 'person', 'meeting', 'paper'] as const;
export type ListName = (typeof LISTS)[number];

export interface CrawledList {
  live: JsonObject[];
  /** Ids of objects the list reports as deleted (often without any other field). */
  deleted: string[];
  pages: number;
}

export interface Crawl {
  system: JsonObject;
  body: JsonObject;
  version: '1.0' | '1.1';
  lists: Record<ListName, CrawledList>;
  /** Locations of the 1.1 `locationList`, when the Body has one. */
  locations: CrawledList;
}

export interface CrawlProgress {
  list: string;
  page: number;
  totalPages: number | null;
  items: number;
}

export interface CrawlOptions {
  /** ISO date-time for `modified_since` (incremental runs); folders ignore it. */
  modifiedSince?: string | null;
  onPage?: (progress: CrawlProgress) => void;
  signal?: AbortSignal;
}

/** Entries of a list page: `{data: [...]}`, a bare array, a single object, or nothing (404). */
function pageEntries(page: Json | null): { items: JsonObject[]; next: string | null; totalPages: number | null } {
  if (page === null) return { items: [], next: null, totalPages: null };
  if (Array.isArray(page)) return { items: page.filter(isObject), next: null, totalPages: null };
  if (!isObject(page)) return { items: [], next: null, totalPages: null };
  if (!Array.isArray(page.data)) return { items: typeof page.id === 'string' ? [page] : [], next: null, totalPages: null };
  const links = isObject(page.links) ? page.links : {};
  const pagination = isObject(page.pagination) ? page.pagination : {};
  return {
    items: page.data.filter(isObject),
    next: typeof links.next === 'string' && links.next ? links.next : null,
    totalPages: typeof pagination.totalPages === 'number' ? pagination.totalPages : null,
  };
}

function withFilter(url: string, modifiedSince: string | null | undefined): string {
  if (!modifiedSince) return url;
  const parsed = new URL(url);
  if (!parsed.searchParams.has('modified_since')) parsed.searchParams.set('modified_since', modifiedSince);
  return parsed.toString();
}

/** Reads every page of an external list, following `links.next` and never looping. */
export async function readList(source: OparlSource, url: string, name: string, options: CrawlOptions): Promise<CrawledList> {
  const result: CrawledList = { live: [], deleted: [], pages: 0 };
  const seenPages = new Set<string>();
  const seenIds = new Set<string>();
  let next: string | null = withFilter(url, options.modifiedSince);
  while (next && !seenPages.has(next)) {
    if (options.signal?.aborted) throw new Error('import aborted');
    seenPages.add(next);
    const page = pageEntries(await source.get(next));
    result.pages++;
    for (const item of page.items) {
      const id = typeof item.id === 'string' ? item.id : null;
      if (!id || seenIds.has(id)) continue;
      seenIds.add(id);
      if (item.deleted === true) result.deleted.push(id);
      else result.live.push(item);
    }
    options.onPage?.({ list: name, page: result.pages, totalPages: page.totalPages, items: result.live.length + result.deleted.length });
    next = page.next ? withFilter(page.next, options.modifiedSince) : null;
  }
  return result;
}

function chooseBody(bodies: JsonObject[], wanted: string | undefined): JsonObject {
  const live = bodies.filter((b) => b.deleted !== true);
  if (wanted) {
    const byId = live.find((b) => b.id === wanted);
    const byIndex = /^\d+$/.test(wanted) ? live[Number(wanted) - 1] : undefined;
    const found = byId ?? byIndex;
    if (!found) throw new Error(`the system has no body "${wanted}"`);
    return found;
  }
  if (live.length === 0) throw new Error('the system lists no body');
  return live[0];
}

/** The System and the Body of it to import. */
export type FoundBody = Pick<Crawl, 'system' | 'body' | 'version'>;

/** Walks System → Body: the Body chosen by `sourceBody` (its id or 1-based position; default the first). */
export async function findBody(source: OparlSource, sourceBody?: string): Promise<FoundBody> {
  const system = await source.get(source.systemUrl);
  if (!isObject(system)) throw new Error(`no OParl System at ${source.systemUrl}`);
  const version = typeof system.oparlVersion === 'string' && system.oparlVersion.includes('1.0') ? '1.0' : '1.1';
  let bodies: JsonObject[];
  if (typeof system.body === 'string') bodies = (await readList(source, system.body, 'body', {})).live;
  else bodies = Array.isArray(system.body) ? system.body.filter(isObject) : [];
  let body = chooseBody(bodies, sourceBody);
  // A body from a list may be abridged; the object at its id is authoritative when reachable.
  if (LISTS.some((l) => typeof body[l] !== 'string') && typeof body.id === 'string') {
    const full = await source.get(body.id);
    if (isObject(full)) body = full;
  }
  return { system, body, version };
}

/** Reads the external lists of the Body `findBody` found. */
export async function crawl(source: OparlSource, found: FoundBody, options: CrawlOptions = {}): Promise<Crawl> {
  const { system, body, version } = found;
  const empty = (): CrawledList => ({ live: [], deleted: [], pages: 0 });
  const lists = { organization: empty(), person: empty(), meeting: empty(), paper: empty() } satisfies Record<ListName, CrawledList>;
  for (const name of LISTS) {
    const url = body[name];
    if (typeof url === 'string') lists[name] = await readList(source, url, name, options);
  }
  const locationList = typeof body.locationList === 'string' ? await readList(source, body.locationList, 'location', options) : empty();
  return { system, body, version, lists, locations: locationList };
}
