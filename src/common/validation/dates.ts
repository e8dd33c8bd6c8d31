import { Problem } from '../http/problem';

/** 400 when `endDate` lies before `startDate`. Dates are `YYYY-MM-DD`, so they compare as strings. */
export function checkDates(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) throw Problem.invalid([{ field: 'endDate', text: 'before_start', params: { start: 'startDate' } }]);
}

/** 400 when `end` lies before `start` (ISO 8601 times, compared as instants). */
export function checkTimes(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && new Date(end).getTime() < new Date(start).getTime()) {
    throw Problem.invalid([{ field: 'end', text: 'before_start', params: { start: 'start' } }]);
  }
}
