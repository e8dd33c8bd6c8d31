import { Injectable } from '@nestjs/common';
import type { Scope } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { Params } from '../../common/pagination/keyset';
import { sessionSummary } from '../calendar/session-summary.sql';
import { Db } from '../../infra/database/db.service';

/** Entries per feed: what feed readers show; older ones they have already seen. */
export const FEED_ENTRIES = 50;
/** Sessions that started longer ago than this are not news any more. */
const SESSION_PAST_DAYS = 60;

const utc = (expr: string): string => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface SessionEntryRow {
  id: string;
  name: string;
  cancelled: boolean;
  /** Local time of the start, `DD.MM.YYYY HH24:MI` (Europe/Berlin). */
  starts: string;
  updated: string;
  published: string | null;
  location: string | null;
  agenda: string | null;
  committees: string[] | null;
}

export interface DocumentEntryRow {
  id: string;
  name: string;
  reference: string | null;
  documentType: string | null;
  date: string;
  updated: string;
  published: string | null;
  committees: string[] | null;
}

export interface DocumentFeedFilter {
  committee?: string;
  documentType?: string;
}

/**
 * Reads for the Atom feeds. `updated` comes from changes the caller could see at some time
 * (see `onceVisibleOwn`), so drafts and, for anonymous callers, non-public items leave the
 * feeds byte-identical.
 */
@Injectable()
export class FeedsRepository {
  constructor(private readonly db: Db) {}

  async committeeName(scope: Scope, id: string): Promise<string | undefined> {
    const row = await this.db.one<{ name: string }>(`SELECT c.name FROM committee c WHERE c.id = $1 AND c.body_id = $2 AND ${visible.plain('c', scope.visibility)}`, [
      id,
      scope.body.id,
    ]);
    return row?.name;
  }

  /** Recent and coming sessions, latest change first: a new session, a changed agenda, a cancellation. */
  async sessions(scope: Scope, committee: string | undefined): Promise<SessionEntryRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`s.body_id = ${p.add(scope.body.id)}`, visible.session('s', v), `s.start >= now() - interval '${SESSION_PAST_DAYS} days'`];
    if (committee) where.push(`EXISTS (SELECT 1 FROM session_committee fc WHERE fc.session_id = s.id AND fc.committee_id = ${p.add(committee)}::uuid)`);
    const summary = sessionSummary(v);
    const sql = `
      SELECT s.id, s.name, s.cancelled,
        to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
        ${utc('GREATEST(s.modified_at, items.changed)')} AS updated,
        ${utc('s.published_at')} AS published,
        ${summary.location} AS location,
        items.agenda,
        ${summary.committees} AS committees
      FROM session s
      ${summary.agenda}
      WHERE ${where.join(' AND ')}
      ORDER BY GREATEST(s.modified_at, items.changed) DESC, s.id
      LIMIT ${FEED_ENTRIES}`;
    return this.db.rows<SessionEntryRow>(sql, p.values);
  }

  /** Documents, newest publication first, of a committee (consulted, authored or in charge) or a document type. */
  async documents(scope: Scope, filter: DocumentFeedFilter): Promise<DocumentEntryRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`d.body_id = ${p.add(scope.body.id)}`, visible.document('d', v)];
    if (filter.documentType) where.push(`d.document_type = ${p.add(filter.documentType)}`);
    if (filter.committee) {
      const c = p.add(filter.committee);
      where.push(
        `(${c}::uuid = ANY(d.originator_committee_ids) OR ${c}::uuid = ANY(d.under_direction_of_ids)` +
          ` OR EXISTS (SELECT 1 FROM consultation fc WHERE fc.document_id = d.id AND fc.committee_id = ${c}::uuid AND ${visible.consultation('fc', v)}))`,
      );
    }
    const sql = `
      SELECT d.id, d.name, d.reference, d.document_type AS "documentType", to_char(d.date, 'DD.MM.YYYY') AS date,
        ${utc('d.modified_at')} AS updated, ${utc('d.published_at')} AS published,
        (SELECT array_agg(DISTINCT c.name ORDER BY c.name) FROM consultation k JOIN committee c ON c.id = k.committee_id
           WHERE k.document_id = d.id AND ${visible.consultation('k', v)} AND ${visible.plain('c', v)}) AS committees
      FROM document d
      WHERE ${where.join(' AND ')}
      ORDER BY d.published_at DESC, d.id
      LIMIT ${FEED_ENTRIES}`;
    return this.db.rows<DocumentEntryRow>(sql, p.values);
  }

  /** When each of these records last changed (for the entries of a saved search), by id. */
  async modified(ids: { type: string; id: string }[]): Promise<Map<string, string>> {
    const tables: Record<string, string> = { document: 'document', file: 'file', session: 'session', 'agenda-item': 'agenda_item', committee: 'committee', person: 'person' };
    const p = new Params();
    const parts: string[] = [];
    for (const [type, table] of Object.entries(tables)) {
      const wanted = ids.filter((i) => i.type === type).map((i) => i.id);
      if (wanted.length) parts.push(`SELECT id::text, ${utc('modified_at')} AS updated FROM ${table} WHERE id = ANY(${p.add(wanted)}::uuid[])`);
    }
    if (!parts.length) return new Map();
    const rows = await this.db.rows<{ id: string; updated: string }>(parts.join(' UNION ALL '), p.values);
    return new Map(rows.map((r) => [r.id, r.updated]));
  }
}
