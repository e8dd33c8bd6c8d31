import { Readable } from 'node:stream';
import { Body, Controller, Get, Header, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiGoneResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Access, CurrentAccount } from '../../common/access/access.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { ANNOTATION_CONTENT_TYPE } from './annotations';
import { FeedPageDto, FeedQueryDto, ReadMarkerDto, ReadMarkerViewDto } from './dto/feed.dto';
import { FormatQueryDto } from './dto/personal.dto';
import { SyncPageDto, SyncQueryDto } from './dto/sync.dto';
import { ExportService } from './export.service';
import { FeedService } from './feed.service';
import { MeRead } from './me.docs';
import { SyncService } from './sync.service';

/** The sync feed, the feed of followed changes, and the export of everything. */
@ApiTags('me')
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly sync: SyncService,
    private readonly feed: FeedService,
    private readonly exports: ExportService,
  ) {}

  @Get('sync')
  @Access('account')
  @MeRead('Sync: my changes since the last sync, from every device', SyncPageDto, {
    description:
      'Notes, markings, bookmarks and follows in the order they changed, each in its current state, deletions as tombstones. Start without a cursor, store `links.next`, and sync from it next time; an empty page means you are up to date.',
  })
  @ApiGoneResponse({ description: 'The cursor is older than the deletions kept (ME_TOMBSTONE_DAYS): sync again without it', type: ProblemDto })
  changes(@CurrentAccount() account: AccountRef, @Query() query: SyncQueryDto, @Req() request: FastifyRequest): Promise<SyncPageDto> {
    return this.sync.page(account, query, request);
  }

  @Get('feed')
  @Access('account')
  @MeRead('What changed in what I follow since I last read', FeedPageDto, {
    description:
      'Changes of followed committees, documents and sessions (and their agenda items, files, consultations, minutes), and of records whose title holds a followed keyword: only what you may see. Without a cursor it starts after your read marker; `links.next` is always present for polling.',
  })
  feedPage(@CurrentAccount() account: AccountRef, @Query() query: FeedQueryDto, @Req() request: FastifyRequest): Promise<FeedPageDto> {
    return this.feed.list(account, query, request);
  }

  @Put('feed/read-marker')
  @Access('account')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Mark the feed read up to a position (for all my devices; it never moves back)' })
  @ApiOkResponse({ type: ReadMarkerViewDto })
  @ApiBadRequestResponse({ description: 'Invalid position', type: ProblemDto })
  markRead(@CurrentAccount() account: AccountRef, @Body() input: ReadMarkerDto): Promise<ReadMarkerViewDto> {
    return this.feed.markRead(account, input.position);
  }

  @Get('export')
  @Access('account')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Export everything I hold',
    description: '`format=json` (default): the account, devices, notes, markings, bookmarks and follows as this API shows them. `format=jsonld`: a W3C Web Annotation collection.',
  })
  @ApiProduces('application/json', 'application/ld+json')
  @ApiOkResponse({ description: 'Everything, as an attachment', schema: { type: 'object' } })
  @ApiBadRequestResponse({ description: 'Invalid format', type: ProblemDto })
  export(@CurrentAccount() account: AccountRef, @Query() query: FormatQueryDto): StreamableFile {
    const jsonld = query.format === 'jsonld';
    const stream = Readable.from(jsonld ? this.exports.jsonld(account) : this.exports.json(account));
    return new StreamableFile(stream, {
      type: jsonld ? ANNOTATION_CONTENT_TYPE : 'application/json; charset=utf-8',
      disposition: `attachment; filename="ratsinfo-export.${jsonld ? 'jsonld' : 'json'}"`,
    });
  }
}
