import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BodyRef, Caller, visibilityFor } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { pageLinks } from '../../common/pagination/links';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { searchDuration, timed } from '../../infra/metrics/metrics';
import { emptyFacets, FACET_NAMES, FacetName, SearchDoc, SearchEngine, SearchRequest, SearchScope, SearchType, SearchUnavailable } from '../../infra/search/engine';
import { isSearchable, parseQuery, ParsedQuery, queryWords } from '../../infra/search/query';
import { snippet, WordMatcher, wordMatcher } from '../../infra/search/snippet';
import { BodyDirectory } from '../bodies/body-directory.service';
import type { FacetValueDto, SearchFacetsDto, SearchHitDto, SearchPageDto, SuggestListDto } from './dto/search.dto';
import type { SearchQueryDto, SuggestQueryDto } from './dto/search-query.dto';
import { SearchRepository } from './search.repository';

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');
const MAX_DEPTH = 1000;
const DEFAULT_LIMIT = 20;
/** Characters of a suggest prefix that are read. */
export const MAX_SUGGEST_LENGTH = 100;

/** `facets=` of the API (snake case) to the engine's names; omitted: all. */
function facetNames(param: string | undefined): FacetName[] {
  if (param === undefined) return [...FACET_NAMES];
  if (param === 'none') return [];
  return [...new Set(param.split(',').map((f) => (f === 'document_type' ? 'documentType' : f) as FacetName))];
}

/**
 * The engine request for a first or further page of a validated search query (also used by
 * the benchmark, so that it measures what the API asks of the engine).
 */
export function engineRequest(query: SearchQueryDto, parsed: ParsedQuery, scopes: SearchScope[], offset: number, limit: number): SearchRequest {
  return {
    scopes,
    query: parsed,
    filters: {
      types: query.type ? ([...new Set(query.type.split(','))] as SearchType[]) : undefined,
      committeeId: query.committee,
      documentType: query.document_type,
      dateFrom: query.date_from,
      dateTo: query.date_to,
    },
    sort: query.sort ?? 'relevance',
    offset,
    limit,
    facets: facetNames(query.facets),
  };
}

function facetList(counts: Record<string, number>, labels?: Map<string, string>): FacetValueDto[] {
  return Object.entries(counts)
    .filter(([value]) => !labels || labels.has(value))
    .map(([value, count]) => ({ value, ...(labels ? { label: labels.get(value) } : {}), count: Number(count) }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

@Injectable()
export class SearchService implements OnModuleDestroy {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly repository: SearchRepository,
    private readonly bodies: BodyDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.engine.close();
  }

  /** Resolves `bodies=a,b` to bodies; unknown slugs are a 400. */
  async resolveBodies(list: string): Promise<BodyRef[]> {
    const slugs = [...new Set(list.split(','))];
    const found = await Promise.all(slugs.map((slug) => this.bodies.bySlug(slug)));
    const unknown = slugs.filter((_, i) => !found[i]);
    if (unknown.length) throw Problem.invalid([{ field: 'bodies', text: 'unknown_bodies', params: { slugs: unknown.join(', ') } }]);
    return found as BodyRef[];
  }

  private scopes(caller: Caller, bodies: BodyRef[]): SearchScope[] {
    return bodies.map((b) => ({ bodyId: b.id, nonPublic: visibilityFor(caller, b.id) !== 'public' }));
  }

  private unavailable(error: unknown): never {
    if (error instanceof SearchUnavailable) throw new Problem(503, 'search_unavailable');
    throw error;
  }

  async search(caller: Caller, bodies: BodyRef[], query: SearchQueryDto, request: FastifyRequest): Promise<SearchPageDto> {
    const parsed = parseQuery(query.q);
    if (query.date_from && query.date_to && query.date_from > query.date_to) {
      throw Problem.invalid([{ field: 'date_to', text: 'before_start', params: { start: 'date_from' } }]);
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset >= MAX_DEPTH) {
      throw Problem.invalid([{ field: 'cursor', text: 'cursor_invalid' }]);
    }
    const engineQuery = engineRequest(query, parsed, this.scopes(caller, bodies), offset, limit + 1);
    // Text without a word or number (punctuation, an emoji) finds nothing; the engine need not be asked.
    const result = isSearchable(parsed)
      ? await timed(searchDuration, { engine: this.engine.name, operation: 'search' }, () => this.engine.search(engineQuery)).catch((error: unknown) => this.unavailable(error))
      : { total: 0, hits: [], facets: emptyFacets(), matched: [] };
    const more = result.hits.length > limit && offset + limit < MAX_DEPTH;
    const matcher = wordMatcher([...queryWords(parsed), ...result.matched]);
    const slugs = new Map(bodies.map((b) => [b.id, b.slug]));
    const data = result.hits.slice(0, limit).map((doc) => this.hit(doc, matcher, slugs));
    const facets: SearchFacetsDto = {};
    for (const name of engineQuery.facets ?? []) {
      if (name === 'committee') facets.committee = facetList(result.facets.committee, await this.repository.committeeNames(Object.keys(result.facets.committee)));
      else if (name === 'year') facets.year = facetList(result.facets.year).sort((a, b) => b.value.localeCompare(a.value));
      else facets[name] = facetList(result.facets[name]);
    }
    return {
      data,
      total: Math.max(result.total, offset + data.length),
      facets,
      links: pageLinks(this.config.publicUrl, request, more ? encodeCursor([offset + limit]) : null),
    };
  }

  private hit(doc: SearchDoc, matcher: WordMatcher, slugs: Map<string, string>): SearchHitDto {
    const slug = slugs.get(doc.bodyId) ?? '';
    const path = `/v1/bodies/${slug}/${doc.path}`;
    return {
      type: doc.type,
      id: doc.resourceId,
      body: slug,
      title: doc.title,
      snippet: snippet(doc.content || doc.meta, matcher),
      date: doc.date,
      path,
      url: `${this.config.publicUrl}${path}`,
      public: doc.public,
      ...(doc.type === 'document' ? { reference: doc.reference } : {}),
      ...(doc.type === 'file' ? { page: doc.page } : {}),
    };
  }

  async suggest(caller: Caller, bodies: BodyRef[], query: SuggestQueryDto): Promise<SuggestListDto> {
    // As with search, any text is fine; text without a letter or digit suggests nothing.
    const prefix = query.q.normalize('NFKC').slice(0, MAX_SUGGEST_LENGTH);
    if (!/[\p{L}\p{N}]/u.test(prefix)) return { data: [] };
    const docs = await timed(searchDuration, { engine: this.engine.name, operation: 'suggest' }, () =>
      this.engine.suggest({ scopes: this.scopes(caller, bodies), prefix, limit: query.limit ?? 8 }),
    ).catch((error: unknown) => this.unavailable(error));
    const slugs = new Map(bodies.map((b) => [b.id, b.slug]));
    const seen = new Set<string>();
    const data = [];
    for (const doc of docs) {
      if (seen.has(doc.title)) continue;
      seen.add(doc.title);
      const slug = slugs.get(doc.bodyId) ?? '';
      data.push({ text: doc.title, type: doc.type, id: doc.resourceId, body: slug, path: `/v1/bodies/${slug}/${doc.path}` });
    }
    return { data };
  }
}
