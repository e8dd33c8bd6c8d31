import type { TestApp } from './app';

/** An app account made through the API: its id and the token of its first device. */
export interface TestAccount {
  id: string;
  token: string;
  tokenId: string;
}

export async function createAccount(t: Pick<TestApp, 'http'>, deviceName = 'Tablet'): Promise<TestAccount> {
  const res = await t.http().post('/v1/me/account').send({ deviceName }).expect(201);
  return { id: res.body.account.id as string, token: res.body.token as string, tokenId: res.body.tokenId as string };
}

/** A second device of the account, paired through a code from the first. */
export async function pairDevice(t: Pick<TestApp, 'http'>, account: TestAccount, deviceName = 'Telefon'): Promise<TestAccount> {
  const code = await t.http().post('/v1/me/pairing-codes').set(auth(account)).expect(201);
  const res = await t.http().post('/v1/me/pair').send({ code: code.body.code, deviceName }).expect(201);
  return { id: res.body.account.id as string, token: res.body.token as string, tokenId: res.body.tokenId as string };
}

export const auth = (account: { token: string }): Record<string, string> => ({ Authorization: `Bearer ${account.token}` });
