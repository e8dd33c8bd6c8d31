import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { crawl, getJson, JsonObject, JsonValue, NS, OPARL, OparlCity, oparlObjects, startOparlCity, walkList } from './support/oparl-city';

/**
 * Validates everything the OParl endpoint serves against the OParl 1.1 JSON schemas in
 * `oparl-schema/`, plus what the schemas cannot express. Needs `ajv` (8) and `ajv-formats` (3);
 * without them the suite is skipped with a message.
 */

interface AjvInstance {
  addSchema(schema: AnySchemaObject): AjvInstance;
  addKeyword(keyword: string): AjvInstance;
  addFormat(name: string, format: (value: string) => boolean): AjvInstance;
  getSchema(key: string): ValidateFunction | undefined;
}
type AjvClass = new (options: Record<string, unknown>) => AjvInstance;
type AddFormats = (ajv: AjvInstance) => AjvInstance;

function loadAjv(): { Ajv: AjvClass; addFormats: AddFormats } | string {
  const load = createRequire(__filename);
  try {
    const ajvModule = load('ajv') as { default?: AjvClass };
    const formatsModule = load('ajv-formats') as { default?: AddFormats };
    const Ajv = ajvModule.default ?? (ajvModule as unknown as AjvClass);
    const addFormats = formatsModule.default ?? (formatsModule as unknown as AddFormats);
    return { Ajv, addFormats };
  } catch (error) {
    return `ajv@8 and ajv-formats@3 are needed for the OParl schema validation (${(error as Error).message.split('\n')[0]})`;
  }
}

const SCHEMA_DIR = join(__dirname, '..', 'oparl-schema');
const SCHEMA_TYPES = ['System', 'Body', 'LegislativeTerm', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Paper', 'Consultation', 'File', 'Location'];
const BODY_LISTS_11 = ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership'];

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

function buildValidator(Ajv: AjvClass, addFormats: AddFormats): (type: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat('url', (value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });
  for (const keyword of ['references', 'backreference', 'cardinality', 'schema']) ajv.addKeyword(keyword);
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'strings.de.json');
  for (const file of files) {
    const schema = rewrite(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'))) as AnySchemaObject;
    ajv.addSchema({ ...schema, $id: file });
  }
  return (type: string) => {
    const validate = ajv.getSchema(`${type}.json`);
    if (!validate) throw new Error(`no schema for ${type}`);
    return validate;
  };
}

const loaded = loadAjv();
const suite = typeof loaded === 'string' ? describe.skip : describe;
if (typeof loaded === 'string') {
  describe('OParl schema conformance', () => {
    it.todo(`skipped: ${loaded}. Install them with "npm install --save-dev ajv@8 ajv-formats@3".`);
  });
}

const errorsOf = (errors: ErrorObject[] | null | undefined): string[] => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);

suite('OParl schema conformance', () => {
  let t: OparlCity;
  let schemaFor: (type: string) => ValidateFunction;
  const documents: JsonValue[] = [];

  beforeAll(async () => {
    if (typeof loaded === 'string') return;
    schemaFor = buildValidator(loaded.Ajv, loaded.addFormats);
    t = await startOparlCity();
    const full = await crawl(t);
    documents.push(full.system, ...full.bodies, ...[...full.lists.values()].flat(), ...[...full.byId.values()].filter((d) => !('data' in d)));
    for (const body of full.bodies) {
      for (const name of BODY_LISTS_11) {
        const sync = await walkList(t, `${body[name] as string}?modified_since=2000-01-01T00%3A00%3A00%2B01%3A00&omit_internal=true`);
        documents.push(...sync.items);
      }
    }
  });
  afterAll(async () => t?.close());

  it('has a schema for every OParl 1.1 type', () => {
    for (const type of SCHEMA_TYPES) expect(typeof schemaFor(type)).toBe('function');
  });

  it('rejects broken objects, embedded ones included (the validator really validates)', () => {
    const meeting = schemaFor('Meeting');
    expect(meeting({ id: `${OPARL}/meeting/x`, type: `${NS}Meeting`, start: 42 })).toBe(false);
    const agendaWithoutOrder = { id: `${OPARL}/meeting/x`, type: `${NS}Meeting`, agendaItem: [{ id: `${OPARL}/agendaItem/y`, type: `${NS}AgendaItem` }] };
    expect(meeting(agendaWithoutOrder)).toBe(false);
    expect(errorsOf(meeting.errors).join()).toContain('order');
    expect(schemaFor('File')({ id: 'not a url', type: `${NS}File`, accessUrl: `${OPARL}/x` })).toBe(false);
  });

  it('validates every crawled object (and every tombstone) against its schema', () => {
    const failures: string[] = [];
    let validated = 0;
    for (const doc of documents) {
      const obj = doc as JsonObject;
      const type = (obj.type as string).slice(NS.length);
      expect(SCHEMA_TYPES).toContain(type);
      if (obj.deleted === true && type === 'Body') continue;
      const validate = schemaFor(type);
      const valid: boolean = validate(doc);
      if (!valid) failures.push(`${obj.id as string}: ${errorsOf(validate.errors).join('; ')}`);
      validated++;
    }
    expect(failures).toEqual([]);
    expect(validated).toBeGreaterThan(50);
  });

  it('sends every mandatory 1.1 property the schemas only describe', () => {
    for (const doc of documents) {
      const obj = doc as JsonObject;
      if (obj.type === `${NS}Body` && obj.deleted !== true) {
        for (const name of BODY_LISTS_11) expect({ body: obj.id, name, type: typeof obj[name] }).toEqual({ body: obj.id, name, type: 'string' });
      }
      for (const inner of oparlObjects(doc)) {
        expect({ id: inner.id, created: typeof inner.created, modified: typeof inner.modified }).toEqual({ id: inner.id, created: 'string', modified: 'string' });
        if (inner.deleted === true) {
          const kept = Object.keys(inner).filter((k) => !['id', 'type', 'created', 'modified', 'deleted', 'order', 'accessUrl'].includes(k));
          expect({ id: inner.id, kept }).toEqual({ id: inner.id, kept: [] });
        }
      }
    }
  });

  it('sends GeoJSON Features with [lon, lat], real MIME types and lowercase sha512 checksums', () => {
    let locations = 0;
    let files = 0;
    for (const doc of documents) {
      for (const inner of oparlObjects(doc)) {
        if (inner.type === `${NS}Location` && inner.geojson) {
          const feature = inner.geojson as JsonObject;
          expect(feature.type).toBe('Feature');
          const geometry = feature.geometry as JsonObject;
          if (geometry.type === 'Point') {
            const [lon, lat] = geometry.coordinates as number[];
            expect(Math.abs(lon)).toBeLessThanOrEqual(180);
            expect(Math.abs(lat)).toBeLessThanOrEqual(90);
          }
          locations++;
        }
        if (inner.type === `${NS}File` && inner.deleted !== true) {
          expect(inner.mimeType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
          expect(inner.sha512Checksum).toMatch(/^[0-9a-f]{128}$/);
          expect(Number.isInteger(inner.size)).toBe(true);
          expect(inner.downloadUrl).not.toBe(inner.accessUrl);
          files++;
        }
      }
    }
    expect(locations).toBeGreaterThan(0);
    expect(files).toBeGreaterThan(0);
  });

  it('sends list pages with data, pagination and links', async () => {
    const page = await getJson(t, '/oparl/v1.1/bodies/musterstadt/meeting?limit=1');
    expect(Array.isArray(page.data)).toBe(true);
    expect(Number.isInteger((page.pagination as JsonObject).elementsPerPage)).toBe(true);
    const links = page.links as JsonObject;
    for (const key of ['first', 'self', 'next']) expect(links[key]).toMatch(/^http:\/\/api\.test\/oparl\/v1\.1\//);
  });

  it('sends the Error object only with an error status', async () => {
    const res = await t.http().get('/oparl/v1.1/paper/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(Object.keys(res.body as object).sort()).toEqual(expect.arrayContaining(['message', 'type']));
    expect((res.body as JsonObject).type).toBe('https://schema.oparl.org/1.1/Error');
  });
});
