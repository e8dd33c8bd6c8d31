import { Injectable } from '@nestjs/common';
import type { Scope } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { Params } from '../../common/pagination/keyset';
import { sessionSummary } from './session-summary.sql';
import { Db } from '../../infra/database/db.service';

export interface CalendarRow {
  id: string;
  name: string;
  cancelled: boolean;
  start: string;
  end: string | null;
  stamp: string;
  sequence: string;
  location: string | null;
  agenda: string | null;
  committees: string[] | null;
}

export type CalendarFilter = { kind: 'body' } | { kind: 'committee'; id: string } | { kind: 'person'; id: string };

/** Sessions from this long ago on are in feeds; older ones no calendar app needs. */
const PAST_DAYS = 400;
const MAX_EVENTS = 5000;

@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  /** Name of the visible committee or person, or undefined. */
  async ownerName(scope: Scope, filter: Exclude<CalendarFilter, { kind: 'body' }>): Promise<string | undefined> {
    const table = filter.kind === 'committee' ? 'committee' : 'person';
    const row = await this.db.one<{ name: string }>(`SELECT o.name FROM ${table} o WHERE o.id = $1 AND o.body_id = $2 AND ${visible.plain('o', scope.visibility)}`, [
      filter.id,
      scope.body.id,
    ]);
    return row?.name;
  }

  /**
   * Sessions with everything an event needs. SEQUENCE and DTSTAMP come from the latest
   * change of the session or of the agenda items the caller could see at some time (a
   * deletion or withdrawal of one is a change of the agenda), so they rise on every change
   * the caller can see and stay byte-identical otherwise: stable ETags for polling calendar
   * apps, and no trace of drafts (or, for anonymous callers, of non-public items).
   */
  async sessions(scope: Scope, filter: CalendarFilter): Promise<CalendarRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`s.body_id = ${p.add(scope.body.id)}`, visible.session('s', v), `s.start >= now() - interval '${PAST_DAYS} days'`];
    if (filter.kind === 'committee') {
      where.push(`EXISTS (SELECT 1 FROM session_committee fc WHERE fc.session_id = s.id AND fc.committee_id = ${p.add(filter.id)}::uuid)`);
    } else if (filter.kind === 'person') {
      // The sessions of the committees the person sat in on the day of the session.
      where.push(`EXISTS (SELECT 1 FROM session_committee fc JOIN membership m ON m.committee_id = fc.committee_id
        WHERE fc.session_id = s.id AND m.person_id = ${p.add(filter.id)}::uuid AND ${visible.plain('m', v)}
          AND (m.start_date IS NULL OR m.start_date <= s.start::date) AND (m.end_date IS NULL OR m.end_date >= s.start::date))`);
    }
    const summary = sessionSummary(v);
    const sql = `
      SELECT s.id, s.name, s.cancelled,
        to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
        to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
        to_char(GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"') AS stamp,
        floor(extract(epoch FROM GREATEST(s.modified_at, items.changed) - s.created_at))::bigint::text AS sequence,
        ${summary.location} AS location,
        items.agenda,
        ${summary.committees} AS committees
      FROM session s
      ${summary.agenda}
      WHERE ${where.join(' AND ')}
      ORDER BY s.start, s.id
      LIMIT ${MAX_EVENTS}`;
    return this.db.rows<CalendarRow>(sql, p.values);
  }
}
