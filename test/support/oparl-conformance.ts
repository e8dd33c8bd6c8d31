import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv, { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The OParl 1.1 conformance suite: crawls a body's OParl endpoint from the System through the
 * body, every page of every external list (plain and with `modified_since`, which brings the
 * tombstones) and every object id found anywhere, validates every object against the OParl 1.1
 * JSON schemas (embedded objects and tombstones included) and runs the checks the schemas
 * cannot express. It returns the violations instead of failing, so that each caller decides.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const NS = 'https://schema.oparl.org/1.1/';
export const SCHEMA_TYPES = ['System', 'Body', 'LegislativeTerm', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Paper', 'Consultation', 'File', 'Location'];
/** The Body's external lists that OParl 1.1 makes mandatory. */
export const BODY_LISTS = ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership'] as const;

export const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const DATE = /^\d{4}-\d\d-\d\d$/;
const DATE_TIME_KEYS = new Set(['created', 'modified', 'start', 'end', 'licenseValidSince', 'oparlSince']);
const DATE_KEYS = new Set(['startDate', 'endDate', 'date']);
/** Arrays that may be empty: a page's data and the Body's embedded legislative terms. */
const EMPTY_ARRAY_KEYS = new Set(['data', 'legislativeTerm']);
/** What a tombstone (§2.8) may keep. */
const TOMBSTONE_KEYS = new Set(['id', 'type', 'created', 'modified', 'deleted', 'order', 'accessUrl']);
/** The back-references an embedded object leaves out and the standalone object carries. */
const EMBEDDED_BACKREFS = new Set(['meeting', 'person', 'paper', 'agendaItem', 'text', 'organizations', 'persons', 'meetings', 'papers', 'body']);
const MIME_TYPE = /^(application|audio|font|image|message|model|multipart|text|video)\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const PAST = '2000-01-01T00:00:00+01:00';
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** The schemas shipped with the repository (a copy of the OParl 1.1 spec's `schema/`). */
const SCHEMA_DIR = join(__dirname, '..', '..', 'oparl-schema');

/**
 * The spec's schemas embed objects as `"type": "object", "schema": "X.json"`; turn those into
 * `$ref`s so that embedded objects are validated too. External lists (`"type": "string",
 * "schema": …`) stay URLs.
 */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (obj.type === 'object' && typeof obj.schema === 'string') return { $ref: obj.schema };
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, rewrite(v)]));
}

/** One ajv validator per OParl type, built once per process. */
let schemas: ((type: string) => ValidateFunction | undefined) | undefined;
export function schemaFor(type: string): ValidateFunction | undefined {
  if (!schemas) {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    ajv.addFormat('url', (value: string) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    });
    for (const keyword of ['references', 'backreference', 'cardinality', 'schema']) ajv.addKeyword(keyword);
    for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'strings.de.json')) {
      ajv.addSchema({ ...(rewrite(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'))) as AnySchemaObject), $id: file });
    }
    schemas = (t) => ajv.getSchema(`${t}.json`);
  }
  return schemas(type);
}

export const errorsOf = (errors: ErrorObject[] | null | undefined): string[] => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);

/** Visits every value of a JSON document with its key and path. */
export function walkJson(value: JsonValue, visit: (value: JsonValue, key: string, path: string) => void, key = '', path = '$'): void {
  visit(value, key, path);
  if (Array.isArray(value)) value.forEach((v, i) => walkJson(v, visit, key, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkJson(v, visit, k, `${path}.${k}`);
}

/** Every OParl object inside a document (those with an OParl `type`), embedded ones included. */
export function oparlObjects(value: JsonValue): JsonObject[] {
  const out: JsonObject[] = [];
  walkJson(value, (v) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.type === 'string' && v.type.startsWith(NS)) out.push(v);
  });
  return out;
}

/** Any value as text, for messages and ids. */
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? 'undefined' : (JSON.stringify(v) ?? ''));
const isObject = (v: JsonValue | undefined): v is JsonObject => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
const typeOf = (obj: JsonObject): string => (typeof obj.type === 'string' ? obj.type.slice(NS.length) : '?');

export interface ConformanceOptions {
  /** Page size of the walk through the lists (default 1000, the server's cap). */
  limit?: number;
  /**
   * Which files to download to compare their bytes with size and sha512: `all`, or a number n
   * for a deterministic sample of n PDFs (by id) plus every file that is not a PDF. Files whose
   * accessUrl redirects (bytes kept at the source) are counted as `redirected`, not downloaded.
   */
  fileBytes?: 'all' | number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
}

export interface ConformanceReport {
  violations: string[];
  /** What was checked, so that callers can make sure the crawl was not empty. */
  stats: {
    pages: number;
    fetched: number;
    validated: number;
    embedded: number;
    tombstones: number;
    files: number;
    bytesChecked: number;
    redirected: number;
    /** Deleted files whose accessUrl was asked for (410 expected). */
    goneFiles: number;
    /** Objects looked for with `_since` and `_until` both at the second they show. */
    boundsChecked: number;
  };
  /** Items of the body's external lists (without `modified_since`), by the Body property. */
  lists: Map<string, JsonObject[]>;
  /** Every object fetched at its id, by id. */
  byId: Map<string, JsonObject>;
}

interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  payload: Buffer;
}

/**
 * Runs the whole conformance suite on the body `slug` of an app and returns every violation
 * (an empty list means conformant).
 */
export async function checkOparlConformance(app: NestFastifyApplication, slug: string, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const limit = options.limit ?? 1000;
  const concurrency = options.concurrency ?? 8;
  const fastify = app.getHttpAdapter().getInstance();
  const violations: string[] = [];
  const stats = { pages: 0, fetched: 0, validated: 0, embedded: 0, tombstones: 0, files: 0, bytesChecked: 0, redirected: 0, goneFiles: 0, boundsChecked: 0 };
  const fail = (where: string, message: string): void => void violations.push(`${where}: ${message}`);
  let origin = '';

  const pathOf = (url: string): string | undefined => {
    if (url.startsWith('/')) return url;
    try {
      const u = new URL(url);
      if (origin && u.origin !== origin) return undefined;
      return `${u.pathname}${u.search}`;
    } catch {
      return undefined;
    }
  };

  const get = async (url: string): Promise<Response> => {
    const res = await fastify.inject({ method: 'GET', url: pathOf(url) ?? url, headers: { origin: 'https://client.example' } });
    return { status: res.statusCode, headers: res.headers, payload: res.rawPayload };
  };

  /** GETs an OParl document; checks status 200, JSON in UTF-8 and CORS (§2.6). */
  const getJson = async (url: string): Promise<JsonObject | undefined> => {
    if (pathOf(url) === undefined) {
      fail(url, `not a URL of this server (${origin})`);
      return undefined;
    }
    const res = await get(url);
    if (res.status !== 200) {
      fail(url, `status ${res.status}, expected 200`);
      return undefined;
    }
    if (res.headers['access-control-allow-origin'] !== '*') fail(url, `Access-Control-Allow-Origin is ${str(res.headers['access-control-allow-origin'])}, expected *`);
    if (!/^application\/json; charset=utf-8$/i.test(str(res.headers['content-type']))) fail(url, `Content-Type is ${str(res.headers['content-type'])}`);
    try {
      return JSON.parse(res.payload.toString('utf8')) as JsonObject;
    } catch {
      fail(url, 'not JSON');
      return undefined;
    }
  };

  /** Runs `work` for every item with a few requests in flight at once. */
  const pool = async <T>(items: T[], work: (item: T) => Promise<void>): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  };

  /** Every document served, for the checks on all JSON (fetched objects and list items). */
  const documents: { where: string; doc: JsonObject }[] = [];

  /** Follows `links.next` to the end; checks the pages and that every link keeps the query. */
  const walkList = async (url: string): Promise<JsonObject[] | undefined> => {
    const items: JsonObject[] = [];
    const seen = new Set<string>();
    const query = new URL(url, 'http://relative.invalid').searchParams;
    let next: string | undefined = url;
    let pages = 0;
    while (next) {
      if (seen.has(next)) {
        fail(url, `pagination cycle at ${next}`);
        return items;
      }
      seen.add(next);
      const page = await getJson(next);
      if (!page) return undefined;
      stats.pages++;
      pages++;
      const where = next;
      if (!Array.isArray(page.data)) {
        fail(where, 'list page without a data array');
        return undefined;
      }
      if (!isObject(page.pagination)) fail(where, 'list page without pagination');
      else if (page.pagination.elementsPerPage !== undefined && !Number.isInteger(page.pagination.elementsPerPage)) fail(where, 'pagination.elementsPerPage is not an integer');
      if (!isObject(page.links)) {
        fail(where, 'list page without links');
        return undefined;
      }
      for (const [name, link] of Object.entries(page.links)) {
        if (typeof link !== 'string') {
          fail(where, `links.${name} is not a string`);
          continue;
        }
        let params: URLSearchParams;
        try {
          params = new URL(link).searchParams;
        } catch {
          fail(where, `links.${name} is not a URL`);
          continue;
        }
        for (const [key, value] of query) {
          if (key !== 'cursor' && key !== 'page' && params.get(key) !== value) fail(where, `links.${name} drops the filter ${key}=${value}`);
        }
      }
      if (pages > 1 && page.data.length === 0) fail(where, 'links.next of the previous page led to an empty page');
      for (const item of page.data) {
        if (!isObject(item)) fail(where, 'a list item is not an object');
        else items.push(item);
      }
      documents.push({ where, doc: page });
      next = typeof page.links.next === 'string' ? page.links.next : undefined;
    }
    return items;
  };

  const withQuery = (url: string, query: string): string => `${url}${url.includes('?') ? '&' : '?'}${query}`;

  // System → Body.
  const system = await getJson('/oparl/v1.1/system');
  if (!system) return { violations, stats, lists: new Map(), byId: new Map() };
  origin = typeof system.id === 'string' ? new URL(system.id).origin : '';
  documents.push({ where: '/oparl/v1.1/system', doc: system });
  const bodies = typeof system.body === 'string' ? await walkList(withQuery(system.body, `limit=${limit}`)) : undefined;
  if (!bodies) fail('System', 'no body list');
  const listed = (bodies ?? []).find((b) => typeof b.id === 'string' && b.id.endsWith(`/bodies/${slug}`));
  if (!listed) {
    fail('System', `body ${slug} is not in the body list`);
    return { violations, stats, lists: new Map(), byId: new Map() };
  }
  const body = await getJson(listed.id as string);
  if (!body) return { violations, stats, lists: new Map(), byId: new Map() };
  documents.push({ where: listed.id as string, doc: body });

  // Every external list of the Body, plain and with modified_since (tombstones).
  const lists = new Map<string, JsonObject[]>();
  const tombstoneLists: JsonObject[] = [];
  for (const name of BODY_LISTS) {
    const url = body[name];
    if (typeof url !== 'string') {
      fail(str(body.id), `the mandatory list ${name} is missing`);
      continue;
    }
    const [plain, sync] = await Promise.all([walkList(withQuery(url, `limit=${limit}`)), walkList(withQuery(url, `modified_since=${encodeURIComponent(PAST)}&omit_internal=true&limit=${limit}`))]);
    lists.set(name, plain ?? []);
    if (plain && sync) {
      const live = new Set(plain.map((o) => o.id));
      const synced = new Set(sync.map((o) => o.id));
      for (const id of live) if (!synced.has(id)) fail(url, `${str(id)} is missing with modified_since`);
      for (const item of sync) {
        if (item.deleted === true) {
          tombstoneLists.push(item);
          if (live.has(item.id)) fail(url, `${str(item.id)} is listed and deleted at once`);
        }
      }
    }
  }

  // Every OParl URL found anywhere: objects are fetched once, lists walked once.
  const objectPath = /^\/oparl\/v1\.1\/(\w+)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const byId = new Map<string, JsonObject>();
  const walked = new Set<string>([...BODY_LISTS.map((n) => str(body[n])), str(system.body), str(system.id), str(body.id)]);
  const found = (docs: JsonValue[]): { objects: string[]; lists: string[] } => {
    const objects = new Set<string>();
    const more = new Set<string>();
    for (const doc of docs) {
      walkJson(doc, (v, key) => {
        if (typeof v !== 'string' || !v.startsWith(`${origin}/oparl/`) || key === 'first' || key === 'self' || key === 'next' || key === 'prev' || key === 'last') return;
        const path = pathOf(v) ?? '';
        if (objectPath.test(path)) {
          if (!byId.has(v)) objects.add(v);
        } else if (!walked.has(v)) more.add(v);
      });
    }
    return { objects: [...objects], lists: [...more] };
  };
  let frontier = found([system, body, ...[...lists.values()].flat(), ...tombstoneLists]);
  while (frontier.objects.length || frontier.lists.length) {
    const fetched: JsonObject[] = [];
    await pool(frontier.objects, async (url) => {
      if (byId.has(url)) return;
      const doc = await getJson(url);
      stats.fetched++;
      if (!doc) return;
      byId.set(url, doc);
      documents.push({ where: url, doc });
      fetched.push(doc);
      if (doc.id !== url) fail(url, `served with id ${str(doc.id)}`);
    });
    for (const url of frontier.lists) {
      walked.add(url);
      const items = await walkList(withQuery(url, `limit=${limit}`));
      if (items) fetched.push(...items);
    }
    frontier = found(fetched);
  }

  // Every list item is fetchable at its id with identical content; every object is in its list.
  const listedIds = new Set<string>();
  for (const [name, items] of lists) {
    for (const item of items) {
      const id = str(item.id);
      listedIds.add(id);
      const standalone = byId.get(id);
      if (!standalone) fail(id, `item of the list ${name} is not fetchable at its id`);
      else if (JSON.stringify(standalone) !== JSON.stringify(item)) fail(id, `differs between the list ${name} and its id`);
    }
  }
  for (const item of tombstoneLists) {
    const standalone = byId.get(str(item.id));
    if (standalone && standalone.deleted !== true) fail(str(item.id), 'a tombstone in the list is not deleted at its id');
  }
  for (const [url, doc] of byId) {
    if (doc.deleted === true) continue;
    if (!listedIds.has(url)) fail(url, `is linked but missing from the external list of ${typeOf(doc)}`);
  }
  // Embedded objects equal their standalone version less its back-references.
  for (const doc of [body, ...[...lists.values()].flat()]) {
    for (const inner of oparlObjects(doc)) {
      if (inner === doc) continue;
      stats.embedded++;
      const id = str(inner.id);
      const standalone = byId.get(id);
      if (!standalone) {
        fail(id, 'embedded object is not fetchable at its id');
        continue;
      }
      for (const [key, value] of Object.entries(inner)) {
        if (JSON.stringify(standalone[key]) !== JSON.stringify(value)) fail(id, `embedded ${key} differs from the object at its id`);
      }
      for (const key of Object.keys(standalone)) if (!(key in inner) && !EMBEDDED_BACKREFS.has(key)) fail(id, `embedded version lacks ${key}`);
    }
  }

  // Schemas, and the rules on every value and every object the schemas cannot express.
  const validated = new Set<JsonObject>();
  for (const { where, doc } of documents) {
    const roots: JsonObject[] = Array.isArray(doc.data) ? doc.data.filter(isObject) : [doc];
    for (const obj of roots) {
      if (validated.has(obj)) continue;
      validated.add(obj);
      const type = typeOf(obj);
      const validate = SCHEMA_TYPES.includes(type) ? schemaFor(type) : undefined;
      if (!validate) {
        fail(str(obj.id ?? where), `unknown type ${str(obj.type)}`);
        continue;
      }
      if (obj.deleted === true && type === 'Body') continue;
      const valid: boolean = validate(obj);
      if (!valid) fail(str(obj.id), errorsOf(validate.errors).join('; '));
      stats.validated++;
    }
    walkJson(doc, (value, key, path) => {
      if (value === null) fail(where, `${path} is null`);
      else if (value === '') fail(where, `${path} is ""`);
      else if (Array.isArray(value) && value.length === 0 && !EMPTY_ARRAY_KEYS.has(key)) fail(where, `${path} is an empty array`);
      else if (typeof value === 'string' && DATE_TIME_KEYS.has(key) && !path.includes('.geojson') && !DATE_TIME.test(value)) fail(where, `${path} = ${value} is not a date-time with offset`);
      else if (typeof value === 'string' && DATE_KEYS.has(key) && !path.includes('.geojson') && !DATE.test(value)) fail(where, `${path} = ${value} is not a date`);
    });
    for (const obj of oparlObjects(doc)) {
      const id = str(obj.id);
      if (typeof obj.created !== 'string' || typeof obj.modified !== 'string') fail(id, 'created or modified missing');
      if (obj.deleted === true) {
        stats.tombstones++;
        const kept = Object.keys(obj).filter((k) => !TOMBSTONE_KEYS.has(k));
        if (kept.length) fail(id, `tombstone keeps ${kept.join(', ')}`);
        continue;
      }
      if (obj.type === `${NS}Body`) for (const name of BODY_LISTS) if (typeof obj[name] !== 'string') fail(id, `the mandatory list ${name} is missing`);
      if (obj.type === `${NS}Meeting` && Array.isArray(obj.agendaItem)) {
        const orders = obj.agendaItem.map((a) => (isObject(a) ? a.order : undefined));
        if (JSON.stringify(orders) !== JSON.stringify(orders.map((_, i) => i))) fail(id, `agenda item order is ${JSON.stringify(orders)}, expected 0..n-1`);
      }
      if (obj.type === `${NS}AgendaItem` && !Number.isInteger(obj.order)) fail(id, 'AgendaItem without an integer order');
      if (obj.type === `${NS}Location` && isObject(obj.geojson)) {
        const geometry = obj.geojson.geometry;
        if (obj.geojson.type !== 'Feature') fail(id, 'geojson is not a Feature');
        if (isObject(geometry) && geometry.type === 'Point') {
          const [lon, lat] = Array.isArray(geometry.coordinates) ? (geometry.coordinates as number[]) : [NaN, NaN];
          if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) fail(id, `geojson Point ${JSON.stringify(geometry.coordinates)} is not [lon, lat]`);
        }
      }
      if (obj.type === `${NS}File`) {
        if (typeof obj.mimeType !== 'string' || !MIME_TYPE.test(obj.mimeType)) fail(id, `mimeType ${str(obj.mimeType)} is not a MIME type`);
        if (obj.sha512Checksum !== undefined && !/^[0-9a-f]{128}$/.test(str(obj.sha512Checksum))) fail(id, 'sha512Checksum is not 128 lowercase hex digits');
        if (obj.size !== undefined && !(Number.isInteger(obj.size) && (obj.size as number) >= 0)) fail(id, 'size is not a non-negative integer');
        if (obj.downloadUrl !== undefined && obj.downloadUrl === obj.accessUrl) fail(id, 'downloadUrl equals accessUrl');
      }
    }
  }

  // The bytes behind accessUrl match size and sha512; Content-Disposition inline (PDFs) vs attachment.
  const files = [...byId.values()].filter((f) => f.type === `${NS}File` && f.deleted !== true);
  stats.files = files.length;
  const pdfs = files.filter((f) => f.mimeType === 'application/pdf').sort((a, b) => str(a.id).localeCompare(str(b.id)));
  const wanted = options.fileBytes ?? 'all';
  const step = wanted === 'all' ? 1 : Math.max(1, Math.ceil(pdfs.length / wanted));
  const sample = wanted === 'all' ? files : [...files.filter((f) => f.mimeType !== 'application/pdf'), ...pdfs.filter((_, i) => i % step === 0)];
  await pool(sample, async (file) => {
    const id = str(file.id);
    const access = await get(str(file.accessUrl));
    if (REDIRECT.has(access.status)) {
      // Bytes kept at the source (an imported file not copied yet): the redirect must lead there.
      if (!/^https?:\/\//.test(str(access.headers.location ?? ''))) fail(id, `accessUrl answers ${access.status} without an absolute Location`);
      stats.redirected++;
      return;
    }
    stats.bytesChecked++;
    if (access.status !== 200) return fail(id, `accessUrl answers ${access.status}`);
    // A PDF is there to be read in the browser; types a browser cannot show safely may come as an attachment.
    if (file.mimeType === 'application/pdf' && /^attachment/i.test(str(access.headers['content-disposition'] ?? ''))) fail(id, 'accessUrl of a PDF is sent as an attachment, expected inline');
    if (file.size !== undefined && access.payload.length !== file.size) fail(id, `size ${str(file.size)} but accessUrl sends ${access.payload.length} bytes`);
    if (file.sha512Checksum !== undefined && createHash('sha512').update(access.payload).digest('hex') !== file.sha512Checksum) fail(id, 'sha512Checksum does not match the bytes');
    const type = str(access.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (typeof file.mimeType === 'string' && type !== file.mimeType.split(';')[0].trim().toLowerCase()) fail(id, `mimeType ${file.mimeType} but accessUrl sends ${type}`);
    if (typeof file.downloadUrl === 'string') {
      const download = await get(file.downloadUrl);
      if (download.status !== 200) fail(id, `downloadUrl answers ${download.status}`);
      else if (!/^attachment\s*;/i.test(str(download.headers['content-disposition'] ?? ''))) fail(id, 'downloadUrl is not sent as an attachment');
    }
  });

  // A deleted file's accessUrl answers 410 Gone (§ File: "Wenn die Datei gelöscht wurde …").
  const goneFiles = new Map<string, JsonObject>();
  for (const item of [...tombstoneLists, ...byId.values()]) if (item.type === `${NS}File` && item.deleted === true) goneFiles.set(str(item.id), item);
  await pool([...goneFiles.values()], async (file) => {
    stats.goneFiles++;
    if (typeof file.accessUrl !== 'string') return fail(str(file.id), 'deleted file without accessUrl');
    const access = await get(file.accessUrl);
    if (access.status !== 410) fail(str(file.id), `accessUrl of a deleted file answers ${access.status}, expected 410`);
  });

  // Date filters are inclusive at the precision objects show their times (whole seconds): a
  // list asked for \`_since\` and \`_until\` both set to a \`created\` (\`modified\`) its objects show
  // finds exactly the objects that show that time. Checked for the three rarest times per list
  // and field (imports write thousands of objects within one second).
  const instant = (value: JsonValue | undefined): number => (typeof value === 'string' ? Date.parse(value) : NaN);
  for (const [name, items] of lists) {
    const url = body[name];
    if (typeof url !== 'string' || items.length === 0) continue;
    for (const field of ['created', 'modified'] as const) {
      const byTime = new Map<number, { shown: string; ids: Set<string> }>();
      for (const item of items) {
        const shown = item[field];
        if (typeof shown !== 'string') continue;
        const entry = byTime.get(instant(shown)) ?? { shown, ids: new Set<string>() };
        entry.ids.add(str(item.id));
        byTime.set(instant(shown), entry);
      }
      const rarest = [...byTime.values()].sort((a, b) => a.ids.size - b.ids.size || a.shown.localeCompare(b.shown)).slice(0, 3);
      for (const { shown, ids } of rarest) {
        const value = encodeURIComponent(shown);
        const found = await walkList(withQuery(url, `${field}_since=${value}&${field}_until=${value}&limit=${limit}`));
        if (!found) continue;
        stats.boundsChecked++;
        // With `modified_since` a list holds tombstones as well: they are not in the plain list.
        const got = new Set(found.filter((o) => o.deleted !== true).map((o) => str(o.id)));
        const missing = [...ids].filter((id) => !got.has(id));
        const extra = [...got].filter((id) => !ids.has(id));
        if (missing.length) fail(missing[0], `not found with ${field}_since and ${field}_until = ${shown}, the ${field} it shows (${missing.length} such)`);
        if (extra.length) fail(url, `${field}_since=${field}_until=${shown} also finds ${extra[0]}, which shows another ${field}`);
      }
    }
  }

  return { violations, stats, lists, byId };
}
