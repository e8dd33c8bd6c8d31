import type { DataSource, EntityManager } from 'typeorm';
import { AUDIENCE } from '../../../common/access/access';
import { visible } from '../../../common/access/visibility.sql';
import type { ChangeJob } from '../../../infra/queue/queues';
import type { EventPayload } from '../mail/render';
import type { NewsletterEventKind } from '../newsletter.entities';

/** A newsletter event about to be recorded. */
interface NewEvent {
  kind: NewsletterEventKind;
  sessionId: string | null;
  committeeIds: string[];
  documentType: string | null;
  searchText: string;
  payload: EventPayload & { committeeOnly?: true };
}

type Tracked = 'session' | 'agenda-item' | 'document' | 'minutes';

interface SessionState {
  name: string;
  start: string;
  end: string | null;
  cancelled: boolean;
  location: string | null;
  committeeIds: string[];
}
interface AgendaState {
  sessionId: string;
  sessionName: string;
  sessionStart: string;
  number: string | null;
  name: string;
  result: string | null;
  committeeIds: string[];
}
interface DocumentState {
  name: string;
  reference: string | null;
  documentType: string | null;
  date: string;
  committeeIds: string[];
}
interface MinutesState {
  sessionId: string;
  sessionName: string;
  sessionStart: string;
  committeeIds: string[];
}
type State = SessionState | AgendaState | DocumentState | MinutesState;

const SESSION_COMMITTEES = (session: string): string => `ARRAY(SELECT sc.committee_id FROM session_committee sc WHERE sc.session_id = ${session} ORDER BY sc.position)`;

/** Loads what the public may see of a resource now, or null. Visibility is always 'public'. */
const LOADERS: Record<Tracked, (m: EntityManager, id: string) => Promise<State | null>> = {
  session: async (m, id) => {
    const rows: { name: string; start: Date; end: Date | null; cancelled: boolean; location: string | null; committeeIds: string[] }[] = await m.query(
      `SELECT s.name, s.start, s."end", s.cancelled, ${SESSION_COMMITTEES('s.id')} AS "committeeIds",
         nullif(concat_ws(', ', l.description, l.room, l.street_address, l.locality), '') AS location
       FROM session s LEFT JOIN location l ON l.id = s.location_id AND ${visible.plain('l', 'public')}
       WHERE s.id = $1 AND ${visible.session('s', 'public')}`,
      [id],
    );
    const r = rows[0];
    return r ? { name: r.name, start: r.start.toISOString(), end: r.end?.toISOString() ?? null, cancelled: r.cancelled, location: r.location, committeeIds: r.committeeIds } : null;
  },
  'agenda-item': async (m, id) => {
    const rows: { sessionId: string; sessionName: string; sessionStart: Date; number: string | null; name: string; result: string | null; committeeIds: string[] }[] = await m.query(
      `SELECT a.session_id AS "sessionId", s.name AS "sessionName", s.start AS "sessionStart", a.number, a.name, nullif(btrim(a.result), '') AS result,
         ${SESSION_COMMITTEES('a.session_id')} AS "committeeIds"
       FROM agenda_item a JOIN session s ON s.id = a.session_id
       WHERE a.id = $1 AND ${visible.agendaItem('a', 'public')}`,
      [id],
    );
    const r = rows[0];
    return r ? { ...r, sessionStart: r.sessionStart.toISOString() } : null;
  },
  document: async (m, id) => {
    const rows: DocumentState[] = await m.query(
      `SELECT d.name, d.reference, d.document_type AS "documentType", d.date::text AS date,
         ARRAY(SELECT DISTINCT x FROM unnest(d.originator_committee_ids || ARRAY(
           SELECT c.committee_id FROM consultation c WHERE c.document_id = d.id AND c.committee_id IS NOT NULL AND ${visible.consultation('c', 'public')})) x) AS "committeeIds"
       FROM document d WHERE d.id = $1 AND ${visible.document('d', 'public')}`,
      [id],
    );
    return rows[0] ?? null;
  },
  minutes: async (m, id) => {
    const rows: { sessionId: string; sessionName: string; sessionStart: Date; committeeIds: string[] }[] = await m.query(
      `SELECT mi.session_id AS "sessionId", s.name AS "sessionName", s.start AS "sessionStart", ${SESSION_COMMITTEES('mi.session_id')} AS "committeeIds"
       FROM minutes mi JOIN session s ON s.id = mi.session_id WHERE mi.id = $1 AND ${visible.minutes('mi', 'public')}`,
      [id],
    );
    const r = rows[0];
    return r ? { ...r, sessionStart: r.sessionStart.toISOString() } : null;
  },
};

const lower = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join(' ').toLowerCase();

/** What changed between the last public state the newsletter saw (`prev`) and now (`cur`). */
function classify(resource: Tracked, id: string, prev: State | null, cur: State): NewEvent[] {
  switch (resource) {
    case 'session': {
      const c = cur as SessionState;
      const p = prev as SessionState | null;
      const payload: EventPayload = { type: 'session', sessionId: id, name: c.name, start: c.start, end: c.end, location: c.location, cancelled: c.cancelled };
      const base = { sessionId: id, committeeIds: c.committeeIds, documentType: null, searchText: lower(c.name), payload };
      if (!p) return [{ kind: c.cancelled ? 'session_cancelled' : 'session_scheduled', ...base }];
      if (c.cancelled && !p.cancelled) return [{ kind: 'session_cancelled', ...base }];
      if (!c.cancelled && (p.start !== c.start || p.end !== c.end || p.location !== c.location)) return [{ kind: 'session_moved', ...base }];
      if (!c.cancelled && p.cancelled) return [{ kind: 'session_scheduled', ...base }];
      return [];
    }
    case 'agenda-item': {
      const c = cur as AgendaState;
      const p = prev as AgendaState | null;
      const payload: EventPayload = { type: 'agenda', sessionId: c.sessionId, agendaItemId: id, sessionName: c.sessionName, sessionStart: c.sessionStart, number: c.number, name: c.name, result: c.result };
      const base = { sessionId: c.sessionId, committeeIds: c.committeeIds, documentType: null, searchText: lower(c.name, c.sessionName), payload };
      const out: NewEvent[] = [];
      if (!p || p.name !== c.name || p.number !== c.number) out.push({ kind: 'agenda_changed', ...base });
      if (c.result && c.result !== p?.result) out.push({ kind: 'results_recorded', ...base });
      return out;
    }
    case 'document': {
      const c = cur as DocumentState;
      const p = prev as DocumentState | null;
      const payload: EventPayload = { type: 'document', documentId: id, name: c.name, reference: c.reference, documentType: c.documentType, date: c.date };
      if (!p) return [{ kind: 'document_published', sessionId: null, committeeIds: c.committeeIds, documentType: c.documentType, searchText: lower(c.name, c.reference), payload }];
      return [];
    }
    case 'minutes': {
      const c = cur as MinutesState;
      if (prev) return [];
      return [
        {
          kind: 'minutes_published',
          sessionId: c.sessionId,
          committeeIds: c.committeeIds,
          documentType: null,
          searchText: lower(c.sessionName),
          payload: { type: 'minutes', sessionId: c.sessionId, sessionName: c.sessionName, sessionStart: c.sessionStart },
        },
      ];
    }
  }
}

const TRACKED = new Set<string>(['session', 'agenda-item', 'document', 'minutes']);

/** Whether a change event can lead to newsletter events (consumeChange skips all others). */
export function concernsNewsletter(job: ChangeJob): boolean {
  if (job.resource === 'consultation') return job.audienceAfter === AUDIENCE.public && job.audienceBefore !== AUDIENCE.public;
  return TRACKED.has(job.resource);
}

/**
 * The outbox relay's recorder: the change events of a batch that concern the newsletter become
 * its backlog, in the relay's transaction and one statement, so that an event is never marked
 * relayed while the newsletter could still lose it with its Redis job (see reconcile.ts).
 */
export async function recordChanges(m: EntityManager, events: ChangeJob[]): Promise<void> {
  const ids = events.filter(concernsNewsletter).map((e) => e.eventId);
  if (!ids.length) return;
  await m.query(`INSERT INTO newsletter_backlog (change_event_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING`, [ids]);
}

/** Removes a change event from the backlog without reading it (the newsletter is switched off). */
export async function dropChange(ds: DataSource, job: ChangeJob): Promise<void> {
  await ds.query(`DELETE FROM newsletter_backlog WHERE change_event_id = $1`, [job.eventId]);
}

/** The event leaves the backlog in the transaction that reads it: committed together, or neither. */
const done = (m: EntityManager, job: ChangeJob): Promise<unknown> => m.query(`DELETE FROM newsletter_backlog WHERE change_event_id = $1`, [job.eventId]);

/**
 * Turns one change event into newsletter events and takes it off the backlog. Idempotent and
 * safe out of order: it compares the resource's current public state with the last state it
 * saw (a snapshot row, locked, that also remembers the newest change event applied) and
 * ignores older events.
 */
export async function consumeChange(ds: DataSource, job: ChangeJob): Promise<number> {
  if (!concernsNewsletter(job)) return 0;
  if (job.resource === 'consultation') return consumeConsultation(ds, job);
  const resource = job.resource as Tracked;
  return ds.transaction(async (m) => {
    await done(m, job);
    await m.query(
      `INSERT INTO newsletter_snapshot (resource_id, body_id, resource, change_event_id, state) VALUES ($1, $2, $3, 0, NULL) ON CONFLICT (resource_id) DO NOTHING`,
      [job.resourceId, job.bodyId, resource],
    );
    const [snap]: { changeEventId: string; state: State | null }[] = await m.query(
      `SELECT change_event_id::text AS "changeEventId", state FROM newsletter_snapshot WHERE resource_id = $1 FOR UPDATE`,
      [job.resourceId],
    );
    if (BigInt(snap.changeEventId) >= BigInt(job.eventId)) return 0;
    const current = await LOADERS[resource](m, job.resourceId);
    let events: NewEvent[] = [];
    if (!current) {
      // No longer public: whatever was not mailed yet about it is not mailed at all.
      await m.query(
        `UPDATE newsletter_event SET withdrawn_at = now() WHERE (resource_id = $1 OR ($2 AND session_id = $1)) AND withdrawn_at IS NULL`,
        [job.resourceId, resource === 'session'],
      );
    } else if (snap.changeEventId === '0' && job.audienceBefore === AUDIENCE.public && job.action !== 'created') {
      // First sight of something already public (older than the newsletter): only a
      // cancellation is unambiguous; otherwise the current state becomes the baseline.
      if (resource === 'session' && (current as SessionState).cancelled) events = classify(resource, job.resourceId, null, current);
    } else {
      events = classify(resource, job.resourceId, snap.state, current);
    }
    for (const e of events) await insertEvent(m, job, resource, job.resourceId, e);
    await m.query(`UPDATE newsletter_snapshot SET change_event_id = $2, state = $3, modified_at = now() WHERE resource_id = $1`, [
      job.resourceId,
      job.eventId,
      current ? JSON.stringify(current) : null,
    ]);
    return events.length;
  });
}

/** A consultation that became public puts its (public) document before followers of its committee. */
async function consumeConsultation(ds: DataSource, job: ChangeJob): Promise<number> {
  return ds.transaction(async (m) => {
    await done(m, job);
    const rows: { documentId: string; committeeId: string | null }[] = await m.query(
      `SELECT c.document_id AS "documentId", c.committee_id AS "committeeId" FROM consultation c WHERE c.id = $1 AND ${visible.consultation('c', 'public')}`,
      [job.resourceId],
    );
    const row = rows[0];
    if (!row?.committeeId) return 0;
    const doc = (await LOADERS.document(m, row.documentId)) as DocumentState | null;
    if (!doc) return 0;
    await insertEvent(m, job, 'document', row.documentId, {
      kind: 'document_published',
      sessionId: null,
      committeeIds: [row.committeeId],
      documentType: null,
      searchText: '',
      payload: { type: 'document', documentId: row.documentId, name: doc.name, reference: doc.reference, documentType: doc.documentType, date: doc.date, committeeOnly: true },
    });
    return 1;
  });
}

async function insertEvent(m: EntityManager, job: ChangeJob, resource: string, resourceId: string, e: NewEvent): Promise<void> {
  await m.query(
    `INSERT INTO newsletter_event (body_id, change_event_id, kind, resource, resource_id, session_id, committee_ids, document_type, search_text, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (change_event_id, kind) DO NOTHING`,
    [job.bodyId, job.eventId, e.kind, resource, resourceId, e.sessionId, e.committeeIds, e.documentType, e.searchText, JSON.stringify(e.payload)],
  );
}
