import { Injectable } from '@nestjs/common';
import type { DataKey } from '../accounts/accounts.crypto';
import { BookmarksRepository } from './bookmarks.repository';
import { BookmarksService } from './bookmarks.service';
import { FollowsRepository } from './follows.repository';
import { FollowsService } from './follows.service';
import { cutPage, ItemKind, StampRow } from './items';
import { MarkingsRepository } from './markings.repository';
import { MarkingsService } from './markings.service';
import { NotesRepository, ReadContext } from './notes.repository';
import { NotesService } from './notes.service';

/**
 * An account's items of every kind (notes, markings, bookmarks, follows) behind one interface:
 * their rows by id or a page at a time, and each kind's view. The sync feed and the export
 * read all four kinds alike through it.
 */
@Injectable()
export class PersonalItems {
  constructor(
    private readonly notesRepo: NotesRepository,
    private readonly markingsRepo: MarkingsRepository,
    private readonly bookmarksRepo: BookmarksRepository,
    private readonly followsRepo: FollowsRepository,
    private readonly notes: NotesService,
    private readonly markings: MarkingsService,
    private readonly bookmarks: BookmarksService,
    private readonly follows: FollowsService,
  ) {}

  /** The rows of `kind` with these ids, live or deleted. */
  byIds(kind: ItemKind, ctx: ReadContext, ids: string[]): Promise<StampRow[]> {
    switch (kind) {
      case 'note':
        return this.notesRepo.byIds(ctx, ids);
      case 'marking':
        return this.markingsRepo.byIds(ctx, ids);
      case 'bookmark':
        return this.bookmarksRepo.byIds(ctx, ids);
      case 'follow':
        return this.followsRepo.byIds(ctx, ids);
    }
  }

  /** Up to `limit` live rows of `kind` after `cursor`, newest first, and the cursor of the next page. */
  async page(kind: ItemKind, ctx: ReadContext, cursor: string | undefined, limit: number): Promise<{ items: StampRow[]; next: string | null }> {
    const filters = { cursor };
    switch (kind) {
      case 'note':
        return cutPage(await this.notesRepo.list(ctx, filters, limit), limit);
      case 'marking':
        return cutPage(await this.markingsRepo.list(ctx, filters, limit), limit);
      case 'bookmark':
        return cutPage(await this.bookmarksRepo.list(ctx, filters, limit), limit);
      case 'follow':
        return cutPage(await this.followsRepo.list(ctx, filters, limit), limit);
    }
  }

  /** A live row of `kind` as the API shows it (texts opened with the account's data key). */
  view(kind: ItemKind, accountId: string, key: DataKey, row: StampRow): object {
    switch (kind) {
      case 'note':
        return this.notes.view(accountId, key, row as never);
      case 'marking':
        return this.markings.view(accountId, key, row as never);
      case 'bookmark':
        return this.bookmarks.view(row as never);
      case 'follow':
        return this.follows.view(accountId, key, row as never);
    }
  }
}
