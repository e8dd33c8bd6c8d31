import { isObject, Json, JsonObject } from './json';
import { HttpError, OparlSource } from './source';

/** The external lists of a Body the importer reads, in import order. */
export const LISTS = ['organization', 'person', 'meeting', 'paper'] as const;
export type ListName = (typeof LISTS)[number];

/**
 * OParl 1.1 lists of the types that other objects embed, by type, with the Body property
 * that links each: read to find embedded objects the parents leave out or give as URLs, and
 * the fields embedded copies lack (see external.ts).
 */
export const EMBEDDED_LISTS = {
  legislativeTerm: 'legislativeTermList',
  membership: 'membership',
  agendaItem: 'agendaItem',
  consultation: 'consultation',
  file: 'file',
} as const;
export type EmbeddedType = keyof typeof EMBEDDED_LISTS;

export interface CrawledList {
  live: JsonObject[];
  /** Ids of objects the list reports as deleted (often without any other field). */
  deleted: string[];
  pages: number;
  /** Read with `modified_since`: the list holds only what changed. */
  filtered: boolean;
}

export interface Crawl {
  system: JsonObject;
  body: JsonObject;
  version: '1.0' | '1.1';
  lists: Record<ListName, CrawledList>;
  /** Locations of the 1.1 `locationList`, when the Body has one. */
  locations: CrawledList;
  /** The lists of embedded types the Body offers and that could be read. */
  embedded: Partial<Record<EmbeddedType, CrawledList>>;
  /** Embedded types whose list the Body offers but which could not be read. */
  unread: EmbeddedType[];
  /** What the summary should point out: lists read in full instead of filtered, lists that could not be read. */
  warnings: string[];
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
  /** Sees the entries of every page as soon as it is read (and may take parts out of them). */
  onItems?: (items: JsonObject[]) => void;
  /** Notes what the summary should point out. */
  warn?: (message: string) => void;
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
async function readPages(source: OparlSource, url: string, name: string, modifiedSince: string | null, options: CrawlOptions): Promise<CrawledList> {
  const result: CrawledList = { live: [], deleted: [], pages: 0, filtered: modifiedSince !== null };
  const seenPages = new Set<string>();
  const seenIds = new Set<string>();
  let next: string | null = withFilter(url, modifiedSince);
  while (next && !seenPages.has(next)) {
    if (options.signal?.aborted) throw new Error('import aborted');
    seenPages.add(next);
    const page = pageEntries(await source.get(next));
    result.pages++;
    options.onItems?.(page.items);
    for (const item of page.items) {
      const id = typeof item.id === 'string' ? item.id : null;
      if (!id || seenIds.has(id)) continue;
      seenIds.add(id);
      if (item.deleted === true) result.deleted.push(id);
      else result.live.push(item);
    }
    options.onPage?.({ list: name, page: result.pages, totalPages: page.totalPages, items: result.live.length + result.deleted.length });
    next = page.next ? withFilter(page.next, modifiedSince) : null;
  }
  return result;
}

/**
 * Reads an external list, filtered by `modified_since` when given. A server that refuses the
 * filter (an error status for the filtered request, where the plain list works) gets read in
 * full, with a warning: slower, but the run goes on.
 */
export async function readList(source: OparlSource, url: string, name: string, options: CrawlOptions): Promise<CrawledList> {
  const since = options.modifiedSince ?? null;
  if (!since) return readPages(source, url, name, null, options);
  try {
    return await readPages(source, url, name, since, options);
  } catch (error) {
    if (!(error instanceof HttpError) || options.signal?.aborted) throw error;
    const full = await readPages(source, url, name, null, options);
    options.warn?.(`the ${name} list answered ${error.status} to modified_since; it was read in full instead`);
    return full;
  }
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

/**
 * Reads the external lists of the Body `findBody` found, then the lists of embedded types it
 * offers (1.1). Those only complete what the parents embed: one that cannot be read is noted
 * (`unread`, a warning) instead of failing the run.
 */
export async function crawl(source: OparlSource, found: FoundBody, options: CrawlOptions = {}): Promise<Crawl> {
  const { system, body, version } = found;
  const empty = (): CrawledList => ({ live: [], deleted: [], pages: 0, filtered: false });
  const lists = { organization: empty(), person: empty(), meeting: empty(), paper: empty() } satisfies Record<ListName, CrawledList>;
  const warnings: string[] = [];
  const listOptions: CrawlOptions = { ...options, warn: (message) => warnings.push(message) };
  for (const name of LISTS) {
    const url = body[name];
    if (typeof url === 'string') lists[name] = await readList(source, url, name, listOptions);
  }
  const locationList = typeof body.locationList === 'string' ? await readList(source, body.locationList, 'location', listOptions) : empty();
  const embedded: Crawl['embedded'] = {};
  const unread: EmbeddedType[] = [];
  for (const [type, property] of Object.entries(EMBEDDED_LISTS) as [EmbeddedType, string][]) {
    const url = body[property];
    if (typeof url !== 'string') continue;
    try {
      embedded[type] = await readList(source, url, type, listOptions);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      unread.push(type);
      warnings.push(`the ${type} list could not be read (${error instanceof Error ? error.message : String(error)}); what only it holds is missing from this run`);
    }
  }
  return { system, body, version, lists, locations: locationList, embedded, unread, warnings };
}
