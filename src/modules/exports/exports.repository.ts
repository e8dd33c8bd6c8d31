import { Injectable } from '@nestjs/common';
import { Db } from '../../infra/database/db.service';

export interface ExportRow {
  id: string;
  generated_at: Date;
  size: string;
  sha256: string;
  storage_key: string;
  counts: Record<string, number>;
}

const COLUMNS = 'id::text AS id, generated_at, size, sha256, storage_key, counts';

@Injectable()
export class ExportsRepository {
  constructor(private readonly db: Db) {}

  /** The stored exports of a body, newest first (only the newest few are kept). */
  list(bodyId: string): Promise<ExportRow[]> {
    return this.db.rows<ExportRow>(`SELECT ${COLUMNS} FROM body_export WHERE body_id = $1 ORDER BY generated_at DESC, id DESC`, [bodyId]);
  }

  one(bodyId: string, id: string): Promise<ExportRow | undefined> {
    return this.db.one<ExportRow>(`SELECT ${COLUMNS} FROM body_export WHERE body_id = $1 AND id = $2::uuid`, [bodyId, id]);
  }

  latest(bodyId: string): Promise<ExportRow | undefined> {
    return this.db.one<ExportRow>(`SELECT ${COLUMNS} FROM body_export WHERE body_id = $1 ORDER BY generated_at DESC, id DESC LIMIT 1`, [bodyId]);
  }
}
