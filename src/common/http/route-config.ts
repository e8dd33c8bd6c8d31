import { SetMetadata } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/** Adds to a route's Fastify `config` (what `@RouteConfig()` sets), keeping what other decorators put there. */
export function routeConfig(extra: Record<string, unknown>): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, ...extra }, handler);
  };
}

export const PASSES_PUBLIC_READS = 'ratsinfo:passes-public-reads';

/**
 * Marks an interceptor class that does nothing for a GET whose scope's visibility is `public`
 * (it acts only for editors, or on writes): routes that use it may still be read directly
 * (see direct-reads).
 */
export const PassesPublicReads = (): ClassDecorator => SetMetadata(PASSES_PUBLIC_READS, true);
