import type { Visibility } from './access';

/**
 * SQL predicates for "can this audience see this row". The single place that decides
 * visibility: reads, change events, the OParl projection, search and mail all use them.
 *
 * Parent checks are scalar subqueries on the parent's primary key, not EXISTS: PostgreSQL
 * may turn `x IS NULL OR EXISTS (…)` into a hashed scan of the whole parent table, which
 * made a 20-row page of files read 250,000 agenda items. A scalar subquery is evaluated per
 * row with one index lookup, so a page costs what its rows cost.
 */
const published = (a: string, v: Visibility): string =>
  v === 'staff' ? `${a}.deleted_at IS NULL` : `${a}.deleted_at IS NULL AND ${a}.published_at IS NOT NULL`;

const publicFlag = (a: string, v: Visibility): string => (v === 'public' ? ` AND ${a}.public` : '');

/** Whether the row of `table` with id `column` is visible; `ifNone` when the column is null. */
const parent = (table: string, alias: string, column: string, predicate: string, ifNone: 'TRUE' | 'FALSE'): string =>
  `COALESCE((SELECT ${predicate} FROM ${table} ${alias} WHERE ${alias}.id = ${column}), ${ifNone})`;

/**
 * The row's own flags only, without its parent: for queries that reach the rows through a
 * parent whose visibility they check already (a session's agenda items and minutes).
 */
export const visibleOwn = {
  agendaItem: (a: string, v: Visibility): string => `${published(a, v)}${publicFlag(a, v)}`,

  minutes: (a: string, v: Visibility): string => {
    const status = v === 'public' ? `${a}.status = 'published'` : v === 'member' ? `${a}.status IN ('approved', 'published')` : 'TRUE';
    return `${a}.deleted_at IS NULL AND ${status}`;
  },
};

export const visible = {
  /** Rows with no rule of their own: committees, people, locations, terms. */
  plain: (a: string, v: Visibility): string => published(a, v),

  /** A seat is shown only when the person and the committee are visible too. */
  membership: (a: string, v: Visibility): string =>
    `${published(a, v)} AND ${parent('person', `vp_${a}`, `${a}.person_id`, published(`vp_${a}`, v), 'FALSE')}` +
    ` AND ${parent('committee', `vc_${a}`, `${a}.committee_id`, published(`vc_${a}`, v), 'FALSE')}`,

  session: (a: string, v: Visibility): string => published(a, v),

  agendaItem: (a: string, v: Visibility): string =>
    `${visibleOwn.agendaItem(a, v)} AND ${parent('session', `vs_${a}`, `${a}.session_id`, visible.session(`vs_${a}`, v), 'FALSE')}`,

  document: (a: string, v: Visibility): string => `${published(a, v)}${publicFlag(a, v)}`,

  consultation: (a: string, v: Visibility): string =>
    `${published(a, v)} AND ${parent('document', `vd_${a}`, `${a}.document_id`, visible.document(`vd_${a}`, v), 'FALSE')}` +
    ` AND ${parent('agenda_item', `va_${a}`, `${a}.agenda_item_id`, visible.agendaItem(`va_${a}`, v), 'TRUE')}`,

  minutes: (a: string, v: Visibility): string =>
    `${visibleOwn.minutes(a, v)} AND ${parent('session', `vs_${a}`, `${a}.session_id`, visible.session(`vs_${a}`, v), 'FALSE')}`,

  /** A file is visible when it is and its parent (document, agenda item, session, minutes) is. */
  file: (a: string, v: Visibility): string =>
    `${published(a, v)}${publicFlag(a, v)}` +
    ` AND ${parent('document', `vd_${a}`, `${a}.document_id`, visible.document(`vd_${a}`, v), 'TRUE')}` +
    ` AND ${parent('agenda_item', `va_${a}`, `${a}.agenda_item_id`, visible.agendaItem(`va_${a}`, v), 'TRUE')}` +
    ` AND ${parent('session', `vs_${a}`, `${a}.session_id`, visible.session(`vs_${a}`, v), 'TRUE')}` +
    ` AND COALESCE((SELECT bool_and(${visible.minutes(`vm_${a}`, v)}) FROM minutes vm_${a} WHERE vm_${a}.file_id = ${a}.id AND vm_${a}.deleted_at IS NULL), TRUE)`,
};
