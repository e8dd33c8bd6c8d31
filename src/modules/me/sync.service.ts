import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { pageLinks } from '../../common/pagination/links';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccountsService } from '../accounts/accounts.service';
import type { SyncChangeDto, SyncPageDto, SyncQueryDto } from './dto/sync.dto';
import { ITEM_KINDS, ItemKind } from './items';
import { readContext } from './notes.repository';
import { PersonalItems } from './personal-items';
import { SyncRepository } from './sync.repository';

export const SYNC_DEFAULT_LIMIT = 500;

/**
 * The sync feed of offline-first apps: every change of the account's notes, markings,
 * bookmarks and follows, on any device, in order, with tombstones for deletions. A first sync
 * (no cursor) answers what the account holds; later ones what changed since.
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly sync: SyncRepository,
    private readonly accounts: AccountsService,
    private readonly personal: PersonalItems,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(account: AccountRef, query: SyncQueryDto, request: FastifyRequest): Promise<SyncPageDto> {
    const after = query.cursor ? decodeCursor(query.cursor, ['bigint'])[0] : '0';
    if (query.cursor && BigInt(after) < BigInt(await this.sync.purgedSeq(account.id))) {
      throw new Problem(410, 'sync_cursor_expired');
    }
    const limit = query.limit ?? SYNC_DEFAULT_LIMIT;
    const { entries, head } = await this.sync.changes(account.id, after, limit, query.cursor !== undefined);
    const items = await this.load(account, entries.filter((e) => !e.deleted));
    const data: SyncChangeDto[] = entries.map((e) => {
      const item = e.deleted ? undefined : items.get(`${e.kind}:${e.id}`);
      // Deleted between the two reads: a tombstone (its newer position follows later).
      return item ? { position: e.position, kind: e.kind, id: e.id, version: e.version, deleted: false, item } : { position: e.position, kind: e.kind, id: e.id, version: e.version, deleted: true };
    });
    // A full page continues after its last change; a page that read everything continues from the head.
    const next = entries.length === limit ? entries[entries.length - 1].position : BigInt(head) > BigInt(after) ? head : after;
    return { data, links: pageLinks(this.config.publicUrl, request, encodeCursor([next])) };
  }

  /** The current views of the given items, by `kind:id`. */
  private async load(account: AccountRef, entries: { kind: ItemKind; id: string }[]): Promise<Map<string, Record<string, unknown>>> {
    const ctx = readContext(account, this.config.publicUrl);
    const key = this.accounts.dataKey(account);
    const ids = (kind: ItemKind): string[] => entries.filter((e) => e.kind === kind).map((e) => e.id);
    const rows = await Promise.all(ITEM_KINDS.map(async (kind) => (ids(kind).length ? this.personal.byIds(kind, ctx, ids(kind)) : [])));
    const out = new Map<string, Record<string, unknown>>();
    ITEM_KINDS.forEach((kind, i) => {
      for (const row of rows[i]) if (!row.deleted) out.set(`${kind}:${row.id}`, this.personal.view(kind, account.id, key, row) as Record<string, unknown>);
    });
    return out;
  }
}
