/**
 * SQL fragments that let PostgreSQL render wire formats itself: faster than formatting
 * Date objects in JavaScript, and exactly what OParl asks for (offset, no milliseconds).
 * Connections run with TimeZone=Europe/Berlin, so offsets are local.
 */
export const ts = (column: string): string => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;

export const date = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/** Builds a jsonb-free `json_build_object` from `key: sql` pairs. */
export function jsonObject(fields: Record<string, string>): string {
  return `json_build_object(${Object.entries(fields)
    .map(([key, sql]) => `'${key}', ${sql}`)
    .join(', ')})`;
}
