import type { EntityManager } from 'typeorm';
import type { ChangeJob } from './queues';

/**
 * Work the outbox relay (src/worker/outbox-relay.ts) records in PostgreSQL itself, in the
 * transaction that marks the events relayed (so an event is never relayed without it), instead
 * of as one job per event: `record` gets each batch of events, `relayed` is called after the
 * batch committed. Modules implement it; the worker hands their recorders to the relay.
 */
export interface RelayRecorder {
  record(manager: EntityManager, events: ChangeJob[]): Promise<void>;
  relayed?(): void;
}
