import { Body, Controller, Get, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentCaller, CurrentScope } from '../../common/access/access.decorator';
import type { Caller, Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import { ProblemDto } from '../../common/http/problem.dto';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { VersionedRoute } from '../changes/record-version.interceptor';
import { BodiesService } from './bodies.service';
import { BodyDetailDto, BodyDto, BodyPageDto } from './dto/body.dto';
import { CreateBodyDto, UpdateBodyDto } from './dto/body-write.dto';

/** The version of a body's settings (ETag and If-Match of its editors). */
const BODY_VERSION = 'SELECT version FROM body WHERE id = $1 AND deleted_at IS NULL';

/**
 * Bodies (cities, districts, counties). There is deliberately no DELETE: removing a tenant
 * takes all of its council data, files, keys and subscriptions with it, which operators do
 * on the server, not through the API.
 */
@ApiTags('bodies')
@Controller('v1/bodies')
export class BodiesController {
  constructor(private readonly bodies: BodiesService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List bodies (cities, districts, counties)', BodyPageDto, 'Ordered by slug.')
  list(@Query() query: ListQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<BodyDto>>> {
    return this.bodies.list(query, request);
  }

  @Get(':body')
  @Access('public')
  @BodyParam()
  @VersionedRoute(BODY_VERSION, { byId: false })
  @ReadOneDocs('Get a body with its legislative terms', BodyDetailDto)
  get(@CurrentScope() scope: Scope): Promise<Json<BodyDetailDto>> {
    return this.bodies.get(scope.body.id, scope.visibility);
  }

  @Post()
  @Access('admin')
  @CreateDocs('Create a body (a new tenant)', BodyDetailDto, { versioned: false })
  @ApiConflictResponse({ description: 'The slug is taken', type: ProblemDto })
  create(@CurrentCaller() caller: Caller, @Body() input: CreateBodyDto): Promise<Json<BodyDetailDto>> {
    return this.bodies.create(caller, input);
  }

  @Patch(':body')
  @Access('editor')
  @BodyParam()
  @VersionedRoute(BODY_VERSION, { byId: false })
  @UpdateDocs('Change a body (its slug is permanent)', BodyDetailDto)
  update(@CurrentScope() scope: Scope, @Body() input: UpdateBodyDto): Promise<Json<BodyDetailDto>> {
    return this.bodies.update(scope, input);
  }
}
