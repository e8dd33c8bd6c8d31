import { createHash } from 'node:crypto';

/** Namespace of the seed's ids (a fixed, randomly chosen UUID). */
const SEED_NAMESPACE = '6f1d3c52-8a47-4e0b-9b2e-5c7a1f04d9e3';

function formatUuid(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 version 5 UUID: the same name in the same namespace always gives the same id. */
export function uuidV5(name: string, namespace: string = SEED_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  return formatUuid(hash);
}

/**
 * A cheaper deterministic id, computable in SQL as well: md5 of the name with the version
 * nibble set to 5 and the variant to 8. `md5UuidSql` is the same function in PostgreSQL.
 */
export function md5Uuid(name: string): string {
  const hex = createHash('md5').update(name, 'utf8').digest('hex');
  return formatUuid(Buffer.from(`${hex.slice(0, 12)}5${hex.slice(13, 16)}8${hex.slice(17)}`, 'hex'));
}

/** SQL expression for `md5Uuid(<textExpression>)`. */
export function md5UuidSql(textExpression: string): string {
  return `overlay(overlay(md5(${textExpression}) placing '5' from 13) placing '8' from 17)::uuid`;
}

/** Ids of the rows of one body: `ids('session', 'hfa:2026-03')`. */
export type IdFactory = (kind: string, key: string) => string;

export function idFactory(bodyId: string): IdFactory {
  return (kind, key) => uuidV5(`${kind}:${key}`, bodyId);
}
