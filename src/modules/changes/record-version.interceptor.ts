import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { from, Observable, switchMap, tap } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RecordWrite } from '../../common/access/access';
import type { ScopedRequest } from '../../common/access/access.decorator';
import { ResourceKind, RESOURCES } from '../../common/access/resources';
import { PassesPublicReads } from '../../common/http/route-config';
import { etag, parseIfMatch } from '../../common/http/if-match';

const VERSION_LOOKUP = 'ratsinfo:version-lookup';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the version of the row a request names is read. */
interface VersionLookup {
  /** SELECT of the row's `version`: $1 the body's id, $2 the path's `:id` when `byId`. */
  sql: string;
  /** Rows named by `:id` in the path; otherwise the row is the body's own (one per body). */
  byId: boolean;
}

const versioned = (lookup: VersionLookup): ClassDecorator & MethodDecorator => applyDecorators(SetMetadata(VERSION_LOOKUP, lookup), UseInterceptors(RecordVersionInterceptor));

/**
 * The records of this controller have versions (see ResourceWriter): editors' writes answer
 * `ETag: "<version>"` and honour `If-Match`; an editor's read of one record carries the same ETag.
 */
export const Versioned = (kind: ResourceKind): ClassDecorator =>
  versioned({ sql: `SELECT version FROM ${RESOURCES[kind].table} WHERE body_id = $1 AND id = $2 AND deleted_at IS NULL`, byId: true });

/**
 * A route on a versioned row that is not a record (a body's settings, a webhook subscription;
 * its writes go through writeVersioned): as Versioned, for this route alone. `sql` reads the
 * version as VersionLookup says.
 */
export const VersionedRoute = (sql: string, options: { byId: boolean }): MethodDecorator => versioned({ sql, byId: options.byId });

/**
 * Writes: reads `If-Match` (a malformed one is a 400 before anything runs) into Scope.write,
 * where ResourceWriter (or writeVersioned) compares it with the locked row, and answers the
 * version the write produced as the ETag. Reads of one record by its editors (or admins): the ETag is the
 * record's version, read before the record itself, so that it is never newer than what the
 * editor sees. It names the record's own version, not that of the records shown inside it (a
 * session's agenda items have their own), so these reads never answer 304 to If-None-Match.
 * Everyone else's reads keep the weak ETag over the body and their 304s.
 */
@Injectable()
@PassesPublicReads()
export class RecordVersionInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const lookup = this.reflector.getAllAndOverride<VersionLookup | undefined>(VERSION_LOOKUP, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope = request.scope;
    if (!lookup || !scope) return next.handle();
    const id = lookup.byId ? ((request.params as { id?: string }).id ?? null) : scope.body.id;

    if (request.method === 'GET' || request.method === 'HEAD') {
      const single = !lookup.byId || (request.routeOptions.url?.endsWith('/:id') ?? false);
      if (!single || id === null || !UUID.test(id) || scope.visibility !== 'staff') return next.handle();
      return from(this.versionOf(lookup, id, scope.body.id)).pipe(
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

  private async versionOf(lookup: VersionLookup, id: string, bodyId: string): Promise<number | null> {
    const rows: { version: number }[] = await this.dataSource.query(lookup.sql, lookup.byId ? [bodyId, id] : [bodyId]);
    return rows[0]?.version ?? null;
  }
}
