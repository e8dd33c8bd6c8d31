import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardServerAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, sendProblem } from '../../common/http/problem';
import { redactAddresses, redactDeep } from '../../infra/queue/queue-admin';
import type { ApiKeysService } from '../api-keys/api-keys.service';

/** Where the queue view (bull-board) is served: its page, its assets and its API. */
export const QUEUE_BOARD_PATH = '/admin/queues';

export function isQueueBoardPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === QUEUE_BOARD_PATH || path.startsWith(`${QUEUE_BOARD_PATH}/`);
}

const REALM = 'Basic realm="Ratsinfo queues", charset="UTF-8"';

/** What the board shows of a job: its JSON with e-mail addresses taken out of errors, data and return value. */
function redactJob(json: Record<string, unknown>): Record<string, unknown> {
  return {
    ...json,
    failedReason: typeof json.failedReason === 'string' ? redactAddresses(json.failedReason) : json.failedReason,
    stacktrace: Array.isArray(json.stacktrace) ? (json.stacktrace as unknown[]).map((line) => (typeof line === 'string' ? redactAddresses(line) : line)) : json.stacktrace,
    data: redactDeep(json.data),
    returnvalue: redactDeep(json.returnvalue),
  };
}

/** A job as the board renders it (by `toJSON`), redacted; every other use (retry, remove) reaches the job itself. */
function redacted<T extends object>(job: T): T {
  return new Proxy(job, {
    get(target, property) {
      if (property === 'toJSON') return () => redactJob((target as unknown as { toJSON(): Record<string, unknown> }).toJSON());
      return Reflect.get(target, property, target) as unknown;
    },
  });
}

/**
 * The board's view of a queue. Job payloads carry ids only, but a failed mail's error names
 * the rejected recipient (the SMTP server's answer): addresses are redacted wherever the board
 * shows a job.
 */
class RedactingQueueAdapter extends BullMQAdapter {
  override async getJob(id: string): ReturnType<BullMQAdapter['getJob']> {
    const job = await super.getJob(id);
    return job ? redacted(job) : job;
  }

  override async getJobs(...args: Parameters<BullMQAdapter['getJobs']>): ReturnType<BullMQAdapter['getJobs']> {
    return (await super.getJobs(...args)).map(redacted);
  }
}

/** The presented credential: the password of Basic auth (any user name), or a Bearer key. */
function presentedKey(header: string | undefined): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

function refuse(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.getStatus() === 401) void reply.header('WWW-Authenticate', REALM);
  sendProblem(reply, problem, request);
  return reply;
}

/**
 * A change the board is asked for from another site's page: browsers send remembered Basic
 * credentials with a cross-site form, so unsafe methods must come from the board's own page.
 */
function crossSite(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/**
 * Mounts bull-board at QUEUE_BOARD_PATH, behind an admin key: HTTP Basic auth whose password is
 * the key (browsers cannot send a Bearer header; the user name is ignored) or a Bearer header.
 * The check runs on every route of the board, page, assets and API alike; anything else gets
 * a 401 with `WWW-Authenticate` (the browser's log-in prompt).
 */
export async function registerQueueBoard(fastify: FastifyInstance, queues: Iterable<Queue>, keys: ApiKeysService): Promise<void> {
  const server = new BoardServerAdapter();
  server.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [...queues].map((queue) => new RedactingQueueAdapter(queue)),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Ratsinfo queues', hideRedisDetails: true } },
  });
  await fastify.register(async (board) => {
    board.addHook('onRequest', async (request, reply) => {
      const key = presentedKey(request.headers.authorization);
      if (!key) return refuse(request, reply, new Problem(401, 'queue_view_key_required'));
      let role: string | undefined;
      try {
        role = (await keys.resolve(key))?.role;
      } catch {
        return refuse(request, reply, Problem.databaseUnavailable());
      }
      if (role !== 'admin') return refuse(request, reply, new Problem(401, 'queue_view_admin_key'));
      if (crossSite(request)) return refuse(request, reply, new Problem(403, 'queue_view_same_origin'));
    });
    await board.register(server.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
