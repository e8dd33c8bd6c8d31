import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import type { KeysetRow } from '../../common/pagination/links';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { committeeRef, documentRef, filesOf, sessionRef, stamps, ts } from '../../common/sql/refs.sql';
import { Db } from '../../infra/database/db.service';
import type { AgendaItemQueryDto } from './dto/agenda-item-query.dto';
import type { Json } from '../../common/http/json';
import type { AgendaItemDetailDto } from './dto/agenda-item.dto';

/** Agenda order within one session (index ix_agenda_item_session). */
export const AGENDA_ORDER: KeysetOrder = {
  columns: [
    { sql: 'ai.session_id', cast: 'uuid', field: '_k0' },
    { sql: 'ai.position', cast: 'int', field: '_k1' },
    { sql: 'ai.id', cast: 'uuid', field: '_k2' },
  ],
};

/** Stable order across sessions, for sync clients. */
export const AGENDA_ITEM_ID_ORDER: KeysetOrder = { columns: [{ sql: 'ai.id', cast: 'uuid', field: '_k0' }] };

function itemFields(): Record<string, string> {
  return {
    id: 'ai.id',
    number: 'ai.number',
    order: 'ai.position',
    name: 'ai.name',
    public: 'ai.public',
    result: 'ai.result',
    resolutionText: 'ai.resolution_text',
    start: ts('ai.start'),
    end: ts('ai."end"'),
    // The item is only visible when its session is, so the session needs no check of its own.
    session: `(SELECT ${sessionRef('ais')} FROM session ais WHERE ais.id = ai.session_id)`,
    ...stamps('ai'),
  };
}

@Injectable()
export class AgendaItemsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: AgendaItemQueryDto, order: KeysetOrder, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`ai.body_id = ${p.add(scope.body.id)}`, visible.agendaItem('ai', v)];
    if (query.session) where.push(`ai.session_id = ${p.add(query.session)}::uuid`);
    if (query.modified_since) where.push(`ai.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'agenda_item', alias: 'ai', where, order, cursor: query.cursor, limit };
    return this.db.jsonRows<KeysetRow>(jsonPageQuery(jsonObject(itemFields()), page, p), p.values);
  }

  /** The item with its documents, files and consultations, in one query. */
  async detail(scope: Scope, id: string, filesBase: string): Promise<Json<AgendaItemDetailDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const base = p.add(filesBase);
    // The item is visible (checked below), so its consultations need their own flags and a visible document.
    const consulted = `FROM consultation co JOIN document d ON d.id = co.document_id WHERE co.agenda_item_id = ai.id AND ${visible.plain('co', v)} AND ${visible.document('d', v)}`;
    const consultation = jsonObject({
      id: 'co.id',
      role: 'co.role',
      authoritative: 'co.authoritative',
      committee: `(SELECT ${committeeRef('cc')} FROM committee cc WHERE cc.id = co.committee_id AND ${visible.plain('cc', v)})`,
      document: documentRef('d'),
    });
    const fields = {
      ...itemFields(),
      documents: `COALESCE((SELECT json_agg(${documentRef('d')} ORDER BY co.position, d.reference, d.id) ${consulted}), '[]'::json)`,
      files: filesOf('agenda_item_id', 'ai.id', v, base),
      consultations: `COALESCE((SELECT json_agg(${consultation} ORDER BY co.position, co.id) ${consulted}), '[]'::json)`,
    };
    const record = { table: 'agenda_item', alias: 'ai', id, bodyId: scope.body.id, visible: visible.agendaItem('ai', v) };
    const row = await this.db.one<{ j: Json<AgendaItemDetailDto> }>(recordQuery(jsonObject(fields), record, p), p.values);
    return row?.j;
  }

  /** The position after the last live item of a session; locks the session so concurrent appends queue. */
  async nextPosition(manager: EntityManager, sessionId: string): Promise<number> {
    await manager.query(`SELECT 1 FROM session WHERE id = $1 FOR UPDATE`, [sessionId]);
    const rows: { n: number }[] = await manager.query(
      `SELECT COALESCE(MAX(position), -1)::int + 1 AS n FROM agenda_item WHERE session_id = $1 AND deleted_at IS NULL`,
      [sessionId],
    );
    return rows[0].n;
  }

  /** Moves the live consultations under an item along with it to its new session; returns their ids. */
  async moveConsultations(manager: EntityManager, agendaItemId: string, sessionId: string, keyId: string | null): Promise<string[]> {
    // Wrapped in a SELECT so the driver hands back the returned rows (not [rows, count]).
    const rows: { id: string }[] = await manager.query(
      `WITH moved AS (
         UPDATE consultation SET session_id = $2, modified_at = now(), modified_by_key_id = $3
         WHERE agenda_item_id = $1 AND deleted_at IS NULL AND session_id IS DISTINCT FROM $2 RETURNING id
       ) SELECT id FROM moved`,
      [agendaItemId, sessionId, keyId],
    );
    return rows.map((r) => r.id);
  }
}
