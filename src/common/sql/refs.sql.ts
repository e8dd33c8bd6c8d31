import type { Visibility } from '../access/access';
import { visible } from '../access/visibility.sql';
import { date, jsonObject, ts } from './format';

/** JSON fragments for the embedded views in `common/dto/refs.dto.ts`. */
export const stamps = (a: string): Record<string, string> => ({
  published: `${a}.published_at IS NOT NULL`,
  created: ts(`${a}.created_at`),
  modified: ts(`${a}.modified_at`),
});

export const locationJson = (a: string): string =>
  jsonObject({
    id: `${a}.id`,
    description: `${a}.description`,
    streetAddress: `${a}.street_address`,
    room: `${a}.room`,
    postalCode: `${a}.postal_code`,
    subLocality: `${a}.sub_locality`,
    locality: `${a}.locality`,
    geojson: `${a}.geojson`,
  });

/** The visible location of `column`, or null. */
export const locationOf = (column: string, v: Visibility, a = 'loc'): string =>
  `(SELECT ${locationJson(a)} FROM location ${a} WHERE ${a}.id = ${column} AND ${visible.plain(a, v)})`;

export const committeeRef = (a: string): string => jsonObject({ id: `${a}.id`, name: `${a}.name`, shortName: `${a}.short_name` });

export const personRef = (a: string): string => jsonObject({ id: `${a}.id`, name: `${a}.name` });

export const documentRef = (a: string): string =>
  jsonObject({ id: `${a}.id`, name: `${a}.name`, reference: `${a}.reference`, type: `${a}.document_type`, public: `${a}.public` });

/** `base` is the SQL placeholder of `<publicUrl>/v1/bodies/<slug>`. */
export const fileRef = (a: string, base: string): string =>
  jsonObject({
    id: `${a}.id`,
    name: `${a}.name`,
    fileName: `${a}.file_name`,
    mimeType: `${a}.mime_type`,
    size: `${a}.size`,
    role: `${a}.role`,
    accessUrl: `${base} || '/files/' || ${a}.id || '/content'`,
    downloadUrl: `${base} || '/files/' || ${a}.id || '/content?download=1'`,
  });

/** JSON array of the visible files whose `column` equals `parent`, in position order. */
export const filesOf = (column: string, parent: string, v: Visibility, base: string, a = 'fi'): string =>
  `COALESCE((SELECT json_agg(${fileRef(a, base)} ORDER BY ${a}.position, ${a}.id) FROM file ${a} WHERE ${a}.${column} = ${parent} AND ${visible.file(a, v)}), '[]'::json)`;

export { date, ts };

/** `{ id, name, start }` of a session, for the views that point at one. */
export const sessionRef = (a: string): string => jsonObject({ id: `${a}.id`, name: `${a}.name`, start: ts(`${a}.start`) });

/** `{ id, number, name }` of an agenda item. */
export const agendaItemRef = (a: string): string => jsonObject({ id: `${a}.id`, number: `${a}.number`, name: `${a}.name` });

/** True while a dated row (committee, membership) is current: no end date, or one today or later (Europe/Berlin). */
export const isCurrent = (a: string): string => `(${a}.end_date IS NULL OR ${a}.end_date >= CURRENT_DATE)`;

/** The visible committee of `column` as a ref, or null. */
export const committeeOf = (column: string, v: Visibility, a = 'cref'): string =>
  `(SELECT ${committeeRef(a)} FROM committee ${a} WHERE ${a}.id = ${column} AND ${visible.plain(a, v)})`;

/** The visible person of `column` as a ref, or null. */
export const personOf = (column: string, v: Visibility, a = 'pref'): string =>
  `(SELECT ${personRef(a)} FROM person ${a} WHERE ${a}.id = ${column} AND ${visible.plain(a, v)})`;

/** What a membership says wherever it is embedded: role, voting right, faction and dates. */
export const membershipTerms = (a: string, v: Visibility): Record<string, string> => ({
  role: `${a}.role`,
  votingRight: `${a}.voting_right`,
  onBehalfOf: committeeOf(`${a}.on_behalf_of_id`, v, `ob_${a}`),
  startDate: date(`${a}.start_date`),
  endDate: date(`${a}.end_date`),
});

/** `{ id, name, startDate, endDate }` of a legislative term. */
export const legislativeTermRef = (a: string): string =>
  jsonObject({ id: `${a}.id`, name: `${a}.name`, startDate: date(`${a}.start_date`), endDate: date(`${a}.end_date`) });
