import type Redis from 'ioredis';
import { within } from './within';

const closing = new WeakMap<Redis, Promise<void>>();

/** How long a close waits for a connect under way, and for Redis to answer QUIT. */
const CLOSE_WAIT_MS = 1000;

/**
 * Closes an ioredis connection in whatever state it is, once (later calls get the same
 * promise). A connect under way is given a moment to finish first: ending a connection
 * between its connect and its ready check fails that check ("Stream isn't writeable") and
 * emits an error after the application is gone. A ready connection QUITs (pending replies
 * arrive first); any other is disconnected, which also stops reconnecting. Errors of a
 * closing connection are expected: a listener takes them so none goes unheard.
 */
export function closeRedis(client: Redis): Promise<void> {
  let done = closing.get(client);
  if (!done) {
    done = close(client);
    closing.set(client, done);
  }
  return done;
}

async function close(client: Redis): Promise<void> {
  client.on('error', () => undefined);
  // Read afresh after every wait: the status changes under way.
  const status = (): string => client.status;
  if (status() === 'end') return;
  if (status() === 'connecting' || status() === 'connect') {
    const settled = new Promise<void>((resolve) => {
      const done = (): void => {
        for (const event of ['ready', 'close', 'end'] as const) client.off(event, done);
        resolve();
      };
      for (const event of ['ready', 'close', 'end'] as const) client.once(event, done);
    });
    await within(settled, CLOSE_WAIT_MS).catch(() => undefined);
  }
  if (status() === 'ready') {
    const quit = await within(client.quit(), CLOSE_WAIT_MS).then(
      () => true,
      () => false,
    );
    if (quit) return;
  }
  if (status() !== 'end') {
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.disconnect();
    await within(ended, CLOSE_WAIT_MS).catch(() => undefined);
  }
}
