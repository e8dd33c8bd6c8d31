import { AUDIENCE, type Visibility } from './access';

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

/** The rows a file may hang on, in the order `visible.file` checks them. */
const FILE_PARENTS = ['document', 'agendaItem', 'session', 'minutes'] as const;
export type FileParent = (typeof FILE_PARENTS)[number];

/**
 * The row's own flags only, without its parent: for queries that reach the rows through a
 * parent whose visibility they check already (a session's agenda items and minutes).
 */
export const visibleOwn = {
  agendaItem: (a: string, v: Visibility): string => `${published(a, v)}${publicFlag(a, v)}`,

  /** A consultation reached through its agenda item: its own flags and its document. */
  consultation: (a: string, v: Visibility): string =>
    `${published(a, v)} AND ${parent('document', `vd_${a}`, `${a}.document_id`, visible.document(`vd_${a}`, v), 'FALSE')}`,

  /** A consultation reached through its document: its own flags and its agenda item. */
  documentConsultation: (a: string, v: Visibility): string =>
    `${published(a, v)} AND ${parent('agenda_item', `va_${a}`, `${a}.agenda_item_id`, visible.agendaItem(`va_${a}`, v), 'TRUE')}`,

  minutes: (a: string, v: Visibility): string => {
    const status = v === 'public' ? `${a}.status = 'published'` : v === 'member' ? `${a}.status IN ('approved', 'published')` : 'TRUE';
    return `${a}.deleted_at IS NULL AND ${status}`;
  },

  /**
   * A file reached through parents already checked (`checked`): its own flags and the parents
   * not in `checked`. A file may hang on several parents at once (a document and an agenda
   * item, say), so the others stay checked. `minutes` is checked when the query keeps only
   * files that no minutes name.
   */
  file: (a: string, v: Visibility, checked: readonly FileParent[]): string => {
    const parents: Record<FileParent, () => string> = {
      document: () => parent('document', `vd_${a}`, `${a}.document_id`, visible.document(`vd_${a}`, v), 'TRUE'),
      agendaItem: () => parent('agenda_item', `va_${a}`, `${a}.agenda_item_id`, visible.agendaItem(`va_${a}`, v), 'TRUE'),
      session: () => parent('session', `vs_${a}`, `${a}.session_id`, visible.session(`vs_${a}`, v), 'TRUE'),
      minutes: () => `COALESCE((SELECT bool_and(${visible.minutes(`vm_${a}`, v)}) FROM minutes vm_${a} WHERE vm_${a}.file_id = ${a}.id AND vm_${a}.deleted_at IS NULL), TRUE)`,
    };
    const others = FILE_PARENTS.filter((p) => !checked.includes(p)).map((p) => ` AND ${parents[p]()}`);
    return `${published(a, v)}${publicFlag(a, v)}${others.join('')}`;
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
  file: (a: string, v: Visibility): string => visibleOwn.file(a, v, []),
};

/** Whether the row's own flags once let audience `v` see it (see `widest_audience`). */
const once = (a: string, v: Visibility): string => (v === 'staff' ? 'TRUE' : `${a}.widest_audience >= ${AUDIENCE[v]}`);

/**
 * "Could this audience ever see this row", the row's own flags only (like `visibleOwn`): for
 * rows reached through a parent already checked. True for every row `visible` shows, and for
 * those it showed once and no longer does (deleted, withdrawn, made non-public).
 */
export const onceVisibleOwn = {
  agendaItem: once,
  /** A consultation reached through its agenda item: its own flags and its document. */
  consultation: (a: string, v: Visibility): string => `${once(a, v)} AND ${parent('document', `od_${a}`, `${a}.document_id`, onceVisible.document(`od_${a}`, v), 'FALSE')}`,
  minutes: once,
  plain: once,
};

/**
 * "Could this audience ever see this row": tombstones, `modified` stamps and calendar
 * sequences look only at these rows, so that drafts (and non-public rows, for anonymous
 * callers) leave no trace for an audience that never saw them. The parents of a row count as
 * in `visible`, each on its own widest audience: a row and its parent that were each visible
 * at some time are taken to have been visible together.
 */
export const onceVisible = {
  plain: once,

  membership: (a: string, v: Visibility): string =>
    `${once(a, v)} AND ${parent('person', `op_${a}`, `${a}.person_id`, once(`op_${a}`, v), 'FALSE')}` +
    ` AND ${parent('committee', `oc_${a}`, `${a}.committee_id`, once(`oc_${a}`, v), 'FALSE')}`,

  session: once,

  agendaItem: (a: string, v: Visibility): string => `${once(a, v)} AND ${parent('session', `os_${a}`, `${a}.session_id`, once(`os_${a}`, v), 'FALSE')}`,

  document: once,

  consultation: (a: string, v: Visibility): string =>
    `${once(a, v)} AND ${parent('document', `od_${a}`, `${a}.document_id`, onceVisible.document(`od_${a}`, v), 'FALSE')}` +
    ` AND ${parent('agenda_item', `oa_${a}`, `${a}.agenda_item_id`, onceVisible.agendaItem(`oa_${a}`, v), 'TRUE')}`,

  minutes: (a: string, v: Visibility): string => `${once(a, v)} AND ${parent('session', `os_${a}`, `${a}.session_id`, once(`os_${a}`, v), 'FALSE')}`,

  file: (a: string, v: Visibility): string =>
    `${once(a, v)}` +
    ` AND ${parent('document', `od_${a}`, `${a}.document_id`, onceVisible.document(`od_${a}`, v), 'TRUE')}` +
    ` AND ${parent('agenda_item', `oa_${a}`, `${a}.agenda_item_id`, onceVisible.agendaItem(`oa_${a}`, v), 'TRUE')}` +
    ` AND ${parent('session', `os_${a}`, `${a}.session_id`, onceVisible.session(`os_${a}`, v), 'TRUE')}` +
    ` AND COALESCE((SELECT bool_and(${onceVisible.minutes(`om_${a}`, v)}) FROM minutes om_${a} WHERE om_${a}.file_id = ${a}.id AND om_${a}.deleted_at IS NULL), TRUE)`,
} satisfies Record<string, (alias: string, v: Visibility) => string>;
