import type { Visibility } from './access';

/**
 * SQL predicates for "can this audience see this row". The single place that decides
 * visibility: reads, change events, the OParl projection and search all use them.
 */
const published = (a: string, v: Visibility): string =>
  v === 'staff' ? `${a}.deleted_at IS NULL` : `${a}.deleted_at IS NULL AND ${a}.published_at IS NOT NULL`;

const publicFlag = (a: string, v: Visibility): string => (v === 'public' ? ` AND ${a}.public` : '');

export const visible = {
  /** Rows with no rule of their own: committees, people, memberships, locations, terms. */
  plain: (a: string, v: Visibility): string => published(a, v),

  /** A seat is shown only when the person and the committee are visible too. */
  membership: (a: string, v: Visibility): string =>
    `${published(a, v)} AND EXISTS (SELECT 1 FROM person vp_${a} WHERE vp_${a}.id = ${a}.person_id AND ${published(`vp_${a}`, v)})` +
    ` AND EXISTS (SELECT 1 FROM committee vc_${a} WHERE vc_${a}.id = ${a}.committee_id AND ${published(`vc_${a}`, v)})`,

  session: (a: string, v: Visibility): string => published(a, v),

  agendaItem: (a: string, v: Visibility): string =>
    `${published(a, v)}${publicFlag(a, v)} AND EXISTS (SELECT 1 FROM session vs_${a} WHERE vs_${a}.id = ${a}.session_id AND ${visible.session(`vs_${a}`, v)})`,

  document: (a: string, v: Visibility): string => `${published(a, v)}${publicFlag(a, v)}`,

  consultation: (a: string, v: Visibility): string =>
    `${published(a, v)} AND EXISTS (SELECT 1 FROM document vd_${a} WHERE vd_${a}.id = ${a}.document_id AND ${visible.document(`vd_${a}`, v)})` +
    ` AND (${a}.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM agenda_item va_${a} WHERE va_${a}.id = ${a}.agenda_item_id AND ${visible.agendaItem(`va_${a}`, v)}))`,

  minutes: (a: string, v: Visibility): string => {
    const status = v === 'public' ? `${a}.status = 'published'` : v === 'member' ? `${a}.status IN ('approved', 'published')` : 'TRUE';
    return `${a}.deleted_at IS NULL AND ${status} AND EXISTS (SELECT 1 FROM session vs_${a} WHERE vs_${a}.id = ${a}.session_id AND ${visible.session(`vs_${a}`, v)})`;
  },

  /** A file is visible when it is and its parent (document, agenda item, session, minutes) is. */
  file: (a: string, v: Visibility): string =>
    `${published(a, v)}${publicFlag(a, v)}` +
    ` AND (${a}.document_id IS NULL OR EXISTS (SELECT 1 FROM document vd_${a} WHERE vd_${a}.id = ${a}.document_id AND ${visible.document(`vd_${a}`, v)}))` +
    ` AND (${a}.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM agenda_item va_${a} WHERE va_${a}.id = ${a}.agenda_item_id AND ${visible.agendaItem(`va_${a}`, v)}))` +
    ` AND (${a}.session_id IS NULL OR EXISTS (SELECT 1 FROM session vs_${a} WHERE vs_${a}.id = ${a}.session_id AND ${visible.session(`vs_${a}`, v)}))` +
    ` AND NOT EXISTS (SELECT 1 FROM minutes vm_${a} WHERE vm_${a}.file_id = ${a}.id AND vm_${a}.deleted_at IS NULL AND NOT (${visible.minutes(`vm_${a}`, v)}))`,
};
