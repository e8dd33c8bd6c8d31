import type { EntityManager } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { RESOURCES, ResourceKind } from '../../common/access/resources';
import type { ResourceWriter } from '../changes/resource-writer.service';
import type { Cell, Draft } from './mapping';
import type { TableSpec } from './tables';
import { SpooledText } from './text-spool';

/** Per-kind outcome of an import run. */
export interface KindCounts {
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
}

export const emptyCounts = (): KindCounts => ({ new: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 });

/** A reference to a record that is neither in the source nor imported earlier. */
export interface Dangling {
  kind: ResourceKind;
  sourceId: string;
  field: string;
  target: string;
}

interface Resolved {
  sourceId: string;
  row: Record<string, Cell>;
  /** See Draft.unchanged. */
  unchanged?: boolean;
}

const BATCH = 1000;
/** Bytes of file text per batch: a batch of long texts stays a reasonable statement. */
const BATCH_TEXT_BYTES = 16 * 1024 * 1024;

const textBytes = (row: Record<string, Cell>): number => Object.values(row).reduce<number>((sum, v) => sum + (v instanceof SpooledText ? v.bytes : 0), 0);

/** Splits rows into batches of at most BATCH rows and (unless one row alone exceeds it) BATCH_TEXT_BYTES of text. */
function batches(rows: Resolved[]): Resolved[][] {
  const out: Resolved[][] = [];
  let current: Resolved[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = textBytes(row.row);
    if (current.length && (current.length >= BATCH || bytes + size > BATCH_TEXT_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

const q = (name: string): string => `"${name}"`;

/** SQL: who can see row `r` of `kind` now (2 everyone, 1 members, 0 staff, -1 nobody), as on change events. */
export function audienceSql(kind: ResourceKind): string {
  const { visible } = RESOURCES[kind];
  return `(CASE WHEN ${visible('r', 'public')} THEN 2 WHEN ${visible('r', 'member')} THEN 1 WHEN ${visible('r', 'staff')} THEN 0 ELSE -1 END)::smallint`;
}

/**
 * Batched writes of imported rows: upserts keyed by (body, source id) that touch only rows
 * whose mapped fields changed and leave locally owned fields alone, soft deletes, and the
 * change events of every write, all in the write transactions of the ResourceWriter.
 */
export class ImportWriter {
  /** Source id → our uuid, per kind: loaded from the database, extended by every insert. */
  readonly ids = new Map<ResourceKind, Map<string, string>>();
  readonly dangling: Dangling[] = [];
  /** Uuids written (inserted or updated) in this run, per kind. */
  private readonly written = new Map<ResourceKind, Set<string>>();

  constructor(
    private readonly writer: ResourceWriter,
    private readonly scope: Scope,
  ) {}

  private get bodyId(): string {
    return this.scope.body.id;
  }

  idsOf(kind: ResourceKind): Map<string, string> {
    let map = this.ids.get(kind);
    if (!map) this.ids.set(kind, (map = new Map<string, string>()));
    return map;
  }

  private writtenOf(kind: ResourceKind): Set<string> {
    let set = this.written.get(kind);
    if (!set) this.written.set(kind, (set = new Set<string>()));
    return set;
  }

  /**
   * Runs `work` in a write transaction; `record` notes updates of rows whose visibility the
   * work does not change (change events with the same audience before and after).
   */
  async transactionOf(work: (manager: EntityManager, record: (ids: string[], kind: ResourceKind) => Promise<void>) => Promise<void>): Promise<void> {
    await this.writer.transaction(this.scope, async (tx) => {
      const record = async (ids: string[], kind: ResourceKind): Promise<void> => {
        if (ids.length === 0) return;
        const rows: { id: string; audience: number }[] = await tx.manager.query(`SELECT r.id, ${audienceSql(kind)} AS audience FROM ${q(RESOURCES[kind].table)} r WHERE r.id = ANY($1::uuid[])`, [ids]);
        await this.recordEvents(tx.manager, kind, rows.map((r) => ({ id: r.id, action: 'updated', before: Number(r.audience) })));
      };
      await work(tx.manager, record);
    });
  }

  /** Bumps `modified_at` of rows changed outside the upsert; returns those not yet written in this run. */
  async markUpdated(manager: EntityManager, kind: ResourceKind, ids: string[]): Promise<string[]> {
    const fresh = [...new Set(ids)].filter((id) => !this.writtenOf(kind).has(id));
    if (fresh.length === 0) return [];
    await manager.query(`UPDATE ${q(RESOURCES[kind].table)} SET modified_at = now(), modified_by_key_id = NULL WHERE id = ANY($1::uuid[])`, [fresh]);
    for (const id of fresh) this.writtenOf(kind).add(id);
    return fresh;
  }

  async loadIds(manager: EntityManager, specs: TableSpec[]): Promise<void> {
    for (const spec of specs) {
      const rows: { source_id: string; id: string }[] = await manager.query(`SELECT source_id, id FROM ${q(spec.table)} WHERE body_id = $1 AND source_id IS NOT NULL`, [this.bodyId]);
      const map = this.idsOf(spec.kind);
      for (const row of rows) map.set(row.source_id, row.id);
    }
  }

  /**
   * Replaces source ids in reference columns by our uuids. Returns 'pending' while a reference
   * to the same table is not known yet (unless `finalPass`), null when a required reference
   * cannot be resolved; unresolvable references are noted as dangling.
   */
  resolve(spec: TableSpec, draft: Draft, finalPass: boolean): Resolved | 'pending' | null {
    const row: Record<string, Cell> = { ...draft.values };
    const dangling: Dangling[] = [];
    let pending = false;
    let failed = false;
    for (const [column, col] of Object.entries(spec.columns)) {
      if (!col.ref) continue;
      const value = row[column];
      const targets = this.idsOf(col.ref);
      const lookup = (target: string): string | null => {
        const found = targets.get(target);
        if (found) return found;
        if (col.ref === spec.kind && !finalPass) pending = true;
        dangling.push({ kind: spec.kind, sourceId: draft.sourceId, field: col.field, target });
        return null;
      };
      if (Array.isArray(value)) row[column] = value.map(lookup).filter((v): v is string => v !== null);
      else if (typeof value === 'string') row[column] = lookup(value);
      else if (col.required) dangling.push({ kind: spec.kind, sourceId: draft.sourceId, field: col.field, target: '(none)' });
      if (col.required && row[column] === null) failed = true;
    }
    if (pending) return 'pending';
    this.dangling.push(...dangling);
    return failed ? null : { sourceId: draft.sourceId, row, unchanged: draft.unchanged };
  }

  private upsertSql(spec: TableSpec): string {
    const all = Object.keys(spec.columns);
    const columns = all.filter((c) => !spec.columns[c].derived);
    const recordType = [`source_id text`, `created_at timestamptz`, ...columns.map((c) => `${q(c)} ${spec.columns[c].type}`)].join(', ');
    const next = (c: string): string => {
      const { derived, field, keepWhen } = spec.columns[c];
      if (derived) return derived.update;
      const keep = [`'${field}' = ANY(t.locally_owned)`, keepWhen].filter(Boolean).join(' OR ');
      return `CASE WHEN ${keep} THEN t.${q(c)} ELSE EXCLUDED.${q(c)} END`;
    };
    const inserted = (c: string): string => spec.columns[c].derived?.insert ?? `x.${q(c)}`;
    const changed = all.map((c) => `t.${q(c)} IS DISTINCT FROM ${next(c)}`).join(' OR ');
    return `INSERT INTO ${q(spec.table)} AS t (body_id, source_id, created_at, modified_at, published_at, modified_by_key_id, ${all.map(q).join(', ')})
      SELECT $2::uuid, x.source_id, COALESCE(x.created_at, now()), now(), now(), NULL, ${all.map(inserted).join(', ')}
      FROM jsonb_to_recordset($1::jsonb) AS x(${recordType})
      ON CONFLICT (body_id, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
        ${all.map((c) => `${q(c)} = ${next(c)}`).join(',\n        ')},
        deleted_at = NULL, modified_at = now(), modified_by_key_id = NULL
      WHERE (t.deleted_at IS NULL OR t.modified_by_key_id IS NULL) AND (t.deleted_at IS NOT NULL OR ${changed})
      RETURNING t.id, t.source_id, (t.xmax = 0) AS inserted`;
  }

  /**
   * Upserts rows of one kind. Rows that refer to rows of the same kind not written yet wait
   * for them (in rounds); what is still unresolved in the end is written without the reference.
   */
  async upsert(spec: TableSpec, drafts: Draft[], counts: KindCounts): Promise<void> {
    const created = new Map(drafts.map((d) => [d.sourceId, d.created]));
    let remaining = drafts;
    let finalPass = false;
    while (remaining.length) {
      const ready: Resolved[] = [];
      const deferred: Draft[] = [];
      for (const draft of remaining) {
        const resolved = this.resolve(spec, draft, finalPass);
        if (resolved === 'pending') deferred.push(draft);
        else if (resolved === null) counts.failed++;
        else ready.push(resolved);
      }
      for (const batch of batches(ready)) await this.writeBatch(spec, batch, created, counts);
      if (deferred.length === remaining.length) finalPass = true;
      remaining = deferred;
    }
  }

  private async writeBatch(spec: TableSpec, batch: Resolved[], created: Map<string, string | null>, counts: KindCounts): Promise<void> {
    await this.writer.transaction(this.scope, async (tx) => {
      await tx.manager.query(`SET LOCAL TimeZone = 'Europe/Berlin'`);
      await this.keepStored(tx.manager, spec, batch.filter((r) => r.unchanged));
      const payload = JSON.stringify(batch.map((r) => ({ ...r.row, source_id: r.sourceId, created_at: created.get(r.sourceId) ?? null })));
      const before = await this.audiences(tx.manager, spec, batch.map((r) => r.sourceId));
      const rows: { id: string; source_id: string; inserted: boolean }[] = await tx.manager.query(this.upsertSql(spec), [payload, this.bodyId]);
      const events: { id: string; action: string; before: number }[] = [];
      for (const row of rows) {
        this.idsOf(spec.kind).set(row.source_id, row.id);
        this.writtenOf(spec.kind).add(row.id);
        if (row.inserted) counts.new++;
        else counts.updated++;
        events.push({ id: row.id, action: row.inserted ? 'created' : 'updated', before: row.inserted ? -1 : (before.get(row.id) ?? -1) });
      }
      counts.unchanged += batch.length - rows.length;
      await this.recordEvents(tx.manager, spec.kind, events);
    });
  }

  /**
   * Unchanged embedded objects (Draft.unchanged) whose rows exist keep what those rows hold,
   * except what the parent decides: their drafts take the stored values, so the upsert finds
   * nothing to change there.
   */
  private async keepStored(manager: EntityManager, spec: TableSpec, rows: Resolved[]): Promise<void> {
    if (rows.length === 0) return;
    const kept = Object.keys(spec.columns).filter((c) => !spec.columns[c].fromParent && !spec.columns[c].derived);
    const select = kept.map((c) => `to_jsonb(${spec.columns[c].stored ?? `t.${q(c)}`}) AS ${q(c)}`).join(', ');
    const stored: Record<string, Cell>[] = await manager.query(`SELECT t.source_id, ${select} FROM ${q(spec.table)} t WHERE t.body_id = $1 AND t.source_id = ANY($2::text[])`, [
      this.bodyId,
      rows.map((r) => r.sourceId),
    ]);
    const bySource = new Map(stored.map((s) => [s.source_id as string, s]));
    for (const r of rows) {
      const found = bySource.get(r.sourceId);
      if (found) for (const c of kept) r.row[c] = found[c];
    }
  }

  private async audiences(manager: EntityManager, spec: TableSpec, sourceIds: string[]): Promise<Map<string, number>> {
    const rows: { id: string; audience: number }[] = await manager.query(
      `SELECT r.id, ${audienceSql(spec.kind)} AS audience FROM ${q(spec.table)} r WHERE r.body_id = $1 AND r.source_id = ANY($2::text[])`,
      [this.bodyId, sourceIds],
    );
    return new Map(rows.map((r) => [r.id, Number(r.audience)]));
  }

  /**
   * The change events of a batch: the same rows `WriteTx.record` writes, in one statement; like
   * it, every change but a create moves the row's version on (editors' If-Match sees imports).
   */
  async recordEvents(manager: EntityManager, kind: ResourceKind, events: { id: string; action: string; before: number }[]): Promise<void> {
    if (events.length === 0) return;
    const changed = events.filter((e) => e.action !== 'created').map((e) => e.id);
    if (changed.length) await manager.query(`UPDATE ${q(RESOURCES[kind].table)} SET version = version + 1 WHERE id = ANY($1::uuid[])`, [changed]);
    await manager.query(
      `INSERT INTO change_event (body_id, resource, resource_id, action, audience_before, audience_after, api_key_id, request_id)
       SELECT $1, $2, x.id, x.action, x.before, CASE WHEN x.action = 'deleted' THEN -1 ELSE ${audienceSql(kind)} END, $3, $4
       FROM unnest($5::uuid[], $6::text[], $7::smallint[]) WITH ORDINALITY AS x(id, action, before, n)
       JOIN ${q(RESOURCES[kind].table)} r ON r.id = x.id
       ORDER BY x.n`,
      [this.bodyId, kind, this.scope.caller.keyId, this.scope.requestId, events.map((e) => e.id), events.map((e) => e.action), events.map((e) => e.before)],
    );
  }

  /** Soft-deletes live rows chosen by `where` (alias r; $1 is the body); returns how many. */
  async softDelete(spec: TableSpec, where: string, params: unknown[]): Promise<number> {
    return this.writer.transaction(this.scope, async (tx) => {
      const rows: { id: string; audience: number }[] = await tx.manager.query(
        `SELECT r.id, ${audienceSql(spec.kind)} AS audience FROM ${q(spec.table)} r WHERE r.body_id = $1 AND r.deleted_at IS NULL AND ${where} FOR UPDATE`,
        [this.bodyId, ...params],
      );
      if (rows.length === 0) return 0;
      await tx.manager.query(`UPDATE ${q(spec.table)} SET deleted_at = now(), modified_at = now(), modified_by_key_id = NULL WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      await this.recordEvents(tx.manager, spec.kind, rows.map((r) => ({ id: r.id, action: 'deleted', before: Number(r.audience) })));
      return rows.length;
    });
  }

  /** Deletes rows whose source reports them deleted. */
  deleteSourceIds(spec: TableSpec, sourceIds: string[]): Promise<number> {
    if (sourceIds.length === 0) return Promise.resolve(0);
    return this.softDelete(spec, `r.source_id = ANY($2::text[])`, [sourceIds]);
  }

  /**
   * Deletes imported children that vanished from re-imported parents: rows all of whose
   * parents were read in full in this run, and that this run did not see.
   */
  deleteVanishedChildren(spec: TableSpec, seen: string[], completeParents: Map<string, string[]>): Promise<number> {
    const parents = spec.parents ?? [];
    if (parents.every((p) => (completeParents.get(p) ?? []).length === 0)) return Promise.resolve(0);
    const params: unknown[] = [seen];
    const conditions = parents.map((p) => {
      params.push(completeParents.get(p) ?? []);
      return `(r.${q(p)} IS NULL OR r.${q(p)} = ANY($${params.length + 1}::uuid[]))`;
    });
    const anyParent = parents.map((p) => `r.${q(p)} IS NOT NULL`).join(' OR ');
    return this.softDelete(spec, `r.source_id IS NOT NULL AND NOT (r.source_id = ANY($2::text[])) AND (${anyParent}) AND ${conditions.join(' AND ')}`, params);
  }
}

/** The committees of re-imported sessions, lead first; returns the ids of sessions whose list changed. */
export async function syncSessionCommittees(manager: EntityManager, sessionIds: string[], desired: { session_id: string; committee_id: string; position: number }[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows: { session_id: string }[] = await manager.query(
    `WITH desired AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(session_id uuid, committee_id uuid, position int)),
     removed AS (
       DELETE FROM session_committee sc WHERE sc.session_id = ANY($2::uuid[])
         AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.session_id = sc.session_id AND d.committee_id = sc.committee_id)
       RETURNING sc.session_id),
     written AS (
       INSERT INTO session_committee AS sc (session_id, committee_id, position) SELECT session_id, committee_id, position FROM desired
       ON CONFLICT (session_id, committee_id) DO UPDATE SET position = EXCLUDED.position WHERE sc.position IS DISTINCT FROM EXCLUDED.position
       RETURNING sc.session_id)
     SELECT session_id FROM removed UNION SELECT session_id FROM written`,
    [JSON.stringify(desired), sessionIds],
  );
  return rows.map((r) => r.session_id);
}
