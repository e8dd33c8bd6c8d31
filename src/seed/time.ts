/** Calendar helpers. Dates are `YYYY-MM-DD` strings; wall-clock times are Europe/Berlin. */

export const DAY_MS = 86_400_000;

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function berlinFields(instant: Date): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of berlinParts.formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
}

/** Milliseconds Berlin wall-clock time is ahead of UTC at `instant`. */
function berlinOffsetMs(instant: Date): number {
  const f = berlinFields(instant);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the clocks in Berlin show `date` `hour:minute`. */
export function berlinInstant(date: string, hour: number, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const first = wall - berlinOffsetMs(new Date(wall));
  const second = wall - berlinOffsetMs(new Date(first));
  return new Date(second);
}

/** The Berlin calendar date of an instant. */
export function berlinDate(instant: Date): string {
  const f = berlinFields(instant);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function toDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(new Date(toDate(date).getTime() + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** First day of the month `offset` months away from the month of `date`. */
export function monthStart(date: string, offset = 0): string {
  const d = toDate(date);
  return isoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
}

/** The `n`-th (1-based) `weekday` (1 = Monday … 7 = Sunday) of the month that starts at `first`. */
export function nthWeekdayOfMonth(first: string, weekday: number, n: number): string {
  const isoWeekday = ((toDate(first).getUTCDay() + 6) % 7) + 1;
  return addDays(first, ((weekday - isoWeekday + 7) % 7) + (n - 1) * 7);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
export const MONTH_NAMES = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** "12.03.2026" */
export function formatDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** "Donnerstag, 12. März 2026" */
export function formatLongDate(date: string): string {
  const d = toDate(date);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()}. ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "17:00" in Berlin. */
export function formatTime(instant: Date): string {
  const f = berlinFields(instant);
  return `${pad(f.hour)}:${pad(f.minute)}`;
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/** "1.234.500,00 €" */
export function formatEuro(amount: number): string {
  return euro.format(amount).replace(/\s/g, ' ');
}
