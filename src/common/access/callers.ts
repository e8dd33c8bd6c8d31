import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ACCOUNT_TOKEN_PREFIX, AccountsService } from '../../modules/accounts/accounts.service';
import { ApiKeysService } from '../../modules/api-keys/api-keys.service';
import { Problem } from '../http/problem';
import { ANONYMOUS, Caller } from './access';

/**
 * Who sent a request, from its `Authorization` header: anonymous, an API key (`rk_…`) or an
 * app account token (`ra_…`), told apart by prefix and looked up in their own tables. Resolved
 * once per request: the rate limiter asks first (to count by the key's or account's id), the
 * access guard then gets the same answer.
 */
@Injectable()
export class CallerResolver {
  private readonly resolved = new WeakMap<FastifyRequest, Promise<Caller>>();

  constructor(
    private readonly keys: ApiKeysService,
    private readonly accounts: AccountsService,
  ) {}

  /** The caller, or a 401 problem for a malformed header or an unknown or revoked credential. */
  callerOf(request: FastifyRequest): Promise<Caller> {
    let caller = this.resolved.get(request);
    if (!caller) {
      caller = this.resolve(request.headers.authorization);
      this.resolved.set(request, caller);
    }
    return caller;
  }

  private async resolve(header: string | undefined): Promise<Caller> {
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new Problem(401, 'authorization_malformed');
    if (match[1].startsWith(ACCOUNT_TOKEN_PREFIX)) {
      const account = await this.accounts.resolve(match[1]);
      if (!account) throw new Problem(401, 'account_token_unknown');
      return account;
    }
    const caller = await this.keys.resolve(match[1]);
    if (!caller) throw new Problem(401, 'api_key_unknown');
    return caller;
  }
}
