import { RESOURCE_PATHS, RESOURCES, ResourceKind } from '../../common/access/resources';
import { jsonObject } from '../../common/sql/format';

/**
 * The council objects that notes, markings, bookmarks and follows point at, as an account
 * sees them: the account's visibility is `member` in the bodies it was granted and `public`
 * everywhere else (see visibilityFor), decided by the same predicates as every other read.
 */

/** A short title of each kind of object, for lists of one's notes and bookmarks. */
const TITLES: Record<ResourceKind, (t: string) => string> = {
  'legislative-term': (t) => `${t}.name`,
  location: (t) => `COALESCE(${t}.description, concat_ws(', ', ${t}.street_address, ${t}.locality))`,
  committee: (t) => `${t}.name`,
  person: (t) => `${t}.name`,
  membership: (t) => `concat_ws(' · ', (SELECT p.name FROM person p WHERE p.id = ${t}.person_id), ${t}.role)`,
  session: (t) => `${t}.name`,
  'agenda-item': (t) => `concat_ws(' ', ${t}.number, ${t}.name)`,
  document: (t) => `concat_ws(' ', ${t}.reference, ${t}.name)`,
  consultation: (t) => `(SELECT d.name FROM document d WHERE d.id = ${t}.document_id)`,
  file: (t) => `${t}.name`,
  minutes: (t) => `(SELECT s.name FROM session s WHERE s.id = ${t}.session_id)`,
};

/**
 * Whether the account sees row `t` of `kind`: public content everywhere, non-public content
 * in the bodies of `members` (the SQL placeholder of a uuid[]).
 */
export function visibleToAccount(kind: ResourceKind, t: string, members: string): string {
  const { visible } = RESOURCES[kind];
  return `(${visible(t, 'public')} OR (${t}.body_id = ANY(${members}::uuid[]) AND ${visible(t, 'member')}))`;
}

/**
 * `{ body, title, url }` of the object (`idColumn`) of kind `kind` when the account sees it,
 * else null. `base` is the placeholder of the public URL.
 */
export function targetInfo(kind: ResourceKind, idColumn: string, members: string, base: string, t = 'tg'): string {
  const { table } = RESOURCES[kind];
  const info = jsonObject({
    body: 'tb.slug',
    title: TITLES[kind](t),
    url: `${base} || '/v1/bodies/' || tb.slug || '/${RESOURCE_PATHS[kind]}/' || ${t}.id`,
  });
  return `(SELECT ${info} FROM ${table} ${t} JOIN body tb ON tb.id = ${t}.body_id WHERE ${t}.id = ${idColumn} AND ${visibleToAccount(kind, t, members)})`;
}

/** The same for a column holding the kind (`typeColumn`), over the given kinds. */
export function targetInfoByType(kinds: readonly ResourceKind[], typeColumn: string, idColumn: string, members: string, base: string): string {
  return `CASE ${typeColumn} ${kinds.map((kind) => `WHEN '${kind}' THEN ${targetInfo(kind, idColumn, members, base)}`).join(' ')} END`;
}

/**
 * `{ type, id, target }` for each given object (parameters: $1 text[] of kinds, $2 uuid[] of
 * ids, $3 member bodies, $4 public URL): many items that share a target look it up once.
 */
export function targetInfosSql(kinds: readonly ResourceKind[]): string {
  return `SELECT d.type, d.id, ${targetInfoByType(kinds, 'd.type', 'd.id', '$3', '$4')} AS target FROM unnest($1::text[], $2::uuid[]) AS d(type, id)`;
}

/** The body of a visible object, for creating notes, bookmarks and follows. */
export function visibleObjectSql(kind: ResourceKind): string {
  const { table } = RESOURCES[kind];
  return `SELECT t.body_id AS "bodyId" FROM ${table} t WHERE t.id = $1 AND ${visibleToAccount(kind, 't', '$2')}`;
}

/** What an account sees of an object a personal item points at. */
export interface TargetInfo {
  body: string;
  title: string | null;
  url: string;
}
