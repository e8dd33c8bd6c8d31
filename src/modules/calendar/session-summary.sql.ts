import type { Visibility } from '../../common/access/access';
import { onceVisibleOwn, visible, visibleOwn } from '../../common/access/visibility.sql';

/**
 * What a calendar event and a feed entry say about session `s`, as the audience sees it: its
 * location in one line, its committees, and (`items.`) its public agenda with the latest change
 * of an agenda item the audience could see at some time (a deletion or withdrawal counts).
 */
export function sessionSummary(v: Visibility): { location: string; committees: string; agenda: string } {
  return {
    location: `(SELECT NULLIF(concat_ws(', ', l.description, l.room, l.street_address, NULLIF(concat_ws(' ', l.postal_code, l.locality), '')), '')
           FROM location l WHERE l.id = s.location_id AND ${visible.plain('l', v)})`,
    committees: `(SELECT array_agg(c.name ORDER BY sc.position) FROM session_committee sc JOIN committee c ON c.id = sc.committee_id
           WHERE sc.session_id = s.id AND ${visible.plain('c', v)})`,
    agenda: `LEFT JOIN LATERAL (
        SELECT max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (WHERE ${onceVisibleOwn.agendaItem('ai', v)}) AS changed,
               string_agg(concat_ws(' ', ai.number, ai.name), E'\\n' ORDER BY ai.position, ai.id) FILTER (WHERE ${visibleOwn.agendaItem('ai', v)}) AS agenda
        FROM agenda_item ai WHERE ai.session_id = s.id
      ) items ON TRUE`,
  };
}
