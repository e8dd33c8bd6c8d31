import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from '../infra/database/data-source';
import { migrate } from '../infra/database/migrate';
import { WebhookSecretRing } from '../modules/webhooks/webhook-secrets';
import { WebhookSender } from '../modules/webhooks/webhook-sender';
import { newSecret } from '../modules/webhooks/webhook-signing';
import { OutboxRelay } from '../worker/outbox-relay';

/**
 * `npm run bench:webhooks`: BENCH_WEBHOOKS (default 1000) change events relayed and delivered,
 * signed, to a local receiver. Creates its own database (`<DATABASE_URL db>_bench_webhooks`),
 * drops it afterwards, and checks that every message arrived once with a valid signature.
 */
const MESSAGES = Number(process.env.BENCH_WEBHOOKS ?? 1000);

async function main(): Promise<void> {
  const base = loadConfig();
  const url = new URL(base.databaseUrl);
  const name = `${url.pathname.slice(1) || 'ratsinfo'}_bench_webhooks`;
  url.pathname = `/${name}`;
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await migrate(url.toString());

  const seen = new Map<string, number>();
  let bad = 0;
  let secret = '';
  let lastAt = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const content = `${id}.${String(req.headers['webhook-timestamp'])}.${Buffer.concat(chunks).toString('utf8')}`;
      const expected = `v1,${createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(content).digest('base64')}`;
      if (req.headers['webhook-signature'] !== expected) bad++;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      lastAt = Date.now();
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true', LOG_LEVEL: 'warn' });
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  const [body]: { id: string }[] = await ds.query(`INSERT INTO body (slug, name) VALUES ('benchstadt', 'Stadt Benchstadt') RETURNING id`);
  secret = newSecret();
  // Sealed as the API stores it, so that the sender opens it for every message as it does in production.
  const ring = new WebhookSecretRing(config.webhooks.keys);
  const id = randomUUID();
  await ds.query(`INSERT INTO webhook_subscription (id, body_id, url, event_types, audience, secret_key_id, secret_sealed) VALUES ($1, $2, $3, '{*}', 2, $4, $5)`, [
    id,
    body.id,
    `http://127.0.0.1:${port}/hook`,
    ring.activeKeyId,
    ring.seal(id, 'secret', secret),
  ]);
  await ds.query(
    `INSERT INTO change_event (body_id, resource, resource_id, action, audience_before, audience_after)
     SELECT $1, 'session', gen_random_uuid(), 'updated', 2, 2 FROM generate_series(1, $2)`,
    [body.id, MESSAGES],
  );

  const sender = new WebhookSender(config);
  const relay = new OutboxRelay(ds, [], 50, 500, [sender.recorder]);
  const started = Date.now();
  relay.start();
  sender.start();
  const deadline = started + 120_000;
  while (seen.size < MESSAGES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = ((lastAt || Date.now()) - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  await relay.stop();
  await sender.close();
  const [{ delivered }]: { delivered: number }[] = await ds.query(`SELECT count(*)::int AS delivered FROM webhook_delivery WHERE status = 'delivered'`);
  await ds.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await pg.end();

  const doubled = [...seen.values()].filter((n) => n > 1).length;
  console.log(
    `webhooks: ${seen.size}/${MESSAGES} messages received in ${seconds.toFixed(2)} s (${Math.round(seen.size / seconds)}/s), ` +
      `concurrency ${config.webhooks.concurrency}; doubled ${doubled}, bad signatures ${bad}, logged delivered ${delivered}`,
  );
  if (seen.size !== MESSAGES || doubled || bad || delivered !== MESSAGES) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
