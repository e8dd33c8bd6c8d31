import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCOUNT_TOKEN_PREFIX, AccountsService } from '../../modules/accounts/accounts.service';
import { ApiKeysService } from '../../modules/api-keys/api-keys.service';
import { BodyDirectory } from '../../modules/bodies/body-directory.service';
import { Problem } from '../http/problem';
import { ACCESS_KEY, AccessLevel, ScopedRequest } from './access.decorator';
import { ANONYMOUS, canWrite, Caller, visibilityFor } from './access';

/**
 * Establishes the caller from the bearer key or account token, resolves `{body}` and enforces
 * the route's declared access. Routes that declare none are refused (default deny). API keys
 * (`rk_…`) and app account tokens (`ra_…`) are told apart by their prefix and looked up in
 * their own tables: neither is ever taken for the other.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly accounts: AccountsService,
    private readonly bodies: BodyDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!level) throw new Problem(403, 'This route declares no access and is closed.');
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const caller = await this.callerOf(request);
    request.caller = caller;

    const slug = (request.params as Record<string, string> | undefined)?.body;
    let bodyId: string | null = null;
    if (slug !== undefined) {
      const body = await this.bodies.bySlug(slug);
      if (!body) throw Problem.notFound(`Body "${slug}"`);
      bodyId = body.id;
      request.scope = { body, caller, visibility: visibilityFor(caller, body.id), requestId: String(request.id) };
    }

    if (level === 'public') return true;
    if (level === 'account') {
      if (caller.role === 'account') return true;
      if (caller.role === 'anonymous') throw new Problem(401, 'This route needs an app account token: send "Authorization: Bearer ra_…" (POST /v1/me/account creates an account).');
      throw new Problem(403, 'API keys have no access to the personal data of app accounts; this route needs an app account token.');
    }
    if (caller.role === 'anonymous') throw new Problem(401, 'This route needs an API key: send "Authorization: Bearer <key>".');
    if (caller.role === 'account') throw new Problem(403, 'App account tokens read council data but never change it; this route needs an API key.');
    if (level === 'admin' && caller.role !== 'admin') throw new Problem(403, 'This route needs an admin key.');
    if (level === 'editor' && !(bodyId ? canWrite(caller, bodyId) : caller.role === 'admin')) {
      throw new Problem(403, 'This route needs an editor key of this body.');
    }
    return true;
  }

  private async callerOf(request: ScopedRequest): Promise<Caller> {
    const header = request.headers.authorization;
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new Problem(401, 'The Authorization header must be "Bearer <key>".');
    if (match[1].startsWith(ACCOUNT_TOKEN_PREFIX)) {
      const account = await this.accounts.resolve(match[1]);
      if (!account) throw new Problem(401, 'The app account token is unknown or revoked, or its account was deleted.');
      return account;
    }
    const caller = await this.keys.resolve(match[1]);
    if (!caller) throw new Problem(401, 'The API key is unknown or revoked.');
    return caller;
  }
}
