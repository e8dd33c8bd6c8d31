import type { Pool } from 'pg';
import { inTransaction } from '../database/pool';
import type { Queryable } from '../database/queryable';
import {
  emptyFacets,
  FACET_NAMES,
  FacetName,
  Facets,
  SearchDoc,
  SearchEngine,
  SearchGroup,
  SearchRequest,
  SearchResult,
  SearchScope,
  SearchType,
  SuggestRequest,
} from './engine';
import { ParsedQuery, queryWords } from './query';
import { allowedTypos, editDistance, fold, lexiconWords, normalizeReference } from './text';


interface EntryRow {
  key: string;
  body_id: string;
  type: SearchType;
  resource_id: string;
  chunk: number;
  page: number | null;
  public: boolean;
  title: string;
  reference: string | null;
  meta: string;
  content: string;
  date: string | null;
  committee_ids: string[];
  document_type: string | null;
  path: string;
}

const ENTRY_COLUMNS = `e.key, e.body_id, e.type, e.resource_id, e.chunk, e.page, e.public, e.title, e.reference, e.meta, e.content,
  to_char(e.date, 'YYYY-MM-DD') AS date, e.committee_ids, e.document_type, e.path`;

/** The same columns as one JSON object per row (for entries fetched inside a larger query). */
const ENTRY_JSON = `'key', e.key, 'body_id', e.body_id, 'type', e.type, 'resource_id', e.resource_id, 'chunk', e.chunk, 'page', e.page,
  'public', e.public, 'title', e.title, 'reference', e.reference, 'meta', e.meta, 'content', e.content, 'date', to_char(e.date, 'YYYY-MM-DD'),
  'committee_ids', e.committee_ids, 'document_type', e.document_type, 'path', e.path`;

function toDoc(r: EntryRow): SearchDoc {
  return {
    key: r.key,
    bodyId: r.body_id,
    type: r.type,
    resourceId: r.resource_id,
    chunk: r.chunk,
    page: r.page,
    public: r.public,
    title: r.title,
    reference: r.reference,
    meta: r.meta,
    content: r.content,
    date: r.date,
    committeeIds: r.committee_ids,
    documentType: r.document_type,
    path: r.path,
  };
}

/**
 * The indexes of a body's partition, as the SearchByBody migration defines them on the
 * parent; a rebuilt partition gets the same ones, so that attaching it adopts them.
 */
const INDEXES = [
  'PRIMARY KEY (body_id, key)',
  'USING gin (tsv)',
  '(resource_id)',
  '(reference_key) WHERE reference_key IS NOT NULL',
  "USING gin (tsv_head) WHERE chunk = 0 AND type <> 'file'",
  'USING gin (committee_ids)',
];

/**
 * Folded text for to_tsvector. PostgreSQL's parser reads "Ferien-/Wochenendfreizeit" or
 * "Haus/Garten" as one file-path token, so that neither word would be found: a slash between
 * letters becomes a space (between digits it stays, as in reference numbers like 2024/0123).
 */
const words = (text: string): string => fold(text).replace(/(?<=[\p{L}-])\/(?=\p{L})/gu, ' ');

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const quote = (word: string): string => `'${word.replace(/'/g, "''")}'`;
const partitionOf = (bodyId: string): string => `search_entry_${bodyId.replace(/-/g, '')}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records whose title or metadata match that are ranked at most (bounded, so that a common word costs little). */
const HEAD_CANDIDATES = 200;
/**
 * Text matches ranked at most. For common words, counts and facets are of these candidates
 * (at most 200 records whose titles match, or fewer and up to 250 text matches). Both caps
 * bound the rows fetched and ranked per search.
 */
const TEXT_CANDIDATES = 250;
/**
 * Fewer hits than this, and the search is widened: from exact words in the text to prefixes
 * (compounds: "Radweg" in "Radwegekonzept") and then to typo variants. A common word is thus
 * answered by its cheap exact form, and a rare word still finds its compounds and misspellings.
 */
const ENOUGH_HITS = 30;

const VARIANT_TTL_MS = 60_000;
const VARIANT_CACHE_SIZE = 20_000;

/** Weight of the words as typed (the unstemmed vector) against their stems. */
const EXACT_WEIGHT = 5;
/** Rank bonus of a match of the words as such over prefix and typo matches. */
const STRICT_BONUS = 1;

/** Small rank bonus so that a record outranks its own files when both match alike. */
const TYPE_BONUS = `CASE e.type WHEN 'document' THEN 0.06 WHEN 'committee' THEN 0.05 WHEN 'person' THEN 0.05 WHEN 'session' THEN 0.03 WHEN 'agenda-item' THEN 0.02 ELSE 0 END`;

/** How widely a search matches: exact words in texts (titles with prefixes), prefixes everywhere, prefixes and typos. */
type Stage = 'exact' | 'prefix' | 'typo';

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The default engine: PostgreSQL full text in the application's own database.
 * `german` stemming (with unaccent) over folded text, an unstemmed `simple` vector for an
 * exact-form boost, prefixes for compounds ("Radweg" finds "Radwegekonzept"), and typo
 * tolerance through a trigram index over the words of the index (pg_trgm). Each body's
 * entries are a partition of their own (see the SearchByBody migration).
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  readonly batchSize = 200;

  /** Typo variants per folded query word (see typoVariants). */
  private readonly variantCache = new Map<string, { words: string[]; until: number }>();
  /** Bodies whose partition is known to exist. */
  private readonly partitions = new Set<string>();
  /** Entries written to a body's partition since its statistics were taken (see analyzeGrown). */
  private readonly growth = new Map<string, { since: number; base: number }>();

  constructor(private readonly pool: Pool) {}

  async setup(): Promise<void> {
    // The schema comes with the migrations; partitions are created when a body is first indexed.
  }

  async close(): Promise<void> {
    // The pool belongs to the caller.
  }

  /**
   * Words of the index within typo distance of each query word. Remembered for a minute per
   * word (the lexicon grows slowly; a new word becomes a typo variant at most that late).
   */
  private async typoVariants(query: ParsedQuery): Promise<Map<string, string[]>> {
    const now = Date.now();
    const variants = new Map<string, string[]>();
    const words: string[] = [];
    for (const t of query.terms) {
      if (allowedTypos(t.length) === 0 || /\d/.test(t)) continue;
      const known = this.variantCache.get(t);
      if (known && known.until > now) variants.set(t, known.words);
      else words.push(t);
    }
    if (words.length) {
      const result = await this.pool.query<{ t: string; word: string }>(
        `SELECT t, w.word FROM unnest($1::text[]) t,
           LATERAL (SELECT word FROM search_term WHERE word % t AND word <> t ORDER BY similarity(word, t) DESC LIMIT 16) w`,
        [words],
      );
      for (const t of words) variants.set(t, []);
      for (const row of result.rows) {
        const max = allowedTypos(row.t.length);
        if (editDistance(row.word, row.t, max) > max) continue;
        const list = variants.get(row.t) as string[];
        if (list.length < 6) list.push(row.word);
      }
      if (this.variantCache.size > VARIANT_CACHE_SIZE) this.variantCache.clear();
      for (const t of words) this.variantCache.set(t, { words: variants.get(t) as string[], until: now + VARIANT_TTL_MS });
    }
    for (const [t, list] of variants) if (!list.length) variants.delete(t);
    return variants;
  }

  /**
   * The tsquery texts: every term and phrase must match. Titles and metadata (`head`) match
   * words as prefixes at every stage; texts only from the `prefix` stage on; typo variants
   * join at the `typo` stage. `strict` (every word in one of its inflections, no prefixes,
   * no typos) and `exact` (the words as typed) are what ranking prefers.
   */
  private tsQuery(query: ParsedQuery, stage: Stage, variants: Map<string, string[]>): { head: string; text: string; strict: string; exact: string } {
    const build = (prefixes: boolean, typos = variants): string => {
      const parts: string[] = [];
      for (const term of query.terms) {
        const forms = [prefixes && term.length >= 4 && !/^\d+$/.test(term) ? `${quote(term)}:*` : quote(term), ...(typos.get(term) ?? []).map(quote)];
        parts.push(forms.length > 1 ? `(${forms.join(' | ')})` : forms[0]);
      }
      for (const phrase of query.phrases) parts.push(`(${phrase.map(quote).join(' <-> ')})`);
      for (const ref of query.references) parts.push(quote(ref));
      return parts.join(' & ');
    };
    const exact = queryWords(query).map(quote).join(' | ');
    return { head: build(true), text: build(stage !== 'exact'), strict: build(false, new Map()), exact };
  }

  private visibility(scopes: SearchScope[], p: Params, alias = 'e'): string {
    const all = p.add(scopes.map((s) => s.bodyId));
    const members = scopes.filter((s) => s.nonPublic).map((s) => s.bodyId);
    if (!members.length) return `${alias}.body_id = ANY(${all}::uuid[]) AND ${alias}.public`;
    return `${alias}.body_id = ANY(${all}::uuid[]) AND (${alias}.public OR ${alias}.body_id = ANY(${p.add(members)}::uuid[]))`;
  }

  /**
   * Searches at the narrowest stage that finds enough: exact words first (cheap even for the
   * most common words of a large city), then prefixes, then typo variants.
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const { query } = request;
    const prefixes = query.terms.some((t) => t.length >= 4 && !/^\d+$/.test(t));
    let result = await this.searchAt(request, 'exact', new Map());
    if (result.total < ENOUGH_HITS && prefixes) result = await this.searchAt(request, 'prefix', new Map());
    if (result.total < ENOUGH_HITS) {
      const variants = await this.typoVariants(query);
      if (variants.size) result = await this.searchAt(request, 'typo', variants);
    }
    return result;
  }

  private async searchAt(request: SearchRequest, stage: Stage, variants: Map<string, string[]>): Promise<SearchResult> {
    const { query, filters } = request;
    const { head, text, strict, exact } = this.tsQuery(query, stage, variants);
    const p = new Params();
    const headQuery = `to_tsquery('rs_german', ${p.add(head)})`;
    const textQuery = head === text ? headQuery : `to_tsquery('rs_german', ${p.add(text)})`;
    const x = p.add(exact || "''");
    const refs = p.add(query.references);
    const filter = [this.visibility(request.scopes, p)];
    if (filters.types?.length) filter.push(`e.type = ANY(${p.add(filters.types)}::text[])`);
    if (filters.committeeId) filter.push(`e.committee_ids @> ARRAY[${p.add(filters.committeeId)}::uuid]`);
    if (filters.documentType) filter.push(`e.document_type = ${p.add(filters.documentType)}`);
    if (filters.dateFrom) filter.push(`e.date >= ${p.add(filters.dateFrom)}::date`);
    if (filters.dateTo) filter.push(`e.date <= ${p.add(filters.dateTo)}::date`);
    const where = filter.join(' AND ');
    const bodies = `e.body_id = ANY(${p.add(request.scopes.map((sc) => sc.bodyId))}::uuid[])`;
    // What matches every word as such (not as the prefix of a compound, not misspelt) ranks
    // before what a wider stage adds: "Korridors" before the "Korridorthema" of every form.
    const strictMatch = text === strict ? '' : ` + CASE WHEN e.tsv @@ to_tsquery('rs_german', ${p.add(strict)}) THEN ${STRICT_BONUS} ELSE 0 END`;
    const score = (tsq: string): string => `ts_rank(e.tsv, ${tsq}, 1) + ${EXACT_WEIGHT} * ts_rank(e.tsv_exact, to_tsquery('rs_simple', ${x}), 1)${strictMatch}
      + CASE WHEN e.reference_key = ANY(${refs}::text[]) THEN 10 ELSE 0 END + ${TYPE_BONUS}`;
    const columns = (tsq: string): string => `e.body_id, e.key, e.type, e.resource_id, e.date, e.committee_ids, e.document_type, ${score(tsq)} AS score`;
    // Candidates in tiers, so that a common word costs no more than a rare one: the records
    // (not files) whose title or metadata match; a bounded number of text matches (files'
    // names are part of their text), read only when the titles did not already give the most
    // there are to rank (the text index is what a common word costs most, and title matches
    // outrank text matches anyway); and reference numbers.
    const headCte = `head AS MATERIALIZED (SELECT ${columns(headQuery)} FROM search_entry e
      WHERE e.chunk = 0 AND e.type <> 'file' AND e.tsv_head @@ ${headQuery} AND ${where} LIMIT ${HEAD_CANDIDATES})`;
    const tiers = [
      `(SELECT * FROM head)`,
      `(SELECT ${columns(textQuery)} FROM search_entry e
        WHERE (SELECT count(*) FROM head) < ${HEAD_CANDIDATES} AND e.tsv @@ ${textQuery} AND ${where} LIMIT ${TEXT_CANDIDATES})`,
    ];
    // A reference number alone decides: "Vorlage 0123/2025" finds the document 0123/2025.
    if (query.references.length) tiers.push(`(SELECT ${columns(textQuery)} FROM search_entry e WHERE e.reference_key = ANY(${refs}::text[]) AND ${where})`);
    const order = request.sort === 'newest' ? 'g.date DESC NULLS LAST, g.score DESC, g.key' : 'g.score DESC, g.date DESC NULLS LAST, g.key';
    // Only the facets asked for are counted.
    const wanted = new Set(request.facets ?? FACET_NAMES);
    const facet = (name: FacetName, sql: string): string => (wanted.has(name) ? `(${sql})` : `'{}'::json`);
    const sql = `WITH ${headCte}, m AS (${tiers.join(' UNION ALL ')}), g AS (
        SELECT DISTINCT ON (m.type, m.resource_id) m.* FROM m ORDER BY m.type, m.resource_id, m.score DESC, m.key
      ), page AS (
        SELECT g.body_id, g.key, row_number() OVER (ORDER BY ${order}) AS n FROM g ORDER BY ${order} LIMIT ${p.add(request.limit)} OFFSET ${p.add(request.offset)}
      )
      SELECT (SELECT count(*)::int FROM g) AS total,
        (SELECT COALESCE(json_agg(json_build_object(${ENTRY_JSON}) ORDER BY page.n), '[]') FROM page JOIN search_entry e ON e.body_id = page.body_id AND e.key = page.key AND ${bodies}) AS hits,
        ${facet('type', `SELECT COALESCE(json_object_agg(type, n), '{}') FROM (SELECT type, count(*) n FROM g GROUP BY type) f`)} AS f_type,
        ${facet('committee', `SELECT COALESCE(json_object_agg(c, n), '{}') FROM (SELECT c, count(*) n FROM g, unnest(g.committee_ids) c GROUP BY c) f`)} AS f_committee,
        ${facet('documentType', `SELECT COALESCE(json_object_agg(document_type, n), '{}') FROM (SELECT document_type, count(*) n FROM g WHERE document_type IS NOT NULL GROUP BY document_type) f`)} AS f_document_type,
        ${facet('year', `SELECT COALESCE(json_object_agg(y, n), '{}') FROM (SELECT extract(year FROM date)::int AS y, count(*) n FROM g WHERE date IS NOT NULL GROUP BY 1) f`)} AS f_year`;
    const result = await this.pool.query<{
      total: number;
      hits: EntryRow[];
      f_type: Record<string, number>;
      f_committee: Record<string, number>;
      f_document_type: Record<string, number>;
      f_year: Record<string, number>;
    }>(sql, p.values);
    const row = result.rows[0];
    const facets: Facets = row ? { type: row.f_type, committee: row.f_committee, documentType: row.f_document_type, year: row.f_year } : emptyFacets();
    // The page's entries come with the same query (no second round trip).
    const hits = (row?.hits ?? []).map(toDoc);
    return { total: row?.total ?? 0, hits, facets, matched: [...variants.values()].flat() };
  }

  async suggest(request: SuggestRequest): Promise<SearchDoc[]> {
    const words = [...fold(request.prefix).matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).slice(0, 8);
    if (!words.length) return [];
    const tsq = words.map((w, i) => (i === words.length - 1 ? `${quote(w)}:*` : quote(w))).join(' & ');
    const p = new Params();
    const q = p.add(tsq);
    const sql = `SELECT ${ENTRY_COLUMNS} FROM search_entry e
      WHERE e.chunk = 0 AND ${this.visibility(request.scopes, p)} AND e.tsv_head @@ to_tsquery('rs_german', ${q}) AND e.type <> 'file'
      ORDER BY ts_rank(e.tsv_head, to_tsquery('rs_german', ${q})) + ${TYPE_BONUS} DESC, length(e.title), e.key LIMIT ${p.add(request.limit)}`;
    const result = await this.pool.query<EntryRow>(sql, p.values);
    return result.rows.map(toDoc);
  }

  /**
   * Rows are locked and written in key order, so that concurrent replacements of overlapping
   * records (several workers draining at once) wait for each other instead of deadlocking;
   * should PostgreSQL still pick one as a deadlock victim, it is simply run again.
   */
  async replace(groups: SearchGroup[], docs: SearchDoc[]): Promise<void> {
    await this.ensurePartitions(docs);
    const sorted = [...docs].sort((a, b) => a.bodyId.localeCompare(b.bodyId) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(this.pool, async (client) => {
          await this.deleteGroups(client, groups);
          await this.insert(client, sorted);
        });
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      }
    }
    await this.addWords(docs);
    await this.analyzeGrown(docs);
  }

  /**
   * Refreshes the planner's statistics of a partition that grew by as much as it held when
   * they were last taken (at least 1,000 entries): a city indexed for the first time, entry by
   * entry, is otherwise searched with the plans of an empty table until autovacuum comes by.
   */
  private async analyzeGrown(docs: SearchDoc[]): Promise<void> {
    for (const [bodyId, n] of countBy(docs, (d) => d.bodyId)) {
      const state = this.growth.get(bodyId) ?? { since: 0, base: -1 };
      if (state.base < 0) {
        const found = await this.pool.query<{ n: number }>(`SELECT GREATEST(reltuples, 0)::float8 AS n FROM pg_class WHERE relname = $1`, [partitionOf(bodyId)]);
        state.base = found.rows[0]?.n ?? 0;
      }
      state.since += n;
      this.growth.set(bodyId, state);
      if (state.since < Math.max(1000, state.base)) continue;
      await this.pool.query(`ANALYZE ${partitionOf(bodyId)}`);
      state.base += state.since;
      state.since = 0;
    }
  }

  /** Creates the partitions of bodies indexed for the first time. */
  private async ensurePartitions(docs: SearchDoc[]): Promise<void> {
    for (const bodyId of new Set(docs.map((d) => d.bodyId))) {
      if (this.partitions.has(bodyId)) continue;
      if (!UUID.test(bodyId)) throw new Error(`not a body id: ${bodyId}`);
      try {
        await this.pool.query(`CREATE TABLE IF NOT EXISTS ${partitionOf(bodyId)} PARTITION OF search_entry FOR VALUES IN ('${bodyId}')`);
      } catch (error) {
        // Another worker created it at the same moment.
        if (!['42P07', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      }
      this.partitions.add(bodyId);
    }
  }

  private async deleteGroups(db: Queryable, groups: SearchGroup[]): Promise<void> {
    if (!groups.length) return;
    await db.query(
      `DELETE FROM search_entry d USING (
         SELECT e.body_id, e.key FROM search_entry e JOIN unnest($1::text[], $2::uuid[]) AS g(type, id) ON e.resource_id = g.id AND e.type = g.type
         ORDER BY e.body_id, e.key FOR UPDATE OF e) x
       WHERE d.body_id = x.body_id AND d.key = x.key`,
      [groups.map((g) => g.type), groups.map((g) => g.resourceId)],
    );
  }

  private async insert(db: Queryable, docs: SearchDoc[], table = 'search_entry', upsert = true): Promise<void> {
    for (let i = 0; i < docs.length; i += 500) {
      const batch = docs.slice(i, i + 500);
      const json = JSON.stringify(
        batch.map((d) => ({
          ...d,
          referenceKey: d.reference ? normalizeReference(d.reference) : null,
          ft: words(d.title),
          fr: d.reference ? normalizeReference(d.reference) : '',
          fm: words(d.meta),
          fc: words(d.content),
        })),
      );
      await db.query(
        `INSERT INTO ${table} (key, body_id, type, resource_id, chunk, page, public, title, reference, reference_key, meta, content, date,
           committee_ids, document_type, path, tsv, tsv_exact, tsv_head)
         SELECT d.key, d."bodyId", d.type, d."resourceId", d.chunk, d.page, d.public, d.title, d.reference, d."referenceKey", d.meta, d.content,
           d.date::date, d."committeeIds", d."documentType", d.path,
           setweight(to_tsvector('rs_german', d.ft), 'A') || setweight(to_tsvector('rs_german', d.fr), 'A')
             || setweight(to_tsvector('rs_german', d.fm), 'B') || setweight(to_tsvector('rs_german', d.fc), 'D'),
           setweight(to_tsvector('rs_simple', d.ft), 'A') || setweight(to_tsvector('rs_simple', d.fr), 'A')
             || setweight(to_tsvector('rs_simple', d.fm), 'B') || setweight(to_tsvector('rs_simple', d.fc), 'D'),
           setweight(to_tsvector('rs_german', d.ft), 'A') || setweight(to_tsvector('rs_german', d.fr), 'A') || setweight(to_tsvector('rs_german', d.fm), 'B')
         FROM json_to_recordset($1::json) AS d(key text, "bodyId" uuid, type text, "resourceId" uuid, chunk int, page int, public boolean,
           title text, reference text, "referenceKey" text, meta text, content text, date text, "committeeIds" uuid[], "documentType" text, path text,
           ft text, fr text, fm text, fc text)
         ${upsert ? `ON CONFLICT (body_id, key) DO UPDATE SET type = EXCLUDED.type, resource_id = EXCLUDED.resource_id,
           chunk = EXCLUDED.chunk, page = EXCLUDED.page, public = EXCLUDED.public, title = EXCLUDED.title, reference = EXCLUDED.reference,
           reference_key = EXCLUDED.reference_key, meta = EXCLUDED.meta, content = EXCLUDED.content, date = EXCLUDED.date,
           committee_ids = EXCLUDED.committee_ids, document_type = EXCLUDED.document_type, path = EXCLUDED.path, tsv = EXCLUDED.tsv,
           tsv_exact = EXCLUDED.tsv_exact, tsv_head = EXCLUDED.tsv_head, indexed_at = now()` : ''}`,
        [json],
      );
    }
  }

  private async addWords(docs: SearchDoc[]): Promise<void> {
    const words = new Set<string>();
    for (const d of docs) {
      lexiconWords(d.title, words);
      lexiconWords(d.meta, words);
      lexiconWords(d.content, words);
    }
    if (!words.size) return;
    const list = [...words].sort();
    for (let i = 0; i < list.length; i += 5000) {
      await this.pool.query(`INSERT INTO search_term (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [list.slice(i, i + 5000)]);
    }
  }

  /**
   * Builds each body's entries into a fresh table (loaded by `fill`, possibly in parallel),
   * indexes it in bulk and swaps it in for the body's partition in one short transaction:
   * searches see the old entries until the commit, and other bodies are not touched. A
   * rebuild of all bodies also drops the partitions of bodies that have nothing left to index.
   */
  async rebuild(bodyId: string | null, fill: (add: (docs: SearchDoc[]) => Promise<void>) => Promise<void>): Promise<void> {
    const suffix = Date.now().toString(36);
    const builds = new Map<string, Promise<string>>();
    const buildFor = (body: string): Promise<string> => {
      let table = builds.get(body);
      if (!table) {
        if (!UUID.test(body)) throw new Error(`not a body id: ${body}`);
        const name = `search_build_${suffix}_${body.replace(/-/g, '')}`;
        table = this.pool.query(`CREATE TABLE ${name} (LIKE search_entry INCLUDING DEFAULTS)`).then(() => name);
        builds.set(body, table);
      }
      return table;
    };
    if (bodyId) await buildFor(bodyId);
    try {
      await fill(async (docs) => {
        const byBody = new Map<string, SearchDoc[]>();
        for (const d of docs) byBody.set(d.bodyId, [...(byBody.get(d.bodyId) ?? []), d]);
        for (const [body, list] of byBody) {
          if (bodyId && body !== bodyId) continue;
          await this.insert(this.pool, list, await buildFor(body), false);
        }
        await this.addWords(docs);
      });
      for (const [body, table] of builds) await this.swapIn(body, await table);
      if (!bodyId) {
        // Bodies with nothing to index any more lose their partition.
        const existing = await this.pool.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'search_entry'::regclass`);
        const kept = new Set([...builds.keys()].map(partitionOf));
        for (const { name } of existing.rows) if (!kept.has(name)) await this.pool.query(`DROP TABLE IF EXISTS ${name}`);
      }
    } finally {
      for (const table of builds.values()) await this.pool.query(`DROP TABLE IF EXISTS ${await table.catch(() => 'search_build_none')}`);
    }
  }

  /** Indexes a built table as the partitions are indexed, and makes it the body's partition. */
  private async swapIn(bodyId: string, table: string): Promise<void> {
    await this.pool.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_body CHECK (body_id = '${bodyId}')`);
    for (const index of INDEXES) {
      if (index.startsWith('PRIMARY KEY')) await this.pool.query(`ALTER TABLE ${table} ADD ${index}`);
      else await this.pool.query(`CREATE INDEX ON ${table} ${index}`);
    }
    await this.pool.query(`ANALYZE ${table}`);
    const partition = partitionOf(bodyId);
    await inTransaction(this.pool, async (client) => {
      const old = await client.query(`SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'search_entry'::regclass AND c.relname = $1`, [partition]);
      if (old.rowCount) {
        await client.query(`ALTER TABLE search_entry DETACH PARTITION ${partition}`);
        await client.query(`DROP TABLE ${partition}`);
      }
      // The check constraint proves the bound, so attaching does not scan the table.
      await client.query(`ALTER TABLE search_entry ATTACH PARTITION ${table} FOR VALUES IN ('${bodyId}')`);
      await client.query(`ALTER TABLE ${table} RENAME TO ${partition}`);
      await client.query(`ALTER TABLE ${partition} DROP CONSTRAINT ${table}_body`);
    });
    this.partitions.add(bodyId);
  }

  async count(bodyId: string | null): Promise<number> {
    const result = await this.pool.query<{ n: number }>(
      bodyId ? `SELECT count(*)::int AS n FROM search_entry WHERE body_id = $1` : `SELECT count(*)::int AS n FROM search_entry`,
      bodyId ? [bodyId] : [],
    );
    return result.rows[0]?.n ?? 0;
  }
}
