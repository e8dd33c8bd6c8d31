import { Body, Controller, Delete, Get, Headers, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Access, CurrentAccount } from '../../common/access/access.decorator';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { CreateFollowDto, FollowDto, FollowPageDto, FollowQueryDto } from './dto/bookmark.dto';
import { FollowsService } from './follows.service';
import { ItemIdParam, MeCreate, MeDelete, MeRead, MeReadOne } from './me.docs';
import { etag } from '../../common/http/if-match';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('me')
@Controller('v1/me/follows')
export class FollowsController {
  constructor(
    private readonly follows: FollowsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('account')
  @MeRead('What I follow', FollowPageDto, { description: 'Newest first. What changed in them is at GET /v1/me/feed.' })
  list(@CurrentAccount() account: AccountRef, @Query() query: FollowQueryDto, @Req() request: FastifyRequest): Promise<Page<FollowDto>> {
    return this.follows.list(account, query, request);
  }

  @Get(':id')
  @Access('account')
  @ItemIdParam('follow')
  @MeReadOne('One of my follows', FollowDto)
  async get(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<FollowDto> {
    const follow = await this.follows.get(account, id);
    void reply.header('ETag', etag(follow.version));
    return follow;
  }

  @Post()
  @Access('account')
  @MeCreate(
    'Follow a committee, document or session, or a keyword in a body',
    FollowDto,
    'Give `target`, or `keyword` and `body`. Following the same again answers the follow there is (200).',
  )
  async create(
    @CurrentAccount() account: AccountRef,
    @Body() input: CreateFollowDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FollowDto> {
    const { follow, status, replayed } = await this.follows.create(account, input, idempotencyKey);
    void reply.status(status).header('ETag', etag(follow.version)).header('Location', `${this.config.publicUrl}/v1/me/follows/${follow.id}`);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return follow;
  }

  @Delete(':id')
  @Access('account')
  @ItemIdParam('follow')
  @MeDelete('Stop following', false)
  remove(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string): Promise<void> {
    return this.follows.remove(account, id);
  }
}
