import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import type { ListQueryDto } from '../../common/pagination/list-query.dto';
import { jsonObject } from '../../common/sql/format';
import { legislativeTermRef, ts } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import { returnedVersion } from '../changes/versioned-row';
import { BodyEntity } from './body.entity';

/** Served by uq_body_slug; slugs are unique, so they alone make a keyset. */
export const BODY_ORDER: KeysetOrder = {
  columns: [{ sql: 'b.slug', cast: 'text', field: '_k0' }],
};

/** The body's own columns that a write may set. */
export type BodyValues = Partial<Pick<BodyEntity, 'name' | 'shortName' | 'website' | 'license' | 'ags' | 'rgs' | 'classification' | 'contactName' | 'contactEmail' | 'webUrlTemplates'>>;

function bodyFields(): Record<string, string> {
  return {
    id: 'b.id',
    slug: 'b.slug',
    name: 'b.name',
    shortName: 'b.short_name',
    website: 'b.website',
    license: 'b.license',
    ags: 'b.ags',
    rgs: 'b.rgs',
    classification: 'b.classification',
    contact: jsonObject({ name: 'b.contact_name', email: 'b.contact_email' }),
    webUrlTemplates: 'b.web_url_templates',
    created: ts('b.created_at'),
    modified: ts('b.modified_at'),
  };
}

@Injectable()
export class BodiesRepository {
  constructor(private readonly db: Db) {}

  async list(query: ListQueryDto, limit: number): Promise<KeysetRow[]> {
    const p = new Params();
    const where = ['b.deleted_at IS NULL'];
    if (query.modified_since) where.push(`b.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'body', alias: 'b', where, order: BODY_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(bodyFields()), page, p), p.values);
  }

  /** The body with the legislative terms `v` may see. */
  async detail(id: string, v: Visibility): Promise<string | undefined> {
    const p = new Params();
    const fields = {
      ...bodyFields(),
      legislativeTerms: `COALESCE((SELECT json_agg(${legislativeTermRef('t')} ORDER BY COALESCE(t.start_date, '-infinity'::date), t.id)
        FROM legislative_term t WHERE t.body_id = b.id AND ${visible.plain('t', v)}), '[]'::json)`,
    };
    const row = await this.db.one<{ j: string }>(`SELECT ${jsonObject(fields)}::text AS j FROM body b WHERE b.id = ${p.add(id)} AND b.deleted_at IS NULL`, p.values);
    return row?.j;
  }

  /** Inserts a body; null when the slug is taken (also by a removed body, whose URLs may live on in links). */
  async insert(slug: string, values: BodyValues): Promise<string | null> {
    const result = await this.db.dataSource
      .createQueryBuilder()
      .insert()
      .into(BodyEntity)
      .values({ ...values, slug })
      .orIgnore()
      .returning('id')
      .execute();
    const rows = result.raw as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** Locks the live body's row for a change (see writeVersioned) and returns its version. */
  async lock(manager: EntityManager, id: string): Promise<number | null> {
    const rows: { version: number }[] = await manager.query(`SELECT version FROM body WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
    return rows[0]?.version ?? null;
  }

  /** Changes the body's settings in the transaction that locked it; returns its new version. */
  async update(manager: EntityManager, id: string, values: BodyValues): Promise<number> {
    await manager.getRepository(BodyEntity).update({ id }, { ...values, modifiedAt: new Date() });
    return returnedVersion(manager, `UPDATE body SET version = version + 1 WHERE id = $1 RETURNING version`, [id]);
  }
}
