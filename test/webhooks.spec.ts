import { WebhookSender } from '../src/modules/webhooks/webhook-sender';
import { createProcessors } from '../src/worker/processors';
import { RunningWorker, startWorker } from '../src/worker/worker';
import { bearer, startWithBody } from './support/app';
import { eventually } from './support/search-worker';
import { expectedSignature, receiver } from './support/webhooks';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('webhooks', () => {
  let t: Ctx;
  let worker: RunningWorker;
  let parts: ReturnType<typeof createProcessors>;
  /** A sender started besides the worker's (the worker's stopped mid-run). */
  let another: WebhookSender | null = null;
  const editor = (): [string, string] => bearer(t.keys.editor);

  beforeAll(async () => {
    t = await startWithBody({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RETRY_DELAYS: '100ms,200ms',
      WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: '2',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
      OUTBOX_POLL_MS: '50',
    });
    parts = createProcessors(t.config);
    worker = await startWorker(t.config, parts);
  });
  afterAll(async () => {
    await worker.stop();
    await another?.close();
    await t.close();
  });

  async function subscribe(url: string, eventTypes: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
    const res = await t.http().post('/v1/bodies/musterstadt/webhooks').set(...editor()).send({ url, eventTypes, ...extra }).expect(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    return res.body as { id: string; secret: string };
  }

  const newSession = async (name: string): Promise<string> =>
    (await t.http().post('/v1/bodies/musterstadt/sessions').set(...editor()).send({ name, start: '2025-09-01T18:00:00+02:00', publish: true }).expect(201)).body.id as string;

  it('refuses member keys, private and non-https targets and unknown event types, and creates nothing', async () => {
    await t.http().post('/v1/bodies/musterstadt/webhooks').set(...bearer(t.keys.member)).send({ url: 'https://example.org/h', eventTypes: ['*'] }).expect(403);
    await t.http().post('/v1/bodies/musterstadt/webhooks').set(...bearer(t.keys.otherEditor)).send({ url: 'https://example.org/h', eventTypes: ['*'] }).expect(403);
    const privateTarget = await t.http().post('/v1/bodies/musterstadt/webhooks').set(...editor()).send({ url: 'https://10.1.2.3/h', eventTypes: ['*'] }).expect(400);
    expect(privateTarget.body.errors).toEqual([expect.objectContaining({ field: 'url', code: 'invalid_value' })]);
    const loopback = await t.http().post('/v1/bodies/musterstadt/webhooks').set(...editor()).send({ url: 'http://[::1]:9/h', eventTypes: ['*'] }).expect(400);
    expect(loopback.body.errors[0].message).toContain('loopback');
    const scheme = await t.http().post('/v1/bodies/musterstadt/webhooks').set(...editor()).send({ url: 'ftp://example.org/h', eventTypes: ['session.moved', '*'] }).expect(400);
    expect(scheme.body.errors.map((e: { field: string }) => e.field)).toEqual(['url', 'eventTypes[0]']);
    const list = await t.http().get('/v1/bodies/musterstadt/webhooks').set(...editor()).expect(200);
    expect(list.body.data).toEqual([]);
  });

  it('delivers a signed message for a write made through the API', async () => {
    const target = await receiver();
    try {
      const hook = await subscribe(target.url, ['session.*'], { description: 'Ratsinfo-App' });
      const sessionId = await newSession('Hauptausschuss');
      await eventually(() => Promise.resolve(target.got.length >= 1), 15_000, 'the delivery');
      const [message] = target.got;
      expect(message.headers['content-type']).toBe('application/json');
      expect(message.headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
      expect(Math.abs(Number(message.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      expect(message.headers['webhook-signature']).toBe(expectedSignature(hook.secret, message.headers, message.body));
      expect(JSON.parse(message.body)).toEqual({
        type: 'session.created',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
        data: { body: 'musterstadt', resource: 'session', id: sessionId, action: 'created', url: `http://api.test/v1/bodies/musterstadt/sessions/${sessionId}` },
      });
      let log = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}/deliveries`).set(...editor()).expect(200);
      await eventually(
        async () => {
          log = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}/deliveries`).set(...editor()).expect(200);
          return log.body.data[0]?.status !== 'pending';
        },
        10_000,
        'the delivery logged',
      );
      expect(log.body.data).toHaveLength(1);
      expect(log.body.data[0]).toMatchObject({ type: 'session.created', status: 'delivered', attempts: 1, nextAttemptAt: null });
      expect(log.body.data[0].attemptLog[0]).toMatchObject({ statusCode: 200, error: null });
      expect(log.body.data[0].attemptLog[0].responseBody).toHaveLength(1024);
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });

  it("delivers a non-public document's change only to a subscription whose audience may see it", async () => {
    const target = await receiver();
    try {
      const publicHook = await subscribe(`${target.url}?public`, ['document.*']);
      const staffHook = await subscribe(`${target.url}?staff`, ['document.*'], { audience: 'staff' });
      const doc = await t.http().post('/v1/bodies/musterstadt/documents').set(...editor()).send({ name: 'Kaufvertrag Geheimweg', public: false, publish: true }).expect(201);
      await eventually(() => Promise.resolve(target.got.length >= 1), 15_000, 'the staff delivery');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(target.got.map((g) => JSON.parse(g.body) as { data: { id: string } }).filter((p) => p.data.id === doc.body.id)).toHaveLength(1);
      expect(target.got.every((g) => g.headers['webhook-signature'] === expectedSignature(staffHook.secret, g.headers, g.body))).toBe(true);
      const publicLog = await t.http().get(`/v1/bodies/musterstadt/webhooks/${publicHook.id}/deliveries`).set(...editor()).expect(200);
      expect(publicLog.body.data).toEqual([]);
      const changed = await t.http().patch(`/v1/bodies/musterstadt/webhooks/${publicHook.id}`).set(...editor()).send({ audience: 'member', description: 'Ratsmitglieder' }).expect(200);
      expect(changed.body).toMatchObject({ audience: 'member', description: 'Ratsmitglieder', eventTypes: ['document.*'] });
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${publicHook.id}`).set(...editor()).expect(204);
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${staffHook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });

  it('retries with backoff, logs the attempts, disables after repeated failures, and is enabled and replayed by the routes', async () => {
    let status = 500;
    const target = await receiver(() => status);
    try {
      const hook = await subscribe(target.url, ['session.created']);
      await newSession('Bauausschuss');
      await eventually(() => Promise.resolve(target.got.length >= 3), 15_000, 'three attempts');
      const ids = new Set(target.got.map((g) => g.headers['webhook-id']));
      expect(ids.size).toBe(1);
      const gaps = [target.got[1].at - target.got[0].at, target.got[2].at - target.got[1].at];
      expect(gaps[0]).toBeGreaterThanOrEqual(80);
      expect(gaps[1]).toBeGreaterThanOrEqual(160);
      let log = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}/deliveries`).set(...editor()).expect(200);
      await eventually(
        async () => {
          log = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}/deliveries`).set(...editor()).expect(200);
          return log.body.data[0]?.status === 'failed';
        },
        10_000,
        'the failure',
      );
      expect(log.body.data[0]).toMatchObject({ status: 'failed', attempts: 3 });
      expect(log.body.data[0].attemptLog.map((a: { statusCode: number; error: string }) => [a.statusCode, a.error])).toEqual([
        [500, 'HTTP 500'],
        [500, 'HTTP 500'],
        [500, 'HTTP 500'],
      ]);
      const failing = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(200);
      expect(failing.body.enabled).toBe(true);
      // The failure counts are not part of the subscription as editors read it: its version stays.
      expect(failing.headers.etag).toBe('"1"');

      await newSession('Kulturausschuss');
      await eventually(async () => !(await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor())).body.enabled, 15_000, 'the subscription disabled');
      const disabled = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(200);
      expect(disabled.body.disabledReason).toContain('2 consecutive messages failed');
      // Disabling does change it: an editor's change made on the version before is refused.
      expect(disabled.headers.etag).toBe('"2"');
      await t.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/enable`).set(...editor()).set('If-Match', failing.headers.etag).expect(412);

      // While disabled, changes are not recorded for it; enabled again, new ones go out.
      status = 204;
      const enabled = await t.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/enable`).set(...editor()).set('If-Match', disabled.headers.etag).expect(200);
      expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
      const before = target.got.length;
      const failed = log.body.data[0].id as string;
      await t.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/deliveries/${failed}/replay`).set(...editor()).expect(202);
      await eventually(() => Promise.resolve(target.got.length > before), 10_000, 'the replay');
      const replayed = target.got[target.got.length - 1];
      expect(replayed.headers['webhook-id']).toBe(`msg_${failed}`);
      expect(replayed.headers['webhook-signature']).toBe(expectedSignature(hook.secret, replayed.headers, replayed.body));
      await t.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/deliveries/00000000-0000-0000-0000-000000000000/replay`).set(...editor()).expect(404);
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });

  it('signs with the old and the new secret during the grace period after a rotation', async () => {
    const target = await receiver();
    try {
      const hook = await subscribe(target.url, ['*']);
      const rotated = await t.http().post(`/v1/bodies/musterstadt/webhooks/${hook.id}/rotate-secret`).set(...editor()).expect(200);
      expect(rotated.body.secret).not.toBe(hook.secret);
      expect(Date.parse(rotated.body.previousSecretUntil as string) - Date.now()).toBeGreaterThan(23 * 3600_000);
      await newSession('Sportausschuss');
      await eventually(() => Promise.resolve(target.got.length >= 1), 15_000, 'the delivery');
      const [message] = target.got;
      expect(String(message.headers['webhook-signature']).split(' ')).toEqual([
        expectedSignature(rotated.body.secret as string, message.headers, message.body),
        expectedSignature(hook.secret, message.headers, message.body),
      ]);
      const shown = await t.http().get(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(200);
      expect(shown.body.secret).toBeUndefined();
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });

  it('loses and doubles nothing when the sender stops mid-run and another starts', async () => {
    const target = await receiver();
    try {
      const hook = await subscribe(target.url, ['session.created']);
      for (let i = 0; i < 30; i++) await newSession(`Sitzung ${i}`);
      await eventually(() => Promise.resolve(target.got.length >= 5), 15_000, 'the first deliveries');
      await parts.modules.webhooks.close();
      const stoppedAt = target.got.length;
      another = new WebhookSender(t.config);
      another.start();
      await eventually(() => Promise.resolve(target.got.length >= 30), 20_000, 'all deliveries');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stoppedAt).toBeLessThanOrEqual(30);
      const ids = target.got.map((g) => String(g.headers['webhook-id']));
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      const [{ n }] = await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1 AND status = 'delivered' AND attempts = 1`, [hook.id]);
      expect(n).toBe(30);
      await t.http().delete(`/v1/bodies/musterstadt/webhooks/${hook.id}`).set(...editor()).expect(204);
    } finally {
      await target.close();
    }
  });
});
