import { Body, Controller, Delete, Get, Headers, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Access, CurrentAccount } from '../../common/access/access.decorator';
import { JSON_CONTENT_TYPE } from '../../common/http/json';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ANNOTATION_CONTENT_TYPE, markingAnnotation } from './annotations';
import { CreateMarkingDto, MarkingDto, MarkingPageDto, MarkingQueryDto, UpdateMarkingDto } from './dto/marking.dto';
import { FormatQueryDto } from './dto/personal.dto';
import { MarkingsService } from './markings.service';
import { ItemIdParam, MeCreate, MeDelete, MeRead, MeReadOne, MeUpdate } from './me.docs';
import { etag } from '../../common/http/if-match';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('me')
@Controller('v1/me/markings')
export class MarkingsController {
  constructor(
    private readonly markings: MarkingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('account')
  @MeRead('My markings: by file, body, tag or anchor status, or found by words', MarkingPageDto, {
    annotations: true,
    description: 'Newest first. `format=jsonld` answers a W3C AnnotationPage. `status=orphaned` lists markings whose quote the file no longer holds.',
  })
  async list(@CurrentAccount() account: AccountRef, @Query() query: MarkingQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const result = await this.markings.list(account, query, request);
    void reply.header('Content-Type', result.contentType === 'jsonld' ? ANNOTATION_CONTENT_TYPE : JSON_CONTENT_TYPE);
    return result.body;
  }

  @Get(':id')
  @Access('account')
  @ItemIdParam('marking')
  @MeReadOne('One of my markings', MarkingDto, { annotations: true })
  async get(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string, @Query() query: FormatQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const marking = await this.markings.get(account, id);
    void reply.header('ETag', etag(marking.version));
    if (query.format !== 'jsonld') return marking;
    void reply.header('Content-Type', ANNOTATION_CONTENT_TYPE);
    return JSON.stringify(markingAnnotation(this.config.publicUrl, marking));
  }

  @Post()
  @Access('account')
  @MeCreate(
    'Mark text in a file',
    MarkingDto,
    "The quote (with about 32 characters before and after) anchors the marking; position and page are hints. Positions count Unicode code points in the file's text (`GET …/files/{id}?include=text`, pages joined by form feeds).",
  )
  async create(
    @CurrentAccount() account: AccountRef,
    @Body() input: CreateMarkingDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MarkingDto> {
    const { marking, status, replayed } = await this.markings.create(account, input, idempotencyKey);
    void reply.status(status).header('ETag', etag(marking.version)).header('Location', `${this.config.publicUrl}/v1/me/markings/${marking.id}`);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return marking;
  }

  @Patch(':id')
  @Access('account')
  @ItemIdParam('marking')
  @MeUpdate('Change a marking (colour, note, tags, or a new selection)', MarkingDto)
  async update(
    @CurrentAccount() account: AccountRef,
    @Param('id', ID) id: string,
    @Body() input: UpdateMarkingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MarkingDto> {
    const marking = await this.markings.update(account, id, input, ifMatch);
    void reply.header('ETag', etag(marking.version));
    return marking;
  }

  @Delete(':id')
  @Access('account')
  @ItemIdParam('marking')
  @MeDelete('Delete a marking', true)
  remove(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.markings.remove(account, id, ifMatch);
  }
}
