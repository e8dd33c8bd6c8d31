import { addDays, berlinInstant, monthOf, monthStart, nthWeekdayOfMonth } from '../time';
import { BOARDS, BoardDef, BoardKey, LocationKey, boardByKey } from './catalog';
import type { Term } from './people';

/**
 * The session calendar: every board meets on a fixed weekday of the month except in its
 * holiday months, from 15 months before today to 9 months after. The window always spans
 * 24 calendar months, so the number of sessions does not depend on the day the seed runs.
 */

export const MONTHS_BACK = 15;
export const MONTHS_AHEAD = 8;

export interface PlannedSession {
  key: string;
  boards: BoardKey[];
  name: string;
  date: string;
  start: Date;
  end: Date;
  location: LocationKey;
  /** 1-based number of the lead board's session within its legislative term. */
  ordinal: number;
  cancelled: boolean;
  /** A special session still being prepared: not published. */
  draft: boolean;
}

function termOf(terms: readonly Term[], date: string): Term {
  return terms.find((t) => t.start <= date && date <= t.end) ?? terms[terms.length - 1];
}

function meetsIn(board: BoardDef, month: string): boolean {
  return !board.schedule.offMonths.includes(monthOf(month));
}

function sessionDate(board: BoardDef, month: string): string {
  return nthWeekdayOfMonth(month, board.schedule.weekday, board.schedule.week);
}

/** Number of the board's session on `date` since the start of its term. */
function ordinalInTerm(board: BoardDef, date: string, term: Term): number {
  let count = 0;
  for (let month = monthStart(term.start); month <= date; month = monthStart(month, 1)) {
    if (meetsIn(board, month) && sessionDate(board, month) >= term.start && sessionDate(board, month) <= date) count++;
  }
  return Math.max(count, 1);
}

const ordinalName = (ordinal: number, board: BoardDef): string => `${ordinal}. Sitzung ${board.genitive}`;

function regularSessions(today: string, terms: readonly Term[]): PlannedSession[] {
  const sessions: PlannedSession[] = [];
  for (const board of BOARDS) {
    for (let offset = -MONTHS_BACK; offset <= MONTHS_AHEAD; offset++) {
      const month = monthStart(today, offset);
      if (!meetsIn(board, month)) continue;
      const date = sessionDate(board, month);
      const ordinal = ordinalInTerm(board, date, termOf(terms, date));
      const start = berlinInstant(date, board.schedule.hour, board.schedule.minute);
      sessions.push({
        key: `${board.key}:${offset}`,
        boards: [board.key],
        name: ordinalName(ordinal, board),
        date,
        start,
        end: new Date(start.getTime() + (board.kind === 'council' ? 4 : 2.5) * 3_600_000),
        location: board.location,
        ordinal,
        cancelled: false,
        draft: false,
      });
    }
  }
  return sessions;
}

/** A joint session of the building and the environment committee, some months back. */
function jointSession(today: string): PlannedSession {
  const bpa = boardByKey('bpa');
  const ukm = boardByKey('ukm');
  const date = nthWeekdayOfMonth(monthStart(today, -5), 4, 4);
  const start = berlinInstant(date, 18, 0);
  return {
    key: 'joint:bpa-ukm',
    boards: ['bpa', 'ukm'],
    name: `Gemeinsame Sitzung ${bpa.genitive} und ${ukm.genitive}`,
    date,
    start,
    end: new Date(start.getTime() + 2 * 3_600_000),
    location: 'stadthalle',
    ordinal: 1,
    cancelled: false,
    draft: false,
  };
}

/** A special session of the finance committee that is planned but not yet published. */
function draftSession(today: string): PlannedSession {
  const hfa = boardByKey('hfa');
  const date = nthWeekdayOfMonth(monthStart(today, 2), 4, 4);
  const start = berlinInstant(date, 17, 0);
  return {
    key: 'special:hfa',
    boards: ['hfa'],
    name: `Sondersitzung ${hfa.genitive}`,
    date,
    start,
    end: new Date(start.getTime() + 2 * 3_600_000),
    location: 'ratssaal',
    ordinal: 1,
    cancelled: false,
    draft: true,
  };
}

/** Cancels the culture committee's last session two months back and the social committee's next one after the coming fortnight. */
function cancelSome(sessions: PlannedSession[], today: string): void {
  const pastCutoff = addDays(today, -60);
  const past = sessions.filter((s) => s.boards[0] === 'kul' && s.date < pastCutoff).at(-1);
  const future = sessions.find((s) => s.boards[0] === 'soz' && s.date > addDays(today, 14));
  if (past) past.cancelled = true;
  if (future) future.cancelled = true;
}

export function planCalendar(today: string, terms: readonly Term[]): PlannedSession[] {
  const sessions = [...regularSessions(today, terms), jointSession(today), draftSession(today)];
  sessions.sort((a, b) => a.start.getTime() - b.start.getTime() || a.key.localeCompare(b.key));
  cancelSome(sessions, today);
  return sessions;
}
