import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { relayBatches, relayedEvents, relayFailures } from '../infra/metrics/metrics';
import { ChangeJob, changeJob } from '../infra/queue/queues';
import type { RelayRecorder } from '../infra/queue/relay-recorder';

export type { RelayRecorder };

interface EventRow {
  id: string;
  body_id: string;
  resource: ChangeJob['resource'];
  resource_id: string;
  action: string;
  audience_before: number;
  audience_after: number;
  request_id: string | null;
}


/**
 * Moves change events from the outbox table into the BullMQ queues that want them (and the
 * recorders' tables), then marks them relayed — in one transaction, so a Redis outage only
 * delays delivery. Job ids are derived from event ids, so a relay that dies between enqueue
 * and commit re-enqueues the same ids and BullMQ drops the duplicates.
 */
export class OutboxRelay {
  private readonly logger = new Logger('outbox');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Why relaying failed last; logged once per outage, not with every poll. */
  private paused: string | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly queues: Queue[],
    private readonly pollMs: number,
    private readonly batchSize = 500,
    private readonly recorders: RelayRecorder[] = [],
  ) {}

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => {
          if (this.paused) this.logger.log('relay resumed');
          this.paused = null;
        })
        .catch((error: unknown) => {
          relayFailures.inc();
          const reason = error instanceof Error ? error.message : String(error);
          if (this.paused === null) this.logger.warn(`relay paused: ${reason}`);
          this.paused = reason;
        })
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty; returns how many events were relayed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.relayBatch();
      total += count;
      if (count < this.batchSize) return total;
    }
  }

  private async relayBatch(): Promise<number> {
    const count = await this.ds.transaction(async (manager) => {
      const rows: EventRow[] = await manager.query(
        `SELECT id::text, body_id, resource, resource_id, action, audience_before, audience_after, request_id
         FROM change_event WHERE relayed_at IS NULL ORDER BY change_event.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const jobs = rows.map((r) =>
        changeJob({
          eventId: r.id,
          bodyId: r.body_id,
          resource: r.resource,
          resourceId: r.resource_id,
          action: r.action,
          audienceBefore: r.audience_before as ChangeJob['audienceBefore'],
          audienceAfter: r.audience_after as ChangeJob['audienceAfter'],
          requestId: r.request_id,
        }),
      );
      for (const recorder of this.recorders) await recorder.record(manager, jobs.map((j) => j.data));
      for (const queue of this.queues) await queue.addBulk(jobs);
      await manager.query(`UPDATE change_event SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    if (count) {
      relayBatches.inc();
      relayedEvents.inc(count);
      for (const recorder of this.recorders) recorder.relayed?.();
    }
    return count;
  }
}
