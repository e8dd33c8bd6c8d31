import type { Queryable } from '../../infra/database/queryable';
import { visible } from '../../common/access/visibility.sql';
import type { ResourceKind } from '../../common/access/resources';
import { SEARCH_TYPES, SearchDoc, SearchGroup, SearchType } from '../../infra/search/engine';
import { indexPages } from '../../infra/search/layout';
import { chunkText } from '../../infra/search/text';

/** Largest amount of a file's text that is indexed (characters). */
export const MAX_INDEXED_TEXT = 2_000_000;
const CHUNK_SIZE = 2000;

interface Base {
  id: string;
  body_id: string;
  pub: boolean;
}

/** A whole-record entry (chunk 0, no page); each loader gives only what differs. */
function recordDoc(
  type: SearchType,
  path: string,
  r: Base,
  fields: Pick<SearchDoc, 'public' | 'title' | 'meta' | 'committeeIds'> & Partial<Pick<SearchDoc, 'reference' | 'content' | 'date' | 'documentType'>>,
): SearchDoc {
  return { key: `${type}:${r.id}:0`, bodyId: r.body_id, type, resourceId: r.id, chunk: 0, page: null, reference: null, content: '', date: null, documentType: null, path: `${path}/${r.id}`, ...fields };
}

const localDate = (column: string): string => `to_char((${column}) AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD')`;

/**
 * What an entry says about related records (committees, people, locations, parents) is what
 * the entry's own audience may see of them: a public entry names only published relations
 * that anonymous callers may see (not a draft consultation's committee, not a non-public
 * agenda item's), a members-only entry what members may see. `pub` is the SQL of whether
 * the entry is public; `sql(v)` the relation as seen by audience `v`.
 */
const seenBy = (pub: string, sql: (v: Audience) => string): string => `CASE WHEN ${pub} THEN ${sql('public')} ELSE ${sql('member')} END`;
type Audience = 'public' | 'member';

/** Names of the rows of `table` with ids in `ids` that audience `v` may see, joined. */
const names = (table: string, ids: string, a: string, v: Audience): string =>
  `COALESCE((SELECT string_agg(${a}.name, ' ; ' ORDER BY ${a}.name) FROM ${table} ${a} WHERE ${a}.id = ANY(${ids}) AND ${visible.plain(a, v)}), '')`;
/** Committees of a document: its originators and the committees of its consultations, as `v` sees them. */
const docCommittees = (d: string, v: Audience): string =>
  `ARRAY(SELECT DISTINCT c.id FROM committee c WHERE ${visible.plain('c', v)} AND (c.id = ANY(${d}.originator_committee_ids) OR c.id IN (
     SELECT co.committee_id FROM consultation co WHERE co.document_id = ${d}.id AND co.committee_id IS NOT NULL AND ${visible.consultation('co', v)})))`;
const sessionCommittees = (s: string, v: Audience): string =>
  `ARRAY(SELECT sc.committee_id FROM session_committee sc JOIN committee c ON c.id = sc.committee_id WHERE sc.session_id = ${s}.id AND ${visible.plain('c', v)} ORDER BY sc.position)`;
const join = (...parts: (string | null | undefined)[]): string => parts.filter((p) => p && p.trim()).join(' · ');

/** A change of a record, as the index learns of it from a change event. */
export interface Change {
  kind: ResourceKind;
  id: string;
  /** Whether who may see the record changed (publication, public flag, deletion). */
  visibilityChanged: boolean;
}

/**
 * Reads what the index should hold from PostgreSQL: the entries of records, which records
 * a change affects, and every record of a body for a rebuild. Only published records are
 * indexed; each entry knows whether anonymous callers may see it.
 */
export class SearchSource {
  constructor(private readonly pool: Queryable) {}

  private async rows<T>(sql: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, values)).rows as T[];
  }

  /** The entries of these records; records that are gone or unpublished yield none. */
  async load(type: SearchType, ids: string[]): Promise<SearchDoc[]> {
    if (!ids.length) return [];
    switch (type) {
      case 'document':
        return this.documents(ids);
      case 'file':
        return this.files(ids);
      case 'session':
        return this.sessions(ids);
      case 'agenda-item':
        return this.agendaItems(ids);
      case 'committee':
        return this.committees(ids);
      case 'person':
        return this.people(ids);
    }
  }

  private async documents(ids: string[]): Promise<SearchDoc[]> {
    type Row = Base & { name: string; reference: string | null; document_type: string | null; date: string | null; committee_ids: string[]; committees: string; originators: string };
    const rows = await this.rows<Row>(
      `SELECT x.*, ${names('committee', 'x.committee_ids', 'c', 'member')} AS committees
       FROM (SELECT d.id, d.body_id, ${visible.document('d', 'public')} AS pub, d.name, d.reference, d.document_type, to_char(d.date, 'YYYY-MM-DD') AS date,
           ${seenBy(visible.document('d', 'public'), (v) => docCommittees('d', v))} AS committee_ids,
           ${seenBy(visible.document('d', 'public'), (v) => `${names('person', 'd.originator_person_ids', 'pe', v)} || ' ' || ${names('committee', 'd.originator_committee_ids', 'oc', v)}`)} AS originators
         FROM document d WHERE d.id = ANY($1::uuid[]) AND ${visible.document('d', 'member')}) x`,
      [ids],
    );
    return rows.map((r) => recordDoc('document', 'documents', r, { public: r.pub, title: r.name, reference: r.reference, meta: join(r.document_type, r.committees, r.originators), date: r.date, committeeIds: r.committee_ids, documentType: r.document_type }));
  }

  private async files(ids: string[]): Promise<SearchDoc[]> {
    type Row = Base & {
      name: string;
      file_name: string;
      text: string | null;
      date: string | null;
      document_type: string | null;
      parent: string | null;
      reference: string | null;
      committee_ids: string[] | null;
    };
    const rows = await this.rows<Row>(
      `SELECT f.id, f.body_id, ${visible.file('f', 'public')} AS pub, f.name, f.file_name, left(f.text, ${MAX_INDEXED_TEXT}) AS text,
         COALESCE(to_char(f.date, 'YYYY-MM-DD'), to_char(d.date, 'YYYY-MM-DD'), ${localDate('s.start')}) AS date,
         d.document_type, COALESCE(d.name, ai.name, s.name) AS parent, d.reference,
         ${seenBy(visible.file('f', 'public'), (v) => `CASE WHEN d.id IS NOT NULL THEN ${docCommittees('d', v)} WHEN s.id IS NOT NULL THEN ${sessionCommittees('s', v)} ELSE '{}'::uuid[] END`)} AS committee_ids
       FROM file f
         LEFT JOIN document d ON d.id = f.document_id
         LEFT JOIN agenda_item ai ON ai.id = f.agenda_item_id
         LEFT JOIN session s ON s.id = COALESCE(f.session_id, ai.session_id)
       WHERE f.id = ANY($1::uuid[]) AND ${visible.file('f', 'member')}`,
      [ids],
    );
    const docs: SearchDoc[] = [];
    for (const r of rows) {
      const base = {
        bodyId: r.body_id,
        type: 'file' as const,
        resourceId: r.id,
        public: r.pub,
        title: r.name,
        reference: null,
        meta: join(r.parent, r.reference, r.document_type),
        date: r.date,
        committeeIds: r.committee_ids ?? [],
        documentType: r.document_type,
        path: `files/${r.id}`,
      };
      let chunk = 0;
      // Layout (page numbers, running headers, hyphenation) is left out of what is indexed.
      indexPages(r.text ?? '').forEach((page, i) => {
        for (const content of chunkText(page, CHUNK_SIZE)) {
          docs.push({ ...base, key: `file:${r.id}:${chunk}`, chunk, page: i + 1, content });
          chunk++;
        }
      });
      if (chunk === 0) docs.push({ ...base, key: `file:${r.id}:0`, chunk: 0, page: null, content: '' });
    }
    return docs;
  }

  private async sessions(ids: string[]): Promise<SearchDoc[]> {
    type Row = Base & { name: string; date: string; committee_ids: string[]; committees: string; location: string | null };
    const rows = await this.rows<Row>(
      `SELECT s.id, s.body_id, TRUE AS pub, s.name, ${localDate('s.start')} AS date, ${sessionCommittees('s', 'public')} AS committee_ids,
         ${names('committee', sessionCommittees('s', 'public'), 'c', 'public')} AS committees,
         (SELECT concat_ws(', ', l.description, l.room, l.street_address, l.locality) FROM location l WHERE l.id = s.location_id AND ${visible.plain('l', 'public')}) AS location
       FROM session s WHERE s.id = ANY($1::uuid[]) AND ${visible.session('s', 'member')}`,
      [ids],
    );
    return rows.map((r) => recordDoc('session', 'sessions', r, { public: true, title: r.name, meta: join(r.committees, r.location), date: r.date, committeeIds: r.committee_ids }));
  }

  private async agendaItems(ids: string[]): Promise<SearchDoc[]> {
    type Row = Base & { name: string; number: string | null; result: string | null; resolution_text: string | null; session: string; date: string; committee_ids: string[] };
    const rows = await this.rows<Row>(
      `SELECT ai.id, ai.body_id, ${visible.agendaItem('ai', 'public')} AS pub, ai.name, ai.number, ai.result, ai.resolution_text,
         s.name AS session, ${localDate('s.start')} AS date, ${seenBy(visible.agendaItem('ai', 'public'), (v) => sessionCommittees('s', v))} AS committee_ids
       FROM agenda_item ai JOIN session s ON s.id = ai.session_id
       WHERE ai.id = ANY($1::uuid[]) AND ${visible.agendaItem('ai', 'member')}`,
      [ids],
    );
    return rows.map((r) => recordDoc('agenda-item', 'agenda-items', r, { public: r.pub, title: r.number ? `${r.number} ${r.name}` : r.name, meta: join(r.result, r.session), content: (r.resolution_text ?? '').slice(0, 20_000), date: r.date, committeeIds: r.committee_ids }));
  }

  private async committees(ids: string[]): Promise<SearchDoc[]> {
    type Row = Base & { name: string; short_name: string | null; classification: string | null; parent: string | null };
    const rows = await this.rows<Row>(
      `SELECT c.id, c.body_id, TRUE AS pub, c.name, c.short_name, c.classification,
         (SELECT p.name FROM committee p WHERE p.id = c.parent_id AND ${visible.plain('p', 'public')}) AS parent
       FROM committee c WHERE c.id = ANY($1::uuid[]) AND ${visible.plain('c', 'member')}`,
      [ids],
    );
    return rows.map((r) => recordDoc('committee', 'committees', r, { public: true, title: r.name, meta: join(r.short_name, r.classification, r.parent), committeeIds: [r.id] }));
  }

  private async people(ids: string[]): Promise<SearchDoc[]> {
    type Row = Base & { name: string; titles: string; committee_ids: string[]; committees: string };
    const memberOf = (p: string): string =>
      `ARRAY(SELECT DISTINCT m.committee_id FROM membership m WHERE m.person_id = ${p}.id AND ${visible.membership('m', 'public')})`;
    const rows = await this.rows<Row>(
      `SELECT p.id, p.body_id, TRUE AS pub, p.name, array_to_string(p.title, ' ') AS titles, ${memberOf('p')} AS committee_ids,
         ${names('committee', memberOf('p'), 'c', 'public')} AS committees
       FROM person p WHERE p.id = ANY($1::uuid[]) AND ${visible.plain('p', 'member')}`,
      [ids],
    );
    return rows.map((r) => recordDoc('person', 'people', r, { public: true, title: r.name, meta: join(r.titles, r.committees), committeeIds: r.committee_ids }));
  }

  /**
   * The records whose entries may change when these records change (including themselves),
   * found with one query per kind of relation for all of them at once. `visibilityChanged`:
   * whether who may see a record changed (publication, public flag, deletion); only then do
   * the documents consulted at a session's agenda items say something else.
   */
  async affected(changes: Change[]): Promise<SearchGroup[]> {
    const out = new Map<string, SearchGroup>();
    const add = (type: SearchType, ids: string[]): void => {
      for (const resourceId of ids) out.set(`${type}:${resourceId}`, { type, resourceId });
    };
    const ids = async (sql: string, values: unknown[]): Promise<string[]> => (await this.rows<{ id: string }>(sql, values)).map((r) => r.id);
    const of = (kind: ResourceKind, wide?: boolean): string[] => [...new Set(changes.filter((c) => c.kind === kind && (wide === undefined || c.visibilityChanged === wide)).map((c) => c.id))];
    const documentsWithFiles = async (docIds: string[]): Promise<void> => {
      add('document', docIds);
      if (docIds.length) add('file', await ids(`SELECT id FROM file WHERE document_id = ANY($1::uuid[])`, [docIds]));
    };
    // A consultation is seen through its agenda item: what changes an item's visibility changes what its documents say.
    const itemsWithFiles = async (items: string[], withDocuments: boolean): Promise<void> => {
      add('agenda-item', items);
      if (!items.length) return;
      add('file', await ids(`SELECT id FROM file WHERE agenda_item_id = ANY($1::uuid[])`, [items]));
      if (withDocuments) await documentsWithFiles(await ids(`SELECT DISTINCT document_id AS id FROM consultation WHERE agenda_item_id = ANY($1::uuid[])`, [items]));
    };
    const sessionsWithItems = async (sessionIds: string[], withDocuments: boolean): Promise<void> => {
      add('session', sessionIds);
      if (!sessionIds.length) return;
      add('file', await ids(`SELECT id FROM file WHERE session_id = ANY($1::uuid[])`, [sessionIds]));
      await itemsWithFiles(await ids(`SELECT id FROM agenda_item WHERE session_id = ANY($1::uuid[])`, [sessionIds]), withDocuments);
    };
    await documentsWithFiles(of('document'));
    add('file', of('file'));
    await sessionsWithItems(of('session', true), true);
    await sessionsWithItems(of('session', false), false);
    await itemsWithFiles(of('agenda-item', true), true);
    await itemsWithFiles(of('agenda-item', false), false);
    const consultations = of('consultation');
    if (consultations.length) await documentsWithFiles(await ids(`SELECT DISTINCT document_id AS id FROM consultation WHERE id = ANY($1::uuid[])`, [consultations]));
    const committees = of('committee');
    if (committees.length) {
      add('committee', committees);
      add('person', await ids(`SELECT DISTINCT person_id AS id FROM membership WHERE committee_id = ANY($1::uuid[])`, [committees]));
      await documentsWithFiles(
        await ids(
          `SELECT DISTINCT document_id AS id FROM consultation WHERE committee_id = ANY($1::uuid[])
           UNION SELECT id FROM document WHERE originator_committee_ids && $1::uuid[]`,
          [committees],
        ),
      );
      await sessionsWithItems(await ids(`SELECT DISTINCT session_id AS id FROM session_committee WHERE committee_id = ANY($1::uuid[])`, [committees]), false);
    }
    const people = of('person');
    if (people.length) {
      add('person', people);
      add('document', await ids(`SELECT id FROM document WHERE originator_person_ids && $1::uuid[]`, [people]));
    }
    const memberships = of('membership');
    if (memberships.length) add('person', await ids(`SELECT DISTINCT person_id AS id FROM membership WHERE id = ANY($1::uuid[])`, [memberships]));
    const minutes = of('minutes');
    if (minutes.length) add('file', await ids(`SELECT file_id AS id FROM minutes WHERE id = ANY($1::uuid[]) AND file_id IS NOT NULL`, [minutes]));
    const locations = of('location');
    if (locations.length) add('session', await ids(`SELECT id FROM session WHERE location_id = ANY($1::uuid[])`, [locations]));
    return [...out.values()];
  }

  /** Ids of every live, published record of a type, in pages (for a rebuild). */
  async *allIds(type: SearchType, bodyId: string | null, pageSize = 1000): AsyncGenerator<string[]> {
    const table = { document: 'document', file: 'file', session: 'session', 'agenda-item': 'agenda_item', committee: 'committee', person: 'person' }[type];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.rows<{ id: string }>(
        `SELECT id FROM ${table} WHERE id > $1 AND deleted_at IS NULL AND published_at IS NOT NULL ${bodyId ? 'AND body_id = $3' : ''} ORDER BY id LIMIT $2`,
        bodyId ? [after, pageSize, bodyId] : [after, pageSize],
      );
      if (!page.length) return;
      yield page.map((r) => r.id);
      after = page[page.length - 1].id;
    }
  }

  static readonly TYPES = SEARCH_TYPES;
}
