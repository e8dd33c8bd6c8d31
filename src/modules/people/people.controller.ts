import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { PersonDetailDto, PersonDto, PersonPageDto } from './dto/person.dto';
import { PersonQueryDto } from './dto/person-query.dto';
import { CreatePersonDto, UpdatePersonDto } from './dto/person-write.dto';
import { PeopleService } from './people.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('people')
@BodyParam()
@Versioned('person')
@Controller('v1/bodies/:body/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List people (council members and others)', PersonPageDto, 'Ordered by displayed name. Filter by committee membership and whether it is current.')
  list(@CurrentScope() scope: Scope, @Query() query: PersonQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<PersonDto>>> {
    return this.people.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('person')
  @ReadOneDocs('Get a person with their memberships', PersonDetailDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<PersonDetailDto>> {
    return this.people.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a person (a draft unless `publish` is true)', PersonDetailDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreatePersonDto): Promise<Json<PersonDetailDto>> {
    const id = await this.people.create(scope, input);
    return this.people.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('person')
  @UpdateDocs('Change a person', PersonDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdatePersonDto): Promise<Json<PersonDetailDto>> {
    await this.people.update(scope, id, input);
    return this.people.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('person')
  @DeleteDocs('Delete a person')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.people.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('person')
  @UpdateDocs('Publish a person', PersonDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<PersonDetailDto>> {
    await this.people.setPublished(scope, id, true);
    return this.people.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('person')
  @UpdateDocs('Withdraw a person to draft', PersonDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<PersonDetailDto>> {
    await this.people.setPublished(scope, id, false);
    return this.people.get(scope, id);
  }
}
