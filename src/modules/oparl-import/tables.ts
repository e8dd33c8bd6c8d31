import type { ResourceKind } from '../../common/access/resources';
import { extractedTextSql } from '../files/file-text';

/** One written column: its SQL type, its API field name (for `locally_owned`), and what it refers to. */
export interface ColumnSpec {
  type: string;
  field: string;
  /** A reference to another imported resource, given as its source id and resolved to our uuid. */
  ref?: ResourceKind;
  /** A NOT NULL reference: a row whose reference cannot be resolved is not written. */
  required?: boolean;
  /** SQL condition on the stored row (alias `t`) under which a re-import keeps the stored value. */
  keepWhen?: string;
  /** A column drafts do not carry: SQL for its value in a new row, and in a stored one (`t`; EXCLUDED the imported row). */
  derived?: { insert: string; update: string };
  /** Decided by the parent that embeds the row (its link, place, role), not by the row's own object. */
  fromParent?: boolean;
  /** SQL (alias `t`) for the draft value that leaves a stored row's column as it is, when that is not the column itself. */
  stored?: string;
}

export interface TableSpec {
  kind: ResourceKind;
  table: string;
  columns: Record<string, ColumnSpec>;
  /** Parent columns of embedded types: children of a re-imported parent that vanished are deleted. */
  parents?: string[];
}

const c = (type: string, field: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type, field, ...extra });

/** Tables in import order: every reference points to a table earlier in the list (or to itself). */
export const TABLES: TableSpec[] = [
  {
    kind: 'legislative-term',
    table: 'legislative_term',
    columns: { name: c('text', 'name'), start_date: c('date', 'startDate'), end_date: c('date', 'endDate') },
  },
  {
    kind: 'location',
    table: 'location',
    columns: {
      description: c('text', 'description'),
      street_address: c('text', 'streetAddress'),
      room: c('text', 'room'),
      postal_code: c('text', 'postalCode'),
      sub_locality: c('text', 'subLocality'),
      locality: c('text', 'locality'),
      geojson: c('jsonb', 'geojson'),
    },
  },
  {
    kind: 'committee',
    table: 'committee',
    columns: {
      name: c('text', 'name'),
      short_name: c('text', 'shortName'),
      kind: c('committee_kind', 'kind'),
      classification: c('text', 'classification'),
      start_date: c('date', 'startDate'),
      end_date: c('date', 'endDate'),
      parent_id: c('uuid', 'parent', { ref: 'committee' }),
      location_id: c('uuid', 'location', { ref: 'location' }),
      website: c('text', 'website'),
    },
  },
  {
    kind: 'person',
    table: 'person',
    columns: {
      name: c('text', 'name'),
      family_name: c('text', 'familyName'),
      given_name: c('text', 'givenName'),
      form_of_address: c('text', 'formOfAddress'),
      affix: c('text', 'affix'),
      title: c('text[]', 'title'),
      gender: c('text', 'gender'),
      email: c('text[]', 'email'),
      phone: c('text[]', 'phone'),
      status: c('text[]', 'status'),
      life: c('text', 'life'),
      life_source: c('text', 'lifeSource'),
      location_id: c('uuid', 'location', { ref: 'location' }),
    },
  },
  {
    kind: 'membership',
    table: 'membership',
    parents: ['person_id'],
    columns: {
      person_id: c('uuid', 'person', { ref: 'person', required: true, fromParent: true }),
      committee_id: c('uuid', 'committee', { ref: 'committee', required: true }),
      role: c('text', 'role'),
      voting_right: c('boolean', 'votingRight'),
      on_behalf_of_id: c('uuid', 'onBehalfOf', { ref: 'committee' }),
      start_date: c('date', 'startDate'),
      end_date: c('date', 'endDate'),
    },
  },
  {
    kind: 'session',
    table: 'session',
    columns: {
      name: c('text', 'name'),
      state: c('session_state', 'state'),
      cancelled: c('boolean', 'cancelled'),
      start: c('timestamptz', 'start'),
      end: c('timestamptz', 'end'),
      location_id: c('uuid', 'location', { ref: 'location' }),
    },
  },
  {
    kind: 'agenda-item',
    table: 'agenda_item',
    parents: ['session_id'],
    columns: {
      session_id: c('uuid', 'session', { ref: 'session', required: true, fromParent: true }),
      number: c('text', 'number'),
      position: c('int', 'position', { fromParent: true }),
      name: c('text', 'name'),
      public: c('boolean', 'public'),
      result: c('text', 'result'),
      resolution_text: c('text', 'resolutionText'),
      start: c('timestamptz', 'start'),
      end: c('timestamptz', 'end'),
    },
  },
  {
    kind: 'document',
    table: 'document',
    columns: {
      name: c('text', 'name'),
      reference: c('text', 'reference'),
      document_type: c('text', 'documentType'),
      date: c('date', 'date'),
      public: c('boolean', 'public'),
      originator_person_ids: c('uuid[]', 'originatorPersons', { ref: 'person' }),
      originator_committee_ids: c('uuid[]', 'originatorCommittees', { ref: 'committee' }),
      under_direction_of_ids: c('uuid[]', 'underDirectionOf', { ref: 'committee' }),
      related_document_ids: c('uuid[]', 'relatedDocuments', { ref: 'document' }),
      superordinated_document_id: c('uuid', 'superordinatedDocument', { ref: 'document' }),
    },
  },
  {
    kind: 'consultation',
    table: 'consultation',
    parents: ['document_id'],
    columns: {
      document_id: c('uuid', 'document', { ref: 'document', required: true, fromParent: true }),
      agenda_item_id: c('uuid', 'agendaItem', { ref: 'agenda-item' }),
      session_id: c('uuid', 'session', { ref: 'session' }),
      committee_id: c('uuid', 'committee', { ref: 'committee' }),
      role: c('text', 'role'),
      authoritative: c('boolean', 'authoritative'),
      position: c('int', 'position', { fromParent: true }),
    },
  },
  {
    kind: 'file',
    table: 'file',
    parents: ['document_id', 'agenda_item_id', 'session_id'],
    columns: {
      name: c('text', 'name'),
      file_name: c('text', 'fileName'),
      // Once bytes are stored, their type is the one recognised from them, not the source's word.
      mime_type: c('text', 'mimeType', { keepWhen: 't.storage_key IS NOT NULL' }),
      size: c('bigint', 'size', { keepWhen: 't.storage_key IS NOT NULL' }),
      date: c('date', 'date'),
      public: c('boolean', 'public'),
      document_id: c('uuid', 'document', { ref: 'document', fromParent: true }),
      agenda_item_id: c('uuid', 'agendaItem', { ref: 'agenda-item', fromParent: true }),
      session_id: c('uuid', 'session', { ref: 'session', fromParent: true }),
      role: c('file_role', 'role', { fromParent: true }),
      position: c('int', 'position', { fromParent: true }),
      file_license: c('text', 'fileLicense'),
      source_access_url: c('text', 'accessUrl'),
      source_download_url: c('text', 'downloadUrl'),
      // The source's File.text, unless text extracted from the bytes stands in for it: then it waits in source_text.
      text: c('text', 'text', { keepWhen: extractedTextSql('t'), stored: `CASE WHEN t.text_origin = 'source' THEN t.text ELSE t.source_text END` }),
      text_origin: c('file_text_origin', 'textOrigin', { keepWhen: extractedTextSql('t'), stored: `CASE WHEN t.text_origin = 'source' OR t.source_text IS NOT NULL THEN 'source' END` }),
      source_text: c('text', 'sourceText', { derived: { insert: 'NULL', update: `CASE WHEN ${extractedTextSql('t')} THEN EXCLUDED.text END` } }),
      source_version: c('jsonb', 'sourceVersion'),
    },
  },
  {
    kind: 'minutes',
    table: 'minutes',
    parents: ['session_id'],
    columns: {
      session_id: c('uuid', 'session', { ref: 'session', required: true }),
      kind: c('minutes_kind', 'kind'),
      status: c('minutes_status', 'status'),
      file_id: c('uuid', 'file', { ref: 'file' }),
    },
  },
];
