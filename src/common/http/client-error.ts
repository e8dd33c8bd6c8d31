import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languageOf } from './language';
import { Problem, problemBody, sendProblem } from './problem';

/** A request id a client may choose (echoed in `X-Request-Id`); anything else gets a fresh one. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id of a request: the client's when well-formed, else a new UUID. */
export function requestIdOf(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The problem by Node's parser error code. */
const EXPLAINED = new Map<string, () => Problem>([
  ['HPE_INVALID_URL', () => new Problem(400, 'url_not_encoded')],
  ['HPE_INVALID_HEADER_TOKEN', () => new Problem(400, 'header_character')],
  ['HPE_HEADER_OVERFLOW', () => new Problem(431, 'headers_too_large')],
  ['ERR_HTTP_REQUEST_TIMEOUT', () => new Problem(408, 'request_timeout')],
]);

function explain(code: string | undefined, message: string): Problem {
  const reason = message.replace(/^Parse Error: /, '');
  return EXPLAINED.get(code ?? '')?.() ?? (reason ? new Problem(400, 'not_http_because', { reason }) : new Problem(400, 'not_http'));
}

/**
 * Answers requests that Node's HTTP parser refuses before Fastify sees them (raw UTF-8 in the
 * URL, control characters in headers, oversized headers, malformed framing) with the same
 * problem+json as every other error, with CORS and a request id, then closes the connection.
 * Fastify's default answers a bare `{"error":"Bad Request"}`.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = explain(error.code, error.message);
  const status = problem.getStatus();
  // What the parser had read (a Buffer, whatever the type says): the client's request id and language, if any.
  const raw: unknown = error.rawPacket;
  const received = Buffer.isBuffer(raw) ? raw.toString('latin1') : '';
  const given = /\r\nx-request-id:[ \t]*([^\r\n]*?)[ \t]*\r\n/i.exec(received)?.[1];
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const language = languageOf(/\r\naccept-language:([^\r\n]*)/i.exec(received)?.[1]);
  this.log.debug({ requestId, code: error.code }, 'client error');
  const body = JSON.stringify({ ...problemBody(problem, language), requestId });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Language: ${language}`,
    'Vary: Accept-Language',
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
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? new Problem(400, 'path_not_utf8')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new Problem(414, 'path_segment_too_long')
        : new Problem(error.statusCode ?? 400, 'not_routable');
  void reply.header('Access-Control-Allow-Origin', '*').header('Access-Control-Expose-Headers', 'X-Request-Id').header('X-Request-Id', request.id);
  sendProblem(reply, problem, request);
}
