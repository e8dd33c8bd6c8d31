import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { agendaItemRef, committeeRef, documentRef, sessionRef, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { ConsultationQueryDto } from './dto/consultation-query.dto';
import type { Json } from '../../common/http/json';
import type { ConsultationDto } from './dto/consultation.dto';

export const CONSULTATION_ORDER: KeysetOrder = { columns: [{ sql: 'co.id', cast: 'uuid', field: '_k0' }] };

/** A visible consultation has a visible document and, if any, a visible agenda item; the session is checked here. */
function consultationFields(v: Visibility): Record<string, string> {
  return {
    id: 'co.id',
    role: 'co.role',
    authoritative: 'co.authoritative',
    order: 'co.position',
    document: `(SELECT ${documentRef('cd')} FROM document cd WHERE cd.id = co.document_id AND ${visible.document('cd', v)})`,
    committee: `(SELECT ${committeeRef('cc')} FROM committee cc WHERE cc.id = co.committee_id AND ${visible.plain('cc', v)})`,
    session: `(SELECT ${sessionRef('cs')} FROM session cs WHERE cs.id = co.session_id AND ${visible.session('cs', v)})`,
    agendaItem: `(SELECT ${agendaItemRef('ca')} FROM agenda_item ca WHERE ca.id = co.agenda_item_id AND ${visible.agendaItem('ca', v)})`,
    ...stamps('co'),
  };
}

@Injectable()
export class ConsultationsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: ConsultationQueryDto, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`co.body_id = ${p.add(scope.body.id)}`, visible.consultation('co', v)];
    if (query.document) where.push(`co.document_id = ${p.add(query.document)}::uuid`);
    if (query.agenda_item) where.push(`co.agenda_item_id = ${p.add(query.agenda_item)}::uuid`);
    if (query.session) where.push(`co.session_id = ${p.add(query.session)}::uuid`);
    if (query.committee) where.push(`co.committee_id = ${p.add(query.committee)}::uuid`);
    if (query.modified_since) where.push(`co.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'consultation', alias: 'co', where, order: CONSULTATION_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(consultationFields(v)), page, p), p.values);
  }

  async detail(scope: Scope, id: string): Promise<Json<ConsultationDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const record = { table: 'consultation', alias: 'co', id, bodyId: scope.body.id, visible: visible.consultation('co', v) };
    const row = await this.db.one<{ j: Json<ConsultationDto> }>(recordQuery(jsonObject(consultationFields(v)), record, p), p.values);
    return row?.j;
  }

  /** The session of a live agenda item of the body, or null. */
  async sessionOfAgendaItem(manager: EntityManager, bodyId: string, agendaItemId: string): Promise<string | null> {
    const rows: { session_id: string }[] = await manager.query(
      `SELECT session_id FROM agenda_item WHERE id = $1 AND body_id = $2 AND deleted_at IS NULL`,
      [agendaItemId, bodyId],
    );
    return rows[0]?.session_id ?? null;
  }

  /** The position after the last live consultation of a document. */
  async nextPosition(manager: EntityManager, documentId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT COALESCE(MAX(position), -1)::int + 1 AS n FROM consultation WHERE document_id = $1 AND deleted_at IS NULL`,
      [documentId],
    );
    return rows[0].n;
  }
}
