import type { DataSource } from 'typeorm';

export const ACCOUNT_USAGE = `  account grant-member <account-id> --body <slug>
                                            let an app account read the body's non-public content
  account revoke-member <account-id> --body <slug>
                                            withdraw it
  account members --body <slug>             app accounts with member access to the body`;

export class AccountCommandError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Member access of app accounts on the command line (as `PUT /v1/bodies/{body}/member-accounts/{id}`
 * with an admin key). Prints ids and dates only: nothing of the accounts' data.
 */
export async function accountCommand(ds: DataSource, words: string[], flags: Record<string, string>, print: (line: string) => void = console.log): Promise<void> {
  const action = words[1];
  if (!['grant-member', 'revoke-member', 'members'].includes(action)) throw new AccountCommandError('account needs grant-member, revoke-member or members');
  if (!flags.body) throw new AccountCommandError('--body <slug> is required');
  const [body]: { id: string }[] = await ds.query(`SELECT id FROM body WHERE slug = $1 AND deleted_at IS NULL`, [flags.body]);
  if (!body) throw new AccountCommandError(`no body with slug "${flags.body}"`);
  if (action === 'members') {
    const rows: { accountId: string; grantedAt: Date; lastUsedAt: Date }[] = await ds.query(
      `SELECT g.account_id AS "accountId", g.granted_at AS "grantedAt", a.last_used_at AS "lastUsedAt"
       FROM app_member_grant g JOIN app_account a ON a.id = g.account_id WHERE g.body_id = $1 ORDER BY g.granted_at`,
      [body.id],
    );
    for (const r of rows) print([r.accountId, `granted ${r.grantedAt.toISOString()}`, `last used ${r.lastUsedAt.toISOString()}`].join('\t'));
    if (!rows.length) print(`no app account has member access to ${flags.body}`);
    return;
  }
  const accountId = words[2];
  if (!accountId || !UUID.test(accountId)) throw new AccountCommandError(`account ${action} needs the account id (a UUID; the app shows it, GET /v1/me/account)`);
  if (action === 'grant-member') {
    const [account]: { id: string }[] = await ds.query(`SELECT id FROM app_account WHERE id = $1`, [accountId]);
    if (!account) throw new AccountCommandError(`no app account ${accountId}`);
    await ds.query(`INSERT INTO app_member_grant (account_id, body_id) VALUES ($1, $2) ON CONFLICT (account_id, body_id) DO NOTHING`, [accountId, body.id]);
    print(`app account ${accountId} now reads the non-public content of ${flags.body}`);
    return;
  }
  const result: unknown = await ds.query(`DELETE FROM app_member_grant WHERE account_id = $1 AND body_id = $2 RETURNING account_id`, [accountId, body.id]);
  const removed = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  if (!removed) throw new AccountCommandError(`app account ${accountId} has no member access to ${flags.body}`);
  print(`withdrew the member access of app account ${accountId} to ${flags.body}`);
}
