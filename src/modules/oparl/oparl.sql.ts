import type { Visibility } from '../../common/access/access';
import { RESOURCES, ResourceKind } from '../../common/access/resources';
import { FileParent, onceVisible, onceVisibleOwn, visible, visibleOwn } from '../../common/access/visibility.sql';
import { date, jsonObject, ts } from '../../common/sql/format';

/**
 * SQL that renders OParl 1.1 objects as JSON inside PostgreSQL. Every builder expects the
 * object's body joined as `b` (for its slug and URL templates) and takes the placeholders
 * of the OParl base URL and of the REST base URL. Output is wrapped in `json_strip_nulls`
 * by the caller, so optional fields are built as NULL when they have no data; optional
 * arrays come from `json_agg`, which is NULL for no rows.
 *
 * OParl is the open-data interface: everything here uses the anonymous ('public') audience.
 */
export const OPARL_VISIBILITY: Visibility = 'public';
const V = OPARL_VISIBILITY;

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';

/** SQL placeholders of the two base URLs. */
export interface UrlCtx {
  /** `<publicUrl>/oparl/v1.1` */
  oparl: string;
  /** `<publicUrl>` (the REST API root) */
  rest: string;
  /** The id of the body whose rows the statement renders, when they are all of one body (a list). */
  body?: string;
}

/** What the caller asked to leave out (`omit_internal=true`). */
export interface BuildOptions {
  omitInternal: boolean;
}

/** The OParl object kinds that have their own id URL `/<segment>/<uuid>`. */
export const OBJECT_SEGMENTS = ['organization', 'person', 'membership', 'meeting', 'agendaItem', 'paper', 'consultation', 'file', 'location', 'legislativeTerm'] as const;
export type ObjectSegment = (typeof OBJECT_SEGMENTS)[number];

const typeUrl = (t: string): string => `'${OPARL_VERSION}${t}'`;
const url = (c: UrlCtx, segment: string, idSql: string): string => `${c.oparl} || '/${segment}/' || ${idSql}`;
export const bodyUrl = (c: UrlCtx, slugSql = 'b.slug'): string => `${c.oparl} || '/bodies/' || ${slugSql}`;
const txt = (column: string): string => `NULLIF(${column}, '')`;
/** A text[] column as a JSON array without empty strings, or NULL. */
const textArray = (column: string, a: string): string => `(SELECT json_agg(${a}.v ORDER BY ${a}.o) FROM unnest(${column}) WITH ORDINALITY ${a}(v, o) WHERE ${a}.v <> '')`;
/** The `web` link from the body's URL templates (`{id}` placeholder), or NULL. */
const web = (key: string, idSql: string): string => `replace(b.web_url_templates ->> '${key}', '{id}', ${idSql}::text)`;
/** When the row last changed, deletion included. */
export const effectiveModified = (a: string): string => `GREATEST(${a}.modified_at, ${a}.deleted_at)`;
/** The latest change of the rows of `table` (alias `a`) matching `where`, or NULL. */
const latest = (table: string, a: string, where: string): string => `(SELECT max(${effectiveModified(a)}) FROM ${table} ${a} WHERE ${where})`;
/** Whether the anonymous audience could ever see row `a` of an embedded kind (its parent is the embedding row). */
const seen = (a: string): string => onceVisibleOwn.plain(a, V);

/**
 * `modified` of each type: the row's own last change, and for types that embed others, also
 * the last change of the rows they embed, in any state, as long as the public could see them
 * once: so a deletion or de-publication of an embedded object bumps its parent (as §3.3.6 and
 * §2.8 ask), while drafts (never public) leave it alone. Lists filter on the same expression,
 * so `modified_since` finds a Meeting whose agenda changed.
 */
export const MODIFIED = {
  own: effectiveModified,
  // The agenda items' part is each item's own `modified` (item, its files, its consultations),
  // read in one pass over the items.
  meeting: (s: string): string => meetingModified(s, `(SELECT max(${MODIFIED.agendaItem(`${s}_ma`)}) FROM agenda_item ${s}_ma WHERE ${s}_ma.session_id = ${s}.id AND ${seen(`${s}_ma`)})`),
  agendaItem: (a: string): string =>
    `GREATEST(${effectiveModified(a)}, ${latest('file', `${a}_mf`, `${a}_mf.agenda_item_id = ${a}.id AND ${seen(`${a}_mf`)}`)}, ${latest('consultation', `${a}_mc`, `${a}_mc.agenda_item_id = ${a}.id AND ${onceVisibleOwn.consultation(`${a}_mc`, V)}`)})`,
  paper: (d: string): string =>
    `GREATEST(${effectiveModified(d)}, ${latest('file', `${d}_mf`, `${d}_mf.document_id = ${d}.id AND ${seen(`${d}_mf`)}`)}, ${latest('consultation', `${d}_mc`, `${d}_mc.document_id = ${d}.id AND ${paperConsultationSeen(`${d}_mc`)}`)})`,
  person: (p: string): string =>
    `GREATEST(${effectiveModified(p)}, ${latest('membership', `${p}_mm`, `${p}_mm.person_id = ${p}.id AND ${onceVisible.membership(`${p}_mm`, V)}`)}, ${latest('location', `${p}_ml`, `${p}_ml.id = ${p}.location_id AND ${seen(`${p}_ml`)}`)})`,
  organization: (o: string): string =>
    `GREATEST(${effectiveModified(o)}, ${latest('membership', `${o}_mm`, `${o}_mm.committee_id = ${o}.id AND ${onceVisible.membership(`${o}_mm`, V)}`)}, ${latest('location', `${o}_ml`, `${o}_ml.id = ${o}.location_id AND ${seen(`${o}_ml`)}`)})`,
  body: (b: string): string => `GREATEST(${effectiveModified(b)}, ${latest('legislative_term', `${b}_mt`, `${b}_mt.body_id = ${b}.id AND ${seen(`${b}_mt`)}`)})`,
};

/** `modified` of meeting `s` whose agenda items' part (the latest `modified` of its items the public saw once) is `agenda`. */
function meetingModified(s: string, agenda: string): string {
  return (
    `GREATEST(${effectiveModified(s)}, ${agenda}, ${latest('file', `${s}_mf`, `${s}_mf.session_id = ${s}.id AND ${seen(`${s}_mf`)}`)}, ` +
    `${latest('minutes', `${s}_mm`, `${s}_mm.session_id = ${s}.id AND ${seen(`${s}_mm`)}`)}, ${latest('location', `${s}_ml`, `${s}_ml.id = ${s}.location_id AND ${seen(`${s}_ml`)}`)})`
  );
}

/** Consultations of a paper that count for its `modified` (the paper's `paperObject` reads them in its own pass). */
const paperConsultationSeen = (k: string): string => onceVisible.consultation(k, V);

const stamps = (a: string, modified: (a: string) => string = MODIFIED.own): Record<string, string> => ({ created: ts(`${a}.created_at`), modified: ts(modified(a)) });

/**
 * `deleted: true` with id, type, created and modified (§2.8), plus what the schema of the type
 * requires (`AgendaItem.order`, `File.accessUrl`), so that tombstones validate too.
 */
export function tombstone(c: UrlCtx, kind: OparlKind, a: string): string {
  return jsonObject({
    id: url(c, kind.segment, `${a}.id`),
    type: typeUrl(kind.type),
    ...(kind.tombstoneExtra ? kind.tombstoneExtra(c, a) : {}),
    created: ts(`${a}.created_at`),
    modified: ts(kind.modified(a)),
    deleted: 'true',
  });
}

// ---------------------------------------------------------------------------------------
// Location

export function locationObject(c: UrlCtx, l: string, standalone: boolean): string {
  return jsonObject({
    id: url(c, 'location', `${l}.id`),
    type: typeUrl('Location'),
    description: txt(`${l}.description`),
    geojson: `${l}.geojson`,
    streetAddress: txt(`${l}.street_address`),
    room: txt(`${l}.room`),
    postalCode: txt(`${l}.postal_code`),
    subLocality: txt(`${l}.sub_locality`),
    locality: txt(`${l}.locality`),
    ...(standalone
      ? {
          organizations: `(SELECT json_agg(${url(c, 'organization', `${l}_c.id`)} ORDER BY ${l}_c.id) FROM committee ${l}_c WHERE ${l}_c.body_id = ${l}.body_id AND ${l}_c.location_id = ${l}.id AND ${visible.plain(`${l}_c`, V)})`,
          persons: `(SELECT json_agg(${url(c, 'person', `${l}_p.id`)} ORDER BY ${l}_p.id) FROM person ${l}_p WHERE ${l}_p.body_id = ${l}.body_id AND ${l}_p.location_id = ${l}.id AND ${visible.plain(`${l}_p`, V)})`,
          meetings: `(SELECT json_agg(${url(c, 'meeting', `${l}_s.id`)} ORDER BY ${l}_s.id) FROM session ${l}_s WHERE ${l}_s.body_id = ${l}.body_id AND ${l}_s.location_id = ${l}.id AND ${visible.session(`${l}_s`, V)})`,
        }
      : {}),
    ...stamps(l),
    web: web('location', `${l}.id`),
  });
}

/**
 * Whether committee `idSql` is visible (and of body `sameBody`, if given); NULL or FALSE if not.
 * The committees of a city fit in a page or two, so PostgreSQL finds one by id with a scan of
 * the whole table (a third of a page of consultations went into those scans). A list of one
 * body (`c.body`) hashes that body's visible committees once per statement instead; an id not
 * among them (none, not visible, another body's) is still looked up.
 */
const committeeVisible = (c: UrlCtx, idSql: string, a: string, sameBody?: string): string => {
  const lookup = `(SELECT ${visible.plain(a, V)} FROM committee ${a} WHERE ${a}.id = ${idSql}${sameBody ? ` AND ${a}.body_id = ${sameBody}` : ''})`;
  if (c.body === undefined) return lookup;
  const hashed = `${idSql} IN (SELECT ${a}_h.id FROM committee ${a}_h WHERE ${a}_h.body_id = ${c.body} AND ${visible.plain(`${a}_h`, V)})`;
  return `(${sameBody ? `${sameBody} = ${c.body} AND ` : ''}${hashed} OR ${lookup})`;
};

/** The visible location of `column`, embedded, or NULL. */
const embeddedLocation = (c: UrlCtx, column: string, a: string): string =>
  `(SELECT ${locationObject(c, a, false)} FROM location ${a} WHERE ${a}.id = ${column} AND ${visible.plain(a, V)})`;

// ---------------------------------------------------------------------------------------
// File

/** The REST URL of a file's bytes. */
const contentUrl = (c: UrlCtx, f: string): string => `${c.rest} || '/v1/bodies/' || b.slug || '/files/' || ${f}.id || '/content'`;

export function fileObject(c: UrlCtx, f: string, standalone: boolean): string {
  const content = contentUrl(c, f);
  return jsonObject({
    id: url(c, 'file', `${f}.id`),
    type: typeUrl('File'),
    name: txt(`${f}.name`),
    fileName: txt(`${f}.file_name`),
    mimeType: txt(`${f}.mime_type`),
    date: date(`${f}.date`),
    size: `${f}.size`,
    sha512Checksum: `lower(${f}.sha512)`,
    ...(standalone ? { text: txt(`${f}.text`) } : {}),
    accessUrl: content,
    downloadUrl: `${content} || '?download=1'`,
    fileLicense: txt(`${f}.file_license`),
    ...(standalone
      ? {
          // The file's own session and the sessions of minutes it is the file of; a UNION of two
          // index lookups (an OR here would scan every session for every file).
          meeting: `(SELECT json_agg(${url(c, 'meeting', `${f}_s.id`)} ORDER BY ${f}_s.id) FROM (SELECT ${f}.session_id AS id UNION SELECT ${f}_m.session_id FROM minutes ${f}_m WHERE ${f}_m.file_id = ${f}.id) ${f}_u JOIN session ${f}_s ON ${f}_s.id = ${f}_u.id WHERE ${visible.session(`${f}_s`, V)})`,
          // A visible file's agenda item and document are visible (see `visible.file`).
          agendaItem: `CASE WHEN ${f}.agenda_item_id IS NOT NULL THEN json_build_array(${url(c, 'agendaItem', `${f}.agenda_item_id`)}) END`,
          paper: `CASE WHEN ${f}.document_id IS NOT NULL THEN json_build_array(${url(c, 'paper', `${f}.document_id`)}) END`,
        }
      : {}),
    ...stamps(f),
    web: web('file', `${f}.id`),
  });
}

/**
 * The files of a parent, embedded. Objects are rendered for visible rows only, so the parent
 * the files are reached through (`checked`) is visible and not checked again per file; a file's
 * other parents are (see `visibleOwn.file`).
 */
interface FileSet {
  /** The file column that points at the parent, and the parent's id. */
  column: string;
  parent: string;
  checked: readonly FileParent[];
  /** Narrows the set (on the file as `a`). */
  extra?: (a: string) => string;
}

const fileWhere = (f: FileSet, a: string): string => `${a}.${f.column} = ${f.parent} AND ${visibleOwn.file(a, V, f.checked)}${f.extra ? ` AND ${f.extra(a)}` : ''}`;

/** The first visible file of a set matching `first`, embedded, or NULL. */
const embeddedFile = (c: UrlCtx, f: FileSet, a: string, first: string): string =>
  `(SELECT ${fileObject(c, a, false)} FROM file ${a} WHERE ${fileWhere(f, a)} AND ${first} ORDER BY ${a}.position, ${a}.id LIMIT 1)`;

/**
 * The visible files of a set as an embedded array (NULL when none), without the one
 * `embeddedFile` picks for `first` (the object shows it in a field of its own). One pass over
 * the set: the file left out is the first, by position, of those matching `first`.
 */
const embeddedFilesBut = (c: UrlCtx, f: FileSet, a: string, first: (a: string) => string): string =>
  `(SELECT json_agg(${fileObject(c, a, false)} ORDER BY ${a}.position, ${a}.id) FROM (SELECT ${a}_f.*, (${first(`${a}_f`)}) IS TRUE AS picked, row_number() OVER (PARTITION BY (${first(`${a}_f`)}) IS TRUE ORDER BY ${a}_f.position, ${a}_f.id) AS rank FROM file ${a}_f WHERE ${fileWhere(f, `${a}_f`)}) ${a} WHERE NOT (${a}.picked AND ${a}.rank = 1))`;

/**
 * One pass over the files of a set for an object that shows the first visible file matching
 * `first` in a field of its own and, with `withRest`, the other visible files as an array, and
 * whose `modified` takes the latest change of the files the public saw once. A subquery with
 * the columns `first`, `rest` and `modified`, to join beside the object's row.
 */
const filePass = (c: UrlCtx, f: FileSet, a: string, first: (a: string) => string, withRest: boolean): string => {
  const x = `${a}_f`;
  const order = `ORDER BY ${a}.position, ${a}.id`;
  const rows =
    `SELECT ${x}.*, ${visibleOwn.file(x, V, f.checked)} AS shown, ${seen(x)} AS seen, (${first(x)}) IS TRUE AS picked, ` +
    `row_number() OVER (PARTITION BY ${visibleOwn.file(x, V, f.checked)}, (${first(x)}) IS TRUE ORDER BY ${x}.position, ${x}.id) AS rank ` +
    `FROM file ${x} WHERE ${x}.${f.column} = ${f.parent} AND (${seen(x)} OR ${visibleOwn.file(x, V, f.checked)})`;
  const rest = withRest ? `json_agg(${fileObject(c, a, false)} ${order}) FILTER (WHERE ${a}.shown AND NOT (${a}.picked AND ${a}.rank = 1))` : 'NULL::json';
  return (
    `SELECT (array_agg(${fileObject(c, a, false)} ${order}) FILTER (WHERE ${a}.shown AND ${a}.picked))[1] AS first, ${rest} AS rest, ` +
    `max(${effectiveModified(a)}) FILTER (WHERE ${a}.seen) AS modified FROM (${rows}) ${a}`
  );
};

/** The file of the session's published minutes of one kind, embedded, or NULL. */
const protocolFile = (c: UrlCtx, s: string, kind: 'results' | 'verbatim', a: string): string =>
  `(SELECT ${fileObject(c, a, false)} FROM minutes ${a}_m JOIN file ${a} ON ${a}.id = ${a}_m.file_id WHERE ${a}_m.session_id = ${s}.id AND ${a}_m.kind = '${kind}' AND ${visible.minutes(`${a}_m`, V)} AND ${visible.file(a, V)} ORDER BY ${a}_m.created_at, ${a}_m.id LIMIT 1)`;

// ---------------------------------------------------------------------------------------
// LegislativeTerm

export function legislativeTermObject(c: UrlCtx, t: string, standalone: boolean): string {
  return jsonObject({
    id: url(c, 'legislativeTerm', `${t}.id`),
    type: typeUrl('LegislativeTerm'),
    ...(standalone ? { body: bodyUrl(c) } : {}),
    name: txt(`${t}.name`),
    startDate: date(`${t}.start_date`),
    endDate: date(`${t}.end_date`),
    ...stamps(t),
    web: web('legislativeTerm', `${t}.id`),
  });
}

// ---------------------------------------------------------------------------------------
// Organization

const ORGANIZATION_TYPE = `CASE %.kind WHEN 'council' THEN 'Gremium' WHEN 'committee' THEN 'Gremium' WHEN 'faction' THEN 'Fraktion' WHEN 'party' THEN 'Partei' WHEN 'administration' THEN 'Verwaltungsbereich' WHEN 'external' THEN 'externes Gremium' ELSE 'Sonstiges' END`;
const DEFAULT_CLASSIFICATION = `CASE %.kind WHEN 'council' THEN 'Parlament' WHEN 'committee' THEN 'Ausschuss' WHEN 'faction' THEN 'Fraktion' WHEN 'party' THEN 'Partei' END`;

export function organizationObject(c: UrlCtx, o: string): string {
  return jsonObject({
    id: url(c, 'organization', `${o}.id`),
    type: typeUrl('Organization'),
    body: bodyUrl(c),
    name: txt(`${o}.name`),
    shortName: txt(`${o}.short_name`),
    membership: `(SELECT json_agg(${url(c, 'membership', `${o}_m.id`)} ORDER BY ${o}_m.id) FROM membership ${o}_m WHERE ${o}_m.committee_id = ${o}.id AND ${visible.membership(`${o}_m`, V)})`,
    meeting: `${url(c, 'organization', `${o}.id`)} || '/meeting'`,
    consultation: `${url(c, 'organization', `${o}.id`)} || '/consultation'`,
    subOrganizationOf: `(SELECT ${url(c, 'organization', `${o}_p.id`)} FROM committee ${o}_p WHERE ${o}_p.id = ${o}.parent_id AND ${visible.plain(`${o}_p`, V)})`,
    organizationType: ORGANIZATION_TYPE.replace('%', o),
    classification: `COALESCE(${txt(`${o}.classification`)}, ${DEFAULT_CLASSIFICATION.replace('%', o)})`,
    startDate: date(`${o}.start_date`),
    endDate: date(`${o}.end_date`),
    website: txt(`${o}.website`),
    location: embeddedLocation(c, `${o}.location_id`, `${o}_l`),
    ...stamps(o, MODIFIED.organization),
    web: web('committee', `${o}.id`),
  });
}

// ---------------------------------------------------------------------------------------
// Membership and Person

export function membershipObject(c: UrlCtx, m: string, standalone: boolean): string {
  return jsonObject({
    id: url(c, 'membership', `${m}.id`),
    type: typeUrl('Membership'),
    ...(standalone ? { person: url(c, 'person', `${m}.person_id`) } : {}),
    organization: url(c, 'organization', `${m}.committee_id`),
    role: txt(`${m}.role`),
    votingRight: `${m}.voting_right`,
    startDate: date(`${m}.start_date`),
    endDate: date(`${m}.end_date`),
    onBehalfOf: `CASE WHEN ${committeeVisible(c, `${m}.on_behalf_of_id`, `${m}_f`)} THEN ${url(c, 'organization', `${m}.on_behalf_of_id`)} END`,
    ...stamps(m),
    web: web('membership', `${m}.id`),
  });
}

export function personObject(c: UrlCtx, p: string, o: BuildOptions): string {
  return jsonObject({
    id: url(c, 'person', `${p}.id`),
    type: typeUrl('Person'),
    body: bodyUrl(c),
    name: txt(`${p}.name`),
    familyName: txt(`${p}.family_name`),
    givenName: txt(`${p}.given_name`),
    formOfAddress: txt(`${p}.form_of_address`),
    affix: txt(`${p}.affix`),
    title: textArray(`${p}.title`, `${p}_ti`),
    gender: txt(`${p}.gender`),
    phone: textArray(`${p}.phone`, `${p}_ph`),
    email: textArray(`${p}.email`, `${p}_em`),
    location: `(SELECT ${url(c, 'location', `${p}_lr.id`)} FROM location ${p}_lr WHERE ${p}_lr.id = ${p}.location_id AND ${visible.plain(`${p}_lr`, V)})`,
    locationObject: embeddedLocation(c, `${p}.location_id`, `${p}_l`),
    status: textArray(`${p}.status`, `${p}_st`),
    ...(o.omitInternal
      ? {}
      : {
          membership: `(SELECT json_agg(${membershipObject(c, `${p}_m`, false)} ORDER BY ${p}_m.id) FROM membership ${p}_m WHERE ${p}_m.person_id = ${p}.id AND ${visible.membership(`${p}_m`, V)})`,
        }),
    life: txt(`${p}.life`),
    lifeSource: txt(`${p}.life_source`),
    ...stamps(p, MODIFIED.person),
    web: web('person', `${p}.id`),
  });
}

// ---------------------------------------------------------------------------------------
// AgendaItem and Meeting

/** 0-based rank among the session's visible items, so that `order` has no gaps (the session is the visible item's, so visible too). */
const agendaOrder = (a: string): string =>
  `(SELECT count(*)::int FROM agenda_item ${a}_r WHERE ${a}_r.session_id = ${a}.session_id AND (${a}_r.position, ${a}_r.id) < (${a}.position, ${a}.id) AND ${visibleOwn.agendaItem(`${a}_r`, V)})`;

/**
 * `order` is `orderSql` and `modified` is `modifiedSql` when the caller has them at hand (a pass
 * over the meeting's agenda). The item's files and consultations are each read in one pass (see
 * `filePass`), which gives the embedded objects and the parts of `modified` (see
 * MODIFIED.agendaItem) they make.
 */
export function agendaItemObject(c: UrlCtx, a: string, standalone: boolean, o: BuildOptions, orderSql = agendaOrder(a), modifiedSql?: string): string {
  const files: FileSet = { column: 'agenda_item_id', parent: `${a}.id`, checked: ['agendaItem'] };
  const [fs, ks, k] = [`${a}_fs`, `${a}_ks`, `${a}_c`];
  const consultationRows = `SELECT ${k}_r.*, ${visibleOwn.consultation(`${k}_r`, V)} AS shown, ${onceVisibleOwn.consultation(`${k}_r`, V)} AS seen FROM consultation ${k}_r WHERE ${k}_r.agenda_item_id = ${a}.id`;
  const consultations = `SELECT (array_agg(${url(c, 'consultation', `${k}.id`)} ORDER BY ${k}.position, ${k}.id) FILTER (WHERE ${k}.shown))[1] AS first, max(${effectiveModified(k)}) FILTER (WHERE ${k}.seen) AS modified FROM (${consultationRows}) ${k}`;
  const json = jsonObject({
    id: url(c, 'agendaItem', `${a}.id`),
    type: typeUrl('AgendaItem'),
    ...(standalone ? { meeting: url(c, 'meeting', `${a}.session_id`) } : {}),
    number: txt(`${a}.number`),
    order: orderSql,
    name: txt(`${a}.name`),
    public: `${a}.public`,
    consultation: `${ks}.first`,
    result: txt(`${a}.result`),
    resolutionText: txt(`${a}.resolution_text`),
    resolutionFile: `${fs}.first`,
    ...(o.omitInternal ? {} : { auxiliaryFile: `${fs}.rest` }),
    start: ts(`${a}.start`),
    end: ts(`${a}."end"`),
    created: ts(`${a}.created_at`),
    modified: ts(modifiedSql ?? `GREATEST(${effectiveModified(a)}, ${fs}.modified, ${ks}.modified)`),
    web: web('agendaItem', `${a}.id`),
  });
  const resolution = (f: string): string => `${f}.role = 'resolution'`;
  return `(SELECT ${json} FROM (${filePass(c, files, `${a}_f`, resolution, !o.omitInternal)}) ${fs}, (${consultations}) ${ks})`;
}

const MEETING_STATE = `CASE %.state WHEN 'scheduled' THEN 'terminiert' WHEN 'invited' THEN 'eingeladen' WHEN 'held' THEN 'durchgeführt' END`;

export function meetingObject(c: UrlCtx, s: string, o: BuildOptions): string {
  const notMinutes = (f: string): string => `NOT EXISTS (SELECT 1 FROM minutes ${f}_x WHERE ${f}_x.file_id = ${f}.id)`;
  // Files of no minutes have no minutes to check.
  const files: FileSet = { column: 'session_id', parent: `${s}.id`, checked: ['session', 'minutes'], extra: notMinutes };
  const auxiliary: FileSet = { ...files, extra: (f) => `${f}.role NOT IN ('results_protocol', 'verbatim_protocol') AND ${notMinutes(f)}` };
  const invitation = (f: string): string => `${f}.role = 'invitation'`;
  const fields = (agenda: Record<string, string>, modified: string): string =>
    jsonObject({
      id: url(c, 'meeting', `${s}.id`),
      type: typeUrl('Meeting'),
      name: txt(`${s}.name`),
      meetingState: MEETING_STATE.replace('%', s),
      cancelled: `${s}.cancelled`,
      start: ts(`${s}.start`),
      end: ts(`${s}."end"`),
      location: embeddedLocation(c, `${s}.location_id`, `${s}_l`),
      organization: `(SELECT json_agg(${url(c, 'organization', `${s}_sc.committee_id`)} ORDER BY ${s}_sc.position, ${s}_sc.committee_id) FROM session_committee ${s}_sc WHERE ${s}_sc.session_id = ${s}.id AND ${committeeVisible(c, `${s}_sc.committee_id`, `${s}_c`)})`,
      invitation: embeddedFile(c, files, `${s}_if`, invitation(`${s}_if`)),
      resultsProtocol: protocolFile(c, s, 'results', `${s}_rp`),
      verbatimProtocol: protocolFile(c, s, 'verbatim', `${s}_vp`),
      // The first invitation is not a protocol, so it is the first of this set too.
      ...(o.omitInternal ? {} : { auxiliaryFile: embeddedFilesBut(c, auxiliary, `${s}_af`, invitation), ...agenda }),
      created: ts(`${s}.created_at`),
      modified: ts(modified),
      web: web('session', `${s}.id`),
    });
  if (o.omitInternal) return fields({}, MODIFIED.meeting(s));
  // One pass over the agenda renders the visible items and reads the `modified` of those the
  // public saw once, which the meeting's `modified` takes (see MODIFIED.meeting); `rank` counts
  // the visible items only.
  const a = `${s}_ai`;
  const shown = visibleOwn.agendaItem(`${s}_v`, V);
  const items =
    `SELECT ${s}_v.*, ${shown} AS shown, ${seen(`${s}_v`)} AS seen, ${MODIFIED.agendaItem(`${s}_v`)} AS modified, ` +
    `(row_number() OVER (PARTITION BY ${shown} ORDER BY ${s}_v.position, ${s}_v.id) - 1)::int AS rank ` +
    `FROM agenda_item ${s}_v WHERE ${s}_v.session_id = ${s}.id AND (${shown} OR ${seen(`${s}_v`)})`;
  const agenda = `SELECT json_agg(${agendaItemObject(c, a, false, o, `${a}.rank`, `${a}.modified`)} ORDER BY ${a}.rank) FILTER (WHERE ${a}.shown) AS items, max(${a}.modified) FILTER (WHERE ${a}.seen) AS modified FROM (${items}) ${a}`;
  return `(SELECT ${fields({ agendaItem: `${s}_ag.items` }, meetingModified(s, `${s}_ag.modified`))} FROM (${agenda}) ${s}_ag)`;
}

// ---------------------------------------------------------------------------------------
// Consultation and Paper

export function consultationObject(c: UrlCtx, k: string, standalone: boolean): string {
  return jsonObject({
    id: url(c, 'consultation', `${k}.id`),
    type: typeUrl('Consultation'),
    ...(standalone ? { paper: url(c, 'paper', `${k}.document_id`) } : {}),
    // A visible consultation's agenda item is visible (see `visible.consultation`); NULL for none.
    agendaItem: url(c, 'agendaItem', `${k}.agenda_item_id`),
    meeting: `(SELECT ${url(c, 'meeting', `${k}_s.id`)} FROM session ${k}_s WHERE ${k}_s.id = COALESCE(${k}.session_id, (SELECT ${k}_as.session_id FROM agenda_item ${k}_as WHERE ${k}_as.id = ${k}.agenda_item_id)) AND ${visible.session(`${k}_s`, V)})`,
    organization: `CASE WHEN ${committeeVisible(c, `${k}.committee_id`, `${k}_o`)} THEN json_build_array(${url(c, 'organization', `${k}.committee_id`)}) END`,
    authoritative: `${k}.authoritative`,
    role: txt(`${k}.role`),
    ...stamps(k),
    web: web('consultation', `${k}.id`),
  });
}

/**
 * URLs of the visible rows of `table` of the same body whose ids are in the uuid[] `column` of
 * row `d`, in array order. One primary-key lookup per array element (a join lets the planner
 * hash the whole table for every row of a page); the aggregate skips the misses (a WHERE on
 * the lookup's result would run the lookup twice).
 */
const urlsOf = (c: UrlCtx, segment: string, table: string, d: string, column: string, a: string, isVisible: string): string =>
  urlList(d, column, a, (id) => `(SELECT ${url(c, segment, `${a}.id`)} FROM ${table} ${a} WHERE ${a}.id = ${id} AND ${a}.body_id = ${d}.body_id AND ${isVisible})`);

/** `urlsOf` for committees (see `committeeVisible`). */
const committeeUrlsOf = (c: UrlCtx, d: string, column: string, a: string): string =>
  urlList(d, column, a, (id) => `CASE WHEN ${committeeVisible(c, id, a, `${d}.body_id`)} THEN ${url(c, 'organization', id)} END`);

/** The non-null `urlOf` of the elements of the uuid[] `column` of row `d`, in array order, as a JSON array or NULL. */
const urlList = (d: string, column: string, a: string, urlOf: (id: string) => string): string =>
  `(SELECT json_agg(${a}_z.u ORDER BY ${a}_z.o) FILTER (WHERE ${a}_z.u IS NOT NULL) FROM (SELECT ${urlOf(`${a}_u.id`)} AS u, ${a}_u.o FROM unnest(${d}.${column}) WITH ORDINALITY ${a}_u(id, o)) ${a}_z)`;

/**
 * The paper's files and consultations are each read in one pass (see `filePass`), which gives
 * the embedded objects and the parts of `modified` (see MODIFIED.paper) they make.
 */
export function paperObject(c: UrlCtx, d: string, o: BuildOptions): string {
  const files: FileSet = { column: 'document_id', parent: `${d}.id`, checked: ['document'] };
  const [fs, ks, k] = [`${d}_fs`, `${d}_ks`, `${d}_k`];
  const consultationRows = `SELECT ${k}_r.*, ${visibleOwn.documentConsultation(`${k}_r`, V)} AS shown, ${paperConsultationSeen(`${k}_r`)} AS seen FROM consultation ${k}_r WHERE ${k}_r.document_id = ${d}.id`;
  const consultations = `SELECT json_agg(${consultationObject(c, k, false)} ORDER BY ${k}.position, ${k}.id) FILTER (WHERE ${k}.shown) AS items, max(${effectiveModified(k)}) FILTER (WHERE ${k}.seen) AS modified FROM (${consultationRows}) ${k}`;
  const json = jsonObject({
    id: url(c, 'paper', `${d}.id`),
    type: typeUrl('Paper'),
    body: bodyUrl(c),
    name: txt(`${d}.name`),
    reference: txt(`${d}.reference`),
    date: date(`${d}.date`),
    paperType: txt(`${d}.document_type`),
    relatedPaper: urlsOf(c, 'paper', 'document', d, 'related_document_ids', `${d}_rp`, visible.document(`${d}_rp`, V)),
    superordinatedPaper: `(SELECT json_build_array(${url(c, 'paper', `${d}_sp.id`)}) FROM document ${d}_sp WHERE ${d}_sp.id = ${d}.superordinated_document_id AND ${visible.document(`${d}_sp`, V)})`,
    subordinatedPaper: `(SELECT json_agg(${url(c, 'paper', `${d}_bp.id`)} ORDER BY ${d}_bp.date, ${d}_bp.id) FROM document ${d}_bp WHERE ${d}_bp.body_id = ${d}.body_id AND ${d}_bp.superordinated_document_id = ${d}.id AND ${visible.document(`${d}_bp`, V)})`,
    mainFile: `${fs}.first`,
    ...(o.omitInternal ? {} : { auxiliaryFile: `${fs}.rest` }),
    originatorPerson: urlsOf(c, 'person', 'person', d, 'originator_person_ids', `${d}_op`, visible.plain(`${d}_op`, V)),
    underDirectionOf: committeeUrlsOf(c, d, 'under_direction_of_ids', `${d}_ud`),
    originatorOrganization: committeeUrlsOf(c, d, 'originator_committee_ids', `${d}_oo`),
    consultation: `${ks}.items`,
    created: ts(`${d}.created_at`),
    modified: ts(`GREATEST(${effectiveModified(d)}, ${fs}.modified, ${ks}.modified)`),
    web: web('document', `${d}.id`),
  });
  const main = (f: string): string => `${f}.role = 'main'`;
  return `(SELECT ${json} FROM (${filePass(c, files, `${d}_f`, main, !o.omitInternal)}) ${fs}, (${consultations}) ${ks})`;
}

// ---------------------------------------------------------------------------------------
// Body and System

export function bodyObject(c: UrlCtx, o: BuildOptions): string {
  const list = (name: string): string => `${bodyUrl(c)} || '/${name}'`;
  return jsonObject({
    id: bodyUrl(c),
    type: typeUrl('Body'),
    system: `${c.oparl} || '/system'`,
    shortName: txt('b.short_name'),
    name: txt('b.name'),
    website: txt('b.website'),
    license: txt('b.license'),
    ags: txt('b.ags'),
    rgs: txt('b.rgs'),
    contactEmail: txt('b.contact_email'),
    contactName: txt('b.contact_name'),
    organization: list('organization'),
    person: list('person'),
    meeting: list('meeting'),
    paper: list('paper'),
    ...(o.omitInternal
      ? {}
      : {
          legislativeTerm: `COALESCE((SELECT json_agg(${legislativeTermObject(c, 'b_t', false)} ORDER BY b_t.start_date NULLS FIRST, b_t.id) FROM legislative_term b_t WHERE b_t.body_id = b.id AND ${visible.plain('b_t', V)}), '[]'::json)`,
        }),
    agendaItem: list('agendaItem'),
    consultation: list('consultation'),
    file: list('file'),
    locationList: list('location'),
    legislativeTermList: list('legislativeTerm'),
    membership: list('membership'),
    classification: txt('b.classification'),
    ...stamps('b', MODIFIED.body),
    web: web('body', 'b.id'),
  });
}

export function bodyTombstone(c: UrlCtx): string {
  return jsonObject({ id: bodyUrl(c), type: typeUrl('Body'), created: ts('b.created_at'), modified: ts(MODIFIED.body('b')), deleted: 'true' });
}

// ---------------------------------------------------------------------------------------
// The kinds served as external lists and at their id

export interface OparlKind {
  segment: ObjectSegment;
  table: string;
  type: string;
  /** Whether the anonymous audience may see row `a`. */
  visible: (a: string) => string;
  /** Whether the anonymous audience could see row `a` at some time: only such rows have tombstones. */
  onceVisible: (a: string) => string;
  /** The full object of row `a` (as listed and as served at its id). */
  object: (c: UrlCtx, a: string, o: BuildOptions) => string;
  /** `modified` of row `a` (see MODIFIED); lists filter on it. */
  modified: (a: string) => string;
  /** Schema-required fields a tombstone keeps. */
  tombstoneExtra?: (c: UrlCtx, a: string) => Record<string, string>;
}

/** The resource each kind projects; its table and visibility rule are the resource's. */
const RESOURCE_OF: Record<ObjectSegment, ResourceKind> = {
  organization: 'committee',
  person: 'person',
  membership: 'membership',
  meeting: 'session',
  agendaItem: 'agenda-item',
  paper: 'document',
  consultation: 'consultation',
  file: 'file',
  location: 'location',
  legislativeTerm: 'legislative-term',
};

function kind(segment: ObjectSegment, type: string, rest: Pick<OparlKind, 'object' | 'modified' | 'tombstoneExtra'>): OparlKind {
  const resource = RESOURCES[RESOURCE_OF[segment]];
  return { segment, type, table: resource.table, visible: (a) => resource.visible(a, V), onceVisible: (a) => resource.onceVisible(a, V), ...rest };
}

export const KINDS: Record<ObjectSegment, OparlKind> = {
  organization: kind('organization', 'Organization', { modified: MODIFIED.organization, object: (c, a) => organizationObject(c, a) }),
  person: kind('person', 'Person', { modified: MODIFIED.person, object: (c, a, o) => personObject(c, a, o) }),
  membership: kind('membership', 'Membership', { modified: MODIFIED.own, object: (c, a) => membershipObject(c, a, true) }),
  meeting: kind('meeting', 'Meeting', { modified: MODIFIED.meeting, object: (c, a, o) => meetingObject(c, a, o) }),
  agendaItem: kind('agendaItem', 'AgendaItem', { modified: MODIFIED.agendaItem, object: (c, a, o) => agendaItemObject(c, a, true, o), tombstoneExtra: (_c, a) => ({ order: `${a}.position` }) }),
  paper: kind('paper', 'Paper', { modified: MODIFIED.paper, object: (c, a, o) => paperObject(c, a, o) }),
  consultation: kind('consultation', 'Consultation', { modified: MODIFIED.own, object: (c, a) => consultationObject(c, a, true) }),
  file: kind('file', 'File', { modified: MODIFIED.own, object: (c, a) => fileObject(c, a, true), tombstoneExtra: (c, a) => ({ accessUrl: contentUrl(c, a) }) }),
  location: kind('location', 'Location', { modified: MODIFIED.own, object: (c, a) => locationObject(c, a, true) }),
  legislativeTerm: kind('legislativeTerm', 'LegislativeTerm', { modified: MODIFIED.own, object: (c, a) => legislativeTermObject(c, a, true) }),
};
