import { Injectable, Optional } from '@nestjs/common';
import { ReadCache } from '../../common/cache/read-cache';
import type { BodyRef } from '../../common/access/access';
import { Db } from '../../infra/database/db.service';

const TTL_MS = 30_000;

/** Resolves body slugs on every request; cached, since bodies change rarely. */
@Injectable()
export class BodyDirectory {
  private readonly cache = new Map<string, { body: BodyRef | null; until: number }>();

  constructor(
    private readonly db: Db,
    @Optional() private readonly readCache?: ReadCache,
  ) {}

  async bySlug(slug: string): Promise<BodyRef | null> {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return null;
    const now = Date.now();
    const hit = this.cache.get(slug);
    if (hit && hit.until > now) return hit.body;
    const row = await this.db.one<BodyRef>(
      `SELECT id, slug, name, web_url_templates AS "webUrlTemplates" FROM body WHERE slug = $1 AND deleted_at IS NULL`,
      [slug],
    );
    const body = row ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(slug, { body, until: now + TTL_MS });
    return body;
  }

  /** After a body was created or changed: drops its slug lookup and its cached pages. */
  forget(body: Pick<BodyRef, 'id' | 'slug'>): void {
    this.cache.delete(body.slug);
    this.readCache?.changed(body.id);
  }
}
