import { Inject, Injectable } from '@nestjs/common';
import type { Scope } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { Json } from '../../common/http/json';
import { bodyBase } from '../../common/http/urls';
import { renderPage } from '../../common/pagination/links';
import { checkTimes } from '../../common/validation/dates';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter } from '../changes/resource-writer.service';
import type { SessionDetailDto, SessionDto } from './dto/session.dto';
import type { SessionQueryDto } from './dto/session-query.dto';
import type { CreateSessionDto, UpdateSessionDto } from './dto/session-write.dto';
import { SessionCommitteeEntity, SessionEntity } from './session.entity';
import { SESSION_ORDER, SessionsRepository } from './sessions.repository';
import type { Page } from '../../common/pagination/page.dto';
import type { FastifyRequest } from 'fastify';

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('session', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: SessionQueryDto, request: FastifyRequest): Promise<Json<Page<SessionDto>>> {
    return renderPage(query, SESSION_ORDER, this.config.publicUrl, request, (limit) => this.sessions.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<SessionDetailDto>> {
    const json = await this.sessions.detail(scope, id, bodyBase(this.config.publicUrl, scope.body));
    if (!json) throw Problem.notFound('session', id);
    return json;
  }

  async create(scope: Scope, input: CreateSessionDto): Promise<string> {
    checkTimes(input.start, input.end);
    return this.writer.transaction(scope, async (tx) => {
      await tx.checkRefs([
        { field: 'locationId', kind: 'location', id: input.locationId },
        ...(input.committeeIds ?? []).map((id, i) => ({ field: `committeeIds.${i}`, kind: 'committee' as const, id })),
      ]);
      const id = await tx.insert(
        'session',
        SessionEntity,
        {
          name: input.name,
          state: input.state ?? 'scheduled',
          cancelled: input.cancelled ?? false,
          start: new Date(input.start),
          end: input.end ? new Date(input.end) : null,
          locationId: input.locationId ?? null,
        },
        input.publish,
      );
      await this.setCommittees(tx.manager, id, input.committeeIds ?? []);
      return id;
    });
  }

  async update(scope: Scope, id: string, input: UpdateSessionDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'session', id);
      const current = await tx.manager.findOneByOrFail(SessionEntity, { id });
      checkTimes(input.start ?? current.start.toISOString(), input.end === undefined ? current.end?.toISOString() : input.end);
      await tx.checkRefs([
        { field: 'locationId', kind: 'location', id: input.locationId },
        ...(input.committeeIds ?? []).map((cid, i) => ({ field: `committeeIds.${i}`, kind: 'committee' as const, id: cid })),
      ]);
      const { committeeIds, start, end, ...rest } = input;
      await tx.manager.update(SessionEntity, { id }, {
        ...rest,
        ...(start !== undefined ? { start: new Date(start) } : {}),
        ...(end !== undefined ? { end: end === null ? null : new Date(end) } : {}),
        modifiedByKeyId: scope.caller.keyId,
        modifiedAt: new Date(),
      });
      if (committeeIds) await this.setCommittees(tx.manager, id, committeeIds);
      await tx.record('session', id, 'updated', before, input);
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'session', SessionEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'session', SessionEntity, id, publish);
  }

  private async setCommittees(manager: import('typeorm').EntityManager, sessionId: string, committeeIds: string[]): Promise<void> {
    await manager.delete(SessionCommitteeEntity, { sessionId });
    const unique = [...new Set(committeeIds)];
    if (unique.length) await manager.insert(SessionCommitteeEntity, unique.map((committeeId, position) => ({ sessionId, committeeId, position })));
  }
}
