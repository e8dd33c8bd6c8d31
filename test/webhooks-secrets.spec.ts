import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig, ConfigError, loadConfig } from '../src/config/config';
import { WebhookSender } from '../src/modules/webhooks/webhook-sender';
import { newSecret } from '../src/modules/webhooks/webhook-signing';
import { createProcessors } from '../src/worker/processors';
import { RunningWorker, startWorker } from '../src/worker/worker';
import { bearer, startAnotherApp, startWithBody } from './support/app';
import { eventually } from './support/search-worker';
import { expectedSignature, receiver } from './support/webhooks';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

interface StoredRow {
  secret: string | null;
  previous_secret: string | null;
  key_id: string | null;
  sealed: Buffer | null;
  previous_sealed: Buffer | null;
  /** The whole row as text, to look for a secret in any column. */
  text: string;
}

describe('webhook signing secrets at rest', () => {
  let t: Ctx;
  let worker: RunningWorker;
  let parts: ReturnType<typeof createProcessors>;
  const senders: WebhookSender[] = [];
  const editor = (): [string, string] => bearer(t.keys.editor);

  beforeAll(async () => {
    t = await startWithBody({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_POLL_MS: '50', OUTBOX_POLL_MS: '50' });
    parts = createProcessors(t.config);
    worker = await startWorker(t.config, parts);
  });
  afterAll(async () => {
    for (const sender of senders) await sender.close();
    await worker.stop();
    await t.close();
  });

  /** Another sender (as another worker process would run it), with `keys` instead of the test's. */
  const sender = (keys = t.config.webhooks.keys): WebhookSender => {
    const config: AppConfig = { ...t.config, webhooks: { ...t.config.webhooks, keys } };
    const started = new WebhookSender(config);
    senders.push(started);
    return started;
  };

  async function subscribe(url: string): Promise<{ id: string; secret: string }> {
    const res = await t.http().post('/v1/bodies/musterstadt/webhooks').set(...editor()).send({ url, eventTypes: ['session.created'] }).expect(201);
    return res.body as { id: string; secret: string };
  }

  async function stored(id: string): Promise<StoredRow> {
    const [row] = await t.ds.query<StoredRow[]>(
      `SELECT secret, previous_secret, secret_key_id AS key_id, secret_sealed AS sealed, previous_secret_sealed AS previous_sealed, row_to_json(s)::text AS text
       FROM webhook_subscription s WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Neither the secret nor its key bytes appear anywhere in the row, in text or in the sealed bytes. */
  function expectNoPlaintext(row: StoredRow, ...secrets: string[]): void {
    expect([row.secret, row.previous_secret]).toEqual([null, null]);
    const bytes = Buffer.concat([row.sealed ?? Buffer.alloc(0), row.previous_sealed ?? Buffer.alloc(0), Buffer.from(row.text, 'utf8')]);
    for (const secret of secrets) {
      const key = secret.slice('whsec_'.length);
      expect([bytes.includes(Buffer.from(secret)), bytes.includes(Buffer.from(key)), bytes.includes(Buffer.from(key, 'base64'))]).toEqual([false, false, false]);
    }
  }

  const newSession = async (name: string): Promise<void> => {
    await t.http().post('/v1/bodies/musterstadt/sessions').set(...editor()).send({ name, start: '2025-09-01T18:00:00+02:00', publish: true }).expect(201);
  };

  it('stores a new secret sealed under the active server key, and deliveries are signed with the secret the API answered', async () => {
    const target = await receiver();
    try {
      const hook = await subscribe(target.url);
      const row = await stored(hook.id);
      expect(row.key_id).toBe('dev');
      expect(row.sealed).toBeInstanceOf(Buffer);
      expect(row.previous_sealed).toBeNull();
      expectNoPlaintext(row, hook.secret);

      await newSession('Hauptausschuss');
      await eventually(() => Promise.resolve(target.got.length >= 1), 15_000, 'the delivery');
      const [message] = target.got;
      expect(message.headers['webhook-signature']).toBe(expectedSignature(hook.secret, message.headers, message.body));
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });

  it('keeps both secrets sealed after a rotation of the secret, and both sign', async () => {
    const target = await receiver();
    try {
      const hook = await subscribe(target.url);
      const rotated = await t.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/rotate-secret`).set(...editor()).expect(200);
      const secret = rotated.body.secret as string;
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(hook.secret);
      const row = await stored(hook.id);
      expect(row.previous_sealed).toBeInstanceOf(Buffer);
      expectNoPlaintext(row, hook.secret, secret);

      await newSession('Sportausschuss');
      await eventually(() => Promise.resolve(target.got.length >= 1), 15_000, 'the delivery');
      const [message] = target.got;
      expect(String(message.headers['webhook-signature']).split(' ')).toEqual([
        expectedSignature(secret, message.headers, message.body),
        expectedSignature(hook.secret, message.headers, message.body),
      ]);
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });

  it('seals the plaintext secrets of subscriptions made before they were sealed when a worker starts, and they sign as before', async () => {
    const target = await receiver();
    try {
      const [secret, previous, expired] = [newSecret(), newSecret(), newSecret()];
      // Rows as the previous schema wrote them: plaintext secrets (one with a previous secret past its grace period).
      const [{ id }] = await t.ds.query<{ id: string }[]>(
        `INSERT INTO webhook_subscription (body_id, url, event_types, audience, secret, previous_secret, previous_secret_until)
         VALUES ($1, $2, '{session.created}', 0, $3, $4, now() + interval '1 hour') RETURNING id`,
        [t.body.id, target.url, secret, previous],
      );
      const [{ id: old }] = await t.ds.query<{ id: string }[]>(
        `INSERT INTO webhook_subscription (body_id, url, event_types, audience, secret, previous_secret, previous_secret_until, enabled)
         VALUES ($1, $2, '{session.created}', 0, $3, $4, now() - interval '1 hour', false) RETURNING id`,
        [t.body.id, target.url, secret, expired],
      );
      sender().start();
      await eventually(async () => (await stored(id)).secret === null && (await stored(old)).secret === null, 10_000, 'the rows sealed');
      const row = await stored(id);
      expect(row.key_id).toBe('dev');
      expectNoPlaintext(row, secret, previous);
      const oldRow = await stored(old);
      expectNoPlaintext(oldRow, secret, expired);
      expect(oldRow.previous_sealed).toBeNull();

      await newSession('Bauausschuss');
      await eventually(() => Promise.resolve(target.got.length >= 1), 15_000, 'the delivery');
      const [message] = target.got;
      expect(String(message.headers['webhook-signature']).split(' ')).toEqual([
        expectedSignature(secret, message.headers, message.body),
        expectedSignature(previous, message.headers, message.body),
      ]);
      await t.ds.query(`DELETE FROM webhook_subscription WHERE id = ANY($1::uuid[])`, [[id, old]]);
    } finally {
      await target.close();
    }
  });

  it('re-seals every row under a new server key put first; a worker without that key keeps the deliveries pending and says which key is missing', async () => {
    const target = await receiver();
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const hooks = [await subscribe(`${target.url}?a`), await subscribe(`${target.url}?b`), await subscribe(`${target.url}?c`)];
      const next = sender([{ id: 'k2', secret: randomBytes(32) }, ...t.config.webhooks.keys]);
      // Batches of two: the second batch takes the rest.
      expect(await next.sealSecrets(2)).toBe(3);
      for (const hook of hooks) {
        const row = await stored(hook.id);
        expect(row.key_id).toBe('k2');
        expectNoPlaintext(row, hook.secret);
      }
      expect(await next.sealSecrets(2)).toBe(0);

      // The test's worker knows only the old key: it sends nothing and loses nothing.
      await newSession('Kulturausschuss');
      await eventually(
        async () => (await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = ANY($1::uuid[])`, [hooks.map((h) => h.id)]))[0].n === 3,
        15_000,
        'the deliveries recorded',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(target.got).toEqual([]);
      const pending = await t.ds.query<{ status: string; attempts: number }[]>(`SELECT status, attempts FROM webhook_delivery WHERE subscription_id = ANY($1::uuid[])`, [
        hooks.map((h) => h.id),
      ]);
      expect(pending).toEqual(hooks.map(() => ({ status: 'pending', attempts: 0 })));
      await parts.modules.webhooks.sender.sealSecrets();
      await parts.modules.webhooks.sender.sealSecrets();
      const missing = errors.mock.calls.filter(([message]) => String(message).includes('"k2"'));
      expect(missing).toHaveLength(1);
      expect(String(missing[0][0])).toContain('3 webhook subscription(s)');

      // A worker with the new key sends them, signed with the secrets the API answered.
      next.start();
      await eventually(() => Promise.resolve(target.got.length >= 3), 15_000, 'the deliveries');
      for (const hook of hooks) {
        const signed = target.got.filter((g) => g.headers['webhook-signature'] === expectedSignature(hook.secret, g.headers, g.body));
        expect(signed).toHaveLength(1);
      }

      // Without the new key, rotating the secret gets a subscription going again: the new secret signs alone.
      await next.close();
      senders.splice(senders.indexOf(next), 1);
      const rotated = await t.http().post(`/v1/bodies/musterstadt/webhooks/${hooks[0].id}/rotate-secret`).set(...editor()).expect(200);
      expect(rotated.body.previousSecretUntil).toBeNull();
      expect((await stored(hooks[0].id)).key_id).toBe('dev');
      const before = target.got.length;
      await newSession('Jugendhilfeausschuss');
      await eventually(() => Promise.resolve(target.got.length > before), 15_000, 'the delivery after the rotation');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = target.got.slice(before);
      expect(after).toHaveLength(1);
      expect(after[0].headers['webhook-signature']).toBe(expectedSignature(rotated.body.secret as string, after[0].headers, after[0].body));
      for (const hook of hooks) await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      errors.mockRestore();
      await target.close();
    }
  });

  it('has no keys in production unless WEBHOOK_KEYS is set, and refuses the development key there', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).webhooks.keys).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test' }).webhooks.keys.map((k) => k.id)).toEqual(['dev']);
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_KEYS: `dev:${randomBytes(32).toString('base64')}` })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_KEYS: 'k1:c2hvcnQ=' })).toThrow(/WEBHOOK_KEYS: key "k1" must be 32 bytes/);
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_KEYS: `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}` }).webhooks.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('answers 503 to creating a subscription or rotating its secret where WEBHOOK_KEYS is empty', async () => {
    const hook = await subscribe('http://127.0.0.1:9/hook');
    const before = await stored(hook.id);
    const off = await startAnotherApp(t, { WEBHOOK_KEYS: '', WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true' });
    try {
      const created = await off.http().post('/v1/bodies/musterstadt/webhooks').set(...editor()).send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['*'] }).expect(503);
      expect(created.body).toMatchObject({ code: 'not_configured' });
      expect(created.body.detail).toContain('WEBHOOK_KEYS');
      await off.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/rotate-secret`).set(...editor()).expect(503);
      // Nothing was made, and the secret of the subscription is the one it had.
      const list = await t.http().get('/v1/bodies/musterstadt/webhooks').set(...editor()).expect(200);
      expect(list.body.data.map((w: { url: string }) => w.url)).toEqual(['http://127.0.0.1:9/hook']);
      expect(await stored(hook.id)).toEqual(before);
    } finally {
      await off.close();
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    }
  });
});
