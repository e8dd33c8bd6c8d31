import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { renderPage } from '../../common/pagination/links';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { checkDates } from '../../common/validation/dates';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter } from '../changes/resource-writer.service';
import type { LegislativeTermDto } from './dto/legislative-term.dto';
import type { CreateLegislativeTermDto, UpdateLegislativeTermDto } from './dto/legislative-term-write.dto';
import { LegislativeTermEntity } from './legislative-term.entity';
import { LegislativeTermsRepository, TERM_ORDER } from './legislative-terms.repository';

@Injectable()
export class LegislativeTermsService {
  constructor(
    private readonly terms: LegislativeTermsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('legislative-term', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: ListQueryDto, request: FastifyRequest): Promise<Json<Page<LegislativeTermDto>>> {
    return renderPage(query, TERM_ORDER, this.config.publicUrl, request, (limit) => this.terms.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<LegislativeTermDto>> {
    const json = await this.terms.detail(scope, id);
    if (!json) throw Problem.notFound('legislative-term', id);
    return json;
  }

  create(scope: Scope, input: CreateLegislativeTermDto): Promise<string> {
    checkDates(input.startDate, input.endDate);
    return this.writer.create(
      scope,
      'legislative-term',
      LegislativeTermEntity,
      { name: input.name, startDate: input.startDate ?? null, endDate: input.endDate ?? null },
      { publish: input.publish },
    );
  }

  async update(scope: Scope, id: string, input: UpdateLegislativeTermDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'legislative-term', id);
      const current = await tx.manager.findOneByOrFail(LegislativeTermEntity, { id });
      checkDates(input.startDate === undefined ? current.startDate : input.startDate, input.endDate === undefined ? current.endDate : input.endDate);
      await tx.manager.update(LegislativeTermEntity, { id }, { ...input, modifiedByKeyId: scope.caller.keyId });
      await tx.record('legislative-term', id, 'updated', before, input);
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'legislative-term', LegislativeTermEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'legislative-term', LegislativeTermEntity, id, publish);
  }
}
