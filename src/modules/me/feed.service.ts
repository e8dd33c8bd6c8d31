import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { pageLinks } from '../../common/pagination/links';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccountsService } from '../accounts/accounts.service';
import type { FeedItemDto, FeedPageDto, FeedQueryDto } from './dto/feed.dto';
import { FeedRepository, FollowSets } from './feed.repository';
import { FollowsRepository } from './follows.repository';
import { itemAad } from './items';

/** Change events read per request at most; a page that found fewer matches says how far it read. */
export const FEED_SCAN = 5000;
export const FEED_DEFAULT_LIMIT = 50;

/**
 * `/v1/me/feed`: what changed in what the account follows since its read marker, from the
 * change events, only what the account may see. The read marker is the account's (shared
 * by its devices) and moves forward only when an app says what it has shown.
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly feed: FeedRepository,
    private readonly follows: FollowsRepository,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(account: AccountRef, query: FeedQueryDto, request: FastifyRequest): Promise<FeedPageDto> {
    const readMarker = await this.feed.readMarker(account.id);
    const after = query.cursor ? decodeCursor(query.cursor, ['bigint'])[0] : readMarker;
    const limit = query.limit ?? FEED_DEFAULT_LIMIT;
    const key = this.accounts.dataKey(account);
    const follows = await this.follows.all(account.id);
    const sets: FollowSets = { bodyIds: [], committees: [], documents: [], sessions: [], keywords: [] };
    const reasons = new Map<string, { follow: string; kind: string }[]>();
    const addReason = (value: string, reason: { follow: string; kind: string }): void => {
      reasons.set(value, [...(reasons.get(value) ?? []), reason]);
    };
    for (const f of follows) {
      if (f.bodyId && !sets.bodyIds.includes(f.bodyId)) sets.bodyIds.push(f.bodyId);
      if (f.kind === 'keyword') {
        if (f.keyword && f.bodyId) sets.keywords.push({ bodyId: f.bodyId, keyword: key.openJson<string>(itemAad('follow', account.id, f.id), f.keyword) });
        continue;
      }
      if (!f.targetId) continue;
      (f.kind === 'committee' ? sets.committees : f.kind === 'document' ? sets.documents : sets.sessions).push(f.targetId);
      addReason(`${f.kind}:${f.targetId}`, { follow: f.id, kind: f.kind });
    }
    const keywordFollows = follows.filter((f) => f.kind === 'keyword' && f.keyword && f.bodyId);
    if (!sets.bodyIds.length) return { data: [], links: pageLinks(this.config.publicUrl, request, encodeCursor([after])), readMarker };

    const { rows, scannedTo } = await this.feed.scan(sets, account.memberBodyIds, this.config.publicUrl, after, FEED_SCAN, limit);
    const data: FeedItemDto[] = rows.map((r) => {
      const because = [
        ...r.committees.flatMap((id) => (reasons.get(`committee:${id}`) ?? []).map((x) => ({ ...x, id }))),
        ...r.documents.flatMap((id) => (reasons.get(`document:${id}`) ?? []).map((x) => ({ ...x, id }))),
        ...r.sessions.flatMap((id) => (reasons.get(`session:${id}`) ?? []).map((x) => ({ ...x, id }))),
        ...r.keywords.map((n) => ({ follow: keywordFollows[n - 1].id, kind: 'keyword', keyword: sets.keywords[n - 1].keyword })),
      ];
      return {
        position: r.position,
        occurred: r.occurred,
        action: r.action,
        resource: r.resource,
        resourceId: r.resourceId,
        ...(r.target ? { body: r.target.body, ...(r.target.title !== null ? { title: r.target.title } : {}), url: r.target.url } : {}),
        because,
      };
    });
    // The feed has no last page: `next` continues after what was read, for polling.
    return { data, links: pageLinks(this.config.publicUrl, request, encodeCursor([scannedTo ?? after])), readMarker };
  }

  async markRead(account: AccountRef, position: string): Promise<{ readMarker: string }> {
    return { readMarker: await this.feed.markRead(account.id, position) };
  }
}
