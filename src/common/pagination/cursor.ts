import { Problem } from '../http/problem';

/** Opaque keyset cursor: the sort-key values of the last row of a page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values.map(String);
    }
  } catch {
    // fall through
  }
  throw Problem.invalid([{ field: 'cursor', message: 'cursor is not one this API issued; start again without it' }]);
}
