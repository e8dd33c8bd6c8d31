import type { FastifyRequest } from 'fastify';
import { Json, pageJson } from '../http/json';
import { KeysetOrder, toPage } from './keyset';
import { DEFAULT_LIMIT } from './list-query.dto';
import type { Page } from './page.dto';

/** A list row (Db.jsonRows): the JSON of one item as UTF-8 bytes, plus its hidden keyset columns. */
export type KeysetRow = { j: Buffer } & Record<string, unknown>;

/** Builds `links.self` and `links.next` from the request URL, keeping every filter. */
export function pageLinks(publicUrl: string, request: FastifyRequest, next: string | null): Page<never>['links'] {
  const url = new URL(request.url, 'http://x');
  const self = `${publicUrl}${url.pathname}${url.search}`;
  if (!next) return { self };
  url.searchParams.set('cursor', next);
  return { self, next: `${publicUrl}${url.pathname}${url.search}` };
}

/**
 * Runs a keyset list: fetches `limit + 1` rows, cuts the page and renders
 * `{ data, links }` with every filter kept in the links.
 */
export async function renderPage<T>(
  query: { limit?: number },
  order: KeysetOrder,
  publicUrl: string,
  request: FastifyRequest,
  fetch: (limit: number) => Promise<KeysetRow[]>,
): Promise<Json<Page<T>>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const { items, next } = toPage(await fetch(limit), limit, order);
  return pageJson(items, pageLinks(publicUrl, request, next));
}
