import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BodyDirectory } from '../../modules/bodies/body-directory.service';
import { Problem } from '../http/problem';
import { ACCESS_KEY, AccessLevel, ScopedRequest } from './access.decorator';
import { BodyRef, Caller, canWrite, Scope, visibilityFor } from './access';
import { CallerResolver } from './callers';

/**
 * Establishes the caller from the bearer key or account token (see CallerResolver), resolves
 * `{body}` and enforces the route's declared access. Routes that declare none are refused
 * (default deny).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly callers: CallerResolver,
    private readonly bodies: BodyDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!level) throw new Problem(403, 'route_closed');
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const caller = await this.callers.callerOf(request);
    request.caller = caller;

    const slug = (request.params as Record<string, string> | undefined)?.body;
    let bodyId: string | null = null;
    if (slug !== undefined) {
      const body = await this.bodies.bySlug(slug);
      if (!body) throw Problem.notFound('body', slug);
      bodyId = body.id;
      request.scope = scopeOf(request, caller, body);
    }

    if (level === 'public') return true;
    if (level === 'account') {
      if (caller.role === 'account') return true;
      if (caller.role === 'anonymous') throw new Problem(401, 'account_token_required');
      throw new Problem(403, 'personal_data_needs_account');
    }
    if (caller.role === 'anonymous') throw new Problem(401, 'api_key_required');
    if (caller.role === 'account') throw new Problem(403, 'account_token_read_only');
    if (level === 'admin' && caller.role !== 'admin') throw new Problem(403, 'admin_key_required');
    if (level === 'editor' && !(bodyId ? canWrite(caller, bodyId) : caller.role === 'admin')) {
      throw new Problem(403, 'editor_key_required');
    }
    return true;
  }
}

/** What a request on a body's route may see and do (also set by the direct reads, see direct-reads). */
export function scopeOf(request: ScopedRequest, caller: Caller, body: BodyRef): Scope {
  return { body, caller, visibility: visibilityFor(caller, body.id), requestId: String(request.id) };
}
