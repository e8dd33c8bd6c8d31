import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContentReply, ContentRequest } from './files.service';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** What a download request asks for: HEAD or GET, a byte range, conditions on the stored bytes. */
export function contentRequest(request: FastifyRequest, download: boolean): ContentRequest {
  return {
    head: request.method === 'HEAD',
    download,
    range: header(request, 'range'),
    ifRange: header(request, 'if-range'),
    ifNoneMatch: header(request, 'if-none-match'),
    ifModifiedSince: header(request, 'if-modified-since'),
  };
}

/** Sends stored bytes (a file's, an export's) as `result` says: headers, status and body. */
export function sendContent(request: FastifyRequest, reply: FastifyReply, result: ContentReply): void {
  void reply.headers(result.headers);
  if (result.status === 416) throw result.problem;
  // The bytes go out as stored: Content-Length, ranges and the ETag describe exactly them.
  request.headers['x-no-compression'] = '1';
  if (result.status === 304 || result.status === 307) return void reply.status(result.status).send();
  // Without bytes to send (HEAD, empty file) an empty stream keeps Fastify from rewriting Content-Length.
  void reply.status(result.status).send(result.body ?? Readable.from([]));
}
