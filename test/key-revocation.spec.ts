import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKeysService, KEY_REVOCATIONS } from '../src/modules/api-keys/api-keys.service';
import type { KeyRevocations } from '../src/modules/api-keys/key-revocations';
import { bearer, startAnotherApp, startWithBody, TestApp } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const sessions = '/v1/bodies/musterstadt/sessions';

/** Polls `app` with the key until it is refused; the milliseconds that took, or null after 3 s. */
async function refusedWithin(app: TestApp, key: string): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < 3000) {
    if ((await app.http().get(sessions).set(...bearer(key))).status === 401) return Date.now() - started;
    await sleep(20);
  }
  return null;
}

async function listening(app: TestApp): Promise<void> {
  const revocations = app.app.get<KeyRevocations>(KEY_REVOCATIONS);
  for (let i = 0; i < 100 && !revocations.listening; i++) await sleep(20);
  expect(revocations.listening).toBe(true);
}

describe('revoking an API key', () => {
  let t: Ctx;
  let other: TestApp;

  beforeAll(async () => {
    t = await startWithBody();
    other = await startAnotherApp(t);
    await Promise.all([listening(t), listening(other)]);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('is refused by every API process within a second, though each had the key cached', async () => {
    const keys = t.app.get(ApiKeysService);
    const { key, id } = await keys.create({ name: 'Pressestelle', role: 'editor', bodyId: t.body.id });
    for (const app of [t, other]) {
      for (let i = 0; i < 2; i++) await app.http().get(sessions).set(...bearer(key)).expect(200);
    }
    expect(await keys.revoke(id)).toEqual({ id, told: true });
    const ms = await refusedWithin(other, key);
    expect(ms).not.toBeNull();
    expect(ms).toBeLessThan(1000);
    await t.http().get(sessions).set(...bearer(key)).expect(401);
  });
});

describe('revoking an API key while Redis is down', () => {
  it('is refused by every API process at once: keys are not cached while revocations cannot arrive', async () => {
    const t = await startWithBody({ REDIS_URL: 'redis://127.0.0.1:1' });
    const other = await startAnotherApp(t);
    try {
      const { key, id } = await t.app.get(ApiKeysService).create({ name: 'Integration', role: 'member', bodyId: t.body.id });
      for (let i = 0; i < 2; i++) await other.http().get(sessions).set(...bearer(key)).expect(200);
      expect(await t.app.get(ApiKeysService).revoke(id)).toEqual({ id, told: false });
      await other.http().get(sessions).set(...bearer(key)).expect(401);
    } finally {
      await other.close();
      await t.close();
    }
  });
});
