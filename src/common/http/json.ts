/**
 * A response body that PostgreSQL already rendered as JSON text. Sending it as-is saves a
 * parse and a stringify per request; the type parameter documents what it holds.
 */
export type Json<T> = string & { readonly __json?: T };

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `{ data: [...], links }` from rows that each hold one JSON object as text; `extra` adds
 * members between the two (OParl's `pagination`).
 */
export function pageJson<T>(items: { j: string }[], links: { self: string; next?: string }, extra: Record<string, unknown> = {}): Json<T> {
  let out = '{"data":[';
  for (let i = 0; i < items.length; i++) {
    if (i) out += ',';
    out += items[i].j;
  }
  out += ']';
  for (const [key, value] of Object.entries(extra)) out += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return out + ',"links":' + JSON.stringify(links) + '}';
}
