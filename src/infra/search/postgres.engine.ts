import type { Pool, PoolClient } from 'pg';
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
import type { ParsedQuery } from './query';
import { allowedTypos, editDistance, fold, lexiconWords, normalizeReference } from './text';

type Queryable = Pick<Pool, 'query'> | PoolClient;

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

/** The secondary indexes of the entry table (as in the Search migration), rebuilt in bulk. */
const INDEXES = [
  { name: 'ix_search_entry_tsv', definition: 'USING gin (tsv)' },
  { name: 'ix_search_entry_group', definition: '(resource_id, type)' },
  { name: 'ix_search_entry_body', definition: '(body_id, type)' },
  { name: 'ix_search_entry_reference', definition: '(reference_key) WHERE reference_key IS NOT NULL' },
  { name: 'ix_search_entry_head', definition: "USING gin (tsv_head) WHERE chunk = 0 AND type <> 'file'" },
  { name: 'ix_search_entry_committees', definition: 'USING gin (committee_ids)' },
];

const quote = (word: string): string => `'${word.replace(/'/g, "''")}'`;

/** Records whose title or metadata match that are ranked at most (bounded, so that a common word costs little). */
const HEAD_CANDIDATES = 400;
/**
 * Text matches ranked at most. For common words, counts and facets are of the head and text
 * candidates together (at most 650). Both caps bound the heap rows fetched and ranked per search.
 */
const TEXT_CANDIDATES = 250;

const VARIANT_TTL_MS = 60_000;
const VARIANT_CACHE_SIZE = 20_000;

/** Small rank bonus so that a record outranks its own files when both match alike. */
const TYPE_BONUS = `CASE e.type WHEN 'document' THEN 0.06 WHEN 'committee' THEN 0.05 WHEN 'person' THEN 0.05 WHEN 'session' THEN 0.03 WHEN 'agenda-item' THEN 0.02 ELSE 0 END`;

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
 * tolerance through a trigram index over the words of the index (pg_trgm).
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;

  /** Typo variants per folded query word (see typoVariants). */
  private readonly variantCache = new Map<string, { words: string[]; until: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly table = 'search_entry',
  ) {}

  async setup(): Promise<void> {
    // The schema comes with the migrations.
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
    if (!words.length) return variants;
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
    for (const [t, list] of variants) if (!list.length) variants.delete(t);
    return variants;
  }

  /** The tsquery text: every term (with prefix and typo variants) and every phrase must match. */
  private tsQuery(query: ParsedQuery, variants: Map<string, string[]>): { match: string; exact: string } {
    const parts: string[] = [];
    for (const term of query.terms) {
      const forms = [term.length >= 4 && !/^\d+$/.test(term) ? `${quote(term)}:*` : quote(term), ...(variants.get(term) ?? []).map(quote)];
      parts.push(forms.length > 1 ? `(${forms.join(' | ')})` : forms[0]);
    }
    for (const phrase of query.phrases) parts.push(`(${phrase.map(quote).join(' <-> ')})`);
    for (const ref of query.references) parts.push(quote(ref));
    const exact = [...query.terms, ...query.phrases.flat(), ...query.references].map(quote).join(' | ');
    return { match: parts.join(' & '), exact };
  }

  private visibility(scopes: SearchScope[], p: Params, alias = 'e'): string {
    const all = p.add(scopes.map((s) => s.bodyId));
    const members = scopes.filter((s) => s.nonPublic).map((s) => s.bodyId);
    if (!members.length) return `${alias}.body_id = ANY(${all}::uuid[]) AND ${alias}.public`;
    return `${alias}.body_id = ANY(${all}::uuid[]) AND (${alias}.public OR ${alias}.body_id = ANY(${p.add(members)}::uuid[]))`;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const { query, filters } = request;
    const variants = await this.typoVariants(query);
    const { match, exact } = this.tsQuery(query, variants);
    const p = new Params();
    const q = p.add(match);
    const x = p.add(exact || "''");
    const refs = p.add(query.references);
    const filter = [this.visibility(request.scopes, p)];
    if (filters.types?.length) filter.push(`e.type = ANY(${p.add(filters.types)}::text[])`);
    if (filters.committeeId) filter.push(`e.committee_ids @> ARRAY[${p.add(filters.committeeId)}::uuid]`);
    if (filters.documentType) filter.push(`e.document_type = ${p.add(filters.documentType)}`);
    if (filters.dateFrom) filter.push(`e.date >= ${p.add(filters.dateFrom)}::date`);
    if (filters.dateTo) filter.push(`e.date <= ${p.add(filters.dateTo)}::date`);
    const where = filter.join(' AND ');
    const tsq = `to_tsquery('rs_german', ${q})`;
    const score = `ts_rank(e.tsv, ${tsq}, 1) + 0.5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', ${x}), 1)
      + CASE WHEN e.reference_key = ANY(${refs}::text[]) THEN 10 ELSE 0 END + ${TYPE_BONUS}`;
    const columns = `e.key, e.type, e.resource_id, e.date, e.committee_ids, e.document_type, ${score} AS score`;
    // Candidates in tiers, so that a common word costs no more than a rare one: the records
    // (not files) whose title or metadata match, a bounded number of text matches (files'
    // names are part of their text), and reference numbers.
    const tiers = [
      `(SELECT ${columns} FROM ${this.table} e WHERE e.chunk = 0 AND e.type <> 'file' AND e.tsv_head @@ ${tsq} AND ${where} LIMIT ${HEAD_CANDIDATES})`,
      `(SELECT ${columns} FROM ${this.table} e WHERE e.tsv @@ ${tsq} AND ${where} LIMIT ${TEXT_CANDIDATES})`,
    ];
    // A reference number alone decides: "Vorlage 0123/2025" finds the document 0123/2025.
    if (query.references.length) tiers.push(`(SELECT ${columns} FROM ${this.table} e WHERE e.reference_key = ANY(${refs}::text[]) AND ${where})`);
    const order = request.sort === 'newest' ? 'g.date DESC NULLS LAST, g.score DESC, g.key' : 'g.score DESC, g.date DESC NULLS LAST, g.key';
    // Only the facets asked for are counted.
    const wanted = new Set(request.facets ?? FACET_NAMES);
    const facet = (name: FacetName, sql: string): string => (wanted.has(name) ? `(${sql})` : `'{}'::json`);
    const sql = `WITH m AS (${tiers.join(' UNION ALL ')}), g AS (
        SELECT DISTINCT ON (m.type, m.resource_id) m.* FROM m ORDER BY m.type, m.resource_id, m.score DESC, m.key
      ), page AS (
        SELECT g.key, row_number() OVER (ORDER BY ${order}) AS n FROM g ORDER BY ${order} LIMIT ${p.add(request.limit)} OFFSET ${p.add(request.offset)}
      )
      SELECT (SELECT count(*)::int FROM g) AS total,
        (SELECT COALESCE(json_agg(json_build_object(${ENTRY_JSON}) ORDER BY page.n), '[]') FROM page JOIN ${this.table} e ON e.key = page.key) AS hits,
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
    const sql = `SELECT ${ENTRY_COLUMNS} FROM ${this.table} e
      WHERE e.chunk = 0 AND ${this.visibility(request.scopes, p)} AND e.tsv_head @@ to_tsquery('rs_german', ${q}) AND e.type <> 'file'
      ORDER BY ts_rank(e.tsv_head, to_tsquery('rs_german', ${q})) + ${TYPE_BONUS} DESC, length(e.title), e.key LIMIT ${p.add(request.limit)}`;
    const result = await this.pool.query<EntryRow>(sql, p.values);
    return result.rows.map(toDoc);
  }

  async replace(groups: SearchGroup[], docs: SearchDoc[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await this.deleteGroups(client, groups);
      await this.insert(client, docs);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await this.addWords(docs);
  }

  private async deleteGroups(db: Queryable, groups: SearchGroup[]): Promise<void> {
    if (!groups.length) return;
    await db.query(
      `DELETE FROM ${this.table} e USING unnest($1::text[], $2::uuid[]) AS g(type, id) WHERE e.resource_id = g.id AND e.type = g.type`,
      [groups.map((g) => g.type), groups.map((g) => g.resourceId)],
    );
  }

  private async insert(db: Queryable, docs: SearchDoc[], table = this.table, upsert = true): Promise<void> {
    for (let i = 0; i < docs.length; i += 500) {
      const batch = docs.slice(i, i + 500);
      const json = JSON.stringify(
        batch.map((d) => ({
          ...d,
          referenceKey: d.reference ? normalizeReference(d.reference) : null,
          ft: fold(d.title),
          fr: d.reference ? normalizeReference(d.reference) : '',
          fm: fold(d.meta),
          fc: fold(d.content),
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
         ${upsert ? `ON CONFLICT (key) DO UPDATE SET body_id = EXCLUDED.body_id, type = EXCLUDED.type, resource_id = EXCLUDED.resource_id,
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
   * Builds a fresh table (all other bodies' entries copied, this body's or everyone's
   * loaded by `fill`, possibly in parallel), indexes it in bulk and swaps it in with two
   * renames in one short transaction: searches see the old index until the commit.
   */
  async rebuild(bodyId: string | null, fill: (add: (docs: SearchDoc[]) => Promise<void>) => Promise<void>): Promise<void> {
    const suffix = `${Date.now()}`;
    const build = `${this.table}_build_${suffix}`;
    const old = `${this.table}_old_${suffix}`;
    await this.pool.query(`CREATE TABLE ${build} (LIKE ${this.table} INCLUDING DEFAULTS)`);
    try {
      if (bodyId) await this.pool.query(`INSERT INTO ${build} SELECT * FROM ${this.table} WHERE body_id <> $1`, [bodyId]);
      await fill(async (docs) => {
        await this.insert(this.pool, docs, build, false);
        await this.addWords(docs);
      });
      await this.pool.query(`ALTER TABLE ${build} ADD CONSTRAINT pk_${build} PRIMARY KEY (key)`);
      for (const index of INDEXES) await this.pool.query(`CREATE INDEX ${index.name}_${suffix} ON ${build} ${index.definition}`);
      await this.pool.query(`ANALYZE ${build}`);
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`LOCK TABLE ${this.table} IN ACCESS EXCLUSIVE MODE`);
        await client.query(`ALTER TABLE ${this.table} RENAME TO ${old}`);
        await client.query(`ALTER TABLE ${build} RENAME TO ${this.table}`);
        await client.query(`DROP TABLE ${old}`);
        await client.query(`ALTER TABLE ${this.table} RENAME CONSTRAINT pk_${build} TO pk_${this.table}`);
        for (const index of INDEXES) await client.query(`ALTER INDEX ${index.name}_${suffix} RENAME TO ${index.name}`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    } finally {
      await this.pool.query(`DROP TABLE IF EXISTS ${build}`);
    }
  }

  async count(bodyId: string | null): Promise<number> {
    const result = await this.pool.query<{ n: number }>(
      bodyId ? `SELECT count(*)::int AS n FROM ${this.table} WHERE body_id = $1` : `SELECT count(*)::int AS n FROM ${this.table}`,
      bodyId ? [bodyId] : [],
    );
    return result.rows[0]?.n ?? 0;
  }
}
