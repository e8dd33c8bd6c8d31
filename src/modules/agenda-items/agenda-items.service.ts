import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { QueryDeepPartialEntity } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { bodyBase } from '../../common/http/urls';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { checkTimes } from '../../common/validation/dates';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter } from '../changes/resource-writer.service';
import { AgendaItemEntity } from './agenda-item.entity';
import { AGENDA_ITEM_ID_ORDER, AGENDA_ORDER, AgendaItemsRepository } from './agenda-items.repository';
import type { AgendaItemDetailDto, AgendaItemDto } from './dto/agenda-item.dto';
import type { AgendaItemQueryDto } from './dto/agenda-item-query.dto';
import type { CreateAgendaItemDto, UpdateAgendaItemDto } from './dto/agenda-item-write.dto';

@Injectable()
export class AgendaItemsService {
  constructor(
    private readonly items: AgendaItemsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('agenda-item', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: AgendaItemQueryDto, request: FastifyRequest): Promise<Json<Page<AgendaItemDto>>> {
    const order = query.session ? AGENDA_ORDER : AGENDA_ITEM_ID_ORDER;
    return renderPage(query, order, this.config.publicUrl, request, (limit) => this.items.list(scope, query, order, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<AgendaItemDetailDto>> {
    const json = await this.items.detail(scope, id, bodyBase(this.config.publicUrl, scope.body));
    if (!json) throw Problem.notFound('agenda-item', id);
    return json;
  }

  async create(scope: Scope, input: CreateAgendaItemDto): Promise<string> {
    checkTimes(input.start, input.end);
    return this.writer.transaction(scope, async (tx) => {
      await tx.checkRefs([{ field: 'sessionId', kind: 'session', id: input.sessionId }]);
      const position = input.position ?? (await this.items.nextPosition(tx.manager, input.sessionId));
      return tx.insert(
        'agenda-item',
        AgendaItemEntity,
        {
          sessionId: input.sessionId,
          number: input.number ?? null,
          position,
          name: input.name,
          public: input.public ?? true,
          result: input.result ?? null,
          resolutionText: input.resolutionText ?? null,
          start: input.start ? new Date(input.start) : null,
          end: input.end ? new Date(input.end) : null,
        },
        input.publish,
      );
    });
  }

  async update(scope: Scope, id: string, input: UpdateAgendaItemDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'agenda-item', id);
      const current = await tx.manager.findOneByOrFail(AgendaItemEntity, { id });
      checkTimes(
        input.start === undefined ? current.start?.toISOString() : input.start,
        input.end === undefined ? current.end?.toISOString() : input.end,
      );
      await tx.checkRefs([{ field: 'sessionId', kind: 'session', id: input.sessionId }]);
      const moved = input.sessionId !== undefined && input.sessionId !== current.sessionId;
      const patch: QueryDeepPartialEntity<AgendaItemEntity> = { modifiedByKeyId: scope.caller.keyId, modifiedAt: new Date() };
      if (input.sessionId !== undefined) patch.sessionId = input.sessionId;
      if (input.position !== undefined) patch.position = input.position;
      else if (moved && input.sessionId) patch.position = await this.items.nextPosition(tx.manager, input.sessionId);
      if (input.number !== undefined) patch.number = input.number;
      if (input.name !== undefined) patch.name = input.name;
      if (input.public !== undefined) patch.public = input.public;
      if (input.result !== undefined) patch.result = input.result;
      if (input.resolutionText !== undefined) patch.resolutionText = input.resolutionText;
      if (input.start !== undefined) patch.start = input.start === null ? null : new Date(input.start);
      if (input.end !== undefined) patch.end = input.end === null ? null : new Date(input.end);
      await tx.manager.update(AgendaItemEntity, { id }, patch);
      await tx.record('agenda-item', id, 'updated', before, input);
      if (moved && input.sessionId) {
        // Consultations under the item follow it; who may see them does not depend on the session.
        for (const consultationId of await this.items.moveConsultations(tx.manager, id, input.sessionId, scope.caller.keyId)) {
          await tx.record('consultation', consultationId, 'updated', await tx.audience('consultation', consultationId));
        }
      }
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'agenda-item', AgendaItemEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'agenda-item', AgendaItemEntity, id, publish);
  }
}
