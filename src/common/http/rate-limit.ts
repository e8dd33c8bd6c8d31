import { isIP } from 'node:net';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/config';
import { closeRedis } from '../../infra/redis/close-redis';
import type { Caller } from '../access/access';
import type { CallerResolver } from '../access/callers';
import { routeConfig } from './route-config';
import { Problem } from './problem';
import { noun } from './problem-texts';

/** What a request counts against: its method and route decide. */
type Budget = 'write' | 'read' | 'search';

const EXEMPT = 'exempt';
const BUDGETS: readonly Budget[] = ['write', 'read', 'search'];

/** Where the counters live in Redis (`<prefix>:<budget>:<subject>`). */
export const rateLimitPrefix = (redisPrefix: string): string => `${redisPrefix}:rate`;

/** The counters of an app account (`account:<id>`), to forget them with the account. */
export const accountRateKeys = (accountId: string): string[] => BUDGETS.map((budget) => `${budget}:account:${accountId}`);

/** Counts the route's reads against the (stricter) search budget. */
export const SearchRateLimit = (): MethodDecorator => routeConfig({ rateBudget: 'search' });

/** Leaves the route out of rate limiting (health checks of load balancers). */
export const NoRateLimit = (): MethodDecorator => routeConfig({ rateLimit: false });

function budgetOf(request: FastifyRequest): Budget | null {
  if (request.method === 'OPTIONS') return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'write';
  return (request.routeOptions.config as { rateBudget?: Budget }).rateBudget === 'search' ? 'search' : 'read';
}

/** Who a request is counted for: the key's or account's id, else the client address; never header text. */
function subjectOf(caller: Caller | null, request: FastifyRequest): string {
  if (caller?.role === 'account' && caller.account) return `account:${caller.account.id}`;
  if (caller?.keyId) return `key:${caller.keyId}`;
  // An IPv6 client counts by its /64. Without a valid address (a proxy hop that is not one, or a
  // closed socket) all such requests share one budget.
  return `ip:${request.ip && isIP(request.ip) ? normalizeIP(request.ip) : 'unknown'}`;
}

/**
 * Rate limits per minute, counted in Redis (fixed windows shared by all API processes):
 * - writes per API key, app account or (without a valid one) client address;
 * - reads and searches of anonymous callers per client address, of app accounts per account;
 *   reads with an API key are not limited (staff and integrations the city issued keys to).
 * A request over its budget gets a 429 problem with `Retry-After`. While Redis is down or does
 * not answer within half a second the limits are not enforced (fail open) and requests go on.
 */
export async function registerRateLimits(fastify: FastifyInstance, config: AppConfig, redis: Redis, callers: CallerResolver): Promise<void> {
  const limits: Record<Budget, number> = {
    write: config.rateLimit.writesPerMinute,
    read: config.rateLimit.readsPerMinute,
    search: config.rateLimit.searchesPerMinute,
  };
  const budgetOfKey = (key: string): Budget => key.slice(0, key.indexOf(':')) as Budget;
  // A connection of its own that gives up on a command after 500 ms: a Redis that hangs
  // (rather than refusing connections) must not hold up every request.
  // A duplicate has none of the original's listeners: it gets its own for connection errors.
  const counters = redis.duplicate({ commandTimeout: 500 }).on('error', () => undefined);
  fastify.addHook('onClose', () => closeRedis(counters));
  await fastify.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    redis: counters,
    nameSpace: `${rateLimitPrefix(config.redisPrefix)}:`,
    skipOnError: true,
    keyGenerator: async (request) => {
      const budget = budgetOf(request);
      if (!budget || limits[budget] === 0) return EXEMPT;
      // A credential that does not resolve (malformed, unknown, or the database unreachable)
      // counts as anonymous here; the access guard then answers for it.
      const caller = await callers.callerOf(request).catch(() => null);
      if (budget !== 'write' && caller?.keyId) return EXEMPT;
      return `${budget}:${subjectOf(caller, request)}`;
    },
    allowList: (_request, key) => key === EXEMPT,
    max: (_request, key) => limits[budgetOfKey(key)],
    errorResponseBuilder: (request, context) => {
      const what = ({ write: 'writes', read: 'requests', search: 'searches' } as const)[budgetOf(request) ?? 'read'];
      const seconds = Math.ceil(context.ttl / 1000);
      return new Problem(429, 'rate_limited', { what: noun(what), max: context.max, seconds }).with({ headers: { 'Retry-After': String(seconds) } });
    },
  });
}
