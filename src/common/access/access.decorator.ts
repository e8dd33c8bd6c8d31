import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemDto } from '../http/problem.dto';
import { AccountRef, ANONYMOUS, Caller, Scope } from './access';

/**
 * Who may call a route. Every route declares it; routes without it are refused.
 * - `public`: anyone; what they see depends on their key or account (see Visibility);
 * - `account`: an app account token only (a reader's own data; API keys have no access);
 * - `editor`: an editor key of the route's body, or an admin key;
 * - `admin`: admin keys only.
 */
export type AccessLevel = 'public' | 'account' | 'editor' | 'admin';
export const ACCESS_KEY = 'ratsinfo:access';

/** The OpenAPI security scheme of app account tokens (API keys use the default `bearer`). */
export const ACCOUNT_AUTH = 'account';

/**
 * What a credential does on a `public` route, as the spec's `security` says: `optional` (the
 * default) when an API key or app account token may show more than anonymous callers see
 * (non-public items to members of the body); `unused` when every caller gets the same answer.
 */
export type PublicCredentials = 'optional' | 'unused';

export function Access(level: AccessLevel, credentials: PublicCredentials = 'optional'): MethodDecorator & ClassDecorator {
  if (level === 'public') {
    // `{}` is the anonymous alternative of an OpenAPI security requirement.
    if (credentials === 'unused') return applyDecorators(SetMetadata(ACCESS_KEY, level), ApiSecurity({}));
    return applyDecorators(SetMetadata(ACCESS_KEY, level), ApiSecurity({}), ApiBearerAuth(), ApiBearerAuth(ACCOUNT_AUTH));
  }
  if (level === 'account') {
    return applyDecorators(
      SetMetadata(ACCESS_KEY, level),
      ApiBearerAuth(ACCOUNT_AUTH),
      ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked app account token', type: ProblemDto }),
      ApiForbiddenResponse({ description: 'Sent with an API key: only app account tokens reach personal data', type: ProblemDto }),
    );
  }
  return applyDecorators(
    SetMetadata(ACCESS_KEY, level),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid API key', type: ProblemDto }),
    ApiForbiddenResponse({ description: `Requires an ${level} key${level === 'editor' ? ' of this body' : ''}`, type: ProblemDto }),
  );
}

export interface ScopedRequest extends FastifyRequest {
  caller?: Caller;
  scope?: Scope;
}

/** The app account of the current request; only on routes with `@Access('account')`. */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountRef => {
  const account = ctx.switchToHttp().getRequest<ScopedRequest>().caller?.account;
  if (!account) throw new Error('CurrentAccount used on a route without @Access(\'account\')');
  return account;
});

/** The caller of the current request (anonymous when no key was sent). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<ScopedRequest>().caller ?? ANONYMOUS;
});

/** The body and audience of the current request; set by the access guard from `{body}`. */
export const CurrentScope = createParamDecorator((_: unknown, ctx: ExecutionContext): Scope => {
  const scope = ctx.switchToHttp().getRequest<ScopedRequest>().scope;
  if (!scope) throw new Error('CurrentScope used on a route without a {body} parameter');
  return scope;
});
