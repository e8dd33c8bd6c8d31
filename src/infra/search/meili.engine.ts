import { Logger } from '@nestjs/common';
import {
  emptyFacets,
  FACET_NAMES,
  FacetName,
  SearchDoc,
  SearchEngine,
  SearchFilters,
  SearchGroup,
  SearchRequest,
  SearchResult,
  SearchScope,
  SuggestRequest,
} from './engine';
import { MeiliClient, MeiliError, MeiliTask } from './meili.client';
import type { ParsedQuery } from './query';
import { chunkText, fold, normalizeReference } from './text';

/**
 * An entry of the index. Every record (document, file, session, agenda item, committee,
 * person) is one `record` entry; a file's record carries its whole text, so that searches
 * need no `distinct` (which, over tens of thousands of candidates, costs Meilisearch more
 * than the search itself). The text of files is indexed a second time in `page` entries
 * (one per chunk, with its page number), which are searched only to pick the page and
 * snippet of the files on the current results page.
 */
interface RecordEntry extends SearchDoc {
  id: string;
  kind: 'record';
  group: string;
  referenceKey: string | null;
  dateNum: number | null;
  year: number | null;
  indexedAt: number;
  /**
   * A file's number of page entries. Searches read only the page entries below it, so that
   * those of a longer earlier text need not be deleted at once (a rebuild clears them).
   */
  pages: number;
  fTitle: string;
  fReference: string;
  fMeta: string;
  /** Folded text; a file's text in blocks (`b0`, `b1` …), each an attribute of its own. */
  fContent: string | Record<string, string>;
}

interface PageEntry {
  id: string;
  kind: 'page';
  group: string;
  bodyId: string;
  public: boolean;
  chunk: number;
  page: number | null;
  content: string;
  fContent: string;
  indexedAt: number;
}

type Entry = RecordEntry | PageEntry;

interface MeiliSearchResponse<T = RecordEntry> {
  hits: T[];
  estimatedTotalHits?: number;
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

const DISPLAYED: (keyof SearchDoc)[] = ['key', 'bodyId', 'type', 'resourceId', 'chunk', 'page', 'public', 'title', 'reference', 'meta', 'content', 'date', 'committeeIds', 'documentType', 'path'];
const PAGE_FIELDS: (keyof PageEntry)[] = ['group', 'chunk', 'page', 'content'];
/** What the hits of a search bring back: what the API shows, and a file's page count for picking its page. */
const RETRIEVED = [...DISPLAYED, 'pages'];

/**
 * Meilisearch indexes at most 65,535 word positions per attribute; a file's text is split
 * into blocks well below that, each indexed as an attribute of its own (`fContent.b0` …).
 */
const TEXT_BLOCK_CHARS = 50_000;

/**
 * The index settings, applied by `setup()` when the worker starts and to every fresh index.
 * No `localizedAttributes`: Meilisearch's German segmentation cuts ordinary words apart and
 * breaks typo tolerance; documents and queries are folded by us instead (see text.ts).
 * No `distinctAttribute` (see RecordEntry).
 */
export const MEILI_SETTINGS = {
  searchableAttributes: ['fReference', 'fTitle', 'fMeta', 'fContent'],
  displayedAttributes: [...DISPLAYED, 'group', 'pages'],
  filterableAttributes: ['kind', 'bodyId', 'public', 'type', 'committeeIds', 'documentType', 'dateNum', 'year', 'group', 'chunk', 'referenceKey', 'indexedAt'],
  sortableAttributes: ['dateNum'],
  rankingRules: ['sort', 'words', 'typo', 'attribute', 'proximity', 'exactness'],
  distinctAttribute: null,
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ['fReference'] },
  pagination: { maxTotalHits: 1000 },
  faceting: { maxValuesPerFacet: 50 },
  // Facet values are counted, never searched: the facet-search structures would cost a third of indexing.
  facetSearch: false,
  stopWords: ['der', 'die', 'das', 'und', 'oder', 'in', 'im', 'zu', 'zur', 'zum', 'von', 'vom', 'mit', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'auf', 'fur', 'an', 'am', 'bei'],
};

/**
 * How long facet counts are reused: what a search page shows in its facets may lag a change
 * of the index by this much (its hits never do).
 */
const FACET_TTL_MS = 30_000;
const FACET_CACHE_SIZE = 2000;

/** Index attribute of each facet. */
const FACET_ATTRIBUTES: Record<FacetName, string> = { type: 'type', committee: 'committeeIds', documentType: 'documentType', year: 'year' };

const str = (value: string): string => JSON.stringify(value);
const groupOf = (doc: Pick<SearchDoc, 'type' | 'resourceId'>): string => `${doc.type}_${doc.resourceId}`;
const RECORDS = 'kind = "record"';

function foldedBlocks(texts: string[]): string | Record<string, string> {
  const folded = fold(texts.join('\n\n'));
  if (folded.length <= TEXT_BLOCK_CHARS) return folded;
  return Object.fromEntries(chunkText(folded, TEXT_BLOCK_CHARS).map((block, i) => [`b${i}`, block]));
}

/**
 * The entries of one record from its SearchDocs (a file: one per chunk of text; anything
 * else: one). Returns the record entry and the file's page entries.
 */
function toEntries(docs: SearchDoc[], indexedAt: number): { record: RecordEntry; pages: PageEntry[] } {
  const first = docs[0];
  const group = groupOf(first);
  const texts = docs.filter((d) => d.content);
  const isFile = first.type === 'file';
  const record: RecordEntry = {
    ...first,
    id: `${group}_0`,
    kind: 'record',
    key: `${first.type}:${first.resourceId}:0`,
    chunk: 0,
    page: isFile ? null : first.page,
    content: isFile ? '' : first.content,
    group,
    referenceKey: first.reference ? normalizeReference(first.reference) : null,
    dateNum: first.date ? Number(first.date.replace(/-/g, '')) : null,
    year: first.date ? Number(first.date.slice(0, 4)) : null,
    indexedAt,
    pages: isFile ? texts.length : 0,
    fTitle: fold(first.title),
    fReference: first.reference ? fold(first.reference) : '',
    fMeta: fold(first.meta),
    fContent: isFile ? foldedBlocks(texts.map((d) => d.content)) : fold(first.content),
  };
  const pages: PageEntry[] = isFile
    ? texts.map((d, chunk) => ({
        id: `${group}_p${chunk}`,
        kind: 'page',
        group,
        bodyId: d.bodyId,
        public: d.public,
        chunk,
        page: d.page,
        content: d.content,
        fContent: fold(d.content),
        indexedAt,
      }))
    : [];
  return { record, pages };
}

/** Splits docs into runs of one record each (a record's docs come together). */
function byRecord(docs: SearchDoc[]): SearchDoc[][] {
  const runs: SearchDoc[][] = [];
  for (const doc of docs) {
    const last = runs[runs.length - 1];
    if (last && last[0].type === doc.type && last[0].resourceId === doc.resourceId) last.push(doc);
    else runs.push([doc]);
  }
  return runs;
}

function fromMeili(hit: RecordEntry, page?: Pick<PageEntry, 'page' | 'content' | 'chunk'>): SearchDoc {
  return {
    key: hit.key,
    bodyId: hit.bodyId,
    type: hit.type,
    resourceId: hit.resourceId,
    chunk: page?.chunk ?? hit.chunk,
    page: page?.page ?? hit.page,
    public: hit.public,
    title: hit.title,
    reference: hit.reference,
    meta: hit.meta,
    content: page?.content ?? hit.content,
    date: hit.date,
    committeeIds: hit.committeeIds,
    documentType: hit.documentType,
    path: hit.path,
  };
}

/** Meilisearch as the search engine (MEILI_URL). One index holds every body. */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly batchSize = 1000;

  /** Facet counts of recent searches (see facetCounts). */
  private readonly facetCache = new Map<string, { counts: Record<string, Record<string, number>>; until: number }>();

  constructor(
    readonly client: MeiliClient,
    readonly index: string,
  ) {}

  private path(index = this.index): string {
    return `/indexes/${encodeURIComponent(index)}`;
  }

  async setup(index = this.index): Promise<void> {
    try {
      await this.client.wait(await this.client.request<MeiliTask>('POST', '/indexes', { uid: index, primaryKey: 'id' }));
    } catch (error) {
      if (!(error instanceof MeiliError && error.code === 'index_already_exists')) throw error;
    }
    await this.client.wait(await this.client.request<MeiliTask>('PATCH', `${this.path(index)}/settings`, MEILI_SETTINGS));
    const older = await this.client.request<{ total: number }>('POST', `${this.path(index)}/documents/fetch`, { limit: 1, fields: ['id'], filter: 'kind NOT EXISTS' });
    if (older.total > 0) {
      new Logger('Search').warn(`Meilisearch index "${index}" holds ${older.total} entries of an older layout that searches skip: run \`search reindex\``);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private visibility(scopes: SearchScope[]): string {
    return `(${scopes.map((s) => (s.nonPublic ? `bodyId = ${str(s.bodyId)}` : `(bodyId = ${str(s.bodyId)} AND public = true)`)).join(' OR ')})`;
  }

  private filter(scopes: SearchScope[], filters: SearchFilters): string[] {
    const out = [RECORDS, this.visibility(scopes)];
    if (filters.types?.length) out.push(`type IN [${filters.types.map(str).join(', ')}]`);
    if (filters.committeeId) out.push(`committeeIds = ${str(filters.committeeId)}`);
    if (filters.documentType) out.push(`documentType = ${str(filters.documentType)}`);
    if (filters.dateFrom) out.push(`dateNum >= ${Number(filters.dateFrom.replace(/-/g, ''))}`);
    if (filters.dateTo) out.push(`dateNum <= ${Number(filters.dateTo.replace(/-/g, ''))}`);
    return out;
  }

  private queryText(query: ParsedQuery): string {
    return [...query.terms, ...query.phrases.map((p) => `"${p.join(' ')}"`), ...query.references].join(' ');
  }

  /** Every search request the engine sends goes through here. */
  protected request<T>(body: Record<string, unknown>): Promise<MeiliSearchResponse<T>> {
    return this.client.request<MeiliSearchResponse<T>>('POST', `${this.path()}/search`, body);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const filter = this.filter(request.scopes, request.filters);
    const wanted = request.facets ?? FACET_NAMES;
    const q = this.queryText(request.query);
    const refs = request.query.references;
    let exact: RecordEntry[] = [];
    if (refs.length) {
      // Reference numbers: the records that carry them come first, whatever the text ranking says.
      const found = await this.request<RecordEntry>({
        q: '',
        filter: [...filter, `referenceKey IN [${refs.map(str).join(', ')}]`].join(' AND '),
        limit: 50,
        attributesToRetrieve: RETRIEVED,
      });
      exact = found.hits;
    }
    const where = filter.join(' AND ');
    // The ranked page and the facet counts are asked for apart and at once: counting facets
    // over every hit costs Meilisearch more than ranking the page, and the counts do not
    // depend on the page or the order, so the next page (or the same search by someone else)
    // takes them from a short-lived cache.
    const [result, distribution] = await Promise.all([
      this.request<RecordEntry>({
        q,
        filter: where,
        matchingStrategy: 'all',
        attributesToRetrieve: RETRIEVED,
        ...(request.sort === 'newest' ? { sort: ['dateNum:desc'] } : {}),
        offset: Math.max(0, request.offset - exact.length),
        limit: request.limit + exact.length,
      }),
      this.facetCounts(q, where, wanted),
    ]);
    const seen = new Set(exact.map((h) => h.key));
    const merged = [...exact.slice(request.offset), ...result.hits.filter((h) => !seen.has(h.key))].slice(0, request.limit);
    const pages = await this.bestPages(request, q, merged);
    const facets = emptyFacets();
    for (const f of wanted) facets[f] = distribution[FACET_ATTRIBUTES[f]] ?? {};
    const extra = exact.filter((h) => !result.hits.some((r) => r.key === h.key)).length;
    return {
      total: (result.estimatedTotalHits ?? result.hits.length) + extra,
      hits: merged.map((hit) => fromMeili(hit, pages.get(groupOf(hit)))),
      facets,
      matched: [],
    };
  }

  /** Facet counts of a search (all hits, no ranking), from the cache while they are fresh. */
  private async facetCounts(q: string, filter: string, wanted: readonly FacetName[]): Promise<Record<string, Record<string, number>>> {
    if (!wanted.length) return {};
    const attributes = wanted.map((f) => FACET_ATTRIBUTES[f]);
    const key = JSON.stringify([q, filter, attributes]);
    const now = Date.now();
    const cached = this.facetCache.get(key);
    if (cached && cached.until > now) return cached.counts;
    const result = await this.request<RecordEntry>({ q, filter, matchingStrategy: 'all', facets: attributes, limit: 0 });
    const counts = result.facetDistribution ?? {};
    if (this.facetCache.size >= FACET_CACHE_SIZE) this.facetCache.delete(this.facetCache.keys().next().value as string);
    this.facetCache.set(key, { counts, until: now + FACET_TTL_MS });
    return counts;
  }

  /**
   * The best matching chunk of each file on the page (its page number and text for the
   * snippet): one search over the page entries of these files only.
   */
  private async bestPages(request: SearchRequest, q: string, hits: RecordEntry[]): Promise<Map<string, PageEntry>> {
    const files = hits.filter((h) => h.type === 'file');
    if (!files.length || !q) return new Map();
    // A file's current pages only (entries of a longer earlier text may linger until a rebuild).
    const pages = files.map((h) => (typeof h.pages === 'number' ? `(group = ${str(groupOf(h))} AND chunk < ${h.pages})` : `group = ${str(groupOf(h))}`));
    const found = await this.request<PageEntry>({
      q,
      filter: `kind = "page" AND (${pages.join(' OR ')}) AND ${this.visibility(request.scopes)}`,
      // Words of the query may sit on different pages; the page with most of them wins.
      matchingStrategy: 'last',
      distinct: 'group',
      limit: files.length,
      attributesToRetrieve: PAGE_FIELDS,
    });
    return new Map(found.hits.map((p) => [p.group, p]));
  }

  async suggest(request: SuggestRequest): Promise<SearchDoc[]> {
    const result = await this.request<RecordEntry>({
      q: fold(request.prefix),
      filter: `${RECORDS} AND ${this.visibility(request.scopes)} AND type != "file"`,
      attributesToSearchOn: ['fReference', 'fTitle'],
      limit: request.limit,
      attributesToRetrieve: DISPLAYED,
    });
    return result.hits.map((hit) => fromMeili(hit));
  }

  /**
   * Entries of the records in `docs`; `gone`: filters for the groups without docs (records
   * deleted or no longer indexed), whose entries must go at once. Nothing else needs deleting
   * (see RecordEntry.pages), so that replacing entries is one kind of task that Meilisearch
   * batches with the next ones.
   */
  private entries(groups: SearchGroup[], docs: SearchDoc[], indexedAt: number): { entries: Entry[]; gone: string[] } {
    const entries: Entry[] = [];
    const present = new Set<string>();
    for (const run of byRecord(docs)) {
      const { record, pages } = toEntries(run, indexedAt);
      entries.push(record, ...pages);
      present.add(record.group);
    }
    const gone = groups.map(groupOf).filter((group) => !present.has(group)).map((group) => `group = ${str(group)}`);
    return { entries, gone };
  }

  async replace(groups: SearchGroup[], docs: SearchDoc[], index = this.index): Promise<void> {
    const { entries, gone } = this.entries(groups, docs, Date.now());
    const tasks: MeiliTask[] = [];
    for (let i = 0; i < entries.length; i += 1000) {
      tasks.push(await this.client.request<MeiliTask>('POST', `${this.path(index)}/documents`, entries.slice(i, i + 1000)));
    }
    if (gone.length) tasks.push(await this.client.request<MeiliTask>('POST', `${this.path(index)}/documents/delete`, { filter: gone.join(' OR ') }));
    for (const task of tasks) await this.client.wait(task);
  }

  /**
   * All bodies: a fresh index, filled, then swapped with the live one in one atomic step.
   * One body: its entries are rewritten in place and the ones not rewritten deleted after.
   */
  async rebuild(bodyId: string | null, fill: (add: (docs: SearchDoc[]) => Promise<void>) => Promise<void>): Promise<void> {
    const started = Date.now();
    const target = bodyId ? this.index : `${this.index}_build_${started}`;
    if (!bodyId) {
      await this.client.request('DELETE', this.path(target)).catch(() => undefined);
      await this.setup(target);
    } else {
      await this.setup();
    }
    const pending: MeiliTask[] = [];
    let buffer: Entry[] = [];
    let chars = 0;
    const flush = async (): Promise<void> => {
      if (!buffer.length) return;
      const batch = buffer;
      buffer = [];
      chars = 0;
      pending.push(await this.client.request<MeiliTask>('POST', `${this.path(target)}/documents`, batch));
      // Keep a few batches in flight; Meilisearch merges consecutive additions into one batch.
      if (pending.length > 8) await this.client.wait(pending.shift() as MeiliTask);
    };
    try {
      // Each call brings whole records (all chunks of a file together).
      await fill(async (docs) => {
        buffer.push(...this.entries([], docs, started).entries);
        for (const d of docs) chars += d.content.length;
        if (buffer.length >= 5000 || chars >= 20_000_000) await flush();
      });
      await flush();
      for (const task of pending) await this.client.wait(task);
      if (bodyId) {
        await this.client.wait(
          await this.client.request<MeiliTask>('POST', `${this.path()}/documents/delete`, { filter: `bodyId = ${str(bodyId)} AND indexedAt < ${started}` }),
        );
        return;
      }
      await this.setup();
      await this.client.wait(await this.client.request<MeiliTask>('POST', '/swap-indexes', [{ indexes: [this.index, target] }]));
    } finally {
      if (!bodyId) await this.client.request('DELETE', this.path(target)).catch(() => undefined);
    }
  }

  /** Number of records of a body (or all) in the index. */
  async count(bodyId: string | null): Promise<number> {
    const result = await this.client.request<{ total: number }>('POST', `${this.path()}/documents/fetch`, {
      limit: 1,
      fields: ['id'],
      filter: bodyId ? `${RECORDS} AND bodyId = ${str(bodyId)}` : RECORDS,
    });
    return result.total;
  }
}
