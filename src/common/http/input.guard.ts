import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Problem } from './problem';
import { findBadText } from './text';

/**
 * Refuses control characters and malformed Unicode in path segments, query parameters and
 * JSON or form bodies before anything reads them: the first guard of every route, so neither
 * the access guard's body lookup nor a repository ever sees such text. Path segments and query
 * parameters are single-line text; body strings may hold tab and line breaks here, and each
 * DTO field then decides whether it is single- or multi-line (see TextField).
 */
@Injectable()
export class InputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const bad = findBadText(request.params, 'line') ?? findBadText(request.query, 'line') ?? findBadText(request.body, 'multiline');
    if (bad) throw Problem.invalid([bad]);
    return true;
  }
}
