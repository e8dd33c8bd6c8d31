import type { ParsedQuery } from './query';

/** What the index holds: one entry per record, files split into chunks of their text. */
export const SEARCH_TYPES = ['document', 'file', 'session', 'agenda-item', 'committee', 'person'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** One entry of the index (a record, or one chunk of a file's text). */
export interface SearchDoc {
  /** `<type>:<resource id>:<chunk>`, unique in the index. */
  key: string;
  bodyId: string;
  type: SearchType;
  resourceId: string;
  chunk: number;
  /** Page of the file the chunk comes from (1-based); null for records. */
  page: number | null;
  /** Whether anonymous callers may see it; non-public entries are found by members only. */
  public: boolean;
  title: string;
  reference: string | null;
  /** Further searchable metadata: committees, originators, location, result … */
  meta: string;
  /** Main text: a chunk of file text, a resolution text. */
  content: string;
  /** YYYY-MM-DD, for sorting, ranges and the year facet. */
  date: string | null;
  committeeIds: string[];
  documentType: string | null;
  /** Path below `/v1/bodies/{body}/`, e.g. `documents/<id>`. */
  path: string;
}

/** A record in the index: all entries of one type and id form a group. */
export interface SearchGroup {
  type: SearchType;
  resourceId: string;
}

export interface SearchScope {
  bodyId: string;
  /** True for member (and staff) keys of this body: non-public entries are searched too. */
  nonPublic: boolean;
}

export interface SearchFilters {
  types?: SearchType[];
  committeeId?: string;
  documentType?: string;
  dateFrom?: string;
  dateTo?: string;
}

export type SearchSort = 'relevance' | 'newest';

/** The facets a search can count; each costs the engine work, so callers name the ones they show. */
export const FACET_NAMES = ['type', 'committee', 'documentType', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface SearchRequest {
  scopes: SearchScope[];
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SearchSort;
  offset: number;
  limit: number;
  /** Facets to count (omitted: all); the others stay empty. */
  facets?: readonly FacetName[];
}

export interface Facets {
  type: Record<string, number>;
  committee: Record<string, number>;
  documentType: Record<string, number>;
  year: Record<string, number>;
}

export interface SearchResult {
  total: number;
  hits: SearchDoc[];
  facets: Facets;
  /** Extra folded words the engine matched (typo expansions), for marking snippets. */
  matched: string[];
}

export interface SuggestRequest {
  scopes: SearchScope[];
  prefix: string;
  limit: number;
}

/** Thrown when the engine cannot be reached; indexing keeps the work for later. */
export class SearchUnavailable extends Error {}

/**
 * The contract both engines keep (PostgreSQL full text and Meilisearch); the shared
 * contract suite in test/search-contract.spec.ts holds them to it.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Records the indexer hands over at once: each write to Meilisearch costs a fixed amount, so it takes bigger batches. */
  readonly batchSize: number;
  /** Creates the index and applies its settings; idempotent. */
  setup(): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  suggest(request: SuggestRequest): Promise<SearchDoc[]>;
  /** Makes `docs` the whole content of `groups` (groups without docs are removed). */
  replace(groups: SearchGroup[], docs: SearchDoc[]): Promise<void>;
  /**
   * Rebuilds the index of one body (or all) from `fill`, swapping the result in atomically:
   * searches see the old index until the new one is complete.
   */
  rebuild(bodyId: string | null, fill: (add: (docs: SearchDoc[]) => Promise<void>) => Promise<void>): Promise<void>;
  /** Number of entries of a body (for checks and the CLI). */
  count(bodyId: string | null): Promise<number>;
  close(): Promise<void>;
}

export const emptyFacets = (): Facets => ({ type: {}, committee: {}, documentType: {}, year: {} });
