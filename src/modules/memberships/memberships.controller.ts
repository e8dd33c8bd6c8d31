import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { MembershipDto, MembershipPageDto } from './dto/membership.dto';
import { MembershipQueryDto } from './dto/membership-query.dto';
import { CreateMembershipDto, UpdateMembershipDto } from './dto/membership-write.dto';
import { MembershipsService } from './memberships.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('memberships')
@BodyParam()
@Versioned('membership')
@Controller('v1/bodies/:body/memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List memberships (seats of people in committees)', MembershipPageDto, 'Ordered by id. Filter by person, committee and whether the membership is current.')
  list(@CurrentScope() scope: Scope, @Query() query: MembershipQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<MembershipDto>>> {
    return this.memberships.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('membership')
  @ReadOneDocs('Get a membership', MembershipDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MembershipDto>> {
    return this.memberships.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a membership (a draft unless `publish` is true)', MembershipDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateMembershipDto): Promise<Json<MembershipDto>> {
    const id = await this.memberships.create(scope, input);
    return this.memberships.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('membership')
  @UpdateDocs('Change a membership', MembershipDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateMembershipDto): Promise<Json<MembershipDto>> {
    await this.memberships.update(scope, id, input);
    return this.memberships.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('membership')
  @DeleteDocs('Delete a membership')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.memberships.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('membership')
  @UpdateDocs('Publish a membership', MembershipDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MembershipDto>> {
    await this.memberships.setPublished(scope, id, true);
    return this.memberships.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('membership')
  @UpdateDocs('Withdraw a membership to draft', MembershipDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<MembershipDto>> {
    await this.memberships.setPublished(scope, id, false);
    return this.memberships.get(scope, id);
  }
}
