import { parse as parseForm } from 'node:querystring';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problem';
import { routeConfig } from './route-config';

/** Deepest nesting of arrays and objects a JSON body may have (our deepest DTO has 3 levels). */
export const MAX_JSON_DEPTH = 32;

/** Body limit of routes that take long texts (an agenda item's resolution text: 100,000 characters). */
export const LONG_TEXT_BODY_LIMIT = 1024 * 1024;

/**
 * True when `text` nests arrays and objects deeper than `max`. Scans the raw text (strings
 * skipped), so a hostile `[[[[…` is refused before JSON.parse and validation recurse into it.
 * Unbalanced text is left to JSON.parse to refuse.
 */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, over escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** A larger body limit for one route (never below BODY_LIMIT_BYTES). */
export const BodyLimit = (bytes: number): MethodDecorator => routeConfig({ bodyLimit: bytes });

/**
 * Request bodies: JSON objects (depth-checked, prototype poisoning refused) and HTML forms,
 * both up to `bodyLimitBytes` unless a route says otherwise with `@BodyLimit()`. Multipart
 * uploads are streamed by the files module under their own limit (UPLOAD_MAX_BYTES). Register
 * before the routes are (i.e. before `app.init()`).
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = Math.max(limit, bodyLimitBytes);
  });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonTooDeep(text, MAX_JSON_DEPTH)) {
      done(new Problem(400, 'json_too_deep', { max: MAX_JSON_DEPTH }), undefined);
      return;
    }
    void parseJson(request, text, (error, value) => {
      // Every JSON body of this API is an object; `null` would otherwise pass as no body at all.
      if (error) done(new Problem(400, (error as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'json_empty' : 'json_malformed'), undefined);
      else if (typeof value !== 'object' || value === null || Array.isArray(value)) done(new Problem(400, 'json_not_object'), undefined);
      else done(null, value);
    });
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body: string | Buffer, done) => {
    done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
  });
}
