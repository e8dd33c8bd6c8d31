import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyLimit, LONG_TEXT_BODY_LIMIT } from '../../common/http/body';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { AgendaItemsService } from './agenda-items.service';
import { AgendaItemDetailDto, AgendaItemDto, AgendaItemPageDto } from './dto/agenda-item.dto';
import { AgendaItemQueryDto } from './dto/agenda-item-query.dto';
import { CreateAgendaItemDto, UpdateAgendaItemDto } from './dto/agenda-item-write.dto';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('agenda-items')
@BodyParam()
@Versioned('agenda-item')
@Controller('v1/bodies/:body/agenda-items')
export class AgendaItemsController {
  constructor(private readonly items: AgendaItemsService) {}

  @Get()
  @Access('public')
  @ReadListDocs(
    'List agenda items',
    AgendaItemPageDto,
    'With `session`: the agenda of that session in agenda order. Without: all items of the body in a stable order, for synchronisation. Non-public items only for members and editors of the body.',
  )
  list(@CurrentScope() scope: Scope, @Query() query: AgendaItemQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<AgendaItemDto>>> {
    return this.items.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('agenda item')
  @ReadOneDocs('Get an agenda item with its documents, files and consultations', AgendaItemDetailDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<AgendaItemDetailDto>> {
    return this.items.get(scope, id);
  }

  @Post()
  @Access('editor')
  @BodyLimit(LONG_TEXT_BODY_LIMIT)
  @CreateDocs('Create an agenda item (a draft unless `publish` is true)', AgendaItemDetailDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateAgendaItemDto): Promise<Json<AgendaItemDetailDto>> {
    const id = await this.items.create(scope, input);
    return this.items.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @BodyLimit(LONG_TEXT_BODY_LIMIT)
  @IdParam('agenda item')
  @UpdateDocs('Change an agenda item', AgendaItemDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateAgendaItemDto): Promise<Json<AgendaItemDetailDto>> {
    await this.items.update(scope, id, input);
    return this.items.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('agenda item')
  @DeleteDocs('Delete an agenda item')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.items.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('agenda item')
  @UpdateDocs('Publish an agenda item', AgendaItemDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<AgendaItemDetailDto>> {
    await this.items.setPublished(scope, id, true);
    return this.items.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('agenda item')
  @UpdateDocs('Withdraw an agenda item to draft', AgendaItemDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<AgendaItemDetailDto>> {
    await this.items.setPublished(scope, id, false);
    return this.items.get(scope, id);
  }
}
