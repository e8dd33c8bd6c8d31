import { Inject, Injectable } from '@nestjs/common';
import type { AccountRef } from '../../common/access/access';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccountsService } from '../accounts/accounts.service';
import { ANNOTATION_CONTEXT, bookmarkAnnotation, followAnnotation, markingAnnotation, noteAnnotation, withoutContext } from './annotations';
import type { ItemKind } from './items';
import { readContext } from './notes.repository';
import { PersonalItems } from './personal-items';
import { FeedRepository } from './feed.repository';

const BATCH = 500;

type Json = Record<string, unknown>;

/**
 * Everything an account holds, as this API's JSON or as a W3C AnnotationCollection, written
 * out while it is read (a batch at a time), so that a large account never sits in memory.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly feed: FeedRepository,
    private readonly personal: PersonalItems,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** This API's JSON: the account, its devices, and every note, marking, bookmark and follow. */
  async *json(account: AccountRef): AsyncGenerator<string> {
    const view = await this.accounts.view(account.id);
    const devices = await this.accounts.tokens(account);
    const readMarker = await this.feed.readMarker(account.id);
    yield `{"exportedAt":${JSON.stringify(new Date().toISOString())},"account":${JSON.stringify(view)},"devices":${JSON.stringify(devices)},"feedReadMarker":${JSON.stringify(readMarker)}`;
    for (const kind of ['note', 'marking', 'bookmark', 'follow'] as const) {
      yield `,"${kind}s":[`;
      let first = true;
      for await (const item of this.items(account, kind)) {
        yield (first ? '' : ',') + JSON.stringify(item);
        first = false;
      }
      yield ']';
    }
    yield '}';
  }

  /** A W3C Web Annotation collection of the same (follows as bookmarks tagged "follow"). */
  async *jsonld(account: AccountRef): AsyncGenerator<string> {
    const base = this.config.publicUrl;
    const { usage } = await this.accounts.view(account.id);
    const total = usage.notes + usage.markings + usage.bookmarks + usage.follows;
    yield JSON.stringify({ '@context': ANNOTATION_CONTEXT, id: `${base}/v1/me/export?format=jsonld`, type: 'AnnotationCollection', label: 'Notes, markings, bookmarks and follows', total }).slice(0, -1);
    yield `,"first":{"type":"AnnotationPage","startIndex":0,"items":[`;
    let first = true;
    const render: Record<ItemKind, (item: never) => Json> = {
      note: (n) => noteAnnotation(base, n),
      marking: (m) => markingAnnotation(base, m),
      bookmark: (b) => bookmarkAnnotation(base, b),
      follow: (f) => followAnnotation(base, f),
    };
    for (const kind of ['note', 'marking', 'bookmark', 'follow'] as const) {
      for await (const item of this.items(account, kind)) {
        yield (first ? '' : ',') + JSON.stringify(withoutContext(render[kind](item as never)));
        first = false;
      }
    }
    yield ']}}';
  }

  /** Every live item of one kind, in batches. */
  private async *items(account: AccountRef, kind: ItemKind): AsyncGenerator<object> {
    const ctx = readContext(account, this.config.publicUrl);
    const key = this.accounts.dataKey(account);
    let cursor: string | undefined;
    do {
      const page = await this.personal.page(kind, ctx, cursor, BATCH);
      for (const row of page.items) yield this.personal.view(kind, account.id, key, row);
      cursor = page.next ?? undefined;
    } while (cursor);
  }
}
