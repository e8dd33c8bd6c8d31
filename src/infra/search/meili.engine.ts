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
import { fold, normalizeReference } from './text';

interface MeiliDoc extends SearchDoc {
  id: string;
  group: string;
  referenceKey: string | null;
  dateNum: number | null;
  year: number | null;
  indexedAt: number;
  fTitle: string;
  fReference: string;
  fMeta: string;
  fContent: string;
}

interface MeiliSearchResponse {
  hits: MeiliDoc[];
  estimatedTotalHits?: number;
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

const DISPLAYED: (keyof SearchDoc)[] = ['key', 'bodyId', 'type', 'resourceId', 'chunk', 'page', 'public', 'title', 'reference', 'meta', 'content', 'date', 'committeeIds', 'documentType', 'path'];

/**
 * The index settings, applied by `setup()` when the worker starts and to every fresh index.
 * No `localizedAttributes`: Meilisearch's German segmentation cuts ordinary words apart and
 * breaks typo tolerance; documents and queries are folded by us instead (see text.ts).
 */
export const MEILI_SETTINGS = {
  searchableAttributes: ['fReference', 'fTitle', 'fMeta', 'fContent'],
  displayedAttributes: DISPLAYED,
  filterableAttributes: ['bodyId', 'public', 'type', 'committeeIds', 'documentType', 'dateNum', 'year', 'group', 'chunk', 'referenceKey', 'indexedAt'],
  sortableAttributes: ['dateNum'],
  rankingRules: ['sort', 'words', 'attribute', 'typo', 'proximity', 'exactness'],
  distinctAttribute: 'group',
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ['fReference'] },
  pagination: { maxTotalHits: 1000 },
  faceting: { maxValuesPerFacet: 50 },
  stopWords: ['der', 'die', 'das', 'und', 'oder', 'in', 'im', 'zu', 'zur', 'zum', 'von', 'vom', 'mit', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'auf', 'fur', 'an', 'am', 'bei'],
};

/** Index attribute of each facet. */
const FACET_ATTRIBUTES: Record<FacetName, string> = { type: 'type', committee: 'committeeIds', documentType: 'documentType', year: 'year' };

const str = (value: string): string => JSON.stringify(value);
const docId = (key: string): string => key.replace(/:/g, '_');

function toMeili(doc: SearchDoc, indexedAt: number): MeiliDoc {
  const dateNum = doc.date ? Number(doc.date.replace(/-/g, '')) : null;
  return {
    ...doc,
    id: docId(doc.key),
    group: `${doc.type}_${doc.resourceId}`,
    referenceKey: doc.reference ? normalizeReference(doc.reference) : null,
    dateNum,
    year: doc.date ? Number(doc.date.slice(0, 4)) : null,
    indexedAt,
    fTitle: fold(doc.title),
    fReference: doc.reference ? fold(doc.reference) : '',
    fMeta: fold(doc.meta),
    fContent: fold(doc.content),
  };
}

function fromMeili(hit: MeiliDoc): SearchDoc {
  return {
    key: hit.key,
    bodyId: hit.bodyId,
    type: hit.type,
    resourceId: hit.resourceId,
    chunk: hit.chunk,
    page: hit.page,
    public: hit.public,
    title: hit.title,
    reference: hit.reference,
    meta: hit.meta,
    content: hit.content,
    date: hit.date,
    committeeIds: hit.committeeIds,
    documentType: hit.documentType,
    path: hit.path,
  };
}

/** Meilisearch as the search engine (MEILI_URL). One index holds every body. */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;

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
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private visibility(scopes: SearchScope[]): string {
    return `(${scopes.map((s) => (s.nonPublic ? `bodyId = ${str(s.bodyId)}` : `(bodyId = ${str(s.bodyId)} AND public = true)`)).join(' OR ')})`;
  }

  private filter(scopes: SearchScope[], filters: SearchFilters): string[] {
    const out = [this.visibility(scopes)];
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

  async search(request: SearchRequest): Promise<SearchResult> {
    const filter = this.filter(request.scopes, request.filters);
    const wanted = request.facets ?? FACET_NAMES;
    const body = {
      q: this.queryText(request.query),
      filter: filter.join(' AND '),
      matchingStrategy: 'all',
      ...(wanted.length ? { facets: wanted.map((f) => FACET_ATTRIBUTES[f]) } : {}),
      attributesToRetrieve: DISPLAYED,
      ...(request.sort === 'newest' ? { sort: ['dateNum:desc'] } : {}),
    };
    const refs = request.query.references;
    let exact: MeiliDoc[] = [];
    if (refs.length) {
      // Reference numbers: the records that carry them come first, whatever the text ranking says.
      const found = await this.client.request<MeiliSearchResponse>('POST', `${this.path()}/search`, {
        q: '',
        filter: [...filter, `referenceKey IN [${refs.map(str).join(', ')}]`].join(' AND '),
        matchingStrategy: 'all',
        limit: 50,
        attributesToRetrieve: DISPLAYED,
      });
      exact = found.hits;
    }
    const skip = Math.max(0, request.offset - exact.length);
    const result = await this.client.request<MeiliSearchResponse>('POST', `${this.path()}/search`, {
      ...body,
      offset: skip,
      limit: request.limit + exact.length,
    });
    const seen = new Set(exact.map((h) => h.key));
    const merged = [...exact.slice(request.offset), ...result.hits.filter((h) => !seen.has(h.key))].slice(0, request.limit);
    const facets = emptyFacets();
    const dist = result.facetDistribution ?? {};
    for (const f of wanted) facets[f] = dist[FACET_ATTRIBUTES[f]] ?? {};
    const extra = exact.filter((h) => !result.hits.some((r) => r.key === h.key)).length;
    return { total: (result.estimatedTotalHits ?? result.hits.length) + extra, hits: merged.map(fromMeili), facets, matched: [] };
  }

  async suggest(request: SuggestRequest): Promise<SearchDoc[]> {
    const result = await this.client.request<MeiliSearchResponse>('POST', `${this.path()}/search`, {
      q: fold(request.prefix),
      filter: `${this.visibility(request.scopes)} AND chunk = 0 AND type != "file"`,
      attributesToSearchOn: ['fReference', 'fTitle'],
      limit: request.limit,
      attributesToRetrieve: DISPLAYED,
    });
    return result.hits.map(fromMeili);
  }

  private groupFilter(groups: SearchGroup[], docs: SearchDoc[]): string {
    const counts = new Map<string, number>();
    for (const d of docs) counts.set(`${d.type}_${d.resourceId}`, (counts.get(`${d.type}_${d.resourceId}`) ?? 0) + 1);
    return groups.map((g) => `(group = ${str(`${g.type}_${g.resourceId}`)} AND chunk >= ${counts.get(`${g.type}_${g.resourceId}`) ?? 0})`).join(' OR ');
  }

  async replace(groups: SearchGroup[], docs: SearchDoc[], index = this.index): Promise<void> {
    const now = Date.now();
    const tasks: MeiliTask[] = [];
    for (let i = 0; i < docs.length; i += 1000) {
      tasks.push(await this.client.request<MeiliTask>('POST', `${this.path(index)}/documents`, docs.slice(i, i + 1000).map((d) => toMeili(d, now))));
    }
    if (groups.length) tasks.push(await this.client.request<MeiliTask>('POST', `${this.path(index)}/documents/delete`, { filter: this.groupFilter(groups, docs) }));
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
    let buffer: MeiliDoc[] = [];
    const flush = async (): Promise<void> => {
      if (!buffer.length) return;
      const batch = buffer;
      buffer = [];
      pending.push(await this.client.request<MeiliTask>('POST', `${this.path(target)}/documents`, batch));
      // Keep a few batches in flight; Meilisearch merges consecutive additions into one batch.
      if (pending.length > 8) await this.client.wait(pending.shift() as MeiliTask);
    };
    try {
      await fill(async (docs) => {
        for (const d of docs) buffer.push(toMeili(d, started));
        if (buffer.length >= 5000) await flush();
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

  async count(bodyId: string | null): Promise<number> {
    const result = await this.client.request<{ total: number }>('POST', `${this.path()}/documents/fetch`, {
      limit: 1,
      fields: ['id'],
      ...(bodyId ? { filter: `bodyId = ${str(bodyId)}` } : {}),
    });
    return result.total;
  }
}
