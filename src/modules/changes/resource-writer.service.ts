import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Audience, AUDIENCE, Scope } from '../../common/access/access';
import { ResourceKind, RESOURCES } from '../../common/access/resources';
import { checkIfMatch, StaleVersion } from '../../common/http/if-match';
import type { Json } from '../../common/http/json';
import { FieldError, Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { ReadCache } from '../../common/cache/read-cache';
import { ChangeEventEntity } from './change-event.entity';

export type ChangeAction = 'created' | 'updated' | 'deleted' | 'published' | 'unpublished';

/** One record as its editors read it (JSON text), for the `current` of a 412. */
export type RecordView = (scope: Scope, id: string) => Promise<Json<unknown>>;

/** A reference in a write body that must name a live row of the same body. */
export interface Ref {
  field: string;
  kind: ResourceKind;
  id: string | null | undefined;
}

/** Write context handed to custom write functions inside the transaction. */
export interface WriteTx {
  manager: EntityManager;
  scope: Scope;
  /**
   * Records a change of `kind`/`id`; call `audience` (or `lockLive`) first, then this after the
   * change. For updates, pass the request body: its fields become locally owned, so a later
   * import from the old system leaves them alone. Moves the row's version on (a new row keeps
   * version 1) and returns it.
   */
  record(kind: ResourceKind, id: string, action: ChangeAction, before: Audience | null, changed?: object): Promise<number>;
  audience(kind: ResourceKind, id: string): Promise<Audience | null>;
  checkRefs(refs: Ref[]): Promise<void>;
  /**
   * Inserts a new row of `kind` into this body, stamped with the key that made it and
   * published now when `publish` is set (a draft otherwise), and records its creation (the
   * change event, version 1). Returns the row's id.
   */
  insert<E extends ObjectLiteral>(kind: ResourceKind, entity: EntityTarget<E>, values: QueryDeepPartialEntity<E>, publish?: boolean): Promise<string>;
}

/**
 * Every write to council data goes through here: one transaction that changes the row,
 * stamps the key that made it, moves its version on, and inserts the change event (the
 * outbox) with the audience before and after, so that feeds, search and mail learn of it
 * even if Redis is down. An editor's `If-Match` (Scope.write) is compared with the version of
 * the row it names while the row is locked (lockLive), so that of two writes made on the same
 * version only the first succeeds.
 */
@Injectable()
export class ResourceWriter {
  private readonly views = new Map<ResourceKind, RecordView>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    /** Absent outside the API (CLI imports): then no process-local pages need dropping. */
    @Optional() private readonly readCache?: ReadCache,
  ) {}

  /** How a service shows one record of `kind`: a 412 carries it as `current.record`. */
  shows(kind: ResourceKind, view: RecordView): void {
    this.views.set(kind, view);
  }

  async transaction<T>(scope: Scope, work: (tx: WriteTx) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.run(scope, work);
    } catch (error) {
      if (error instanceof StaleVersion) await this.showCurrent(scope, error);
      throw error;
    }
    // Committed: cached public pages of this body may be stale now.
    this.readCache?.changed(scope.body.id);
    return result;
  }

  /**
   * Adds the stored record, as its editor reads it, to a 412 (after the rollback, so no lock is
   * held meanwhile). It may be newer than `current.version`, never older: a write made on that
   * version is then refused again, not lost.
   */
  private async showCurrent(scope: Scope, stale: StaleVersion): Promise<void> {
    const view = this.views.get(stale.what as ResourceKind);
    if (!view) return;
    const json = await view(scope, stale.id).catch(() => null);
    if (json !== null) stale.show(JSON.parse(json.toString()));
  }

  private run<T>(scope: Scope, work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const write = scope.write;
    return this.dataSource.transaction(async (manager) => {
      const tx: WriteTx = {
        manager,
        scope,
        audience: (kind, id) => audienceOf(manager, kind, id),
        record: async (kind, id, action, before, changed) => {
          const owned = changed ? ownedFields(changed) : [];
          const sets = [action === 'created' ? null : 'version = version + 1', owned.length ? OWN_FIELDS : null].filter((set) => set !== null);
          let version = 1;
          if (sets.length) {
            // An UPDATE answers [rows, count].
            const [rows]: [{ version: number }[], number] = await manager.query(
              `UPDATE ${RESOURCES[kind].table} SET ${sets.join(', ')} WHERE id = $1 RETURNING version`,
              owned.length ? [id, owned] : [id],
            );
            version = rows[0].version;
          }
          // The ETag of the answer: the version of the record the path names, or of the first record a create made.
          if (write && (write.id === null ? action === 'created' && write.version === undefined : sameId(write.id, id))) write.version = version;
          const after = action === 'deleted' ? null : await audienceOf(manager, kind, id);
          await manager.insert(ChangeEventEntity, {
            bodyId: scope.body.id,
            resource: kind,
            resourceId: id,
            action,
            audienceBefore: before ?? -1,
            audienceAfter: after ?? -1,
            apiKeyId: scope.caller.keyId,
            requestId: scope.requestId,
          });
          return version;
        },
        checkRefs: (refs) => checkRefs(manager, scope.body.id, refs),
        insert: async (kind, entity, values, publish) => {
          const stamps = { bodyId: scope.body.id, modifiedByKeyId: scope.caller.keyId, publishedAt: publish ? new Date() : null };
          const result = await manager.insert(entity, { ...values, ...stamps });
          const id = String((result.identifiers[0] as { id: string }).id);
          await tx.record(kind, id, 'created', null);
          return id;
        },
      };
      const result = await work(tx);
      // Every write route on one record locks it with lockLive; one that did not must not pass an If-Match unchecked.
      if (write?.ifMatch !== undefined && write.id !== null && !write.checked) throw new Error(`If-Match of a write to ${write.id} was not checked`);
      return result;
    });
  }

  async create<E extends ObjectLiteral>(
    scope: Scope,
    kind: ResourceKind,
    entity: EntityTarget<E>,
    values: Partial<E>,
    options: { publish?: boolean; refs?: Ref[] } = {},
  ): Promise<string> {
    return this.transaction(scope, async (tx) => {
      await tx.checkRefs(options.refs ?? []);
      return tx.insert(kind, entity, values, options.publish);
    });
  }

  async update<E extends ObjectLiteral>(scope: Scope, kind: ResourceKind, entity: EntityTarget<E>, id: string, patch: Partial<E>, refs: Ref[] = []): Promise<void> {
    await this.transaction(scope, async (tx) => {
      const before = await this.lockLive(tx, kind, id);
      await tx.checkRefs(refs);
      await tx.manager.update(entity, { id }, { ...patch, modifiedByKeyId: scope.caller.keyId });
      await tx.record(kind, id, 'updated', before, patch);
    });
  }

  async remove<E extends ObjectLiteral>(scope: Scope, kind: ResourceKind, entity: EntityTarget<E>, id: string): Promise<void> {
    await this.transaction(scope, async (tx) => {
      const before = await this.lockLive(tx, kind, id);
      await tx.manager.update(entity, { id }, { deletedAt: new Date(), modifiedByKeyId: scope.caller.keyId } as never);
      await tx.record(kind, id, 'deleted', before);
    });
  }

  async setPublished<E extends ObjectLiteral>(scope: Scope, kind: ResourceKind, entity: EntityTarget<E>, id: string, publish: boolean): Promise<void> {
    await this.transaction(scope, async (tx) => {
      const before = await this.lockLive(tx, kind, id);
      await tx.manager.update(entity, { id }, { publishedAt: publish ? new Date() : null, modifiedByKeyId: scope.caller.keyId } as never);
      await tx.record(kind, id, publish ? 'published' : 'unpublished', before);
    });
  }

  /**
   * Locks a live row of this body and returns who could see it; 404 when there is none. When
   * the request names this row and sent `If-Match`, a version it does not name is a 412.
   */
  async lockLive(tx: WriteTx, kind: ResourceKind, id: string): Promise<Audience> {
    const { table } = RESOURCES[kind];
    const rows: { version: number }[] = await tx.manager.query(`SELECT version FROM ${table} WHERE id = $1 AND body_id = $2 AND deleted_at IS NULL FOR UPDATE`, [
      id,
      tx.scope.body.id,
    ]);
    if (rows.length === 0) throw Problem.notFound(kind, id);
    const write = tx.scope.write;
    if (write?.id && sameId(write.id, id)) checkIfMatch(write, kind, id, rows[0].version);
    return (await tx.audience(kind, id)) ?? AUDIENCE.staff;
  }
}

/** Ids from paths may be upper-case; PostgreSQL returns them lower-case. */
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Adds the fields in $2 to those an editor changed by hand (see ownedFields). */
const OWN_FIELDS = 'locally_owned = ARRAY(SELECT DISTINCT f FROM unnest(locally_owned || $2::text[]) f ORDER BY f)';

/**
 * The fields of a write body as the importer names them: references without their `Id`
 * suffix (`locationId` → `location`, `relatedDocumentIds` → `relatedDocuments`).
 */
export function ownedFields(changed: object): string[] {
  return Object.entries(changed)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => (key.endsWith('OfIds') ? key.slice(0, -3) : key.endsWith('Ids') ? `${key.slice(0, -3)}s` : key.endsWith('Id') ? key.slice(0, -2) : key));
}

/** Who can see a row now: 2 everyone, 1 members, 0 staff only, null when deleted or absent. */
export async function audienceOf(manager: EntityManager, kind: ResourceKind, id: string): Promise<Audience | null> {
  const { table, visible } = RESOURCES[kind];
  const rows: { p: boolean; m: boolean; s: boolean }[] = await manager.query(
    `SELECT ${visible('r', 'public')} AS p, ${visible('r', 'member')} AS m, ${visible('r', 'staff')} AS s FROM ${table} r WHERE r.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row || !row.s) return null;
  return row.p ? AUDIENCE.public : row.m ? AUDIENCE.member : AUDIENCE.staff;
}

/**
 * Refuses references that do not name a live row of this body (400 naming each such field);
 * one query per kind. It only reads: checks before a write may pass a plain manager.
 */
export async function checkRefs(manager: EntityManager, bodyId: string, refs: Ref[]): Promise<void> {
  const given = refs.filter((ref): ref is Ref & { id: string } => !!ref.id);
  const wanted = new Map<ResourceKind, Set<string>>();
  // Ids are validated UUIDs; PostgreSQL returns them lower-case.
  for (const ref of given) wanted.set(ref.kind, (wanted.get(ref.kind) ?? new Set()).add(ref.id.toLowerCase()));
  const found = new Set<string>();
  for (const [kind, ids] of wanted) {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM ${RESOURCES[kind].table} WHERE id = ANY($1::uuid[]) AND body_id = $2 AND deleted_at IS NULL`, [
      [...ids],
      bodyId,
    ]);
    for (const row of rows) found.add(`${kind} ${row.id}`);
  }
  const errors: FieldError[] = given
    .filter((ref) => !found.has(`${ref.kind} ${ref.id.toLowerCase()}`))
    .map((ref) => ({ field: ref.field, text: 'unknown_reference', params: { kind: noun(ref.kind) } }));
  if (errors.length) throw Problem.invalid(errors, 'unknown_references');
}
