import type { ResourceKind } from '../../common/access/resources';
import { Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { ts } from '../../common/sql/format';
import { encodeCursor } from '../../common/pagination/cursor';
import type { KeysetOrder } from '../../common/pagination/keyset';
import type { BodyDirectory } from '../bodies/body-directory.service';
import type { TargetViewDto } from './dto/personal.dto';
import { normalizeTag } from './search-terms';
import type { TargetInfo } from './targets.sql';

/** The kinds of personal items; the sync feed and the export name them so. */
export const ITEM_KINDS = ['note', 'marking', 'bookmark', 'follow'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_TABLES: Record<ItemKind, string> = { note: 'me_note', marking: 'me_marking', bookmark: 'me_bookmark', follow: 'me_follow' };

/** Where a sealed value of an item belongs: its ciphertext opens only there. */
export const itemAad = (kind: ItemKind, accountId: string, id: string): string => `${kind}:${accountId}:${id}`;

/** Newest first; served by the `(account_id, …, created_at, id)` indexes. */
export const ITEM_ORDER = (alias: string): KeysetOrder => ({
  descending: true,
  columns: [
    { sql: `${alias}.created_at`, cast: 'timestamptz', field: '_k0' },
    { sql: `${alias}.id`, cast: 'uuid', field: '_k1' },
  ],
});

/** Columns every item row is read with. */
export const stampColumns = (a: string): string =>
  `${a}.id, ${a}.version, ${ts(`${a}.created_at`)} AS "createdAt", ${ts(`${a}.modified_at`)} AS "modifiedAt", ${a}.deleted_at IS NOT NULL AS deleted, ${a}.created_at::text AS _k0, ${a}.id::text AS _k1`;

export interface StampRow {
  id: string;
  version: number;
  createdAt: string;
  modifiedAt: string;
  deleted: boolean;
  _k0: string;
  _k1: string;
}

/** The target as the account sees it now: all of it when visible, else nothing but its id. */
export function targetView(type: ResourceKind, id: string, page: number | null, info: TargetInfo | null): TargetViewDto {
  return {
    type,
    id,
    ...(page !== null ? { page } : {}),
    available: info !== null,
    ...(info ? { body: info.body, ...(info.title !== null ? { title: info.title } : {}), url: info.url } : {}),
  };
}

export const gone = (kind: ItemKind, id: string): Problem => new Problem(410, 'deleted', { what: noun(kind), id });
export const notFound = (kind: ItemKind, id: string): Problem => Problem.notFound(kind, id);

/** A created item whose client-chosen id is taken by something else: 409 with what is stored. */
export function idTaken(kind: ItemKind, id: string, current: unknown): Problem {
  return new Problem(409, 'id_taken', { what: noun(kind), id }).with({ extensions: { current } });
}

/** Tags as given, without duplicates (compared case-insensitively), in their first spelling. */
export function uniqueTags(tags: string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags ?? []) {
    const trimmed = tag.trim().replace(/\s+/g, ' ');
    const key = normalizeTag(trimmed);
    if (!trimmed || seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}

export const sameTags = (a: string[], b: string[]): boolean => a.length === b.length && a.every((t, i) => normalizeTag(t) === normalizeTag(b[i]));

/** Cuts a `limit + 1` result of ITEM_ORDER to one page and the cursor of the next. */
export function cutPage<T extends StampRow>(rows: T[], limit: number): { items: T[]; next: string | null } {
  if (rows.length <= limit) return { items: rows, next: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: encodeCursor([last._k0, last._k1]) };
}

/** Resolves a `body` filter to its id; a 400 naming the field when there is no such body. */
export async function bodyFilter(bodies: BodyDirectory, slug: string | undefined): Promise<string | undefined> {
  if (slug === undefined) return undefined;
  const body = await bodies.bySlug(slug);
  if (!body) throw Problem.invalid([{ field: 'body', text: 'unknown_body', params: { slug } }]);
  return body.id;
}
