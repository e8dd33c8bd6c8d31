import { loadConfig } from '../../config/config';
import type { RelayRecorder } from '../../worker/outbox-relay';
import { WebhookSender } from './webhook-sender';

let shared: WebhookSender | null = null;

/** The worker process's sender, configured from the environment on first use. */
function sender(): WebhookSender {
  return (shared ??= new WebhookSender(loadConfig()));
}

/** Records a delivery per matching subscription with each relayed batch (see WebhookSender). */
export const WEBHOOK_RECORDER: RelayRecorder = { record: (manager, events) => sender().recorder.record(manager, events), relayed: () => sender().kick() };

/** Starts the lease loop that sends due deliveries. */
export function startWebhookWorker(): Promise<void> {
  sender().start();
  return Promise.resolve();
}
