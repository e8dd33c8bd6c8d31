import type { FastifyInstance } from 'fastify';
import { httpRequestDuration } from './metrics';

/** Where a request matched no route: one label value for all of them, never the URL. */
const UNMATCHED = '(unmatched)';

/** Times every request by its route pattern (`/v1/bodies/:body/sessions`) and status code. */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    httpRequestDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
