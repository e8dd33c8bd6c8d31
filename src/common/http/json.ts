/**
 * A response body that PostgreSQL already rendered as JSON: text, or the UTF-8 bytes of a list
 * page put together from the rows' bytes (see Db.jsonRows). Sending it as-is saves a parse and
 * a stringify per request; the type parameter documents what it holds.
 */
export type Json<T> = (string | Buffer) & { readonly __json?: T };

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const DATA_OPEN = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');

/**
 * `{ data: [...], links }` from rows that each hold one JSON object as UTF-8 bytes; `extra` adds
 * members between the two (OParl's `pagination`). One copy of each row, no string in between.
 */
export function pageJson<T>(items: { j: Buffer }[], links: { self: string; next?: string }, extra: Record<string, unknown> = {}): Json<T> {
  const parts: Buffer[] = [DATA_OPEN];
  for (let i = 0; i < items.length; i++) {
    if (i) parts.push(COMMA);
    parts.push(items[i].j);
  }
  let end = ']';
  for (const [key, value] of Object.entries(extra)) end += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  parts.push(Buffer.from(end + ',"links":' + JSON.stringify(links) + '}'));
  return Buffer.concat(parts);
}
