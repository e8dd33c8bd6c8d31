import { runCli } from '../src/cli';
import { ConfigError, loadConfig } from '../src/config/config';
import { AccountsService } from '../src/modules/accounts/accounts.service';
import { ApiKeysService } from '../src/modules/api-keys/api-keys.service';
import { bearer, startTestApp, startWithBody } from './support/app';
import { auth, createAccount, pairDevice } from './support/accounts';
import { createDocument } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('app accounts', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  it('are created anonymously with one call; the token is shown once and stored hashed, the device name encrypted', async () => {
    const res = await t.http().post('/v1/me/account').send({ deviceName: 'Erikas Tablet' }).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.token).toMatch(/^ra_[A-Za-z0-9_-]{43}$/);
    expect(res.body.account).toMatchObject({ memberOf: [], usage: { notes: 0, markings: 0, bookmarks: 0, follows: 0, devices: 1 } });
    expect(res.body.account.expiresAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/));
    const stored = JSON.stringify(await t.ds.query(`SELECT t.*, a.* FROM app_account_token t JOIN app_account a ON a.id = t.account_id WHERE a.id = $1`, [res.body.account.id]));
    expect(stored).not.toContain(res.body.token.slice(3));
    expect(stored).not.toContain('Erikas');
    const me = await t.http().get('/v1/me/account').set(auth(res.body)).expect(200);
    expect(me.body.id).toBe(res.body.account.id);
    await t.http().post('/v1/me/account').send({ deviceName: 'x'.repeat(101), role: 'admin' }).expect(400);
  });

  it('never take an API key for an account token or the other way round', async () => {
    const account = await createAccount(t);
    const doc = await createDocument(t.ds, { bodyId: t.body.id });
    // An account reads council data …
    await t.http().get(`/v1/bodies/musterstadt/documents/${doc.id}`).set(auth(account)).expect(200);
    // … but never writes it, nor reaches admin routes.
    const write = await t.http().patch(`/v1/bodies/musterstadt/documents/${doc.id}`).set(auth(account)).send({ name: 'Übernommen' }).expect(403);
    expect(write.headers['content-type']).toMatch(/problem\+json/);
    expect(write.body).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/API-Schlüssel/) });
    await t.http().post('/v1/bodies/musterstadt/sessions').set(auth(account)).send({ name: 'x', start: '2026-01-01T10:00:00+01:00' }).expect(403);
    await t.http().get('/v1/bodies/musterstadt/member-accounts').set(auth(account)).expect(403);
    await t.http().get('/v1/bodies/musterstadt/newsletter/settings').set(auth(account)).expect(403);
    // API keys of every role have no access to personal data.
    for (const key of Object.values(t.keys)) {
      const res = await t.http().get('/v1/me/notes').set(...bearer(key)).expect(403);
      expect(res.body.detail).toMatch(/App-Kontos/);
      await t.http().get('/v1/me/account').set(...bearer(key)).expect(403);
      await t.http().post('/v1/me/notes').set(...bearer(key)).send({ target: { type: 'document', id: doc.id }, text: 'x' }).expect(403);
    }
    await t.http().get('/v1/me/notes').expect(401);
    await t.http().get('/v1/me/notes').set('Authorization', `Bearer ra_${'A'.repeat(43)}`).expect(401);
    await t.http().get('/v1/me/notes').set('Authorization', `Bearer rk_${account.token.slice(3)}`).expect(401);
    // Neither resolver accepts the other's credential.
    expect(await t.app.get(ApiKeysService).resolve(account.token)).toBeNull();
    expect(await t.app.get(AccountsService).resolve(t.keys.admin)).toBeNull();
    expect(await t.app.get(AccountsService).resolve(`ra_${t.keys.admin.slice(3)}`)).toBeNull();
  });

  it('join a second device by a short-lived, single-use pairing code and list the tokens per device', async () => {
    const tablet = await createAccount(t, 'Tablet');
    const code = await t.http().post('/v1/me/pairing-codes').set(auth(tablet)).expect(201);
    expect(code.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const stored = JSON.stringify(await t.ds.query(`SELECT * FROM app_pairing_code`));
    expect(stored).not.toContain(code.body.code.replace('-', ''));
    // Typed sloppily: lower case, spaces, O for 0 and I or L for 1 still work.
    const typed = code.body.code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    const phone = await t.http().post('/v1/me/pair').send({ code: typed, deviceName: 'Telefon' }).expect(201);
    expect(phone.body.account.id).toBe(tablet.id);
    expect(phone.body.token).not.toBe(tablet.token);
    await t.http().post('/v1/me/pair').send({ code: code.body.code }).expect(410);
    await t.http().post('/v1/me/pair').send({ code: 'AAAAA-AAAAA' }).expect(410);
    await t.http().post('/v1/me/pair').send({ code: 'nicht gültig!' }).expect(400);

    const tokens = await t.http().get('/v1/me/tokens').set(auth({ token: phone.body.token })).expect(200);
    expect(tokens.body.data.map((d: { deviceName: string; current: boolean }) => [d.deviceName, d.current])).toEqual([
      ['Tablet', false],
      ['Telefon', true],
    ]);
    expect(tokens.text).not.toContain(tablet.token);

    // An expired code is refused.
    const late = await t.http().post('/v1/me/pairing-codes').set(auth(tablet)).expect(201);
    await t.ds.query(`UPDATE app_pairing_code SET expires_at = now() - interval '1 second'`);
    await t.http().post('/v1/me/pair').send({ code: late.body.code }).expect(410);
  });

  it('revoke tokens: the device is signed out at once; the last token cannot be revoked', async () => {
    const first = await createAccount(t);
    const second = await pairDevice(t, first);
    await t.http().delete(`/v1/me/tokens/${second.tokenId}`).set(auth(first)).expect(204);
    await t.http().get('/v1/me/account').set(auth(second)).expect(401);
    const last = await t.http().delete(`/v1/me/tokens/${first.tokenId}`).set(auth(first)).expect(409);
    expect(last.body).toMatchObject({ code: 'conflict', detail: expect.stringMatching(/einzige Token/) });
    await t.http().delete(`/v1/me/tokens/${second.tokenId}`).set(auth(first)).expect(404);
    await t.http().delete('/v1/me/tokens/not-a-uuid').set(auth(first)).expect(400);
    const third = await pairDevice(t, first);
    // The current token signs its own device out.
    await t.http().delete(`/v1/me/tokens/${third.tokenId}`).set(auth(third)).expect(204);
    await t.http().get('/v1/me/account').set(auth(third)).expect(401);
  });

  it('of council members read the non-public content of the body an admin granted, and only of that body', async () => {
    const member = await createAccount(t);
    const secret = await createDocument(t.ds, { bodyId: t.body.id, name: 'Grundstücksangelegenheit', public: false });
    const elsewhere = await createDocument(t.ds, { bodyId: t.other.id, name: 'Personalangelegenheit', public: false });
    await t.http().get(`/v1/bodies/musterstadt/documents/${secret.id}`).set(auth(member)).expect(404);

    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).expect(401);
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.editor)).expect(403);
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(auth(member)).expect(403);
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/00000000-0000-4000-8000-000000000000`).set(...bearer(t.keys.admin)).expect(404);
    const granted = await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.admin)).expect(200);
    expect(granted.body).toMatchObject({ accountId: member.id, body: 'musterstadt' });
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.admin)).expect(200);
    const list = await t.http().get('/v1/bodies/musterstadt/member-accounts').set(...bearer(t.keys.admin)).expect(200);
    expect(list.body.data.map((g: { accountId: string }) => g.accountId)).toContain(member.id);

    await t.http().get(`/v1/bodies/musterstadt/documents/${secret.id}`).set(auth(member)).expect(200);
    const docs = await t.http().get('/v1/bodies/musterstadt/documents').set(auth(member)).expect(200);
    expect(docs.body.data.map((d: { id: string }) => d.id)).toContain(secret.id);
    await t.http().get(`/v1/bodies/andersdorf/documents/${elsewhere.id}`).set(auth(member)).expect(404);
    const me = await t.http().get('/v1/me/account').set(auth(member)).expect(200);
    expect(me.body.memberOf).toEqual([expect.objectContaining({ body: 'musterstadt', name: 'Stadt Musterstadt' })]);
    // Another account of nobody in particular still sees nothing.
    await t.http().get(`/v1/bodies/musterstadt/documents/${secret.id}`).set(auth(await createAccount(t))).expect(404);

    await t.http().delete(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.admin)).expect(204);
    await t.http().delete(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.admin)).expect(404);
    await t.http().get(`/v1/bodies/musterstadt/documents/${secret.id}`).set(auth(member)).expect(404);
  });

  it('get member access on the command line too', async () => {
    const member = await createAccount(t);
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.config.databaseUrl;
    try {
      await runCli(['account', 'grant-member', member.id, '--body', 'andersdorf']);
      const secret = await createDocument(t.ds, { bodyId: t.other.id, public: false });
      await t.http().get(`/v1/bodies/andersdorf/documents/${secret.id}`).set(auth(member)).expect(200);
      await runCli(['account', 'members', '--body', 'andersdorf']);
      expect(printed.join('\n')).toContain(member.id);
      await runCli(['account', 'revoke-member', member.id, '--body', 'andersdorf']);
      await t.http().get(`/v1/bodies/andersdorf/documents/${secret.id}`).set(auth(member)).expect(404);
      await expect(runCli(['account', 'revoke-member', member.id, '--body', 'andersdorf'])).rejects.toThrow(/no member access/);
      await expect(runCli(['account', 'grant-member', 'nobody', '--body', 'andersdorf'])).rejects.toThrow(/UUID/);
      await expect(runCli(['account', 'grant-member', member.id, '--body', 'atlantis'])).rejects.toThrow(/atlantis/);
    } finally {
      log.mockRestore();
      process.env.DATABASE_URL = previous;
    }
  });

  it('are deleted with everything in one call; every token stops working', async () => {
    const account = await createAccount(t);
    const phone = await pairDevice(t, account);
    const doc = await createDocument(t.ds, { bodyId: t.body.id });
    await t.http().post('/v1/me/notes').set(auth(account)).send({ target: { type: 'document', id: doc.id }, text: 'Notiz' }).expect(201);
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${account.id}`).set(...bearer(t.keys.admin)).expect(200);
    await t.http().delete('/v1/me/account').set(auth(phone)).expect(204);
    await t.http().get('/v1/me/account').set(auth(account)).expect(401);
    await t.http().get('/v1/me/notes').set(auth(phone)).expect(401);
    for (const table of ['app_account', 'app_account_token', 'app_member_grant', 'me_note']) {
      const [row] = await t.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${table === 'app_account' ? 'id' : 'account_id'} = $1`, [account.id]);
      expect({ table, n: row.n }).toEqual({ table, n: 0 });
    }
  });
});

describe('app account limits and configuration', () => {
  it('limit account creation and pairing attempts per client, with Retry-After', async () => {
    const t = await startTestApp({ ME_ACCOUNTS_PER_IP_PER_HOUR: '2', ME_PAIRING_ATTEMPTS_PER_IP_PER_HOUR: '2' });
    try {
      await createAccount(t);
      await createAccount(t);
      const refused = await t.http().post('/v1/me/account').send({}).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      await t.http().post('/v1/me/pair').send({ code: 'AAAAA-AAAAA' }).expect(410);
      await t.http().post('/v1/me/pair').send({ code: 'AAAAA-AAAAB' }).expect(410);
      await t.http().post('/v1/me/pair').send({ code: 'AAAAA-AAAAC' }).expect(429);
    } finally {
      await t.close();
    }
  });

  it('are off in production without ME_KEYS, and the development key is refused there', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', NEWSLETTER_KEYS: '' });
    try {
      const res = await t.http().post('/v1/me/account').send({}).expect(503);
      expect(res.body.detail).toMatch(/ME_KEYS/);
      await t.http().get('/v1/me/notes').set('Authorization', `Bearer ra_${'A'.repeat(43)}`).expect(401);
    } finally {
      await t.close();
    }
    const dev = 'dev:ZGV2LWtleS1mb3ItYXBwLWFjY291bnRzLW5vLXByb2Q=';
    expect(() => loadConfig({ NODE_ENV: 'production', ME_KEYS: dev })).toThrow(ConfigError);
    expect(() => loadConfig({ ME_KEYS: 'k1:c2hvcnQ=' })).toThrow(/ME_KEYS: key "k1" must be 32 bytes/);
    expect(() => loadConfig({ ME_MAX_NOTES: '0' })).toThrow(/ME_MAX_NOTES/);
    expect(loadConfig({ NODE_ENV: 'production' }).accounts.keys).toEqual([]);
  });
});
