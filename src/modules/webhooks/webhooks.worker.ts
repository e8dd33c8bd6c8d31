import type { AppConfig } from '../../config/config';
import type { RelayRecorder } from '../../infra/queue/relay-recorder';
import { WebhookSender } from './webhook-sender';

export interface WebhooksWorker {
  sender: WebhookSender;
  /** Records a delivery per matching subscription with each relayed batch (see WebhookSender). */
  recorder: RelayRecorder;
  /** Starts the lease loop that sends due deliveries, and the sealing of signing secrets (see WebhookSender.sealSecrets). */
  start(): Promise<void>;
  /** Stops sending and closes the sender's connections (once; later calls wait for the same close). */
  close(): Promise<void>;
}

/** The worker side of webhooks: the relay's recorder and the sender of due deliveries. */
export function createWebhooksWorker(config: AppConfig): WebhooksWorker {
  const sender = new WebhookSender(config);
  let closing: Promise<void> | null = null;
  return {
    sender,
    recorder: sender.recorder,
    start: () => {
      sender.start();
      return Promise.resolve();
    },
    close: () => (closing ??= sender.close()),
  };
}
