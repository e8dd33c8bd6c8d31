/**
 * HTTP semantics of serving stored bytes (RFC 9110 conditional and range requests,
 * RFC 6266/8187 Content-Disposition). Pure functions, no I/O.
 */

import { cleanFileName } from './file-name';

export type RangeRequest = { kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Interprets a `Range` header for a representation of `size` bytes. Only a single
 * `bytes` range is served; anything else (other units, several ranges, bad syntax) is
 * ignored, which RFC 9110 allows, and the whole representation is sent.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'none' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'none' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'none' };
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'range', start, end };
}

function entityTags(header: string): string[] {
  return header.split(',').map((tag) => tag.trim()).filter(Boolean);
}

/** `If-None-Match` uses the weak comparison: `W/"x"` matches `"x"`. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = entityTags(header);
  return tags.includes('*') || tags.some((tag) => tag.replace(/^W\//, '') === etag);
}

/** `If-Modified-Since`: true when the resource has not changed since (whole seconds). */
export function notModifiedSince(header: string | undefined, lastModified: Date): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** `If-Range` lets a range through only if the validator still matches (strong comparison for tags). */
export function ifRangeHolds(header: string | undefined, etag: string, lastModified: Date): boolean {
  if (!header) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(lastModified.getTime() / 1000);
}

/** RFC 8187 `ext-value` for a UTF-8 string: everything but attr-char is percent-encoded. */
function extValue(value: string): string {
  return "UTF-8''" + encodeURIComponent(value).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** An ASCII stand-in for clients that ignore `filename*`. */
function asciiFallback(value: string): string {
  const ascii = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return ascii.trim() || 'download';
}

/**
 * Types a browser may show inline: it renders them without running anything with this
 * origin. SVG is an image that runs scripts, so not among them; nor is anything a browser
 * would render as a page of its own (HTML, XML) or might try to (every other type).
 */
const INLINE_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/tiff',
  'text/plain',
]);

/** Whether bytes of this stored type may be shown inline; everything else is sent as an attachment. */
export function inlineSafe(mimeType: string): boolean {
  return INLINE_TYPES.has(mimeType.split(';')[0].trim().toLowerCase());
}

/**
 * `inline; filename*=…` to show, `attachment; filename="…"; filename*=…` to download. The
 * name is cleaned again (names stored before they were cleaned on the way in may hold bidi
 * controls).
 */
export function contentDisposition(stored: string, download: boolean): string {
  const fileName = cleanFileName(stored) || 'download';
  if (!download) return `inline; filename*=${extValue(fileName)}`;
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=${extValue(fileName)}`;
}

/** The Content-Type to send: text is stored only after it was checked to be UTF-8. */
export function contentType(mimeType: string): string {
  return mimeType.startsWith('text/') ? `${mimeType}; charset=utf-8` : mimeType;
}
