import { ArgumentMetadata, Logger, PipeTransform, RequestMethod, Type } from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HOST_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PARAMTYPES_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
  VERSION_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { ExceptionFilter } from '@nestjs/common/interfaces';
import type { CustomParamFactory } from '@nestjs/common/interfaces/features/custom-route-param-factory.interface';
import type { ParamData } from '@nestjs/common/decorators/http/route-params.decorator';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowReplicaReads } from '../../infra/database/read-routing';
import { BodyDirectory } from '../../modules/bodies/body-directory.service';
import { scopeOf } from '../access/access.guard';
import { ACCESS_KEY, AccessLevel, ScopedRequest } from '../access/access.decorator';
import { CallerResolver } from '../access/callers';
import { readsOnPrimary } from '../access/replica-reads';
import { READ_CACHED_KEY, ReadCache, RouteHeader } from '../cache/read-cache';
import { findBadInput } from './input.guard';
import type { Json } from './json';
import { Problem } from './problem';
import { PASSES_PUBLIC_READS } from './route-config';

/** One argument of a route's handler, as Nest's metadata declares it. */
interface Arg {
  index: number;
  type: RouteParamtypes.REQUEST | RouteParamtypes.QUERY | RouteParamtypes.PARAM | 'custom';
  data: ParamData | undefined;
  /** What its pipes are told of it, as Nest tells them. */
  metadata: ArgumentMetadata;
  /** Its pipes in Nest's order: the global one (once the app's is known), then the parameter's own. */
  pipes: PipeTransform[];
  factory?: CustomParamFactory;
}

/** A route answered directly: its controller, handler, arguments and declared headers. */
interface DirectRoute {
  instance: object;
  handler: (...args: unknown[]) => unknown;
  args: Arg[];
  headers: readonly RouteHeader[];
  primaryReads: boolean;
}

interface Services {
  discovery: DiscoveryService;
  reflector: Reflector;
  callers: CallerResolver;
  bodies: BodyDirectory;
  cache: ReadCache;
  /** The app's global pipe (validation); no route of a direct read has pipes of its own beyond its parameters'. */
  pipe: PipeTransform;
  /** The app's global exception filter, which answers every error of every route. */
  filter: ExceptionFilter;
}

const logger = new Logger('DirectReads');

/**
 * Anonymous GETs of public reads, answered without Nest's per-request machinery.
 *
 * Nest runs every request through an execution context, its guards, its interceptors as rxjs
 * pipelines and its parameter resolution: for a page of 20 sessions that was about half the
 * API's CPU (0.28–0.38 of 0.61–0.71 ms; the query, the page's JSON and Fastify's hooks are the
 * rest). For the routes whose
 * answer depends on nothing but the body, the URL and the audience (`@ReadCached`, `public`),
 * and only for callers without `Authorization` and without `Range`, this `preHandler` does
 * what those layers do, in their order, with their own code:
 *
 * 1. the input check (InputGuard's findBadInput), then the caller (CallerResolver: anonymous)
 *    and the body (BodyDirectory; unknown: 404) into `request.scope` (AccessGuard's scopeOf);
 * 2. the route's status and `@Header`s; reads may go to a replica unless `@PrimaryReads`
 *    (ReplicaReadsInterceptor); the page cache's fill or late hit (ReadCache.readThrough);
 * 3. the handler's arguments from the same metadata, through the app's global pipe and the
 *    parameter's pipes (as Nest does: `@Req`, `@Query`, `@Param`, custom decorators);
 * 4. the handler, its answer sent as Nest sends it; any error goes to the app's exception
 *    filter, as Nest would hand it.
 *
 * Everything before and after (security, CORS and rate-limit hooks, compression, ETag and
 * 304, Cache-Control, metrics, the log) is Fastify's, as for any request. A route qualifies
 * only if nothing else is declared on it: no guards, pipes or filters of its own, no
 * interceptors but those marked PassesPublicReads, no `@Res`, `@HttpCode`, redirect, render
 * or SSE, a `{body}` parameter in its path. Every other request goes through Nest as before;
 * `DIRECT_READS=false` sends all of them there.
 */
export function registerDirectReads(fastify: FastifyInstance): (services: Services) => void {
  let routes = new Map<string, DirectRoute>();
  let services: Services | null = null;
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!services || request.method !== 'GET' || request.headers.authorization !== undefined || request.headers.range !== undefined) return done();
    const route = routes.get(request.routeOptions.url ?? '');
    if (!route) return done();
    const s = services;
    answer(route, request as ScopedRequest, reply, s).catch((error: unknown) => {
      try {
        s.filter.catch(error, new ExecutionContextHost([request, reply]));
      } catch (failed) {
        done(failed as Error);
      }
    });
  });
  // The hook is Fastify's before Nest registers its routes; the routes are known once it has.
  return (known) => {
    routes = directRoutes(fastify, known);
    services = known;
    DIRECT_PATHS.set(fastify, [...routes.keys()]);
    logger.log(`${routes.size} public read routes answered without Nest's per-request layers`);
  };
}

const DIRECT_PATHS = new WeakMap<FastifyInstance, string[]>();

/** The route paths an app answers directly (for its tests and diagnostics). */
export function directReadPaths(fastify: FastifyInstance): readonly string[] {
  return DIRECT_PATHS.get(fastify) ?? [];
}

async function answer(route: DirectRoute, request: ScopedRequest, reply: FastifyReply, s: Services): Promise<void> {
  const bad = findBadInput(request);
  if (bad) throw Problem.invalid([bad]);
  const caller = await s.callers.callerOf(request);
  request.caller = caller;
  const slug = (request.params as Record<string, string>).body;
  const body = await s.bodies.bySlug(slug);
  if (!body) throw Problem.notFound('body', slug);
  const scope = scopeOf(request, caller, body);
  request.scope = scope;
  // Only anonymous callers come here; a caller who sees more is Nest's (and never cached).
  if (caller.role !== 'anonymous' || scope.visibility !== 'public') throw new Error('direct reads are for anonymous callers only');

  // Nest sets the status and the route's headers here, after its guards and before its interceptors.
  void reply.status(200);
  for (const { name, value } of route.headers) void reply.header(name, value);
  if (!route.primaryReads) allowReplicaReads();
  const run = (): Promise<Json<unknown>> => invoke(route, request, reply);
  const result = s.cache.enabled ? await s.cache.readThrough(request.url, body.id, reply, route.headers, run) : await run();
  void reply.send(result);
}

async function invoke(route: DirectRoute, request: FastifyRequest, reply: FastifyReply): Promise<Json<unknown>> {
  const values = await Promise.all(route.args.map((arg) => argument(arg, route, request, reply)));
  return (await route.handler.apply(route.instance, values)) as Json<unknown>;
}

async function argument(arg: Arg, route: DirectRoute, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (arg.type === RouteParamtypes.REQUEST) return request;
  let value: unknown;
  if (arg.type === RouteParamtypes.QUERY) {
    const query = request.query as Record<string, unknown>;
    value = arg.data ? query[arg.data as string] : query;
  } else if (arg.type === RouteParamtypes.PARAM) {
    const params = request.params as Record<string, unknown>;
    value = arg.data ? params[arg.data as string] : params;
  } else {
    value = arg.factory!(arg.data, new ExecutionContextHost([request, reply, undefined], route.instance.constructor as Type, route.handler));
  }
  for (const pipe of arg.pipes) value = await pipe.transform(value, arg.metadata);
  return value;
}

/** The routes that qualify, by their Fastify path; the others are logged at debug level with the reason. */
function directRoutes(fastify: FastifyInstance, s: Services): Map<string, DirectRoute> {
  const routes = new Map<string, DirectRoute>();
  const scanner = new MetadataScanner();
  for (const wrapper of s.discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const controller = wrapper.metatype as Type;
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
      const handler = (instance as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET || s.reflector.get<boolean>(READ_CACHED_KEY, handler) !== true) continue;
      const found = inspect(controller, instance, name, s.reflector);
      const refusal = typeof found === 'string' ? found : fastify.hasRoute({ method: 'GET', url: found.path }) ? null : `no route ${found.path}`;
      if (typeof found === 'string' || refusal) {
        logger.debug(`${controller.name}.${name} goes through Nest: ${refusal}`);
        continue;
      }
      routes.set(found.path, {
        instance,
        handler,
        args: found.args.map((arg) => ({ ...arg, pipes: [s.pipe, ...arg.pipes] })),
        headers: s.reflector.get<RouteHeader[] | undefined>(HEADERS_METADATA, handler) ?? [],
        primaryReads: readsOnPrimary(s.reflector, handler, controller),
      });
    }
  }
  return routes;
}

/** The path Nest registers: the controller's and the method's, each with a leading slash, without a trailing one. */
function routePath(controller: Type, handler: object): string | null {
  const parts: unknown[] = [Reflect.getMetadata(PATH_METADATA, controller), Reflect.getMetadata(PATH_METADATA, handler)];
  if (!parts.every((p): p is string => typeof p === 'string')) return null;
  const path = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${path}`;
}

/**
 * Why a GET marked ReadCached must still go through Nest, or null when it may be read directly
 * (see registerDirectReads for what qualifies).
 */
export function directReadRefusal(controller: Type, instance: object, name: string, reflector: Reflector): string | null {
  const found = inspect(controller, instance, name, reflector);
  return typeof found === 'string' ? found : null;
}

/** A route's path and arguments when it may be read directly, or why it may not. */
function inspect(controller: Type, instance: object, name: string, reflector: Reflector): { path: string; args: Arg[] } | string {
  const handler = (instance as Record<string, unknown>)[name] as Type;
  const path = routePath(controller, handler);
  if (!path) return 'a path that is not one string';
  if (!/(^|\/):body(\/|$)/.test(path)) return 'no {body} in the path';
  if (reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [handler, controller]) !== 'public') return 'not public';
  for (const key of [GUARDS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA, VERSION_METADATA]) {
    if (has(Reflect.getMetadata(key, controller)) || has(Reflect.getMetadata(key, handler))) return `its own ${key}`;
  }
  if (Reflect.getMetadata(HOST_METADATA, controller) !== undefined) return 'a host';
  for (const key of [HTTP_CODE_METADATA, REDIRECT_METADATA, RENDER_METADATA, SSE_METADATA]) {
    if (Reflect.getMetadata(key, handler) !== undefined) return `its own ${key}`;
  }
  const interceptors = [...list(Reflect.getMetadata(INTERCEPTORS_METADATA, controller)), ...list(Reflect.getMetadata(INTERCEPTORS_METADATA, handler))];
  if (interceptors.some((i) => typeof i !== 'function' || Reflect.getMetadata(PASSES_PUBLIC_READS, i) !== true)) return 'an interceptor that acts on public reads';
  const args = handlerArgs(controller, instance, name);
  return typeof args === 'string' ? args : { path, args };
}

/** The handler's arguments, or why one of them cannot be resolved here. */
function handlerArgs(controller: Type, instance: object, name: string): Arg[] | string {
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number; data?: ParamData; pipes?: unknown[]; factory?: CustomParamFactory }>;
  const paramtypes = (Reflect.getMetadata(PARAMTYPES_METADATA, instance, name) ?? []) as unknown[];
  const args: Arg[] = [];
  for (const [key, meta] of Object.entries(metadata)) {
    const pipes = meta.pipes ?? [];
    if (pipes.some((p) => typeof (p as PipeTransform).transform !== 'function')) return `a pipe class on argument ${meta.index}`;
    const base = { index: meta.index, data: meta.data, pipes: pipes as PipeTransform[] };
    const metatype = paramtypes[meta.index] as Type | undefined;
    const data = meta.data as string | undefined;
    if (key.includes(CUSTOM_ROUTE_ARGS_METADATA)) {
      if (typeof meta.factory !== 'function') return `argument ${meta.index} without a factory`;
      args.push({ ...base, type: 'custom', factory: meta.factory, metadata: { type: 'custom', data, metatype } });
      continue;
    }
    const type = Number(key.split(':')[0]) as RouteParamtypes;
    if (type !== RouteParamtypes.REQUEST && type !== RouteParamtypes.QUERY && type !== RouteParamtypes.PARAM) return `argument ${meta.index} of kind ${type}`;
    if (type === RouteParamtypes.REQUEST && pipes.length) return `pipes on the request`;
    // (The request takes no pipes: its metadata is never read.)
    args.push({ ...base, type, metadata: { type: type === RouteParamtypes.QUERY ? 'query' : 'param', data, metatype } });
  }
  const indexes = args.map((a) => a.index).sort((a, b) => a - b);
  if (indexes.some((index, i) => index !== i) || indexes.length !== paramtypes.length) {
    return 'arguments without a decorator';
  }
  return args.sort((a, b) => a.index - b.index);
}

function has(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
