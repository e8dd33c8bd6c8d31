import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Dispatcher } from 'undici';
import type { Scope } from '../../common/access/access';
import type { ResourceKind } from '../../common/access/resources';
import { Db } from '../../infra/database/db.service';
import { outboundAgent, PrivateNetworks } from '../../infra/http/outbound';
import type { Storage } from '../../infra/storage/storage';
import { BodiesRepository } from '../bodies/bodies.repository';
import { ResourceWriter } from '../changes/resource-writer.service';
import type { UploadPolicy } from '../files/file-intake';
import { countFileText, FileTextCounts } from '../files/file-text';
import { crawl, Crawl, CrawlProgress, EMBEDDED_LISTS, EmbeddedType, findBody } from './crawl';
import { downloadFiles, DownloadCounts, DownloadOptions, filesToFetch } from './download';
import { EmbeddedMerger, Orphan, ParentType } from './external';
import { isObject, JsonObject } from './json';
import { addLocations, Mapped, mapCrawl } from './mapping';
import * as n from './normalize';
import { HttpOptions, openSource, OparlSource } from './source';
import { TABLES, TableSpec } from './tables';
import { TextSpool } from './text-spool';
import { Dangling, emptyCounts, ImportWriter, KindCounts, syncSessionCommittees } from './writer';

export interface ImportProgress {
  phase: 'crawl' | 'write' | 'download';
  label: string;
  done: number;
  total: number | null;
}

export interface ImportOptions {
  /** A System URL (http/https) or a folder of saved responses. */
  source: string;
  /** Slug of the body to import into; created from the source's Body when missing. */
  bodySlug?: string;
  /** Which Body of the System: its id or 1-based position (default: the first). */
  sourceBody?: string;
  /** Read everything, even when an earlier run allows an incremental one. */
  full?: boolean;
  /** How far before the last run's start `modified_since` reaches back (clock skew, slow writes). */
  overlapMinutes?: number;
  http?: Omit<HttpOptions, 'dispatcher' | 'signal'>;
  /** Networks besides public addresses the source and its file URLs may be at (default none). */
  allowPrivate?: PrivateNetworks;
  /**
   * Fetch file bytes into storage after the metadata. They are taken like uploads: `upload`
   * is the upload policy, whose size limit `maxBytes` may lower but not raise.
   */
  download?: (Partial<Omit<DownloadOptions, 'allowedTypes' | 'dispatcher' | 'signal' | 'onProgress'>> & { storage: Storage; upload: UploadPolicy }) | null;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface DanglingGroup {
  kind: ResourceKind;
  field: string;
  count: number;
  examples: { from: string; to: string }[];
}

export interface ImportSummary {
  body: { id: string; slug: string; created: boolean };
  source: string;
  version: '1.0' | '1.1';
  modifiedSince: string | null;
  counts: Partial<Record<ResourceKind, KindCounts>>;
  /** Objects of the source that could not be mapped at all (no name, no start, …). */
  failures: { kind: ResourceKind; id: string; reason: string }[];
  dangling: DanglingGroup[];
  /** What went otherwise than asked without stopping the run (a list read in full instead of filtered, a list that could not be read). */
  warnings: string[];
  downloads: DownloadCounts | null;
  /** The text of the body's files after the run: from the source, extracted from the bytes, none. */
  text: FileTextCounts;
  seconds: number;
}

/** Total of changes over all kinds: zero means the run changed nothing. */
export function totalChanges(summary: ImportSummary): number {
  return Object.values(summary.counts).reduce((sum, c) => sum + (c ? c.new + c.updated + c.deleted : 0), 0);
}

interface SourceRow {
  last_started_at: Date | null;
  last_success_at: Date | null;
  embeds_all: Partial<Record<EmbeddedType, boolean>> | null;
}

/** How this run reads the source: since when (null: in full), and what earlier runs learnt of how it embeds. */
interface RunPlan {
  modifiedSince: string | null;
  embedsAll: Partial<Record<EmbeddedType, boolean>>;
  /** Why a run that could have been incremental reads in full. */
  note: string | null;
}

export function slugify(name: string): string {
  const map: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
  return (
    name
      .toLowerCase()
      .replace(/[äöüß]/g, (ch) => map[ch])
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'body'
  );
}

type ImportBody = { id: string; slug: string; name: string; webUrlTemplates: Record<string, string>; created: boolean };

async function liveBody(ds: DataSource, slug: string): Promise<ImportBody | undefined> {
  const found: { id: string; slug: string; name: string; web_url_templates: Record<string, string> }[] = await ds.query(
    `SELECT id, slug, name, web_url_templates FROM body WHERE slug = $1 AND deleted_at IS NULL`,
    [slug],
  );
  return found[0] && { id: found[0].id, slug: found[0].slug, name: found[0].name, webUrlTemplates: found[0].web_url_templates, created: false };
}

/** The body with the slug, or a new one from the source's Body. A removed body's slug stays taken. */
async function ensureBody(ds: DataSource, source: JsonObject, slug: string | undefined): Promise<ImportBody> {
  const name = n.text(source.name) ?? n.text(source.shortName) ?? 'Importierte Körperschaft';
  const wanted = slug ?? slugify(n.text(source.shortName) ?? name);
  const existing = await liveBody(ds, wanted);
  if (existing) return existing;
  const id = await new BodiesRepository(new Db(ds)).insert(wanted, {
    name,
    shortName: n.text(source.shortName),
    website: n.url(source.website),
    license: n.url(source.license),
    ags: n.ags(source.ags),
    rgs: n.rgs(source.rgs),
    classification: n.text(source.classification),
    contactEmail: n.text(source.contactEmail),
    contactName: n.text(source.contactName),
    webUrlTemplates: {},
  });
  if (id) return { id, slug: wanted, name, webUrlTemplates: {}, created: true };
  // Taken: by a body created meanwhile (use it), or by a removed one, whose URLs may live on in links.
  const created = await liveBody(ds, wanted);
  if (created) return created;
  throw new Error(`the slug "${wanted}" belongs to a removed body and cannot be reused; import into another one with --body <slug>`);
}

/**
 * Fetches objects one by one at their URLs, a few at a time: Locations only referenced by URL
 * (SD.NET's Person.location), parents of changed embedded objects. Missing ones are left out.
 */
async function fetchObjects(source: OparlSource, urls: string[]): Promise<Map<string, JsonObject>> {
  const found = new Map<string, JsonObject>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++];
      const value = await source.get(url).catch(() => null);
      if (isObject(value) && value.deleted !== true) found.set(url, { ...value, id: url });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return found;
}

/** The types of the lists of embedded types in merge order: parents before what they may hold. */
const EMBEDDED_TYPES = Object.keys(EMBEDDED_LISTS) as EmbeddedType[];

/** How many times an incremental run fetches missing parents (a file's agenda item, then its meeting). */
const PARENT_ROUNDS = 3;
const OPARL_TYPE: Record<ParentType, string> = { person: 'Person', meeting: 'Meeting', paper: 'Paper', agendaItem: 'AgendaItem' };

function groupDangling(dangling: Dangling[]): DanglingGroup[] {
  const groups = new Map<string, DanglingGroup>();
  for (const d of dangling) {
    const key = `${d.kind} ${d.field}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind: d.kind, field: d.field, count: 0, examples: [] }));
    group.count++;
    if (group.examples.length < 5) group.examples.push({ from: d.sourceId, to: d.target });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** One import run: crawl, map, write in dependency order, then optionally fetch file bytes. */
export class OparlImporter {
  constructor(private readonly ds: DataSource) {}

  /** Every connection to the source and its file URLs goes through one agent that refuses what is not public (unless allowed). */
  async run(options: ImportOptions): Promise<ImportSummary> {
    const dispatcher = outboundAgent(options.allowPrivate ?? 'none');
    try {
      return await this.runWith(options, dispatcher);
    } finally {
      await dispatcher.close();
    }
  }

  private async runWith(options: ImportOptions, dispatcher: Dispatcher): Promise<ImportSummary> {
    const started = Date.now();
    const source = await openSource(options.source, { ...options.http, dispatcher, signal: options.signal });
    const [{ now: startedAt }]: { now: string }[] = await this.ds.query(`SELECT now()::text AS now`);
    const progress = options.onProgress ?? (() => undefined);
    const onPage = (p: CrawlProgress): void => progress({ phase: 'crawl', label: p.list, done: p.page, total: p.totalPages });

    const found = await findBody(source, options.sourceBody);
    const body = await ensureBody(this.ds, found.body, options.bodySlug);
    const plan = await this.plan(source, body.id, found.body, options);
    const modifiedSince = plan.modifiedSince;
    const scope: Scope = {
      body: { id: body.id, slug: body.slug, name: body.name, webUrlTemplates: body.webUrlTemplates },
      caller: { role: 'admin', keyId: null, bodyId: null },
      visibility: 'staff',
      requestId: `import-${randomUUID()}`,
    };
    const writer = new ImportWriter(new ResourceWriter(this.ds), scope);
    // File texts wait in the spool from the crawl until their rows are written.
    const { summary, complete, learnt } = await TextSpool.use(async (spool) => {
      const crawled = await crawl(source, found, { modifiedSince, onPage, onItems: (items) => spool.takeFrom(items), signal: options.signal });
      if (plan.note) crawled.warnings.unshift(plan.note);
      const { merger, orphans } = await this.mergeEmbedded(source, crawled, spool, plan);
      const mapped = mapCrawl(crawled, { merger, spool }, orphans);
      if (mapped.locationRefs.size) addLocations(mapped, [...(await fetchObjects(source, [...mapped.locationRefs])).values()]);
      const { counts, failures } = await this.write(writer, mapped, progress, options.signal);
      const result: ImportSummary = {
        body: { id: body.id, slug: body.slug, created: body.created },
        source: source.systemUrl,
        version: crawled.version,
        modifiedSince,
        counts,
        failures,
        dangling: groupDangling(writer.dangling),
        warnings: crawled.warnings,
        downloads: null,
        text: { files: 0, source: 0, extracted: 0, methods: {}, none: 0, pendingExtraction: 0, withoutBytes: 0, extraction: {} },
        seconds: 0,
      };
      // A run that missed a list is no base for the next incremental one: that asks again from where the last complete run began.
      return { summary: result, complete: crawled.unread.length === 0, learnt: { ...plan.embedsAll, ...merger.learnt() } };
    });
    await this.remember(source, body.id, summary, startedAt, complete, learnt);
    if (options.download) {
      const downloads = await this.download(writer, scope, { ...options.download, dispatcher }, progress, options.signal);
      summary.downloads = downloads;
      if (downloads.refused) {
        summary.warnings.push(
          `${downloads.refused} file(s) were not stored: their bytes are of a type uploads do not accept (UPLOAD_ALLOWED_TYPES); they keep their metadata, and their content links lead to the source`,
        );
      }
    }
    summary.text = await countFileText((sql, params) => this.ds.query(sql, params), body.id);
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  }

  /** Writes the mapped rows in dependency order; counts per kind, and the objects that could not be mapped. */
  private async write(writer: ImportWriter, mapped: Mapped, progress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<Pick<ImportSummary, 'counts' | 'failures'>> {
    await writer.loadIds(this.ds.manager, TABLES);
    const counts: Partial<Record<ResourceKind, KindCounts>> = {};
    for (const spec of TABLES) {
      if (signal?.aborted) throw new Error('import aborted');
      counts[spec.kind] = await this.writeKind(writer, spec, mapped, progress, signal);
      if (spec.kind === 'session') await this.writeSessionCommittees(writer, mapped, counts.session ?? emptyCounts());
    }
    const failures = [...mapped.failed.entries()].flatMap(([kind, list]) => list.map((f) => ({ kind, ...f })));
    for (const f of failures) (counts[f.kind] ??= emptyCounts()).failed++;
    for (const u of mapped.unplaced) (counts[u.kind] ??= emptyCounts()).failed++;
    writer.dangling.push(...mapped.unplaced);
    return { counts, failures };
  }

  /**
   * Merges the lists of embedded types into their parents. An incremental run fetches the
   * parents it lacks (an agenda item or file changed, its meeting or paper did not), in a few
   * rounds: a file's parent may be an agenda item, whose meeting is needed in turn.
   */
  private async mergeEmbedded(source: OparlSource, crawled: Crawl, spool: TextSpool, plan: RunPlan): Promise<{ merger: EmbeddedMerger; orphans: Orphan[] }> {
    const merger = new EmbeddedMerger(crawled, plan.embedsAll);
    const mergeAll = (objects: { type: EmbeddedType; obj: JsonObject }[]): Orphan[] =>
      EMBEDDED_TYPES.flatMap((type) =>
        merger.merge(
          type,
          objects.filter((o) => o.type === type).map((o) => o.obj),
        ),
      );
    let orphans = mergeAll(EMBEDDED_TYPES.flatMap((type) => (crawled.embedded[type]?.live ?? []).map((obj) => ({ type, obj }))));
    for (let round = 0; plan.modifiedSince && orphans.length && round < PARENT_ROUNDS; round++) {
      const wanted = new Map<string, ParentType>();
      for (const orphan of orphans) for (const parent of orphan.parents) wanted.set(parent.id, parent.type);
      const fetched = await fetchObjects(source, [...wanted.keys()]);
      const agendaItems: { type: EmbeddedType; obj: JsonObject }[] = [];
      for (const [url, obj] of fetched) {
        const type = wanted.get(url) as ParentType;
        // A back-reference that names an object of another type is not followed.
        if (typeof obj.type === 'string' && !obj.type.endsWith(`/${OPARL_TYPE[type]}`)) continue;
        spool.takeFrom(obj);
        if (type === 'agendaItem') agendaItems.push({ type: 'agendaItem', obj });
        else merger.addParent(type, obj, true);
      }
      orphans = mergeAll([...agendaItems, ...orphans]);
    }
    merger.finish();
    return { merger, orphans };
  }

  /**
   * `modified_since` for this run: the last successful run's start less the overlap (live
   * endpoints only). A Body that offers lists of embedded types is read in full once more
   * when no run has learnt yet how its source embeds them (see EmbeddedMerger.childrenKnown).
   */
  private async plan(source: OparlSource, bodyId: string, sourceBody: JsonObject, options: ImportOptions): Promise<RunPlan> {
    const rows: SourceRow[] = await this.ds.query(`SELECT last_started_at, last_success_at, embeds_all FROM import_source WHERE body_id = $1 AND url = $2`, [
      bodyId,
      source.systemUrl,
    ]);
    const last = rows[0];
    const embedsAll = last?.embeds_all ?? {};
    const full = { modifiedSince: null, embedsAll, note: null };
    if (options.full || source.kind !== 'http' || !last?.last_success_at || !last.last_started_at) return full;
    const unlearnt = EMBEDDED_TYPES.filter((type) => typeof sourceBody[EMBEDDED_LISTS[type]] === 'string' && embedsAll[type] === undefined);
    if (unlearnt.length) return { ...full, note: `read in full once to learn how the source embeds what its lists of ${unlearnt.join(', ')} hold` };
    const since = new Date(last.last_started_at.getTime() - (options.overlapMinutes ?? 60) * 60_000);
    return { modifiedSince: formatUtc(since), embedsAll, note: null };
  }

  private async remember(source: OparlSource, bodyId: string, summary: ImportSummary, startedAt: string, complete: boolean, embedsAll: Partial<Record<EmbeddedType, boolean>>): Promise<void> {
    const last = JSON.stringify({ counts: summary.counts, dangling: summary.dangling.map((d) => ({ kind: d.kind, field: d.field, count: d.count })), warnings: summary.warnings });
    await this.ds.query(
      `INSERT INTO import_source (body_id, url, oparl_version, last_started_at, last_success_at, last_summary, embeds_all)
       VALUES ($1, $2, $3, CASE WHEN $6 THEN $4::timestamptz END, CASE WHEN $6 THEN now() END, $5, $7)
       ON CONFLICT (body_id, url) DO UPDATE SET oparl_version = EXCLUDED.oparl_version, embeds_all = EXCLUDED.embeds_all,
         last_started_at = CASE WHEN $6 THEN EXCLUDED.last_started_at ELSE import_source.last_started_at END,
         last_success_at = CASE WHEN $6 THEN EXCLUDED.last_success_at ELSE import_source.last_success_at END,
         last_summary = EXCLUDED.last_summary, modified_at = now()`,
      [bodyId, source.systemUrl, summary.version, startedAt, last, complete, JSON.stringify(embedsAll)],
    );
  }

  private async writeKind(writer: ImportWriter, spec: TableSpec, mapped: Mapped, progress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<KindCounts> {
    const counts = emptyCounts();
    const drafts = [...(mapped.rows.get(spec.kind)?.values() ?? [])];
    progress({ phase: 'write', label: spec.kind, done: 0, total: drafts.length });
    const chunk = 2000;
    for (let start = 0; start < drafts.length; start += chunk) {
      if (signal?.aborted) throw new Error('import aborted');
      await writer.upsert(spec, drafts.slice(start, start + chunk), counts);
      progress({ phase: 'write', label: spec.kind, done: Math.min(start + chunk, drafts.length), total: drafts.length });
    }
    counts.deleted += await writer.deleteSourceIds(spec, [...(mapped.deleted.get(spec.kind) ?? [])]);
    if (spec.parents) {
      const complete = new Map<string, string[]>();
      for (const column of spec.parents) {
        const parentKind = spec.columns[column].ref;
        if (!parentKind) continue;
        const ids = writer.idsOf(parentKind);
        complete.set(column, [...(mapped.complete.get(spec.kind)?.get(parentKind) ?? [])].map((s) => ids.get(s)).filter((v): v is string => !!v));
      }
      counts.deleted += await writer.deleteVanishedChildren(spec, drafts.map((d) => d.sourceId), complete);
    }
    return counts;
  }

  private async writeSessionCommittees(writer: ImportWriter, mapped: Mapped, counts: KindCounts): Promise<void> {
    const sessions = writer.idsOf('session');
    const committees = writer.idsOf('committee');
    const desired: { session_id: string; committee_id: string; position: number }[] = [];
    const sessionIds: string[] = [];
    for (const [meeting, organizations] of mapped.sessionCommittees) {
      const sessionId = sessions.get(meeting);
      if (!sessionId) continue;
      sessionIds.push(sessionId);
      const seen = new Set<string>();
      for (const org of organizations) {
        const committeeId = committees.get(org);
        if (!committeeId) writer.dangling.push({ kind: 'session', sourceId: meeting, field: 'committees', target: org });
        else if (!seen.has(committeeId)) {
          seen.add(committeeId);
          desired.push({ session_id: sessionId, committee_id: committeeId, position: seen.size - 1 });
        }
      }
    }
    for (let start = 0; start < sessionIds.length; start += 2000) {
      const batch = new Set(sessionIds.slice(start, start + 2000));
      await writer.transactionOf(async (manager, record) => {
        const changed = await syncSessionCommittees(manager, [...batch], desired.filter((d) => batch.has(d.session_id)));
        const fresh = await writer.markUpdated(manager, 'session', changed);
        counts.updated += fresh.length;
        counts.unchanged -= fresh.length;
        await record(fresh, 'session');
      });
    }
  }

  private async download(writer: ImportWriter, scope: Scope, options: NonNullable<ImportOptions['download']> & { dispatcher: Dispatcher }, progress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<DownloadCounts> {
    const files = await filesToFetch(this.ds, scope.body.id);
    const settings: DownloadOptions = {
      concurrency: options.concurrency ?? 4,
      maxBytes: Math.min(options.maxBytes ?? options.upload.maxBytes, options.upload.maxBytes),
      allowedTypes: options.upload.allowedTypes,
      attempts: options.attempts ?? 3,
      retryDelayMs: options.retryDelayMs ?? 1000,
      timeoutMs: options.timeoutMs ?? 120_000,
      dispatcher: options.dispatcher,
      signal,
      onProgress: (done, total) => progress({ phase: 'download', label: 'file', done, total }),
    };
    return downloadFiles(files, options.storage, scope.body.id, settings, (fileId, fetched) =>
      writer.transactionOf(async (manager, record) => {
        const [stored]: { storage_key: string | null; sha512: string | null; mime_type: string }[] = await manager.query(
          `SELECT storage_key, sha512, mime_type FROM file WHERE id = $1 FOR UPDATE`,
          [fileId],
        );
        if (stored?.storage_key === fetched.storageKey && stored.sha512 === fetched.sha512 && stored.mime_type === fetched.mimeType) {
          // The same bytes again (the source changed only its metadata): nothing readers see, nothing to extract.
          await manager.query(`UPDATE file SET fetched_version = $2 WHERE id = $1`, [fileId, versionJson(fetched.version)]);
          return;
        }
        // The type recognised from the bytes replaces what the source declared (and re-imports keep it, see tables.ts).
        await manager.query(`UPDATE file SET mime_type = $6, size = $2, sha512 = $3, storage_key = $4, fetched_version = $5, modified_at = now() WHERE id = $1`, [
          fileId,
          fetched.size,
          fetched.sha512,
          fetched.storageKey,
          versionJson(fetched.version),
          fetched.mimeType,
        ]);
        // The change event sends the file to the worker's extract queue (and the search index).
        await record([fileId], 'file');
      }),
    );
  }
}

/**
 * An OParl date-time in UTC without milliseconds, as `modified_since` wants it: with `Z`
 * rather than `+00:00`, since some servers read a `+` in a query string as a space.
 */
export function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A jsonb parameter; SQL NULL (not JSON null) for nothing. */
const versionJson = (version: Record<string, unknown> | null): string | null => (version ? JSON.stringify(version) : null);
