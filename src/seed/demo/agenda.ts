import { Random } from '../random';
import { addDays, formatDate } from '../time';
import type { PlannedSession } from './calendar';
import { boardByKey } from './catalog';
import type { AgendaEntry, Section } from './plan';

/**
 * Lays out each session's agenda: formal items around the documents, numbered "Ö 1", "Ö 3.2"
 * in the public part and "N 1" in the non-public part, positions counted from 0.
 */

export interface AgendaItemPlan {
  /** Unique within the session. */
  key: string;
  session: PlannedSession;
  number: string;
  position: number;
  name: string;
  public: boolean;
  result: string | null;
  resolution: string | null;
  entry: AgendaEntry | null;
  start: Date | null;
  end: Date | null;
}

type Draft = Omit<AgendaItemPlan, 'number' | 'position' | 'start' | 'end'> & { children?: Draft[] };

export type SessionState = 'scheduled' | 'invited' | 'held';

/** Days before a session the invitation goes out. */
export const INVITATION_DAYS = 21;

export function sessionState(session: PlannedSession, today: string): SessionState {
  if (session.date < today) return session.cancelled ? 'invited' : 'held';
  return session.date <= addDays(today, INVITATION_DAYS) ? 'invited' : 'scheduled';
}

function formal(session: PlannedSession, key: string, name: string, isPublic: boolean, held: boolean, result: string | null = null, resolution: string | null = null): Draft {
  return { key, session, name, public: isPublic, result: held ? result : null, resolution: held ? resolution : null, entry: null };
}

function fromEntry(entry: AgendaEntry): Draft {
  return { key: entry.key, session: entry.session, name: entry.name, public: entry.section !== 'closed', result: entry.result, resolution: entry.resolution, entry };
}

function group(entries: readonly AgendaEntry[], section: Section): Draft[] {
  return entries.filter((e) => e.section === section).map(fromEntry);
}

function publicPart(session: PlannedSession, entries: readonly AgendaEntry[], previous: PlannedSession | undefined, held: boolean): Draft[] {
  const items: Draft[] = [formal(session, 'opening', 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', true, held)];
  if (session.cancelled) return items;
  if (previous) {
    items.push(formal(session, 'minutes', `Genehmigung der Niederschrift über die ${previous.name} vom ${formatDate(previous.date)}`, true, held, 'genehmigt', 'Die Niederschrift wird ohne Änderungen genehmigt.'));
  }
  if (session.boards[0] === 'rat') {
    items.push(formal(session, 'questions', 'Einwohnerfragestunde', true, held, null, 'Es wurden zwei Fragen zur Verkehrsführung in der Innenstadt gestellt und von der Verwaltung beantwortet.'));
  }
  items.push(...group(entries, 'decision'));
  items.push({ ...formal(session, 'reports', 'Mitteilungen der Verwaltung', true, held, 'zur Kenntnis genommen'), children: group(entries, 'report') });
  items.push({ ...formal(session, 'inquiries', 'Anfragen', true, held), children: group(entries, 'inquiry') });
  return items;
}

function closedPart(session: PlannedSession, entries: readonly AgendaEntry[], previous: PlannedSession | undefined, held: boolean, index: number): Draft[] {
  const matters = group(entries, 'closed');
  if (session.cancelled || (matters.length === 0 && index % 3 !== 0)) return [];
  const items: Draft[] = [];
  if (previous) items.push(formal(session, 'closed-minutes', 'Genehmigung der Niederschrift (nichtöffentlicher Teil)', false, held, 'genehmigt'));
  items.push(...matters);
  items.push(formal(session, 'closed-reports', 'Mitteilungen der Verwaltung (nichtöffentlich)', false, held, 'zur Kenntnis genommen'));
  return items;
}

/** Numbers the drafts, flattening children into "Ö 3.1" items, and gives held sessions item times. */
function number(session: PlannedSession, publicItems: Draft[], closedItems: Draft[], held: boolean): AgendaItemPlan[] {
  const random = Random.from(`agenda:${session.key}`);
  const out: AgendaItemPlan[] = [];
  let clock = session.start.getTime();
  const push = (draft: Draft, label: string): void => {
    const minutes = draft.entry ? random.int(10, 35) : random.int(3, 12);
    const start = held ? new Date(clock) : null;
    clock += minutes * 60_000;
    out.push({ key: draft.key, session, number: label, position: out.length, name: draft.name, public: draft.public, result: draft.result, resolution: draft.resolution, entry: draft.entry, start, end: held ? new Date(clock) : null });
  };
  publicItems.forEach((draft, i) => {
    push(draft, `Ö ${i + 1}`);
    (draft.children ?? []).forEach((child, j) => push(child, `Ö ${i + 1}.${j + 1}`));
  });
  closedItems.forEach((draft, i) => push(draft, `N ${i + 1}`));
  return out;
}

/** Agendas of all sessions, keyed by session key. */
export function layOutAgendas(sessions: readonly PlannedSession[], entries: readonly AgendaEntry[], today: string): Map<string, AgendaItemPlan[]> {
  const bySession = new Map<string, AgendaEntry[]>();
  for (const entry of entries) bySession.set(entry.session.key, [...(bySession.get(entry.session.key) ?? []), entry]);
  const agendas = new Map<string, AgendaItemPlan[]>();
  const lastOfBoard = new Map<string, PlannedSession>();
  sessions.forEach((session, index) => {
    const lead = boardByKey(session.boards[0]);
    const regular = session.boards.length === 1 && !session.draft;
    const previous = regular ? lastOfBoard.get(lead.key) : undefined;
    const held = sessionState(session, today) === 'held';
    const own = bySession.get(session.key) ?? [];
    agendas.set(session.key, number(session, publicPart(session, own, previous, held), closedPart(session, own, previous, held, index), held));
    if (regular && !session.cancelled) lastOfBoard.set(lead.key, session);
  });
  return agendas;
}
