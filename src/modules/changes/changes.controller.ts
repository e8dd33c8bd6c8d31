import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import { BodyParam, ReadListDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { ChangesService } from './changes.service';
import { ChangeDto, ChangePageDto } from './dto/change.dto';
import { ChangeQueryDto } from './dto/change-query.dto';

@ApiTags('changes')
@BodyParam()
@Controller('v1/bodies/:body/changes')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Get()
  @Access('public')
  @ReadListDocs(
    'Change feed for apps that sync',
    ChangePageDto,
    'Every change of what the caller can see, oldest first. `links.next` is always present: store it and poll it later; an empty page means you are up to date.',
  )
  list(@CurrentScope() scope: Scope, @Query() query: ChangeQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<ChangeDto>>> {
    return this.changes.list(scope, query, request);
  }
}
