import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { allowReplicaReads } from '../../infra/database/read-routing';
import type { ScopedRequest } from './access.decorator';

const PRIMARY_READS_KEY = 'ratsinfo:primary-reads';

/**
 * Keeps the reads of a route (or of every route of a controller) on the primary even for
 * anonymous callers: routes that must see what was written a moment ago (a newsletter
 * subscription confirmed from its mail) or that check the primary itself (readiness).
 */
export const PrimaryReads = (): MethodDecorator & ClassDecorator => SetMetadata(PRIMARY_READS_KEY, true);

/**
 * Lets the reads of anonymous GET and HEAD requests go to a streaming replica (when one is
 * configured and fresh enough, see ReadReplicas). Callers with an API key or an app account
 * read from the primary, so that editors and members see their own writes at once; so does
 * every request that writes.
 */
@Injectable()
export class ReplicaReadsInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const reads = request.method === 'GET' || request.method === 'HEAD';
    if (reads && request.caller?.role === 'anonymous' && !readsOnPrimary(this.reflector, context.getHandler(), context.getClass())) allowReplicaReads();
    return next.handle();
  }
}

/** Whether a route keeps its reads on the primary (see PrimaryReads). */
export function readsOnPrimary(reflector: Reflector, handler: object, controller: object): boolean {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Reflector's own parameter type
  const targets = [handler, controller] as Function[];
  return reflector.getAllAndOverride<boolean | undefined>(PRIMARY_READS_KEY, targets) === true;
}
