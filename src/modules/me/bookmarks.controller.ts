import { Body, Controller, Delete, Get, Headers, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Access, CurrentAccount } from '../../common/access/access.decorator';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { BookmarksService } from './bookmarks.service';
import { BookmarkDto, BookmarkPageDto, BookmarkQueryDto, CreateBookmarkDto } from './dto/bookmark.dto';
import { ItemIdParam, MeCreate, MeDelete, MeRead, MeReadOne } from './me.docs';
import { etag } from '../../common/http/if-match';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('me')
@Controller('v1/me/bookmarks')
export class BookmarksController {
  constructor(
    private readonly bookmarks: BookmarksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('account')
  @MeRead('My bookmarks', BookmarkPageDto, { description: 'Newest first. `target_type` and `target_id` together answer whether an object is bookmarked.' })
  list(@CurrentAccount() account: AccountRef, @Query() query: BookmarkQueryDto, @Req() request: FastifyRequest): Promise<Page<BookmarkDto>> {
    return this.bookmarks.list(account, query, request);
  }

  @Get(':id')
  @Access('account')
  @ItemIdParam('bookmark')
  @MeReadOne('One of my bookmarks', BookmarkDto)
  async get(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<BookmarkDto> {
    const bookmark = await this.bookmarks.get(account, id);
    void reply.header('ETag', etag(bookmark.version));
    return bookmark;
  }

  @Post()
  @Access('account')
  @MeCreate('Bookmark an object', BookmarkDto, 'One bookmark per object: bookmarking it again answers the bookmark there is (200).')
  async create(
    @CurrentAccount() account: AccountRef,
    @Body() input: CreateBookmarkDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookmarkDto> {
    const { bookmark, status, replayed } = await this.bookmarks.create(account, input, idempotencyKey);
    void reply.status(status).header('ETag', etag(bookmark.version)).header('Location', `${this.config.publicUrl}/v1/me/bookmarks/${bookmark.id}`);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return bookmark;
  }

  @Delete(':id')
  @Access('account')
  @ItemIdParam('bookmark')
  @MeDelete('Remove a bookmark', false)
  remove(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string): Promise<void> {
    return this.bookmarks.remove(account, id);
  }
}
