import { Problem } from '../http/problem';

/** SQL type a cursor value is cast to (the type of its key column). */
export type CursorCast = 'timestamptz' | 'uuid' | 'text' | 'int' | 'date' | 'bigint';

/** Opaque keyset cursor: the sort-key values of the last row of a page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function invalidCursor(): Problem {
  return Problem.invalid([{ field: 'cursor', text: 'cursor_invalid' }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `::text` of a date (ISO DateStyle), e.g. `2025-01-31`, `0044-03-15 BC`. */
const DATE = /^(\d{4,7})-(\d\d)-(\d\d)( BC)?$/;
/** `::text` of a timestamptz (ISO DateStyle), e.g. `2025-01-31 18:00:00.5+01`, `1850-01-01 00:00:00+00:53:28`. */
const TIMESTAMPTZ = /^(\d{4,6})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.\d{1,6})?[+-](\d\d)(?::(\d\d)(?::(\d\d))?)?( BC)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether PostgreSQL's (proleptic Gregorian) calendar has this day, within the type's range. */
function calendarDay(year: string, month: string, day: string, bc: boolean, maxYear: number): boolean {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (y < 1 || y > (bc ? 4713 : maxYear) || m < 1 || m > 12 || d < 1) return false;
  const astronomical = bc ? 1 - y : y;
  const leap = astronomical % 4 === 0 && (astronomical % 100 !== 0 || astronomical % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

const within = (value: string, min: bigint, max: bigint): boolean => BigInt(value) >= min && BigInt(value) <= max;

/**
 * Whether PostgreSQL accepts `value` as `::cast`. Keeps a forged cursor from reaching the
 * cast, where it would fail the query (a 500) instead of being refused (a 400).
 */
function castable(cast: CursorCast, value: string): boolean {
  switch (cast) {
    case 'uuid':
      return UUID.test(value);
    case 'text':
      return !value.includes('\u0000');
    case 'int':
      return /^-?\d{1,10}$/.test(value) && within(value, -(2n ** 31n), 2n ** 31n - 1n);
    case 'bigint':
      return /^-?\d{1,19}$/.test(value) && within(value, -(2n ** 63n), 2n ** 63n - 1n);
    case 'date': {
      if (value === 'infinity' || value === '-infinity') return true;
      const m = DATE.exec(value);
      return !!m && calendarDay(m[1], m[2], m[3], !!m[4], 5874896);
    }
    case 'timestamptz': {
      if (value === 'infinity' || value === '-infinity') return true;
      const m = TIMESTAMPTZ.exec(value);
      return !!m && calendarDay(m[1], m[2], m[3], !!m[10], 294275) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60 && Number(m[7]) < 16 && Number(m[8] ?? 0) < 60 && Number(m[9] ?? 0) < 60;
    }
  }
}

/**
 * The values of a cursor. `keys` is their number, or the cast of each, in which case every
 * value must be one PostgreSQL accepts as that type. Anything else is a 400.
 */
export function decodeCursor(cursor: string, keys: number | readonly CursorCast[]): string[] {
  const arity = typeof keys === 'number' ? keys : keys.length;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== arity || !values.every((v) => typeof v === 'string' || typeof v === 'number')) throw invalidCursor();
  const strings = values.map(String);
  if (typeof keys !== 'number' && !strings.every((v, i) => castable(keys[i], v))) throw invalidCursor();
  return strings;
}
