import { randomBytes } from 'node:crypto';
import { createApp } from '../src/app';
import { AccountKeyRing } from '../src/modules/accounts/accounts.crypto';
import { AccountHousekeeping } from '../src/modules/me/housekeeping';
import { bearer, checkedAgent, startWithBody } from './support/app';
import { auth, createAccount, TestAccount } from './support/accounts';
import { createDocument } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const key = (id: string) => ({ id, secret: randomBytes(32) });

describe('account housekeeping', () => {
  const k1 = key('k1');
  let t: Ctx;
  let doc: { id: string };

  beforeAll(async () => {
    t = await startWithBody({ ME_KEYS: `k1:${k1.secret.toString('base64')}`, ME_UNUSED_ACCOUNT_DAYS: '30', ME_IDLE_ACCOUNT_DAYS: '365' });
    doc = await createDocument(t.ds, { bodyId: t.body.id });
  });
  afterAll(async () => t.close());

  const housekeeping = (keys = t.config.accounts.keys) => new AccountHousekeeping(t.ds, new AccountKeyRing(keys), t.config.accounts);
  const unusedFor = (account: TestAccount, days: number) => t.ds.query(`UPDATE app_account SET last_used_at = now() - make_interval(days => $2) WHERE id = $1`, [account.id, days]);
  const exists = async (account: TestAccount) => (await t.ds.query(`SELECT 1 FROM app_account WHERE id = $1`, [account.id])).length === 1;

  it('deletes accounts that hold nothing after ME_UNUSED_ACCOUNT_DAYS and all others after ME_IDLE_ACCOUNT_DAYS', async () => {
    const empty = await createAccount(t);
    const fresh = await createAccount(t);
    const withNote = await createAccount(t);
    const member = await createAccount(t);
    const idle = await createAccount(t);
    await t.http().post('/v1/me/notes').set(auth(withNote)).send({ target: { type: 'document', id: doc.id }, text: 'bleibt' }).expect(201);
    await t.http().post('/v1/me/bookmarks').set(auth(idle)).send({ target: { type: 'document', id: doc.id } }).expect(201);
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.admin)).expect(200);
    const promised = (await t.http().get('/v1/me/account').set(auth(empty)).expect(200)).body.expiresAt;
    expect(Date.parse(promised) - Date.now()).toBeGreaterThan(29 * 86400_000);
    expect(Date.parse(promised) - Date.now()).toBeLessThan(31 * 86400_000);
    await unusedFor(empty, 31);
    await unusedFor(withNote, 31);
    await unusedFor(member, 31);
    await unusedFor(idle, 366);
    const result = await housekeeping().tick();
    expect(result.expiredAccounts).toBe(2);
    expect([await exists(empty), await exists(fresh), await exists(withNote), await exists(member), await exists(idle)]).toEqual([false, true, true, true, false]);
    await t.http().get('/v1/me/account').set(auth(empty)).expect(401);
    // Using an account keeps it: the use is recorded (at most once an hour).
    await unusedFor(fresh, 29);
    await t.http().get('/v1/me/account').set(auth(fresh)).expect(200);
    await new Promise((r) => setTimeout(r, 100));
    const [{ days }] = await t.ds.query(`SELECT extract(day FROM now() - last_used_at)::int AS days FROM app_account WHERE id = $1`, [fresh.id]);
    expect(days).toBe(0);
  });

  it('drops expired pairing codes and day-old idempotency keys', async () => {
    const a = await createAccount(t);
    await t.http().post('/v1/me/pairing-codes').set(auth(a)).expect(201);
    await t.http().post('/v1/me/notes').set(auth(a)).set('Idempotency-Key', 'k-1').send({ target: { type: 'document', id: doc.id }, text: 'x' }).expect(201);
    await t.ds.query(`UPDATE app_pairing_code SET expires_at = now() - interval '1 minute' WHERE account_id = $1`, [a.id]);
    await t.ds.query(`UPDATE me_idempotency_key SET created_at = now() - interval '25 hours' WHERE account_id = $1`, [a.id]);
    await housekeeping().tick();
    expect(await t.ds.query(`SELECT * FROM app_pairing_code WHERE account_id = $1`, [a.id])).toEqual([]);
    expect(await t.ds.query(`SELECT * FROM me_idempotency_key WHERE account_id = $1`, [a.id])).toEqual([]);
  });

  it('re-wraps data keys after a rotation of ME_KEYS, so the old key can go and nothing is lost', async () => {
    const a = await createAccount(t);
    const note = (await t.http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text: 'Vor der Rotation', tags: ['alt'] }).expect(201)).body;
    const k2 = key('k2');
    const rotated = await housekeeping([k2, k1]).tick();
    expect(rotated.rewrapped).toBeGreaterThan(0);
    expect(await t.ds.query(`SELECT DISTINCT key_id FROM app_account`)).toEqual([{ key_id: 'k2' }]);
    expect((await housekeeping([k2, k1]).tick()).rewrapped).toBe(0);
    // An API with only the new key reads, searches and writes everything.
    const app = await createApp({ ...t.config, accounts: { ...t.config.accounts, keys: [k2] } }, { logger: false });
    try {
      const http = () => checkedAgent(app.getHttpServer());
      expect((await http().get(`/v1/me/notes/${note.id}`).set(auth(a)).expect(200)).body.text).toBe('Vor der Rotation');
      expect((await http().get('/v1/me/notes?q=rotation&tag=alt').set(auth(a)).expect(200)).body.data).toHaveLength(1);
      await http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text: 'Danach' }).expect(201);
    } finally {
      await app.close();
    }
  });
});
