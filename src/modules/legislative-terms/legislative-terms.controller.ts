import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { LegislativeTermDto, LegislativeTermPageDto } from './dto/legislative-term.dto';
import { CreateLegislativeTermDto, UpdateLegislativeTermDto } from './dto/legislative-term-write.dto';
import { LegislativeTermsService } from './legislative-terms.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('legislative-terms')
@BodyParam()
@Versioned('legislative-term')
@Controller('v1/bodies/:body/legislative-terms')
export class LegislativeTermsController {
  constructor(private readonly terms: LegislativeTermsService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List legislative terms (Wahlperioden)', LegislativeTermPageDto, 'Ordered by start date; terms without one come first.')
  list(@CurrentScope() scope: Scope, @Query() query: ListQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<LegislativeTermDto>>> {
    return this.terms.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('legislative term')
  @ReadOneDocs('Get a legislative term', LegislativeTermDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<LegislativeTermDto>> {
    return this.terms.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a legislative term (a draft unless `publish` is true)', LegislativeTermDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateLegislativeTermDto): Promise<Json<LegislativeTermDto>> {
    const id = await this.terms.create(scope, input);
    return this.terms.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('legislative term')
  @UpdateDocs('Change a legislative term', LegislativeTermDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateLegislativeTermDto): Promise<Json<LegislativeTermDto>> {
    await this.terms.update(scope, id, input);
    return this.terms.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('legislative term')
  @DeleteDocs('Delete a legislative term')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.terms.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('legislative term')
  @UpdateDocs('Publish a legislative term', LegislativeTermDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<LegislativeTermDto>> {
    await this.terms.setPublished(scope, id, true);
    return this.terms.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('legislative term')
  @UpdateDocs('Withdraw a legislative term to draft', LegislativeTermDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<LegislativeTermDto>> {
    await this.terms.setPublished(scope, id, false);
    return this.terms.get(scope, id);
  }
}
