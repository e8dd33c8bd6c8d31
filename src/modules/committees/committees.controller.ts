import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { CommitteeDetailDto, CommitteeDto, CommitteePageDto } from './dto/committee.dto';
import { CommitteeQueryDto } from './dto/committee-query.dto';
import { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee-write.dto';
import { CommitteesService } from './committees.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('committees')
@BodyParam()
@Versioned('committee')
@Controller('v1/bodies/:body/committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List committees, factions, parties and other organisations', CommitteePageDto, 'Ordered by name. Filter by kind and whether the committee still exists.')
  list(@CurrentScope() scope: Scope, @Query() query: CommitteeQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<CommitteeDto>>> {
    return this.committees.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('committee')
  @ReadOneDocs('Get a committee with its current members', CommitteeDetailDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<CommitteeDetailDto>> {
    return this.committees.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a committee (a draft unless `publish` is true)', CommitteeDetailDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateCommitteeDto): Promise<Json<CommitteeDetailDto>> {
    const id = await this.committees.create(scope, input);
    return this.committees.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('committee')
  @UpdateDocs('Change a committee', CommitteeDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateCommitteeDto): Promise<Json<CommitteeDetailDto>> {
    await this.committees.update(scope, id, input);
    return this.committees.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('committee')
  @DeleteDocs('Delete a committee')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.committees.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('committee')
  @UpdateDocs('Publish a committee', CommitteeDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<CommitteeDetailDto>> {
    await this.committees.setPublished(scope, id, true);
    return this.committees.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('committee')
  @UpdateDocs('Withdraw a committee to draft', CommitteeDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<CommitteeDetailDto>> {
    await this.committees.setPublished(scope, id, false);
    return this.committees.get(scope, id);
  }
}
