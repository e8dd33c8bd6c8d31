import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { QueryDeepPartialEntity } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { FieldError, Problem } from '../../common/http/problem';
import { bodyBase } from '../../common/http/urls';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { ResourceKind } from '../../common/access/resources';
import { Ref, ResourceWriter, WriteTx } from '../changes/resource-writer.service';
import { DocumentEntity } from './document.entity';
import { DOCUMENT_ORDER, DocumentsRepository } from './documents.repository';
import type { DocumentDetailDto, DocumentDto } from './dto/document.dto';
import type { DocumentQueryDto } from './dto/document-query.dto';
import type { CreateDocumentDto, UpdateDocumentDto } from './dto/document-write.dto';

type RefFields = Pick<CreateDocumentDto, 'originatorPersonIds' | 'originatorCommitteeIds' | 'underDirectionOfIds' | 'relatedDocumentIds' | 'superordinatedDocumentId'>;

const ARRAY_REFS: [keyof Omit<RefFields, 'superordinatedDocumentId'>, ResourceKind][] = [
  ['originatorPersonIds', 'person'],
  ['originatorCommitteeIds', 'committee'],
  ['underDirectionOfIds', 'committee'],
  ['relatedDocumentIds', 'document'],
];

/** Keeps the first occurrence of every id, in order. */
const unique = (ids: string[]): string[] => [...new Set(ids.map((id) => id.toLowerCase()))];

@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('document', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: DocumentQueryDto, request: FastifyRequest): Promise<Json<Page<DocumentDto>>> {
    if (query.date_from && query.date_to && query.date_to < query.date_from) {
      throw Problem.invalid([{ field: 'date_to', text: 'before_start', params: { start: 'date_from' } }]);
    }
    return renderPage(query, DOCUMENT_ORDER, this.config.publicUrl, request, (limit) => this.documents.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<DocumentDetailDto>> {
    const json = await this.documents.detail(scope, id, bodyBase(this.config.publicUrl, scope.body));
    if (!json) throw Problem.notFound('document', id);
    return json;
  }

  async create(scope: Scope, input: CreateDocumentDto): Promise<string> {
    return this.writer.transaction(scope, async (tx) => {
      await tx.checkRefs(refsOf(input));
      return tx.insert(
        'document',
        DocumentEntity,
        {
          name: input.name,
          reference: input.reference ?? null,
          documentType: input.documentType ?? null,
          // Connections run in Europe/Berlin, so CURRENT_DATE is the local day.
          date: input.date ?? (() => 'CURRENT_DATE'),
          public: input.public ?? true,
          originatorPersonIds: unique(input.originatorPersonIds ?? []),
          originatorCommitteeIds: unique(input.originatorCommitteeIds ?? []),
          underDirectionOfIds: unique(input.underDirectionOfIds ?? []),
          relatedDocumentIds: unique(input.relatedDocumentIds ?? []),
          superordinatedDocumentId: input.superordinatedDocumentId ?? null,
        },
        input.publish,
      );
    });
  }

  async update(scope: Scope, id: string, input: UpdateDocumentDto): Promise<void> {
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'document', id);
      await this.checkSelfRefs(tx, id, input);
      await tx.checkRefs(refsOf(input));
      const patch: QueryDeepPartialEntity<DocumentEntity> = { modifiedByKeyId: scope.caller.keyId, modifiedAt: new Date() };
      if (input.name !== undefined) patch.name = input.name;
      if (input.reference !== undefined) patch.reference = input.reference;
      if (input.documentType !== undefined) patch.documentType = input.documentType;
      if (input.date !== undefined) patch.date = input.date;
      if (input.public !== undefined) patch.public = input.public;
      for (const [field] of ARRAY_REFS) {
        const ids = input[field];
        if (ids !== undefined) patch[field] = unique(ids);
      }
      if (input.superordinatedDocumentId !== undefined) patch.superordinatedDocumentId = input.superordinatedDocumentId;
      await tx.manager.update(DocumentEntity, { id }, patch);
      await tx.record('document', id, 'updated', before, input);
    });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'document', DocumentEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'document', DocumentEntity, id, publish);
  }

  /** A document may not relate to itself nor become its own ancestor. */
  private async checkSelfRefs(tx: WriteTx, id: string, input: UpdateDocumentDto): Promise<void> {
    const errors: FieldError[] = [];
    (input.relatedDocumentIds ?? []).forEach((related, i) => {
      if (related.toLowerCase() === id.toLowerCase()) errors.push({ field: `relatedDocumentIds.${i}`, text: 'related_to_itself' });
    });
    const parent = input.superordinatedDocumentId;
    if (parent && (await this.documents.isAncestorOrSelf(tx.manager, id.toLowerCase(), parent.toLowerCase()))) {
      errors.push({ field: 'superordinatedDocumentId', text: 'document_cycle' });
    }
    if (errors.length) throw Problem.invalid(errors);
  }
}

function refsOf(input: RefFields): Ref[] {
  const refs: Ref[] = [];
  for (const [field, kind] of ARRAY_REFS) {
    (input[field] ?? []).forEach((id, i) => refs.push({ field: `${field}.${i}`, kind, id }));
  }
  refs.push({ field: 'superordinatedDocumentId', kind: 'document', id: input.superordinatedDocumentId });
  return refs;
}

