import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { LocationDetailDto, LocationPageDto } from './dto/location.dto';
import { CreateLocationDto, UpdateLocationDto } from './dto/location-write.dto';
import { LocationsService } from './locations.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('locations')
@BodyParam()
@Versioned('location')
@Controller('v1/bodies/:body/locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List locations (rooms and addresses)', LocationPageDto, 'Ordered by id, which keeps pages stable.')
  list(@CurrentScope() scope: Scope, @Query() query: ListQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<LocationDetailDto>>> {
    return this.locations.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('location')
  @ReadOneDocs('Get a location', LocationDetailDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<LocationDetailDto>> {
    return this.locations.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a location (a draft unless `publish` is true)', LocationDetailDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateLocationDto): Promise<Json<LocationDetailDto>> {
    const id = await this.locations.create(scope, input);
    return this.locations.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('location')
  @UpdateDocs('Change a location', LocationDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateLocationDto): Promise<Json<LocationDetailDto>> {
    await this.locations.update(scope, id, input);
    return this.locations.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('location')
  @DeleteDocs('Delete a location')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.locations.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('location')
  @UpdateDocs('Publish a location', LocationDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<LocationDetailDto>> {
    await this.locations.setPublished(scope, id, true);
    return this.locations.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('location')
  @UpdateDocs('Withdraw a location to draft', LocationDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<LocationDetailDto>> {
    await this.locations.setPublished(scope, id, false);
    return this.locations.get(scope, id);
  }
}
