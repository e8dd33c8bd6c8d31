import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope, Visibility } from '../../common/access/access';
import { onceVisible, visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { date, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { FileQueryDto } from './dto/file-query.dto';

export const FILE_ORDER: KeysetOrder = { columns: [{ sql: 'f.id', cast: 'uuid', field: '_k0' }] };

/** What serving the bytes of a file needs. */
export interface FileContentRow {
  /** Null for imported files whose bytes were not fetched. */
  storageKey: string | null;
  mimeType: string;
  size: number;
  sha512: string | null;
  fileName: string;
  createdAt: Date;
  gone: boolean;
  /** Where the system the file was imported from serves it, if it was imported. */
  sourceUrl: string | null;
  sourceDownloadUrl: string | null;
}

export type FileParent = { column: 'document_id' | 'agenda_item_id' | 'session_id'; id: string } | null;

/** `base` is the SQL placeholder of `<publicUrl>/v1/bodies/<slug>`. */
function fileFields(base: string): Record<string, string> {
  return {
    id: 'f.id',
    name: 'f.name',
    fileName: 'f.file_name',
    mimeType: 'f.mime_type',
    size: 'f.size',
    sha512: 'f.sha512',
    date: date('f.date'),
    role: 'f.role',
    public: 'f.public',
    position: 'f.position',
    documentId: 'f.document_id',
    agendaItemId: 'f.agenda_item_id',
    sessionId: 'f.session_id',
    license: 'f.file_license',
    textOrigin: 'f.text_origin',
    accessUrl: `${base} || '/files/' || f.id || '/content'`,
    downloadUrl: `${base} || '/files/' || f.id || '/content?download=1'`,
    ...stamps('f'),
  };
}

/**
 * The files a caller may ask for: those it sees, and those it could see once and no longer
 * does (deleted, withdrawn or made non-public, the file itself or its parent). The second kind
 * is `gone`: it answers 410, as the OParl tombstone of the same file says `deleted`, while a
 * file the caller never could see answers 404 (drafts leave no trace).
 */
function visibleOrGone(v: Visibility): { where: string; gone: string } {
  return { where: `(${visible.file('f', v)} OR ${onceVisible.file('f', v)})`, gone: `NOT (${visible.file('f', v)})` };
}

@Injectable()
export class FilesRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: FileQueryDto, limit: number, filesBase: string): Promise<KeysetRow[]> {
    const p = new Params();
    const base = p.add(filesBase);
    const where = [`f.body_id = ${p.add(scope.body.id)}`, visible.file('f', scope.visibility)];
    if (query.document) where.push(`f.document_id = ${p.add(query.document)}::uuid`);
    if (query.agenda_item) where.push(`f.agenda_item_id = ${p.add(query.agenda_item)}::uuid`);
    if (query.session) where.push(`f.session_id = ${p.add(query.session)}::uuid`);
    if (query.mime_type) where.push(`f.mime_type = ${p.add(query.mime_type)}`);
    if (query.modified_since) where.push(`f.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'file', alias: 'f', where, order: FILE_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(fileFields(base)), page, p), p.values);
  }

  /** The file's JSON, or `gone` when it was deleted; undefined when the caller may not see it. */
  async detail(scope: Scope, id: string, filesBase: string, withText: boolean): Promise<{ j: string; gone: boolean } | undefined> {
    const p = new Params();
    const fields = fileFields(p.add(filesBase));
    if (withText) fields.text = 'f.text';
    const seen = visibleOrGone(scope.visibility);
    const record = { table: 'file', alias: 'f', id, bodyId: scope.body.id, visible: seen.where };
    return this.db.one<{ j: string; gone: boolean }>(recordQuery(jsonObject(fields), record, p, `, ${seen.gone} AS gone`), p.values);
  }

  async content(scope: Scope, id: string): Promise<FileContentRow | undefined> {
    const seen = visibleOrGone(scope.visibility);
    const row = await this.db.one<Omit<FileContentRow, 'size'> & { size: string }>(
      `SELECT f.storage_key AS "storageKey", f.mime_type AS "mimeType", f.size, f.sha512, f.file_name AS "fileName",
          f.created_at AS "createdAt", ${seen.gone} AS gone,
          f.source_access_url AS "sourceUrl", f.source_download_url AS "sourceDownloadUrl"
        FROM file f WHERE f.id = $1 AND f.body_id = $2 AND ${seen.where}`,
      [id, scope.body.id],
    );
    return row && { ...row, size: Number(row.size) };
  }

  /** The position after the last live file of the same parent. */
  async nextPosition(manager: EntityManager, bodyId: string, parent: FileParent): Promise<number> {
    const where = parent ? `${parent.column} = $2` : 'document_id IS NULL AND agenda_item_id IS NULL AND session_id IS NULL AND $2::uuid IS NULL';
    const rows: { next: number }[] = await manager.query(
      `SELECT COALESCE(MAX(position) + 1, 0)::int AS next FROM file WHERE body_id = $1 AND deleted_at IS NULL AND ${where}`,
      [bodyId, parent?.id ?? null],
    );
    return rows[0]?.next ?? 0;
  }
}
