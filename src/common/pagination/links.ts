import type { FastifyRequest } from 'fastify';
import type { Page } from './page.dto';

/** Builds `links.self` and `links.next` from the request URL, keeping every filter. */
export function pageLinks(publicUrl: string, request: FastifyRequest, next: string | null): Page<never>['links'] {
  const url = new URL(request.url, 'http://x');
  const self = `${publicUrl}${url.pathname}${url.search}`;
  if (!next) return { self };
  url.searchParams.set('cursor', next);
  return { self, next: `${publicUrl}${url.pathname}${url.search}` };
}
