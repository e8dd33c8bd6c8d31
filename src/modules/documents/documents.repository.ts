import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { agendaItemRef, committeeRef, date, documentRef, filesOf, personRef, sessionRef, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { DocumentQueryDto } from './dto/document-query.dto';
import type { Json } from '../../common/http/json';
import type { DocumentDetailDto } from './dto/document.dto';

/** Newest first; served by ix_document_body_date, or ix_document_body_type_date with `type`. */
export const DOCUMENT_ORDER: KeysetOrder = {
  descending: true,
  columns: [
    { sql: 'd.date', cast: 'date', field: '_k0' },
    { sql: 'd.id', cast: 'uuid', field: '_k1' },
  ],
};

function documentFields(): Record<string, string> {
  return {
    id: 'd.id',
    name: 'd.name',
    reference: 'd.reference',
    type: 'd.document_type',
    date: date('d.date'),
    public: 'd.public',
    ...stamps('d'),
  };
}

/** JSON array of the visible rows of `table` named in the uuid[] `column`, in array order. */
function refsIn(column: string, table: 'person' | 'committee' | 'document', ref: (a: string) => string, predicate: (a: string, v: Visibility) => string, v: Visibility, a: string): string {
  return `COALESCE((SELECT json_agg(${ref(a)} ORDER BY u_${a}.n) FROM unnest(${column}) WITH ORDINALITY AS u_${a}(id, n) JOIN ${table} ${a} ON ${a}.id = u_${a}.id WHERE ${a}.body_id = d.body_id AND ${predicate(a, v)}), '[]'::json)`;
}

@Injectable()
export class DocumentsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: DocumentQueryDto, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`d.body_id = ${p.add(scope.body.id)}`, visible.document('d', v)];
    if (query.type) where.push(`d.document_type = ${p.add(query.type)}`);
    if (query.reference) where.push(`d.reference = ${p.add(query.reference)}`);
    if (query.date_from) where.push(`d.date >= ${p.add(query.date_from)}::date`);
    if (query.date_to) where.push(`d.date <= ${p.add(query.date_to)}::date`);
    // Only consultations the caller may see count, so a hidden one does not reveal itself through the filter.
    if (query.committee) {
      // The committee's documents are few: collect their ids once (an InitPlan), then sort
      // those by date. A per-document EXISTS made the planner pair every document with every
      // consultation of the committee (two million comparisons on the large city).
      where.push(
        `d.id = ANY(ARRAY(SELECT fc.document_id FROM consultation fc WHERE fc.committee_id = ${p.add(query.committee)}::uuid AND ${visible.consultation('fc', v)}))`,
      );
    }
    if (query.modified_since) where.push(`d.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'document', alias: 'd', where, order: DOCUMENT_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(documentFields()), page, p), p.values);
  }

  /** The document with originators, related documents, files and its consultations, in one query. */
  async detail(scope: Scope, id: string, filesBase: string): Promise<Json<DocumentDetailDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const base = p.add(filesBase);
    const consultation = jsonObject({
      id: 'co.id',
      role: 'co.role',
      authoritative: 'co.authoritative',
      committee: `(SELECT ${committeeRef('cc')} FROM committee cc WHERE cc.id = co.committee_id AND ${visible.plain('cc', v)})`,
      session: `(SELECT ${sessionRef('cs')} FROM session cs WHERE cs.id = co.session_id AND ${visible.session('cs', v)})`,
      agendaItem: `(SELECT ${agendaItemRef('ca')} FROM agenda_item ca WHERE ca.id = co.agenda_item_id AND ${visible.agendaItem('ca', v)})`,
    });
    const fields = {
      ...documentFields(),
      originators: `json_build_object('people', ${refsIn('d.originator_person_ids', 'person', personRef, visible.plain, v, 'op')}, 'committees', ${refsIn('d.originator_committee_ids', 'committee', committeeRef, visible.plain, v, 'oc')})`,
      underDirectionOf: refsIn('d.under_direction_of_ids', 'committee', committeeRef, visible.plain, v, 'uc'),
      relatedDocuments: refsIn('d.related_document_ids', 'document', documentRef, visible.document, v, 'rd'),
      superordinatedDocument: `(SELECT ${documentRef('sd')} FROM document sd WHERE sd.id = d.superordinated_document_id AND sd.body_id = d.body_id AND ${visible.document('sd', v)})`,
      subordinatedDocuments: `COALESCE((SELECT json_agg(${documentRef('bd')} ORDER BY bd.date, bd.reference, bd.id) FROM document bd WHERE bd.superordinated_document_id = d.id AND bd.body_id = d.body_id AND ${visible.document('bd', v)}), '[]'::json)`,
      files: filesOf('document_id', 'd.id', v, base),
      consultations: `COALESCE((SELECT json_agg(${consultation} ORDER BY co.position, co.id) FROM consultation co WHERE co.document_id = d.id AND ${visible.consultation('co', v)}), '[]'::json)`,
    };
    const record = { table: 'document', alias: 'd', id, bodyId: scope.body.id, visible: visible.document('d', v) };
    const row = await this.db.one<{ j: Json<DocumentDetailDto> }>(recordQuery(jsonObject(fields), record, p), p.values);
    return row?.j;
  }

  /** Whether `documentId` is `parentId` or one of its ancestors (so that making it the parent would close a loop). */
  async isAncestorOrSelf(manager: EntityManager, documentId: string, parentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT d.superordinated_document_id, up.depth + 1 FROM document d JOIN up ON d.id = up.id
         WHERE d.superordinated_document_id IS NOT NULL AND up.depth < 100
       ) SELECT 1 FROM up WHERE id = $2::uuid LIMIT 1`,
      [parentId, documentId],
    );
    return rows.length > 0;
  }
}
