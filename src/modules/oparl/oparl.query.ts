import { HttpStatus } from '@nestjs/common';
import { Problem } from '../../common/http/problem';
import type { DetailKey, Params } from '../../common/http/problem-texts';

/** Page size when the client sends no `limit`, and the largest page we hand out. */
export const OPARL_DEFAULT_LIMIT = 100;
export const OPARL_MAX_LIMIT = 1000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const DATE_FILTERS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;
export type DateFilter = (typeof DATE_FILTERS)[number];

/** The query of an OParl list (§2.5.5): date filters (inclusive bounds), omit_internal, limit, cursor. */
export interface OparlListQuery {
  filters: Partial<Record<DateFilter, string>>;
  omitInternal: boolean;
  /** The page size the client asked for, if any (kept in links). */
  requestedLimit?: number;
  limit: number;
  cursor?: string;
}

const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,6})?)?(?:Z|[+-](\d\d)(?::?(\d\d))?)?)?$/;
/** A `+` offset that arrived as a space (a raw `+` in a query string decodes to one). */
const SPACE_OFFSET = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?) (\d\d(?::?\d\d)?)$/;

export function invalid(detail: DetailKey, params: Params = {}): Problem {
  return new Problem(HttpStatus.BAD_REQUEST, detail, params);
}

/**
 * Reads the raw query string. Values are percent-decoded without turning `+` into a space,
 * so `2025-01-01T00:00:00+01:00` works raw and as `%2B`; a space before the offset (what
 * other decoders make of a raw `+`) is repaired as well.
 */
export function rawQuery(url: string): Map<string, string> {
  const out = new Map<string, string>();
  const at = url.indexOf('?');
  if (at < 0) return out;
  for (const pair of url.slice(at + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      out.set(decodeURIComponent(rawKey), decodeURIComponent(rawValue));
    } catch {
      throw invalid('oparl_parameter_encoding', { name: rawKey });
    }
  }
  return out;
}

export function parseDateTime(name: string, value: string): string {
  const repaired = value.replace(SPACE_OFFSET, '$1+$2');
  const m = DATE_TIME.exec(repaired);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    const validDay = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
    const below = (part: string | undefined, limit: number): boolean => part === undefined || Number(part) < limit;
    const validTime = below(m[4], 24) && below(m[5], 60) && below(m[6], 60) && below(m[7], 16) && below(m[8], 60);
    if (validDay && validTime) return repaired;
  }
  throw invalid('oparl_parameter_time', { name });
}

export function parseListQuery(url: string): OparlListQuery {
  const q = rawQuery(url);
  const filters: OparlListQuery['filters'] = {};
  for (const name of DATE_FILTERS) {
    const value = q.get(name);
    if (value !== undefined && value !== '') filters[name] = parseDateTime(name, value);
  }
  const omit = q.get('omit_internal');
  if (omit !== undefined && !['true', 'false', '1', '0', ''].includes(omit)) throw invalid('oparl_omit_internal');
  const rawLimit = q.get('limit');
  let requestedLimit: number | undefined;
  if (rawLimit !== undefined && rawLimit !== '') {
    if (!/^\d{1,9}$/.test(rawLimit) || Number(rawLimit) < 1) throw invalid('oparl_limit', { max: OPARL_MAX_LIMIT });
    requestedLimit = Math.min(Number(rawLimit), OPARL_MAX_LIMIT);
  }
  const cursor = q.get('cursor');
  return {
    filters,
    omitInternal: omit === 'true' || omit === '1',
    requestedLimit,
    limit: requestedLimit ?? OPARL_DEFAULT_LIMIT,
    cursor: cursor ? cursor : undefined,
  };
}

export interface OparlLinks {
  first: string;
  self: string;
  next?: string;
}

/**
 * `links` of a list page. Every link keeps the filters, omit_internal and limit, in one fixed
 * order and percent-encoded (`+` as `%2B`), so no client or proxy can lose an offset.
 */
export function listLinks(listUrl: string, q: OparlListQuery, next: string | null): OparlLinks {
  const params: [string, string][] = [];
  for (const name of DATE_FILTERS) {
    const value = q.filters[name];
    if (value !== undefined) params.push([name, value]);
  }
  if (q.omitInternal) params.push(['omit_internal', 'true']);
  if (q.requestedLimit !== undefined) params.push(['limit', String(q.requestedLimit)]);
  const build = (cursor?: string): string => {
    const all = cursor ? [...params, ['cursor', cursor]] : params;
    return all.length ? `${listUrl}?${all.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : listUrl;
  };
  return { first: build(), self: build(q.cursor), ...(next ? { next: build(next) } : {}) };
}
