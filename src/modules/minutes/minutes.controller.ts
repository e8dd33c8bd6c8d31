import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Page } from '../../common/pagination/page.dto';
import { MinutesDto, MinutesPageDto } from './dto/minutes.dto';
import { MinutesQueryDto } from './dto/minutes-query.dto';
import { CreateMinutesDto, UpdateMinutesDto } from './dto/minutes-write.dto';
import { MinutesService } from './minutes.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });
const Conflict = (): MethodDecorator => ApiConflictResponse({ description: 'The minutes are not in a status this step starts from', type: ProblemDto });

@ApiTags('minutes')
@BodyParam()
@Versioned('minutes')
@Controller('v1/bodies/:body/minutes')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get()
  @Access('public')
  @ReadListDocs(
    'List minutes (Niederschriften)',
    MinutesPageDto,
    'Everyone sees published minutes, members of the body also approved ones, editors all. Filter by session, status and kind.',
  )
  list(@CurrentScope() scope: Scope, @Query() query: MinutesQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<MinutesDto>>> {
    return this.minutes.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('minutes')
  @ReadOneDocs('Get minutes', MinutesDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MinutesDto>> {
    return this.minutes.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create draft minutes', MinutesDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateMinutesDto): Promise<Json<MinutesDto>> {
    const id = await this.minutes.create(scope, input);
    return this.minutes.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('minutes')
  @UpdateDocs('Change the kind or file of minutes', MinutesDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateMinutesDto): Promise<Json<MinutesDto>> {
    await this.minutes.update(scope, id, input);
    return this.minutes.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('minutes')
  @DeleteDocs('Delete minutes')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.minutes.remove(scope, id);
  }

  @Post(':id/approve')
  @Access('editor')
  @IdParam('minutes')
  @UpdateDocs('Approve draft minutes (members of the body can then read them)', MinutesDto)
  @Conflict()
  async approve(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MinutesDto>> {
    await this.minutes.approve(scope, id);
    return this.minutes.get(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('minutes')
  @UpdateDocs('Publish draft or approved minutes, and their file if it is still a draft', MinutesDto)
  @Conflict()
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MinutesDto>> {
    await this.minutes.publish(scope, id);
    return this.minutes.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('minutes')
  @UpdateDocs('Withdraw published minutes to approved', MinutesDto)
  @Conflict()
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MinutesDto>> {
    await this.minutes.unpublish(scope, id);
    return this.minutes.get(scope, id);
  }
}
