import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { fileRef, sessionRef, stamps, ts } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { MinutesQueryDto } from './dto/minutes-query.dto';
import type { Json } from '../../common/http/json';
import type { MinutesDto } from './dto/minutes.dto';

export const MINUTES_ORDER: KeysetOrder = { columns: [{ sql: 'm.id', cast: 'uuid', field: '_k0' }] };

/** `base` is the placeholder of the body's URL base. Visible minutes have a visible session. */
function minutesFields(v: Visibility, base: string): Record<string, string> {
  return {
    id: 'm.id',
    kind: 'm.kind',
    status: 'm.status',
    approvedAt: ts('m.approved_at'),
    session: `(SELECT ${sessionRef('ms')} FROM session ms WHERE ms.id = m.session_id)`,
    file: `(SELECT ${fileRef('mf', base)} FROM file mf WHERE mf.id = m.file_id AND ${visible.file('mf', v)})`,
    ...stamps('m'),
  };
}

@Injectable()
export class MinutesRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: MinutesQueryDto, limit: number, filesBase: string): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const base = p.add(filesBase);
    const where = [`m.body_id = ${p.add(scope.body.id)}`, visible.minutes('m', v)];
    if (query.session) where.push(`m.session_id = ${p.add(query.session)}::uuid`);
    if (query.status) where.push(`m.status = ${p.add(query.status)}`);
    if (query.kind) where.push(`m.kind = ${p.add(query.kind)}`);
    if (query.modified_since) where.push(`m.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'minutes', alias: 'm', where, order: MINUTES_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(minutesFields(v, base)), page, p), p.values);
  }

  async detail(scope: Scope, id: string, filesBase: string): Promise<Json<MinutesDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const base = p.add(filesBase);
    const record = { table: 'minutes', alias: 'm', id, bodyId: scope.body.id, visible: visible.minutes('m', v) };
    const row = await this.db.one<{ j: Json<MinutesDto> }>(recordQuery(jsonObject(minutesFields(v, base)), record, p), p.values);
    return row?.j;
  }

  /** Locks a file of the body, so its audience cannot change under a workflow step. */
  async lockFile(manager: EntityManager, bodyId: string, fileId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM file WHERE id = $1 AND body_id = $2 FOR UPDATE`, [fileId, bodyId]);
  }

  /** Publishes a live file of the body that is still a draft; true when it did. */
  async publishFileIfDraft(manager: EntityManager, bodyId: string, fileId: string, keyId: string | null): Promise<boolean> {
    // Wrapped in a SELECT so the driver hands back the returned rows (not [rows, count]).
    const rows: unknown[] = await manager.query(
      `WITH changed AS (
         UPDATE file SET published_at = now(), modified_at = now(), modified_by_key_id = $3
         WHERE id = $1 AND body_id = $2 AND deleted_at IS NULL AND published_at IS NULL RETURNING id
       ) SELECT id FROM changed`,
      [fileId, bodyId, keyId],
    );
    return rows.length > 0;
  }
}
