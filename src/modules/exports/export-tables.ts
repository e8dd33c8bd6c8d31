import { RESOURCES, ResourceKind } from '../../common/access/resources';
import { date, ts } from '../../common/sql/format';
import { OPARL_VISIBILITY } from '../oparl/oparl.sql';

/**
 * The tables of a bulk export: one CSV file and one SQLite table each, with the same columns.
 * Rows are what an anonymous caller of the API sees (published, public, not deleted); a
 * reference to a row the public does not see is left empty. People carry no contact data.
 */
export type ColumnType = 'text' | 'integer' | 'boolean';

export interface ExportColumn {
  name: string;
  type: ColumnType;
  description: string;
  /** SQL of the value as text (or NULL) for row `x`. */
  sql: string;
}

export interface ExportTable {
  name: string;
  resource: ResourceKind;
  description: string;
  columns: ExportColumn[];
}

const V = OPARL_VISIBILITY;
const col = (name: string, type: ColumnType, description: string, sql: string): ExportColumn => ({ name, type, description, sql });
const text = (name: string, description: string, column = `x.${name}`): ExportColumn => col(name, 'text', description, `NULLIF(${column}::text, '')`);
const id = (): ExportColumn => col('id', 'text', 'uuid; the same id as in the API', 'x.id::text');
const stamps = (): ExportColumn[] => [
  col('created', 'text', 'created (ISO 8601 with offset)', ts('x.created_at')),
  col('modified', 'text', 'last changed (ISO 8601 with offset)', ts('x.modified_at')),
];
/** The id in `column` if the public sees that row of `resource`, else NULL. */
const ref = (name: string, resource: ResourceKind, column: string, description: string): ExportColumn => {
  const r = RESOURCES[resource];
  return col(name, 'text', description, `(SELECT r.id::text FROM ${r.table} r WHERE r.id = ${column} AND ${r.visible('r', V)})`);
};

export const EXPORT_TABLES: readonly ExportTable[] = [
  {
    name: 'committees',
    resource: 'committee',
    description: 'Council, committees, factions, parties (OParl Organization)',
    columns: [
      id(),
      text('name', 'name'),
      text('short_name', 'short name'),
      text('kind', 'council, committee, faction, party, administration, external or other'),
      text('classification', 'classification as the city names it'),
      col('start_date', 'text', 'first day (YYYY-MM-DD)', date('x.start_date')),
      col('end_date', 'text', 'last day (YYYY-MM-DD)', date('x.end_date')),
      ref('parent_id', 'committee', 'x.parent_id', 'the committee this one belongs to'),
      text('website', 'website'),
      ...stamps(),
    ],
  },
  {
    name: 'people',
    resource: 'person',
    description: 'Council members and other people with a role (OParl Person); no contact data',
    columns: [
      id(),
      text('name', 'full name'),
      text('family_name', 'family name'),
      text('given_name', 'given name'),
      text('form_of_address', 'form of address'),
      text('affix', 'name affix'),
      col('title', 'text', 'academic titles, separated by "; "', `NULLIF(array_to_string(x.title, '; '), '')`),
      text('gender', 'gender'),
      ...stamps(),
    ],
  },
  {
    name: 'memberships',
    resource: 'membership',
    description: 'Seats of people in committees (OParl Membership)',
    columns: [
      id(),
      col('person_id', 'text', 'the person (people.id)', 'x.person_id::text'),
      col('committee_id', 'text', 'the committee (committees.id)', 'x.committee_id::text'),
      text('role', 'role, such as chair'),
      col('voting_right', 'boolean', 'whether the seat has a vote', 'x.voting_right::text'),
      ref('on_behalf_of_id', 'committee', 'x.on_behalf_of_id', 'the faction the seat is held for (committees.id)'),
      col('start_date', 'text', 'first day (YYYY-MM-DD)', date('x.start_date')),
      col('end_date', 'text', 'last day (YYYY-MM-DD)', date('x.end_date')),
      ...stamps(),
    ],
  },
  {
    name: 'sessions',
    resource: 'session',
    description: 'Meetings of committees (OParl Meeting)',
    columns: [
      id(),
      text('name', 'name'),
      text('state', 'scheduled, invited or held'),
      col('cancelled', 'boolean', 'whether the session was cancelled', 'x.cancelled::text'),
      col('start', 'text', 'start (ISO 8601, Europe/Berlin offset)', ts('x.start')),
      col('end', 'text', 'end (ISO 8601, Europe/Berlin offset)', ts('x."end"')),
      col(
        'committee_ids',
        'text',
        'the committees that meet (committees.id), separated by " "',
        `(SELECT string_agg(sc.committee_id::text, ' ' ORDER BY sc.position, sc.committee_id) FROM session_committee sc JOIN committee c ON c.id = sc.committee_id WHERE sc.session_id = x.id AND ${RESOURCES.committee.visible('c', V)})`,
      ),
      col('location', 'text', 'room and address', `(SELECT NULLIF(concat_ws(', ', NULLIF(l.room, ''), NULLIF(l.street_address, ''), NULLIF(concat_ws(' ', NULLIF(l.postal_code, ''), NULLIF(l.locality, '')), '')), '') FROM location l WHERE l.id = x.location_id AND ${RESOURCES.location.visible('l', V)})`),
      ...stamps(),
    ],
  },
  {
    name: 'agenda_items',
    resource: 'agenda-item',
    description: 'Public agenda items of sessions (OParl AgendaItem)',
    columns: [
      id(),
      col('session_id', 'text', 'the session (sessions.id)', 'x.session_id::text'),
      text('number', 'number as printed, such as "Ö 3.1"'),
      col('position', 'integer', 'order within the session', 'x.position::text'),
      text('name', 'title'),
      text('result', 'result'),
      text('resolution_text', 'text of the resolution'),
      col('start', 'text', 'start (ISO 8601)', ts('x.start')),
      col('end', 'text', 'end (ISO 8601)', ts('x."end"')),
      ...stamps(),
    ],
  },
  {
    name: 'documents',
    resource: 'document',
    description: 'Public documents (OParl Paper)',
    columns: [
      id(),
      text('reference', 'reference, such as "0123/2025"'),
      text('name', 'title'),
      text('document_type', 'type, such as Beschlussvorlage'),
      col('date', 'text', 'date (YYYY-MM-DD)', date('x.date')),
      ref('superordinated_id', 'document', 'x.superordinated_document_id', 'the main document of this one (documents.id)'),
      ...stamps(),
    ],
  },
  {
    name: 'consultations',
    resource: 'consultation',
    description: 'Which committee deals with which document in which session (OParl Consultation)',
    columns: [
      id(),
      col('document_id', 'text', 'the document (documents.id)', 'x.document_id::text'),
      ref('agenda_item_id', 'agenda-item', 'x.agenda_item_id', 'the agenda item (agenda_items.id)'),
      ref('session_id', 'session', 'COALESCE(x.session_id, (SELECT a.session_id FROM agenda_item a WHERE a.id = x.agenda_item_id))', 'the session (sessions.id)'),
      ref('committee_id', 'committee', 'x.committee_id', 'the committee (committees.id)'),
      text('role', 'role of the consultation, such as Entscheidung'),
      col('authoritative', 'boolean', 'whether this consultation decides', 'x.authoritative::text'),
      col('position', 'integer', 'order among the consultations of the document', 'x.position::text'),
      ...stamps(),
    ],
  },
  {
    name: 'files',
    resource: 'file',
    description: 'Metadata of public files; the bytes are at access_url',
    columns: [
      id(),
      text('name', 'title'),
      text('file_name', 'file name'),
      text('mime_type', 'MIME type'),
      col('size', 'integer', 'bytes', 'x.size::text'),
      col('sha512', 'text', 'SHA-512 of the bytes (hex)', 'lower(x.sha512)'),
      col('date', 'text', 'date (YYYY-MM-DD)', date('x.date')),
      text('role', 'role, such as main, invitation or results_protocol', 'x.role'),
      col('document_id', 'text', 'the document (documents.id)', 'x.document_id::text'),
      col('agenda_item_id', 'text', 'the agenda item (agenda_items.id)', 'x.agenda_item_id::text'),
      col('session_id', 'text', 'the session (sessions.id)', 'x.session_id::text'),
      text('file_license', 'licence of the file, if it has its own'),
      col('access_url', 'text', 'where the API serves the bytes', `%REST% || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content'`),
      ...stamps(),
    ],
  },
];
