import { Controller, Get, Header, Param, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { ReadCached } from '../../common/cache/read-cache';
import { Json, JSON_CONTENT_TYPE } from '../../common/http/json';
import { OparlErrorFilter } from './oparl-error.filter';
import { oparlNotFound, OparlService } from './oparl.service';

/**
 * OParl 1.1 (https://oparl.org): the read-only open-data interface. Always shows what an
 * anonymous caller may see, whatever key is sent. Not part of the REST OpenAPI document.
 *
 * - `/system`, `/bodies`, `/bodies/{slug}`
 * - `/bodies/{slug}/{list}`: the body's external lists (organization, person, meeting, paper,
 *   agendaItem, consultation, file, location, legislativeTerm, membership)
 * - `/{type}/{uuid}`: every object at its id; `/organization/{uuid}/meeting|consultation`
 */
@ApiExcludeController()
@UseFilters(OparlErrorFilter)
@Controller('oparl/v1.1')
export class OparlController {
  constructor(private readonly oparl: OparlService) {}

  @Get('system')
  @Access('public')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  system(): Promise<Json<unknown>> {
    return this.oparl.system();
  }

  @Get('bodies')
  @Access('public')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  bodies(@Req() request: FastifyRequest): Promise<Json<unknown>> {
    return this.oparl.bodies(request.url);
  }

  @Get('bodies/:slug')
  @Access('public')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  body(@Param('slug') slug: string): Promise<Json<unknown>> {
    return this.oparl.body(slug);
  }

  /** `{body}` lets the access guard resolve the body (404 when unknown). */
  @Get('bodies/:body/:list')
  @Access('public')
  @ReadCached()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  bodyList(@CurrentScope() scope: Scope, @Param('list') list: string, @Req() request: FastifyRequest): Promise<Json<unknown>> {
    return this.oparl.bodyList(scope.body, list, request.url);
  }

  @Get(':type')
  @Access('public')
  unknown(): never {
    throw oparlNotFound();
  }

  @Get(':type/:id')
  @Access('public')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  object(@Param('type') type: string, @Param('id') id: string): Promise<Json<unknown>> {
    return this.oparl.object(type, id);
  }

  @Get(':type/:id/:list')
  @Access('public')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  organizationList(@Param('type') type: string, @Param('id') id: string, @Param('list') list: string, @Req() request: FastifyRequest): Promise<Json<unknown>> {
    return this.oparl.organizationList(type, id, list, request.url);
  }
}
