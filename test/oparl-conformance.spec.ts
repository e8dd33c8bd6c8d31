import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createStorage } from '../src/infra/storage/create-storage';
import { checkOparlConformance, ConformanceReport, errorsOf, NS, SCHEMA_TYPES, schemaFor } from './support/oparl-conformance';
import { getJson, JsonObject, OPARL, OparlCity, startOparlCity } from './support/oparl-city';

/**
 * The whole OParl conformance suite (test/support/oparl-conformance.ts) on the small factory
 * city, with two objects per page so that every list has several pages.
 */

describe('OParl schema conformance', () => {
  let t: OparlCity;
  let report: ConformanceReport;

  beforeAll(async () => {
    t = await startOparlCity();
    // The factory's files carry no bytes: store some, so that size and sha512 can be checked.
    const storage = createStorage(t.config);
    const files = await t.ds.query<{ id: string; storage_key: string; mime_type: string }[]>('SELECT id, storage_key, mime_type FROM file WHERE body_id = $1', [t.body.id]);
    for (const file of files) {
      const bytes = Buffer.from(`Datei ${file.id}\n`);
      await storage.put(file.storage_key, Readable.from([bytes]), file.mime_type);
      await t.ds.query('UPDATE file SET size = $2, sha512 = $3 WHERE id = $1', [file.id, bytes.length, createHash('sha512').update(bytes).digest('hex')]);
    }
    report = await checkOparlConformance(t.app, 'musterstadt', { limit: 2, fileBytes: 'all' });
  });
  afterAll(async () => t?.close());

  it('has a schema for every OParl 1.1 type', () => {
    for (const type of SCHEMA_TYPES) expect(typeof schemaFor(type)).toBe('function');
  });

  it('rejects broken objects, embedded ones included (the validator really validates)', () => {
    const meeting = schemaFor('Meeting')!;
    expect(meeting({ id: `${OPARL}/meeting/x`, type: `${NS}Meeting`, start: 42 })).toBe(false);
    const agendaWithoutOrder = { id: `${OPARL}/meeting/x`, type: `${NS}Meeting`, agendaItem: [{ id: `${OPARL}/agendaItem/y`, type: `${NS}AgendaItem` }] };
    expect(meeting(agendaWithoutOrder)).toBe(false);
    expect(errorsOf(meeting.errors).join()).toContain('order');
    expect(schemaFor('File')!({ id: 'not a url', type: `${NS}File`, accessUrl: `${OPARL}/x` })).toBe(false);
  });

  it('passes the whole conformance suite', () => {
    expect(report.violations).toEqual([]);
  });

  it('passes it for a body with almost nothing in it, too', async () => {
    const other = await checkOparlConformance(t.app, 'andersdorf', { limit: 2 });
    expect(other.violations).toEqual([]);
    expect(other.lists.get('meeting')).toHaveLength(1);
  });

  it('really crawled: pages, objects, embedded objects, tombstones and file bytes', () => {
    expect(report.stats.pages).toBeGreaterThan(20);
    expect(report.stats.fetched).toBeGreaterThan(30);
    expect(report.stats.validated).toBeGreaterThan(50);
    expect(report.stats.embedded).toBeGreaterThan(10);
    expect(report.stats.tombstones).toBeGreaterThan(0);
    expect(report.stats.goneFiles).toBeGreaterThan(0);
    expect(report.stats.boundsChecked).toBeGreaterThan(0);
    expect(report.stats.bytesChecked).toBe(report.stats.files);
    expect(report.stats.files).toBeGreaterThan(5);
    const locations = [...report.byId.values()].filter((o) => o.type === `${NS}Location` && o.geojson);
    expect(locations.length).toBeGreaterThan(0);
  });

  it('finds violations (the suite really checks)', async () => {
    await t.ds.query(`UPDATE file SET sha512 = $2, modified_at = now() WHERE body_id = $1`, [t.body.id, 'f'.repeat(128)]);
    const broken = await checkOparlConformance(t.app, 'musterstadt', { limit: 2, fileBytes: 1 });
    const text = broken.violations.join('\n');
    expect(text).toContain('sha512Checksum does not match the bytes');
    expect(broken.violations.length).toBeGreaterThan(0);
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
