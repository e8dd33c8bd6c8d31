import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { QueryDeepPartialEntity } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Ref, ResourceWriter, WriteTx } from '../changes/resource-writer.service';
import { ConsultationEntity } from './consultation.entity';
import { CONSULTATION_ORDER, ConsultationsRepository } from './consultations.repository';
import type { ConsultationDto } from './dto/consultation.dto';
import type { ConsultationQueryDto } from './dto/consultation-query.dto';
import type { CreateConsultationDto, UpdateConsultationDto } from './dto/consultation-write.dto';

const sameId = (a: string | null | undefined, b: string | null | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

@Injectable()
export class ConsultationsService {
  constructor(
    private readonly consultations: ConsultationsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('consultation', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: ConsultationQueryDto, request: FastifyRequest): Promise<Json<Page<ConsultationDto>>> {
    return renderPage(query, CONSULTATION_ORDER, this.config.publicUrl, request, (limit) => this.consultations.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<ConsultationDto>> {
    const json = await this.consultations.detail(scope, id);
    if (!json) throw Problem.notFound('consultation', id);
    return json;
  }

  async create(scope: Scope, input: CreateConsultationDto): Promise<string> {
    return this.writer.transaction(scope, async (tx) => {
      await tx.checkRefs(refsOf(input));
      const sessionId = await this.sessionFor(tx, input.agendaItemId ?? null, input.sessionId, 'agendaItemId');
      const position = input.position ?? (await this.consultations.nextPosition(tx.manager, input.documentId));
      return tx.insert(
        'consultation',
        ConsultationEntity,
        {
          documentId: input.documentId,
          agendaItemId: input.agendaItemId ?? null,
          sessionId,
          committeeId: input.committeeId ?? null,
          role: input.role ?? null,
          authoritative: input.authoritative ?? false,
          position,
        },
        input.publish,
      );
    });
  }

  async update(scope: Scope, id: string, input: UpdateConsultationDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'consultation', id);
      await tx.checkRefs(refsOf(input));
      const current = await tx.manager.findOneByOrFail(ConsultationEntity, { id });
      const agendaItemId = input.agendaItemId !== undefined ? input.agendaItemId : current.agendaItemId;
      // Without a new session, a kept agenda item keeps the current session; a new item brings its own.
      const givenSession = input.sessionId !== undefined ? input.sessionId : input.agendaItemId ? undefined : current.sessionId;
      const sessionId = await this.sessionFor(tx, agendaItemId, givenSession, input.agendaItemId !== undefined ? 'agendaItemId' : 'sessionId');
      const patch: QueryDeepPartialEntity<ConsultationEntity> = { sessionId, modifiedByKeyId: scope.caller.keyId, modifiedAt: new Date() };
      if (input.documentId !== undefined) patch.documentId = input.documentId;
      if (input.agendaItemId !== undefined) patch.agendaItemId = input.agendaItemId;
      if (input.committeeId !== undefined) patch.committeeId = input.committeeId;
      if (input.role !== undefined) patch.role = input.role;
      if (input.authoritative !== undefined) patch.authoritative = input.authoritative;
      if (input.position !== undefined) patch.position = input.position;
      await tx.manager.update(ConsultationEntity, { id }, patch);
      await tx.record('consultation', id, 'updated', before, input);
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'consultation', ConsultationEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'consultation', ConsultationEntity, id, publish);
  }

  /**
   * The session a consultation ends up with: the agenda item's session when there is an item
   * (a different given session is an error on `blame`), else the given one.
   */
  private async sessionFor(tx: WriteTx, agendaItemId: string | null, given: string | null | undefined, blame: 'agendaItemId' | 'sessionId'): Promise<string | null> {
    if (!agendaItemId) return given ?? null;
    const itemSession = await this.consultations.sessionOfAgendaItem(tx.manager, tx.scope.body.id, agendaItemId);
    if (!itemSession) {
      // Only a kept item can be gone by now (new ones passed the reference check): leave the session as it was.
      if (blame === 'sessionId') return given ?? null;
      throw Problem.invalid([{ field: 'agendaItemId', text: 'unknown_reference', params: { kind: noun('agenda-item') } }]);
    }
    if (given && !sameId(given, itemSession)) {
      throw Problem.invalid([{ field: blame, text: 'agenda_item_elsewhere' }]);
    }
    return itemSession;
  }
}

function refsOf(input: CreateConsultationDto | UpdateConsultationDto): Ref[] {
  return [
    { field: 'documentId', kind: 'document', id: input.documentId },
    { field: 'agendaItemId', kind: 'agenda-item', id: input.agendaItemId },
    { field: 'sessionId', kind: 'session', id: input.sessionId },
    { field: 'committeeId', kind: 'committee', id: input.committeeId },
  ];
}

