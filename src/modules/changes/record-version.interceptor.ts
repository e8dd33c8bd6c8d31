import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { from, Observable, switchMap, tap } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RecordWrite } from '../../common/access/access';
import type { ScopedRequest } from '../../common/access/access.decorator';
import { ResourceKind, RESOURCES } from '../../common/access/resources';
import { etag, parseIfMatch } from '../../common/http/if-match';

const RECORD_KIND = 'ratsinfo:record-kind';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The records of this controller have versions (see ResourceWriter): editors' writes answer
 * `ETag: "<version>"` and honour `If-Match`; an editor's read of one record carries the same ETag.
 */
export const Versioned = (kind: ResourceKind): ClassDecorator => applyDecorators(SetMetadata(RECORD_KIND, kind), UseInterceptors(RecordVersionInterceptor));

/**
 * Writes: reads `If-Match` (a malformed one is a 400 before anything runs) into Scope.write,
 * where ResourceWriter compares it with the locked row, and answers the version the write
 * produced as the ETag. Reads of one record by its editors (or admins): the ETag is the
 * record's version, read before the record itself, so that it is never newer than what the
 * editor sees. It names the record's own version, not that of the records shown inside it (a
 * session's agenda items have their own), so these reads never answer 304 to If-None-Match.
 * Everyone else's reads keep the weak ETag over the body and their 304s.
 */
@Injectable()
export class RecordVersionInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<ResourceKind | undefined>(RECORD_KIND, context.getClass());
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope = request.scope;
    if (!kind || !scope) return next.handle();
    const id = (request.params as { id?: string }).id ?? null;

    if (request.method === 'GET' || request.method === 'HEAD') {
      const single = request.routeOptions.url?.endsWith('/:id') ?? false;
      if (!single || id === null || !UUID.test(id) || scope.visibility !== 'staff') return next.handle();
      return from(this.versionOf(kind, id, scope.body.id)).pipe(
        switchMap((version) => {
          if (version === null) return next.handle();
          delete request.headers['if-none-match'];
          return next.handle().pipe(tap(() => void reply.header('ETag', etag(version))));
        }),
      );
    }

    const write: RecordWrite = { id, ifMatch: parseIfMatch(request.headers['if-match']), checked: false };
    scope.write = write;
    return next.handle().pipe(
      tap(() => {
        if (write.version !== undefined && request.method !== 'DELETE') void reply.header('ETag', etag(write.version));
      }),
    );
  }

  private async versionOf(kind: ResourceKind, id: string, bodyId: string): Promise<number | null> {
    const rows: { version: number }[] = await this.dataSource.query(`SELECT version FROM ${RESOURCES[kind].table} WHERE id = $1 AND body_id = $2 AND deleted_at IS NULL`, [
      id,
      bodyId,
    ]);
    return rows[0]?.version ?? null;
  }
}
