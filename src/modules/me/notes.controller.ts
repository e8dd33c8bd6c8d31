import { Body, Controller, Delete, Get, Headers, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Access, CurrentAccount } from '../../common/access/access.decorator';
import { JSON_CONTENT_TYPE } from '../../common/http/json';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ANNOTATION_CONTENT_TYPE, noteAnnotation } from './annotations';
import { CreateNoteDto, NoteDto, NotePageDto, NoteQueryDto, UpdateNoteDto } from './dto/note.dto';
import { FormatQueryDto } from './dto/personal.dto';
import { ItemIdParam, MeCreate, MeDelete, MeRead, MeReadOne, MeUpdate } from './me.docs';
import { NotesService } from './notes.service';
import { etag } from '../../common/http/if-match';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('me')
@Controller('v1/me/notes')
export class NotesController {
  constructor(
    private readonly notes: NotesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('account')
  @MeRead('My notes: by object, body or tag, or found by words', NotePageDto, {
    annotations: true,
    description:
      'Newest first. `q` searches your notes although they are stored encrypted (keyed tokens of word beginnings; see the README). Notes on objects you can no longer see keep only the id of the object.',
  })
  async list(@CurrentAccount() account: AccountRef, @Query() query: NoteQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const result = await this.notes.list(account, query, request);
    void reply.header('Content-Type', result.contentType === 'jsonld' ? ANNOTATION_CONTENT_TYPE : JSON_CONTENT_TYPE);
    return result.body;
  }

  @Get(':id')
  @Access('account')
  @ItemIdParam('note')
  @MeReadOne('One of my notes', NoteDto, { annotations: true })
  async get(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string, @Query() query: FormatQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const note = await this.notes.get(account, id);
    void reply.header('ETag', etag(note.version));
    if (query.format !== 'jsonld') return note;
    void reply.header('Content-Type', ANNOTATION_CONTENT_TYPE);
    return JSON.stringify(noteAnnotation(this.config.publicUrl, note));
  }

  @Post()
  @Access('account')
  @MeCreate('Write a note on a session, agenda item, document, file (page) or committee', NoteDto)
  async create(
    @CurrentAccount() account: AccountRef,
    @Body() input: CreateNoteDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteDto> {
    const { note, status, replayed } = await this.notes.create(account, input, idempotencyKey);
    void reply.status(status).header('ETag', etag(note.version)).header('Location', `${this.config.publicUrl}/v1/me/notes/${note.id}`);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return note;
  }

  @Patch(':id')
  @Access('account')
  @ItemIdParam('note')
  @MeUpdate('Change a note (text, tags, page)', NoteDto)
  async update(
    @CurrentAccount() account: AccountRef,
    @Param('id', ID) id: string,
    @Body() input: UpdateNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteDto> {
    const note = await this.notes.update(account, id, input, ifMatch);
    void reply.header('ETag', etag(note.version));
    return note;
  }

  @Delete(':id')
  @Access('account')
  @ItemIdParam('note')
  @MeDelete('Delete a note', true)
  remove(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.notes.remove(account, id, ifMatch);
  }
}
