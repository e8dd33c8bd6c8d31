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
import { quota } from '../accounts/accounts.service';
import { BodyDirectory } from '../bodies/body-directory.service';
import { BookmarkRow, BookmarksRepository } from './bookmarks.repository';
import type { BookmarkDto, BookmarkQueryDto, CreateBookmarkDto } from './dto/bookmark.dto';
import { bodyFilter, cutPage, gone, idTaken, notFound, targetView } from './items';
import { readContext, tombstone } from './notes.repository';
import { PersonalWriter } from './personal-writer';
import { TargetResolver } from './target-resolver';

/**
 * Bookmarks of any object the account can see, one per object: bookmarking it again (on
 * another device, offline) answers the bookmark there is, so devices converge.
 */
@Injectable()
export class BookmarksService {
  constructor(
    private readonly bookmarks: BookmarksRepository,
    private readonly writer: PersonalWriter,
    private readonly targets: TargetResolver,
    private readonly bodies: BodyDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  view(row: BookmarkRow): BookmarkDto {
    return { id: row.id, version: row.version, target: targetView(row.targetType, row.targetId, null, row.target), createdAt: row.createdAt, modifiedAt: row.modifiedAt };
  }

  async list(account: AccountRef, query: BookmarkQueryDto, request: FastifyRequest): Promise<Page<BookmarkDto>> {
    if (query.target_id && !query.target_type) throw Problem.invalid([{ field: 'target_id', text: 'needs', params: { other: 'target_type' } }]);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.bookmarks.list(
      readContext(account, this.config.publicUrl),
      { targetType: query.target_type, targetId: query.target_id, bodyId: await bodyFilter(this.bodies, query.body), modifiedSince: query.modified_since, cursor: query.cursor },
      limit,
    );
    const { items, next } = cutPage(rows, limit);
    return { data: items.map((r) => this.view(r)), links: pageLinks(this.config.publicUrl, request, next) };
  }

  async get(account: AccountRef, id: string): Promise<BookmarkDto> {
    const row = await this.bookmarks.one(readContext(account, this.config.publicUrl), id);
    if (!row) throw notFound('bookmark', id);
    if (row.deleted) throw gone('bookmark', id);
    return this.view(row);
  }

  async create(account: AccountRef, input: CreateBookmarkDto, idempotencyKey: string | undefined): Promise<{ bookmark: BookmarkDto; status: 200 | 201; replayed: boolean }> {
    const targetId = input.target.id.toLowerCase();
    const bodyId = await this.targets.visibleBody(account, input.target.type, targetId, 'target.id');
    const created = await this.writer.create(account, idempotencyKey, { resource: 'bookmark', body: input }, async (tx) => {
      const found = await this.bookmarks.lockByIdOrTarget(tx, readContext(account, this.config.publicUrl), input.id?.toLowerCase() ?? null, input.target.type, targetId);
      const sameId = found.find((r) => r.id === input.id?.toLowerCase());
      if (sameId) {
        if (sameId.deleted) throw gone('bookmark', sameId.id);
        if (sameId.targetType !== input.target.type || sameId.targetId !== targetId) throw idTaken('bookmark', sameId.id, this.view(sameId));
        return { id: sameId.id, status: 200 as const };
      }
      const sameTarget = found.find((r) => !r.deleted);
      if (sameTarget) return { id: sameTarget.id, status: 200 as const };
      const max = this.config.accounts.maxBookmarks;
      if ((await this.bookmarks.countLive(tx)) >= max) throw quota('bookmarks', max, 'items_quota', { what: noun('bookmarks'), max });
      const id = input.id?.toLowerCase() ?? randomUUID();
      await this.bookmarks.insert(tx, { id, targetType: input.target.type, targetId, bodyId });
      return { id, status: 201 as const };
    });
    return { bookmark: await this.get(account, created.id), status: created.status, replayed: created.replayed };
  }

  async remove(account: AccountRef, id: string): Promise<void> {
    await this.writer.transaction(account, async (tx) => {
      const row = await this.bookmarks.lock(tx, id);
      if (!row) throw notFound('bookmark', id);
      if (!row.deleted) await tombstone(tx, 'me_bookmark', id);
    });
  }
}
