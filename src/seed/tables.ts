import type { SqlRow, TableSpec } from './sql';

/** Row shapes of the tables the seeds write, in the database's own (snake_case) names. */

export interface BodyRow {
  id: string;
  slug: string;
  name: string;
  short_name: string | null;
  website: string | null;
  license: string | null;
  ags: string | null;
  rgs: string | null;
  classification: string | null;
  contact_email: string | null;
  contact_name: string | null;
  /** JSON text. */
  web_url_templates: string;
  deleted_at: null;
}

/** Columns every tenant row has. Seeds clear `deleted_at` and `modified_by_key_id` on refresh. */
interface TenantRow {
  id: string;
  body_id: string;
  published_at: Date | null;
  deleted_at: null;
  modified_by_key_id: null;
}

export interface LegislativeTermRow extends TenantRow {
  name: string;
  start_date: string;
  end_date: string;
}

export interface LocationRow extends TenantRow {
  description: string;
  street_address: string | null;
  room: string | null;
  postal_code: string | null;
  sub_locality: string | null;
  locality: string | null;
  /** GeoJSON Feature as JSON text. */
  geojson: string | null;
}

export type CommitteeKindValue = 'council' | 'committee' | 'faction' | 'party' | 'administration' | 'external' | 'other';

export interface CommitteeRow extends TenantRow {
  name: string;
  short_name: string | null;
  kind: CommitteeKindValue;
  classification: string | null;
  start_date: string | null;
  end_date: string | null;
  parent_id: string | null;
  location_id: string | null;
  website: string | null;
}

export interface PersonRow extends TenantRow {
  name: string;
  family_name: string;
  given_name: string;
  form_of_address: string | null;
  affix: string | null;
  title: readonly string[];
  gender: string | null;
  email: readonly string[];
  phone: readonly string[];
  status: readonly string[];
  life: string | null;
  life_source: string | null;
  location_id: string | null;
}

export interface MembershipRow extends TenantRow {
  person_id: string;
  committee_id: string;
  role: string;
  voting_right: boolean;
  on_behalf_of_id: string | null;
  start_date: string;
  end_date: string | null;
}

export type SessionStateValue = 'scheduled' | 'invited' | 'held';

export interface SessionRow extends TenantRow {
  name: string;
  state: SessionStateValue;
  cancelled: boolean;
  start: Date;
  end: Date | null;
  location_id: string | null;
}

export interface SessionCommitteeRow {
  session_id: string;
  committee_id: string;
  position: number;
}

export interface AgendaItemRow extends TenantRow {
  session_id: string;
  number: string;
  position: number;
  name: string;
  public: boolean;
  result: string | null;
  resolution_text: string | null;
  start: Date | null;
  end: Date | null;
}

export interface DocumentRow extends TenantRow {
  name: string;
  reference: string;
  document_type: string;
  date: string;
  public: boolean;
  originator_person_ids: readonly string[];
  originator_committee_ids: readonly string[];
  under_direction_of_ids: readonly string[];
  related_document_ids: readonly string[];
  superordinated_document_id: string | null;
}

export interface ConsultationRow extends TenantRow {
  document_id: string;
  agenda_item_id: string | null;
  session_id: string | null;
  committee_id: string | null;
  role: string;
  authoritative: boolean;
  position: number;
}

export type FileRoleValue = 'main' | 'auxiliary' | 'resolution' | 'invitation' | 'results_protocol' | 'verbatim_protocol';

export interface FileRow extends TenantRow {
  name: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha512: string;
  storage_key: string;
  date: string | null;
  public: boolean;
  document_id: string | null;
  agenda_item_id: string | null;
  session_id: string | null;
  role: FileRoleValue;
  position: number;
  file_license: string | null;
  text: string | null;
  text_origin: 'text-layer' | null;
}

export type MinutesStatusValue = 'draft' | 'approved' | 'published';

export interface MinutesRow extends TenantRow {
  session_id: string;
  kind: 'results' | 'verbatim';
  status: MinutesStatusValue;
  file_id: string | null;
  approved_at: Date | null;
}

const tenantColumns = {
  id: 'uuid',
  body_id: 'uuid',
  published_at: 'timestamptz',
  deleted_at: 'timestamptz',
  modified_by_key_id: 'uuid',
} as const;

function tenantTable<Row extends SqlRow<Row> & TenantRow>(
  table: string,
  columns: { readonly [K in Exclude<keyof Row, keyof TenantRow>]-?: string },
): TableSpec<Row> {
  return { table, key: ['id'], columns: { ...tenantColumns, ...columns } as TableSpec<Row>['columns'], tracksModification: true };
}

export const bodyTable: TableSpec<BodyRow> = {
  table: 'body',
  key: ['id'],
  columns: {
    id: 'uuid',
    slug: 'text',
    name: 'text',
    short_name: 'text',
    website: 'text',
    license: 'text',
    ags: 'text',
    rgs: 'text',
    classification: 'text',
    contact_email: 'text',
    contact_name: 'text',
    web_url_templates: 'jsonb',
    deleted_at: 'timestamptz',
  },
  tracksModification: true,
};

export const legislativeTermTable = tenantTable<LegislativeTermRow>('legislative_term', { name: 'text', start_date: 'date', end_date: 'date' });

export const locationTable = tenantTable<LocationRow>('location', {
  description: 'text',
  street_address: 'text',
  room: 'text',
  postal_code: 'text',
  sub_locality: 'text',
  locality: 'text',
  geojson: 'jsonb',
});

export const committeeTable = tenantTable<CommitteeRow>('committee', {
  name: 'text',
  short_name: 'text',
  kind: 'committee_kind',
  classification: 'text',
  start_date: 'date',
  end_date: 'date',
  parent_id: 'uuid',
  location_id: 'uuid',
  website: 'text',
});

export const personTable = tenantTable<PersonRow>('person', {
  name: 'text',
  family_name: 'text',
  given_name: 'text',
  form_of_address: 'text',
  affix: 'text',
  title: 'text[]',
  gender: 'text',
  email: 'text[]',
  phone: 'text[]',
  status: 'text[]',
  life: 'text',
  life_source: 'text',
  location_id: 'uuid',
});

export const membershipTable = tenantTable<MembershipRow>('membership', {
  person_id: 'uuid',
  committee_id: 'uuid',
  role: 'text',
  voting_right: 'boolean',
  on_behalf_of_id: 'uuid',
  start_date: 'date',
  end_date: 'date',
});

export const sessionTable = tenantTable<SessionRow>('session', {
  name: 'text',
  state: 'session_state',
  cancelled: 'boolean',
  start: 'timestamptz',
  end: 'timestamptz',
  location_id: 'uuid',
});

export const sessionCommitteeTable: TableSpec<SessionCommitteeRow> = {
  table: 'session_committee',
  key: ['session_id', 'committee_id'],
  columns: { session_id: 'uuid', committee_id: 'uuid', position: 'int' },
  tracksModification: false,
};

export const agendaItemTable = tenantTable<AgendaItemRow>('agenda_item', {
  session_id: 'uuid',
  number: 'text',
  position: 'int',
  name: 'text',
  public: 'boolean',
  result: 'text',
  resolution_text: 'text',
  start: 'timestamptz',
  end: 'timestamptz',
});

export const documentTable = tenantTable<DocumentRow>('document', {
  name: 'text',
  reference: 'text',
  document_type: 'text',
  date: 'date',
  public: 'boolean',
  originator_person_ids: 'uuid[]',
  originator_committee_ids: 'uuid[]',
  under_direction_of_ids: 'uuid[]',
  related_document_ids: 'uuid[]',
  superordinated_document_id: 'uuid',
});

export const consultationTable = tenantTable<ConsultationRow>('consultation', {
  document_id: 'uuid',
  agenda_item_id: 'uuid',
  session_id: 'uuid',
  committee_id: 'uuid',
  role: 'text',
  authoritative: 'boolean',
  position: 'int',
});

export const fileTable = tenantTable<FileRow>('file', {
  name: 'text',
  file_name: 'text',
  mime_type: 'text',
  size: 'bigint',
  sha512: 'text',
  storage_key: 'text',
  date: 'date',
  public: 'boolean',
  document_id: 'uuid',
  agenda_item_id: 'uuid',
  session_id: 'uuid',
  role: 'file_role',
  position: 'int',
  file_license: 'text',
  text: 'text',
  text_origin: 'file_text_origin',
});

export const minutesTable = tenantTable<MinutesRow>('minutes', {
  session_id: 'uuid',
  kind: 'minutes_kind',
  status: 'minutes_status',
  file_id: 'uuid',
  approved_at: 'timestamptz',
});
