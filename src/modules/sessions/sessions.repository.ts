import { Injectable } from '@nestjs/common';
import type { Scope, Visibility } from '../../common/access/access';
import { visible, visibleOwn } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, afterCursor, keyColumns, orderBy } from '../../common/pagination/keyset';
import type { KeysetRow } from '../../common/pagination/links';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { committeeRef, documentRef, fileRef, filesOf, locationJson, locationOf, stamps, ts } from '../../common/sql/refs.sql';
import { Db } from '../../infra/database/db.service';
import type { SessionQueryDto } from './dto/session-query.dto';
import type { Json } from '../../common/http/json';
import type { SessionDetailDto } from './dto/session.dto';

export const SESSION_ORDER: KeysetOrder = {
  columns: [
    { sql: 's.start', cast: 'timestamptz', field: '_k0' },
    { sql: 's.id', cast: 'uuid', field: '_k1' },
  ],
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The fields of a session in every view of it, as SQL on row `s` (also the benchmark's PostgREST view). */
export function sessionFields(v: Visibility): Record<string, string> {
  return {
    id: 's.id',
    name: 's.name',
    state: 's.state',
    cancelled: 's.cancelled',
    start: ts('s.start'),
    end: ts('s."end"'),
    location: locationOf('s.location_id', v),
    committees: `COALESCE((SELECT json_agg(${committeeRef('c')} ORDER BY sc.position) FROM session_committee sc JOIN committee c ON c.id = sc.committee_id WHERE sc.session_id = s.id AND ${visible.plain('c', v)}), '[]'::json)`,
    ...stamps('s'),
  };
}

/**
 * One page of the list. The page's rows come first (through `ix_session_body_start`); their
 * locations and committees are then joined as sets, once per page: as correlated subqueries per
 * row (the detail's `sessionFields`) they cost two thirds of the statement. The fields and
 * their JSON are the same.
 */
function listSql(v: Visibility, where: string[], limitParam: string): string {
  // The text depends on the visibility and on which filters are set (values are parameters):
  // a few dozen statements, built once each.
  const key = `${v}\u0000${limitParam}\u0000${where.join('\u0000')}`;
  let sql = LIST_SQL.get(key);
  if (sql === undefined) LIST_SQL.set(key, (sql = buildListSql(v, where, limitParam)));
  return sql;
}

const LIST_SQL = new Map<string, string>();

function buildListSql(v: Visibility, where: string[], limitParam: string): string {
  const fields = {
    ...sessionFields(v),
    location: `CASE WHEN loc.id IS NOT NULL THEN ${locationJson('loc')} END`,
    committees: `COALESCE(sc.j, '[]'::json)`,
  };
  return `WITH s AS MATERIALIZED (SELECT s.* FROM session s WHERE ${where.join(' AND ')} ORDER BY ${orderBy(SESSION_ORDER)} LIMIT ${limitParam}),
    sc AS (SELECT sc.session_id, json_agg(${committeeRef('c')} ORDER BY sc.position) AS j
      FROM s JOIN session_committee sc ON sc.session_id = s.id JOIN committee c ON c.id = sc.committee_id
      WHERE ${visible.plain('c', v)} GROUP BY sc.session_id)
    SELECT ${jsonObject(fields)} AS j, ${keyColumns(SESSION_ORDER)}
    FROM s LEFT JOIN location loc ON loc.id = s.location_id AND ${visible.plain('loc', v)} LEFT JOIN sc ON sc.session_id = s.id
    ORDER BY ${orderBy(SESSION_ORDER)}`;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: SessionQueryDto, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`s.body_id = ${p.add(scope.body.id)}`, visible.session('s', v)];
    if (query.from) where.push(`s.start >= ${p.add(query.from)}::timestamptz`);
    if (query.to) {
      where.push(DATE_ONLY.test(query.to) ? `s.start < (${p.add(query.to)}::date + 1)::timestamptz` : `s.start <= ${p.add(query.to)}::timestamptz`);
    }
    if (query.committee) where.push(`EXISTS (SELECT 1 FROM session_committee fc WHERE fc.session_id = s.id AND fc.committee_id = ${p.add(query.committee)}::uuid)`);
    if (query.state) where.push(`s.state = ${p.add(query.state)}`);
    if (query.cancelled !== undefined) where.push(`s.cancelled = ${p.add(query.cancelled)}`);
    if (query.modified_since) where.push(`s.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const after = afterCursor(SESSION_ORDER, query.cursor, p);
    if (after) where.push(after);
    return this.db.jsonRows<KeysetRow>(listSql(v, where, p.add(limit + 1)), p.values);
  }

  /** The session with its agenda, documents, files and minutes, in one query. */
  async detail(scope: Scope, id: string, filesBase: string): Promise<Json<SessionDetailDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const base = p.add(filesBase);
    const agendaItem = jsonObject({
      id: 'ai.id',
      number: 'ai.number',
      order: 'ai.position',
      name: 'ai.name',
      public: 'ai.public',
      result: 'ai.result',
      resolutionText: 'ai.resolution_text',
      documents: `COALESCE((SELECT json_agg(${documentRef('d')} ORDER BY co.position, d.reference, d.id) FROM consultation co JOIN document d ON d.id = co.document_id WHERE co.agenda_item_id = ai.id AND ${visible.plain('co', v)} AND ${visible.document('d', v)}), '[]'::json)`,
      files: filesOf('agenda_item_id', 'ai.id', v, base),
    });
    const minutes = jsonObject({
      id: 'm.id',
      kind: 'm.kind',
      status: 'm.status',
      file: `(SELECT ${fileRef('mf', base)} FROM file mf WHERE mf.id = m.file_id AND ${visible.file('mf', v)})`,
    });
    // Agenda items and minutes are filtered with their own flags; the session itself is checked once.
    const fields = {
      ...sessionFields(v),
      agendaItems: `COALESCE((SELECT json_agg(${agendaItem} ORDER BY ai.position, ai.id) FROM agenda_item ai WHERE ai.session_id = s.id AND ${visibleOwn.agendaItem('ai', v)}), '[]'::json)`,
      files: filesOf('session_id', 's.id', v, base),
      minutes: `COALESCE((SELECT json_agg(${minutes} ORDER BY m.kind, m.id) FROM minutes m WHERE m.session_id = s.id AND ${visibleOwn.minutes('m', v)}), '[]'::json)`,
    };
    const record = { table: 'session', alias: 's', id, bodyId: scope.body.id, visible: visible.session('s', v) };
    const row = await this.db.one<{ j: Json<SessionDetailDto> }>(recordQuery(jsonObject(fields), record, p), p.values);
    return row?.j;
  }
}
