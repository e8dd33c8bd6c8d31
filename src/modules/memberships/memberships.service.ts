import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { checkDates } from '../../common/validation/dates';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Ref, ResourceWriter } from '../changes/resource-writer.service';
import type { MembershipDto } from './dto/membership.dto';
import type { MembershipQueryDto } from './dto/membership-query.dto';
import type { CreateMembershipDto, UpdateMembershipDto } from './dto/membership-write.dto';
import { MembershipEntity } from './membership.entity';
import { MEMBERSHIP_ORDER, MembershipsRepository } from './memberships.repository';

const refsOf = (input: { personId?: string; committeeId?: string; onBehalfOfId?: string | null }): Ref[] => [
  { field: 'personId', kind: 'person', id: input.personId },
  { field: 'committeeId', kind: 'committee', id: input.committeeId },
  { field: 'onBehalfOfId', kind: 'committee', id: input.onBehalfOfId },
];

@Injectable()
export class MembershipsService {
  constructor(
    private readonly memberships: MembershipsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('membership', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: MembershipQueryDto, request: FastifyRequest): Promise<Json<Page<MembershipDto>>> {
    return renderPage(query, MEMBERSHIP_ORDER, this.config.publicUrl, request, (limit) => this.memberships.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<MembershipDto>> {
    const json = await this.memberships.detail(scope, id);
    if (!json) throw Problem.notFound('membership', id);
    return json;
  }

  create(scope: Scope, input: CreateMembershipDto): Promise<string> {
    checkDates(input.startDate, input.endDate);
    return this.writer.create(
      scope,
      'membership',
      MembershipEntity,
      {
        personId: input.personId,
        committeeId: input.committeeId,
        role: input.role ?? null,
        votingRight: input.votingRight ?? true,
        onBehalfOfId: input.onBehalfOfId ?? null,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
      },
      { publish: input.publish, refs: refsOf(input) },
    );
  }

  async update(scope: Scope, id: string, input: UpdateMembershipDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'membership', id);
      const current = await tx.manager.findOneByOrFail(MembershipEntity, { id });
      checkDates(input.startDate === undefined ? current.startDate : input.startDate, input.endDate === undefined ? current.endDate : input.endDate);
      await tx.checkRefs(refsOf(input));
      await tx.manager.update(MembershipEntity, { id }, { ...input, modifiedByKeyId: scope.caller.keyId });
      await tx.record('membership', id, 'updated', before, input);
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'membership', MembershipEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'membership', MembershipEntity, id, publish);
  }
}
