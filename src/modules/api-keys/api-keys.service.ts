import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Caller } from '../../common/access/access';
import { ApiKeyEntity, ApiKeyRole } from './api-key.entity';

const KEY_PREFIX = 'rk_';
const CACHE_MS = 10_000;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface ApiKeySummary {
  id: string;
  name: string;
  role: ApiKeyRole;
  bodyId: string | null;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * API keys: 32 random bytes, shown once, stored as SHA-256 (the secret has full entropy,
 * so a slow password hash would add latency and no protection).
 */
@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, { caller: Caller | null; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: { name: string; role: ApiKeyRole; bodyId: string | null }): Promise<{ key: string; id: string }> {
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.dataSource.getRepository(ApiKeyEntity).save({
      name: input.name,
      role: input.role,
      bodyId: input.bodyId,
      keyHash: hashKey(key),
      keyPrefix: key.slice(0, 10),
    });
    return { key, id: saved.id };
  }

  async list(): Promise<ApiKeySummary[]> {
    const keys = await this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: 'ASC' } });
    return keys.map(({ keyHash: _hash, ...rest }) => rest);
  }

  /** Revokes a key by id or by its printed prefix. Returns false when no active key matched. */
  async revoke(idOrPrefix: string): Promise<boolean> {
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const isUuid = /^[0-9a-f-]{36}$/i.test(idOrPrefix);
    const where = isUuid ? { id: idOrPrefix, revokedAt: IsNull() } : { keyPrefix: idOrPrefix, revokedAt: IsNull() };
    const matches = await repo.find({ where });
    if (matches.length !== 1) return false;
    await repo.update({ id: matches[0].id }, { revokedAt: new Date() });
    this.cache.clear();
    return true;
  }

  /** Resolves a presented key to a caller; null when unknown or revoked. Cached briefly. */
  async resolve(key: string): Promise<Caller | null> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
    const hash = hashKey(key);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.caller;
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hash } });
    const caller: Caller | null = row && !row.revokedAt ? { keyId: row.id, role: row.role, bodyId: row.bodyId } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { caller, until: now + CACHE_MS });
    if (row && caller && (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000)) {
      void this.dataSource
        .getRepository(ApiKeyEntity)
        .update({ id: row.id }, { lastUsedAt: new Date(now) })
        .catch(() => undefined);
    }
    return caller;
  }
}
