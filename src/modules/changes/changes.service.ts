import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Json, pageJson } from '../../common/http/json';
import { bodyBase } from '../../common/http/urls';
import { encodeCursor } from '../../common/pagination/cursor';
import { toPage } from '../../common/pagination/keyset';
import { DEFAULT_LIMIT } from '../../common/pagination/list-query.dto';
import { pageLinks } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { CHANGE_ORDER, ChangesRepository } from './changes.repository';
import type { ChangeDto } from './dto/change.dto';
import type { ChangeQueryDto } from './dto/change-query.dto';

@Injectable()
export class ChangesService {
  constructor(
    private readonly changes: ChangesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(scope: Scope, query: ChangeQueryDto, request: FastifyRequest): Promise<Json<Page<ChangeDto>>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.changes.list(scope, query, limit, bodyBase(this.config.publicUrl, scope.body));
    const { items, next } = toPage(rows, limit, CHANGE_ORDER);
    // A feed has no last page: `next` always points after the newest change seen, for polling.
    const last = items[items.length - 1];
    const resume = next ?? (last ? encodeCursor([last._k0 as string]) : (query.cursor ?? encodeCursor(['0'])));
    return pageJson(items, pageLinks(this.config.publicUrl, request, resume));
  }
}
