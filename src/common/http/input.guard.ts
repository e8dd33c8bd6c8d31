import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { FieldError, Problem } from './problem';
import { findBadText } from './text';

/**
 * Refuses malformed input before anything reads it: the first guard of every route, so neither
 * the access guard's body lookup nor a repository ever sees it.
 * - control characters and malformed Unicode in path segments, query parameters and JSON or
 *   form bodies; path segments and query parameters are single-line text, body strings may
 *   hold tab and line breaks here, and each DTO field then decides (see TextField);
 * - query parameters whose percent-encoding is not UTF-8 (the parser would keep them raw);
 * - `__proto__`, `constructor` and `prototype` as parameter or field names;
 * - a multipart body on a route that takes a JSON body (it would arrive as no body at all).
 */
@Injectable()
export class InputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const bad = findBadInput(request);
    if (bad) throw Problem.invalid([bad]);
    if (request.isMultipart() && takesJsonBody(context)) throw new Problem(415, 'multipart_not_accepted');
    return true;
  }
}

/** The first malformed path segment, query parameter or body field (see InputGuard), or null. */
export function findBadInput(request: FastifyRequest): FieldError | null {
  return findBadText(request.params, 'line', 'path') ?? badQueryEncoding(request.url) ?? findBadText(request.query, 'line', 'query') ?? findBadText(request.body, 'multiline', 'body');
}

/** The first query parameter whose name or value is not percent-encoded UTF-8. */
function badQueryEncoding(url: string): FieldError | null {
  const query = url.indexOf('?') < 0 ? '' : url.slice(url.indexOf('?') + 1);
  for (const pair of query.split('&')) {
    try {
      decodeURIComponent(pair);
    } catch {
      const name = pair.split('=')[0];
      const field = /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : 'query';
      return { field, text: 'not_percent_encoded' };
    }
  }
  return null;
}

function takesJsonBody(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}
