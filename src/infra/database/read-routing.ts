import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether the reads of the current request may be served by a streaming replica. Each HTTP
 * request starts on the primary (`routeReads`); once the caller is known to be anonymous and
 * the request only reads, `allowReplicaReads` lets its later `Db` reads go to a replica.
 * Anything outside a request (the worker, the CLI, start-up) reads from the primary.
 */
interface ReadRoute {
  replica: boolean;
}

const currentRoute = new AsyncLocalStorage<ReadRoute>();

/** Runs `next` (and everything it starts) with reads on the primary until allowed otherwise. */
export function routeReads(next: () => void): void {
  currentRoute.run({ replica: false }, next);
}

/** From now on, the current request's reads may be served by a replica. */
export function allowReplicaReads(): void {
  const route = currentRoute.getStore();
  if (route) route.replica = true;
}

export function replicaReadsAllowed(): boolean {
  return currentRoute.getStore()?.replica === true;
}
