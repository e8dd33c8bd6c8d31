import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemBody } from './problem';

/** A request id a client may choose (echoed in `X-Request-Id`); anything else gets a fresh one. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id of a request: the client's when well-formed, else a new UUID. */
export function requestIdOf(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** Status and detail by Node's parser error code. */
const EXPLAINED = new Map<string, [status: number, detail: string]>([
  ['HPE_INVALID_URL', [400, 'The request line holds characters that must be percent-encoded: encode non-ASCII characters (ß as %C3%9F), spaces and control characters in the path and query.']],
  ['HPE_INVALID_HEADER_TOKEN', [400, 'A request header holds a character that headers may not contain (a control character or a line break).']],
  ['HPE_HEADER_OVERFLOW', [431, 'The request line and headers are too large (at most 16 KB).']],
  ['ERR_HTTP_REQUEST_TIMEOUT', [408, 'The request did not arrive in time.']],
]);

function explain(code: string | undefined, message: string): [status: number, detail: string] {
  return EXPLAINED.get(code ?? '') ?? [400, `The request is not valid HTTP/1.1${message ? ` (${message.replace(/^Parse Error: /, '')})` : ''}.`];
}

/**
 * Answers requests that Node's HTTP parser refuses before Fastify sees them (raw UTF-8 in the
 * URL, control characters in headers, oversized headers, malformed framing) with the same
 * problem+json as every other error, with CORS and a request id, then closes the connection.
 * Fastify's default answers a bare `{"error":"Bad Request"}`.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = explain(error.code, error.message);
  // What the parser had read (a Buffer, whatever the type says): the client's request id, if any.
  const raw: unknown = error.rawPacket;
  const given = /\r\nx-request-id:[ \t]*([^\r\n]*?)[ \t]*\r\n/i.exec(Buffer.isBuffer(raw) ? raw.toString('latin1') : '')?.[1];
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  this.log.debug({ requestId, code: error.code }, 'client error');
  const body = JSON.stringify({ ...problemBody(status, detail), requestId });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Access-Control-Allow-Origin: *',
    'Access-Control-Expose-Headers: X-Request-Id',
    `X-Request-Id: ${requestId}`,
    'Connection: close',
  ];
  if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  else socket.destroy();
}

/**
 * Answers what Fastify's router refuses before any route or hook runs (a path segment that is
 * not percent-encoded UTF-8, or longer than 200 characters) as problem+json with CORS and the
 * request id, instead of Fastify's own JSON.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The path holds a percent-encoding that is not UTF-8.'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'A path segment is longer than 200 characters.'
        : 'The request could not be routed.';
  void reply
    .code(status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Access-Control-Allow-Origin', '*')
    .header('Access-Control-Expose-Headers', 'X-Request-Id')
    .header('X-Request-Id', request.id)
    .send(JSON.stringify(problemBody(status, detail, request)));
}
