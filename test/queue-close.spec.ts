import { RedisConnection } from 'bullmq';
import '../src/infra/queue/queues';
import { freePort } from './support/ports';

/**
 * A queue or worker closed while its Redis connection still starts (the worker stopped during a
 * Redis outage): BullMQ reports the failed start-up after close() has removed every listener.
 * Such a report must not end the process.
 */
describe('a BullMQ connection that is closed', () => {
  it('takes what it reports after close() without throwing', async () => {
    const port = await freePort();
    const connection = new RedisConnection({ host: '127.0.0.1', port, maxRetriesPerRequest: null, lazyConnect: true });
    connection.on('error', () => undefined);
    await connection.close(true);
    expect(connection.listenerCount('error')).toBe(1);
    // What the failed start-up does once it settles.
    expect(() => connection.emit('error', new Error('connect ECONNREFUSED'))).not.toThrow();
  });

  it('keeps the usual behaviour while open: its listeners are its owners\'', async () => {
    const port = await freePort();
    const connection = new RedisConnection({ host: '127.0.0.1', port, maxRetriesPerRequest: null, lazyConnect: true });
    connection.on('error', () => undefined);
    connection.removeAllListeners();
    expect(connection.listenerCount('error')).toBe(0);
    expect(() => connection.emit('error', new Error('unheard'))).toThrow('unheard');
    await connection.close(true);
  });
});
