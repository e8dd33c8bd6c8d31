import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { SessionDetailDto, SessionDto, SessionPageDto } from './dto/session.dto';
import { SessionQueryDto } from './dto/session-query.dto';
import { CreateSessionDto, UpdateSessionDto } from './dto/session-write.dto';
import { SessionsService } from './sessions.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('sessions')
@BodyParam()
@Versioned('session')
@Controller('v1/bodies/:body/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List sessions (the calendar)', SessionPageDto, 'Ordered by start time. Filter by date range, committee and state.')
  list(@CurrentScope() scope: Scope, @Query() query: SessionQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<SessionDto>>> {
    return this.sessions.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('session')
  @ReadOneDocs('Get a session with its agenda, documents, files and minutes', SessionDetailDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<SessionDetailDto>> {
    return this.sessions.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a session (a draft unless `publish` is true)', SessionDetailDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateSessionDto): Promise<Json<SessionDetailDto>> {
    const id = await this.sessions.create(scope, input);
    return this.sessions.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('session')
  @UpdateDocs('Change a session', SessionDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateSessionDto): Promise<Json<SessionDetailDto>> {
    await this.sessions.update(scope, id, input);
    return this.sessions.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('session')
  @DeleteDocs('Delete a session')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.sessions.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('session')
  @UpdateDocs('Publish a session', SessionDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<SessionDetailDto>> {
    await this.sessions.setPublished(scope, id, true);
    return this.sessions.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('session')
  @UpdateDocs('Withdraw a session to draft', SessionDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<SessionDetailDto>> {
    await this.sessions.setPublished(scope, id, false);
    return this.sessions.get(scope, id);
  }
}
