import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { checkDates } from '../../common/validation/dates';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter } from '../changes/resource-writer.service';
import { CommitteeEntity } from './committee.entity';
import { COMMITTEE_ORDER, CommitteesRepository } from './committees.repository';
import type { CommitteeDetailDto, CommitteeDto } from './dto/committee.dto';
import type { CommitteeQueryDto } from './dto/committee-query.dto';
import type { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee-write.dto';

@Injectable()
export class CommitteesService {
  constructor(
    private readonly committees: CommitteesRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('committee', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: CommitteeQueryDto, request: FastifyRequest): Promise<Json<Page<CommitteeDto>>> {
    return renderPage(query, COMMITTEE_ORDER, this.config.publicUrl, request, (limit) => this.committees.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<CommitteeDetailDto>> {
    const json = await this.committees.detail(scope, id);
    if (!json) throw Problem.notFound('committee', id);
    return json;
  }

  create(scope: Scope, input: CreateCommitteeDto): Promise<string> {
    checkDates(input.startDate, input.endDate);
    return this.writer.create(
      scope,
      'committee',
      CommitteeEntity,
      {
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        classification: input.classification ?? null,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        parentId: input.parentId ?? null,
        locationId: input.locationId ?? null,
        website: input.website ?? null,
      },
      {
        publish: input.publish,
        refs: [
          { field: 'parentId', kind: 'committee', id: input.parentId },
          { field: 'locationId', kind: 'location', id: input.locationId },
        ],
      },
    );
  }

  async update(scope: Scope, id: string, input: UpdateCommitteeDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'committee', id);
      const current = await tx.manager.findOneByOrFail(CommitteeEntity, { id });
      checkDates(input.startDate === undefined ? current.startDate : input.startDate, input.endDate === undefined ? current.endDate : input.endDate);
      await tx.checkRefs([
        { field: 'parentId', kind: 'committee', id: input.parentId },
        { field: 'locationId', kind: 'location', id: input.locationId },
      ]);
      if (input.parentId && (await this.committees.wouldLoop(tx.manager, id, input.parentId))) {
        throw Problem.invalid([{ field: 'parentId', text: 'committee_cycle' }]);
      }
      await tx.manager.update(CommitteeEntity, { id }, { ...input, modifiedByKeyId: scope.caller.keyId });
      await tx.record('committee', id, 'updated', before, input);
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'committee', CommitteeEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'committee', CommitteeEntity, id, publish);
  }
}
