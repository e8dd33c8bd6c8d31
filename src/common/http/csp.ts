import { createHash } from 'node:crypto';

/**
 * Content-Security-Policy. The API answers JSON, iCalendar and stored files, none of which
 * needs a script, style or anything else loaded: every response forbids all of it, and only
 * pages of its own origin may frame it. Swagger UI at `/docs` and the queue view at
 * `/admin/queues` get policies of their own (only the docs run inline scripts); the
 * newsletter's pages for subscribers get `pageCsp` (no script at all).
 */
export const API_CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'self'"],
};

export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
].join('; ');

/**
 * The queue view (bull-board, for operators): its own scripts, styles and images, inline styles
 * (it sets them on elements), requests to its own API. Its page also links a web font of
 * Google's, which stays blocked: the page works without it, and the browser tells Google nothing.
 */
export const QUEUE_BOARD_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

/** API_CSP_DIRECTIVES as a header value. */
const API_CSP = Object.entries(API_CSP_DIRECTIVES)
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
  .join('; ');

/**
 * The policy of a stored file's bytes: the API's, plus a sandbox (a unique origin, no
 * scripts, no forms, no plugins), so that whatever a browser renders of them runs nothing with
 * this origin. PDFs go without the sandbox: Chromium's and Safari's viewers show nothing in a
 * sandboxed document, and a PDF viewer runs no script of the origin in any case.
 */
export function fileCsp(mimeType: string): string {
  return mimeType.split(';')[0].trim().toLowerCase() === 'application/pdf' ? API_CSP : `${API_CSP}; sandbox`;
}

/** Swagger UI and its assets (`/docs`, `/docs/…`). */
export function isDocsPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/docs' || path.startsWith('/docs/');
}

/**
 * The policy of an HTML page for people (the newsletter's pages): no script of any kind, its one
 * inline stylesheet by its hash, forms that post to this origin only, no framing, and nothing
 * else loaded.
 */
export function pageCsp(stylesheet: string): string {
  const hash = createHash('sha256').update(stylesheet, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    "script-src 'none'",
    `style-src 'sha256-${hash}'`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
