import { RedisConnection } from 'bullmq';

/**
 * BullMQ 5 reports a connection whose start-up fails as an 'error' event on its
 * RedisConnection, also when the start-up fails after close(), which has removed every
 * listener by then. Node throws an 'error' event that nobody listens to, and the process ends
 * with an unhandled rejection: a worker stopped while Redis is unreachable could die instead of
 * exiting cleanly. So a connection that is closing keeps one listener, which drops what it
 * reports: nobody waits for it any more.
 *
 * BullMQ 6 fixes this, but there a worker's close() never returns while Redis is unreachable.
 * Imported for its effect by src/infra/queue/queues.ts, which every user of a queue imports.
 */
type Guarded = typeof RedisConnection.prototype.removeAllListeners & { closeGuard?: true };

// eslint-disable-next-line @typescript-eslint/unbound-method -- called with the connection as `this` below
const removeAll: Guarded = RedisConnection.prototype.removeAllListeners;
if (!removeAll.closeGuard) {
  const guarded = function (this: RedisConnection, event?: string | symbol): RedisConnection {
    // Node tells "every event" from "the event undefined" by the number of arguments.
    if (event === undefined) removeAll.call(this);
    else removeAll.call(this, event);
    if (this.closing && (event === undefined || event === 'error')) this.on('error', ignore);
    return this;
  };
  RedisConnection.prototype.removeAllListeners = Object.assign(guarded, { closeGuard: true as const });
}

function ignore(): void {}
