import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { pageLinks } from '../../common/pagination/links';
import { DEFAULT_LIMIT } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { DataKey } from '../accounts/accounts.crypto';
import { AccountsService, quota } from '../accounts/accounts.service';
import { BodyDirectory } from '../bodies/body-directory.service';
import { FollowRow, FollowsRepository } from './follows.repository';
import type { CreateFollowDto, FollowDto, FollowQueryDto } from './dto/bookmark.dto';
import { bodyFilter, cutPage, gone, idTaken, itemAad, notFound, targetView } from './items';
import type { FollowKind } from './me.entities';
import { readContext, tombstone } from './notes.repository';
import { PersonalWriter } from './personal-writer';
import { keywordToken } from './search-terms';
import { TargetResolver } from './target-resolver';

/**
 * Follows of committees, documents, sessions and keywords (in one body; the keyword stored
 * encrypted, made unique by its keyed token). What changed in them is the feed.
 */
@Injectable()
export class FollowsService {
  constructor(
    private readonly follows: FollowsRepository,
    private readonly writer: PersonalWriter,
    private readonly accounts: AccountsService,
    private readonly targets: TargetResolver,
    private readonly bodies: BodyDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  view(accountId: string, key: DataKey, row: FollowRow): FollowDto {
    const stamps = { id: row.id, version: row.version, kind: row.kind, createdAt: row.createdAt, modifiedAt: row.modifiedAt };
    if (row.kind === 'keyword') {
      return { ...stamps, keyword: row.keyword ? key.openJson<string>(itemAad('follow', accountId, row.id), row.keyword) : '', ...(row.bodySlug ? { body: row.bodySlug } : {}) };
    }
    return { ...stamps, target: targetView(row.kind, row.targetId ?? '', null, row.target) };
  }

  async list(account: AccountRef, query: FollowQueryDto, request: FastifyRequest): Promise<Page<FollowDto>> {
    const key = this.accounts.dataKey(account);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.follows.list(readContext(account, this.config.publicUrl), { kind: query.kind, bodyId: await bodyFilter(this.bodies, query.body), modifiedSince: query.modified_since, cursor: query.cursor }, limit);
    const { items, next } = cutPage(rows, limit);
    return { data: items.map((r) => this.view(account.id, key, r)), links: pageLinks(this.config.publicUrl, request, next) };
  }

  async get(account: AccountRef, id: string): Promise<FollowDto> {
    const row = await this.follows.one(readContext(account, this.config.publicUrl), id);
    if (!row) throw notFound('follow', id);
    if (row.deleted) throw gone('follow', id);
    return this.view(account.id, this.accounts.dataKey(account), row);
  }

  async create(account: AccountRef, input: CreateFollowDto, idempotencyKey: string | undefined): Promise<{ follow: FollowDto; status: 200 | 201; replayed: boolean }> {
    const subject = await this.subject(account, input);
    const created = await this.writer.create(account, idempotencyKey, { resource: 'follow', body: input }, async (tx) => {
      const keyword = subject.keyword !== null ? subject.keyword : null;
      const token = keyword !== null ? keywordToken(tx.key, subject.bodyId, keyword) : null;
      const id = input.id?.toLowerCase() ?? null;
      const found = await this.follows.lockByIdOrSubject(tx, readContext(account, this.config.publicUrl), id, { kind: subject.kind, targetId: subject.targetId, bodyId: subject.bodyId, keywordToken: token });
      const sameId = found.find((r) => r.id === id);
      if (sameId) {
        if (sameId.deleted) throw gone('follow', sameId.id);
        const current = this.view(tx.accountId, tx.key, sameId);
        const same = sameId.kind === subject.kind && (subject.targetId ? sameId.targetId === subject.targetId : current.keyword === keyword);
        if (!same) throw idTaken('follow', sameId.id, current);
        return { id: sameId.id, status: 200 as const };
      }
      const sameSubject = found.find((r) => !r.deleted);
      if (sameSubject) return { id: sameSubject.id, status: 200 as const };
      const max = this.config.accounts.maxFollows;
      if ((await this.follows.countLive(tx)) >= max) throw quota('follows', max, 'items_quota', { what: noun('follows'), max });
      const newId = id ?? randomUUID();
      await this.follows.insert(tx, {
        id: newId,
        kind: subject.kind,
        targetId: subject.targetId,
        bodyId: subject.bodyId,
        keyword: keyword !== null ? tx.key.sealJson(itemAad('follow', tx.accountId, newId), keyword) : null,
        keywordToken: token,
      });
      return { id: newId, status: 201 as const };
    });
    return { follow: await this.get(account, created.id), status: created.status, replayed: created.replayed };
  }

  async remove(account: AccountRef, id: string): Promise<void> {
    await this.writer.transaction(account, async (tx) => {
      const row = await this.follows.lock(tx, id);
      if (!row) throw notFound('follow', id);
      if (!row.deleted) await tombstone(tx, 'me_follow', id, 'keyword = NULL, keyword_token = NULL');
    });
  }

  /** What is followed: exactly one object, or a keyword in a body. */
  private async subject(account: AccountRef, input: CreateFollowDto): Promise<{ kind: FollowKind; targetId: string | null; bodyId: string; keyword: string | null }> {
    if (input.target && (input.keyword !== undefined || input.body !== undefined)) {
      throw Problem.invalid([{ field: 'target', text: 'target_or_keyword' }]);
    }
    if (input.target) {
      const targetId = input.target.id.toLowerCase();
      return { kind: input.target.type, targetId, bodyId: await this.targets.visibleBody(account, input.target.type, targetId, 'target.id'), keyword: null };
    }
    const keyword = input.keyword?.trim().replace(/\s+/g, ' ');
    if (!keyword || keyword.length < 2) throw Problem.invalid([{ field: 'keyword', text: 'keyword_needed' }]);
    if (!input.body) throw Problem.invalid([{ field: 'body', text: 'keyword_needs_body' }]);
    const bodyId = await bodyFilter(this.bodies, input.body);
    return { kind: 'keyword', targetId: null, bodyId: bodyId as string, keyword };
  }
}
