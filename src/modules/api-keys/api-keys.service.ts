import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Caller } from '../../common/access/access';
import { ApiKeyEntity, ApiKeyRole } from './api-key.entity';
import { KeyRevocations } from './key-revocations';

const KEY_PREFIX = 'rk_';
const CACHE_MS = 10_000;

export const KEY_REVOCATIONS = Symbol('KEY_REVOCATIONS');

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
 * so a slow password hash would add latency and no protection). Resolved keys are cached
 * briefly, but only while revocations reach this process (see KeyRevocations): a revoked key
 * stops working on every API process at once.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit, OnApplicationShutdown {
  private readonly cache = new Map<string, { caller: Caller | null; until: number }>();
  /** Counts revocations seen: a look-up that started before one must not fill the cache. */
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(KEY_REVOCATIONS) private readonly revocations: KeyRevocations | null = null,
  ) {}

  onModuleInit(): void {
    this.revocations?.listen(() => this.forget());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.revocations?.close();
  }

  private forget(): void {
    this.generation++;
    this.cache.clear();
  }

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

  /**
   * Revokes a key by id or by its printed prefix and tells every API process. Null when no
   * active key matched; `told` is false when Redis could not pass the news on (then processes
   * that cached the key refuse it within CACHE_MS).
   */
  async revoke(idOrPrefix: string): Promise<{ id: string; told: boolean } | null> {
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const isUuid = /^[0-9a-f-]{36}$/i.test(idOrPrefix);
    const where = isUuid ? { id: idOrPrefix, revokedAt: IsNull() } : { keyPrefix: idOrPrefix, revokedAt: IsNull() };
    const matches = await repo.find({ where });
    if (matches.length !== 1) return null;
    const { id } = matches[0];
    await repo.update({ id }, { revokedAt: new Date() });
    this.forget();
    return { id, told: (await this.revocations?.publish(id)) ?? false };
  }

  /** Resolves a presented key to a caller; null when unknown or revoked. Cached briefly while revocations reach this process. */
  async resolve(key: string): Promise<Caller | null> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
    const hash = hashKey(key);
    const now = Date.now();
    const hit = this.revocations?.listening ? this.cache.get(hash) : undefined;
    if (hit && hit.until > now) return hit.caller;
    const generation = this.generation;
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hash } });
    const caller: Caller | null = row && !row.revokedAt ? { keyId: row.id, role: row.role, bodyId: row.bodyId } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    if (this.revocations?.listening && generation === this.generation) this.cache.set(hash, { caller, until: now + CACHE_MS });
    if (row && caller && (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000)) {
      void this.dataSource
        .getRepository(ApiKeyEntity)
        .update({ id: row.id }, { lastUsedAt: new Date(now) })
        .catch(() => undefined);
    }
    return caller;
  }
}
