/**
 * Content-Security-Policy. The API answers JSON, iCalendar and stored files, none of which
 * needs a script, style or anything else loaded: every response forbids all of it, and only
 * pages of its own origin may frame it. Swagger UI at `/docs` is the only HTML page and gets a
 * policy of its own, the only one with inline scripts and styles.
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

/** Swagger UI and its assets (`/docs`, `/docs/…`). */
export function isDocsPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/docs' || path.startsWith('/docs/');
}
