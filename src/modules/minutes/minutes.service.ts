import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { QueryDeepPartialEntity } from 'typeorm';
import type { Audience, Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { either, noun, NounKey } from '../../common/http/problem-texts';
import { bodyBase } from '../../common/http/urls';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter, WriteTx } from '../changes/resource-writer.service';
import type { MinutesDto } from './dto/minutes.dto';
import type { MinutesQueryDto } from './dto/minutes-query.dto';
import type { CreateMinutesDto, UpdateMinutesDto } from './dto/minutes-write.dto';
import { MinutesEntity, MinutesStatus } from './minutes.entity';
import { MINUTES_ORDER, MinutesRepository } from './minutes.repository';

/** A workflow step: which statuses it starts from, and what it changes. */
interface Step {
  from: MinutesStatus[];
  to: MinutesStatus;
  verb: NounKey;
}

const APPROVE: Step = { from: ['draft'], to: 'approved', verb: 'to-approve' };
const PUBLISH: Step = { from: ['draft', 'approved'], to: 'published', verb: 'to-publish' };
const UNPUBLISH: Step = { from: ['published'], to: 'approved', verb: 'to-withdraw' };

@Injectable()
export class MinutesService {
  constructor(
    private readonly minutes: MinutesRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('minutes', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: MinutesQueryDto, request: FastifyRequest): Promise<Json<Page<MinutesDto>>> {
    return renderPage(query, MINUTES_ORDER, this.config.publicUrl, request, (limit) => this.minutes.list(scope, query, limit, bodyBase(this.config.publicUrl, scope.body)));
  }

  async get(scope: Scope, id: string): Promise<Json<MinutesDto>> {
    const json = await this.minutes.detail(scope, id, bodyBase(this.config.publicUrl, scope.body));
    if (!json) throw Problem.notFound('minutes', id);
    return json;
  }

  /** New minutes are drafts: only editors see them (and their file) until approved. */
  async create(scope: Scope, input: CreateMinutesDto): Promise<string> {
    return this.writer.transaction(scope, async (tx) => {
      await tx.checkRefs([
        { field: 'sessionId', kind: 'session', id: input.sessionId },
        { field: 'fileId', kind: 'file', id: input.fileId },
      ]);
      return this.withFiles(tx, [input.fileId], () =>
        tx.insert('minutes', MinutesEntity, { sessionId: input.sessionId, kind: input.kind ?? 'results', status: 'draft', fileId: input.fileId ?? null }, false),
      );
    });
  }

  async update(scope: Scope, id: string, input: UpdateMinutesDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'minutes', id);
      await tx.checkRefs([{ field: 'fileId', kind: 'file', id: input.fileId }]);
      const current = await tx.manager.findOneByOrFail(MinutesEntity, { id });
      const files = input.fileId !== undefined ? [current.fileId, input.fileId] : [];
      await this.withFiles(tx, files, async () => {
        const patch: QueryDeepPartialEntity<MinutesEntity> = { modifiedByKeyId: scope.caller.keyId, modifiedAt: new Date() };
        if (input.kind !== undefined) patch.kind = input.kind;
        if (input.fileId !== undefined) patch.fileId = input.fileId;
        await tx.manager.update(MinutesEntity, { id }, patch);
        await tx.record('minutes', id, 'updated', before, input);
      });
    });
  }

  /** Soft delete. The file stays tied to the deleted minutes and so stays hidden. */
  async remove(scope: Scope, id: string): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'minutes', id);
      const current = await tx.manager.findOneByOrFail(MinutesEntity, { id });
      await this.withFiles(tx, [current.fileId], async () => {
        await tx.manager.update(MinutesEntity, { id }, { deletedAt: new Date(), modifiedByKeyId: scope.caller.keyId });
        await tx.record('minutes', id, 'deleted', before);
      });
    });
  }

  approve(scope: Scope, id: string): Promise<void> {
    return this.step(scope, id, APPROVE);
  }

  publish(scope: Scope, id: string): Promise<void> {
    return this.step(scope, id, PUBLISH);
  }

  unpublish(scope: Scope, id: string): Promise<void> {
    return this.step(scope, id, UNPUBLISH);
  }

  /**
   * Moves the minutes along draft → approved → published in one transaction. Publishing also
   * publishes the minutes' file if it is still a draft; both changes are recorded.
   */
  private async step(scope: Scope, id: string, step: Step): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'minutes', id);
      const current = await tx.manager.findOneByOrFail(MinutesEntity, { id });
      if (!step.from.includes(current.status)) {
        throw new Problem(HttpStatus.CONFLICT, 'minutes_state', { status: noun(current.status), from: either(step.from), verb: noun(step.verb) });
      }
      await this.withFiles(tx, [current.fileId], async () => {
        const now = new Date();
        const patch: QueryDeepPartialEntity<MinutesEntity> = { status: step.to, modifiedByKeyId: scope.caller.keyId, modifiedAt: now };
        if (step === APPROVE) patch.approvedAt = now;
        if (step === PUBLISH) patch.publishedAt = now;
        if (step === UNPUBLISH) patch.publishedAt = null;
        await tx.manager.update(MinutesEntity, { id }, patch);
        await tx.record('minutes', id, step === PUBLISH ? 'published' : step === UNPUBLISH ? 'unpublished' : 'updated', before);
      }, step === PUBLISH ? current.fileId : null);
    });
  }

  /**
   * Runs `work` and records a change of every given file whose audience it changed: who may
   * see a file depends on its minutes. `publishFile` is published first if it is a draft.
   */
  private async withFiles<T>(tx: WriteTx, fileIds: (string | null | undefined)[], work: () => Promise<T>, publishFile: string | null = null): Promise<T> {
    const ids = [...new Set(fileIds.filter((f): f is string => !!f).map((f) => f.toLowerCase()))];
    const before = new Map<string, Audience | null>();
    for (const fileId of ids) {
      await this.minutes.lockFile(tx.manager, tx.scope.body.id, fileId);
      before.set(fileId, await tx.audience('file', fileId));
    }
    const published = publishFile ? await this.minutes.publishFileIfDraft(tx.manager, tx.scope.body.id, publishFile, tx.scope.caller.keyId) : false;
    const result = await work();
    for (const fileId of ids) {
      const was = before.get(fileId) ?? null;
      const now = await tx.audience('file', fileId);
      if (published && fileId === publishFile?.toLowerCase()) await tx.record('file', fileId, 'published', was);
      else if (now !== was) await tx.record('file', fileId, 'updated', was);
    }
    return result;
  }
}

