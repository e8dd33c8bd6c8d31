import { bearer, startWithBody } from './support/app';
import { createLocation, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const point = (lon: number, lat: number): Record<string, unknown> => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name: 'Rathaus' } });

describe('locations', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/locations';

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let ids: string[];
    let draftId: string;
    let foreignId: string;

    beforeAll(async () => {
      const b = t.body.id;
      ids = [];
      for (const room of ['Ratssaal', 'Raum 101', 'Raum 102', 'Bürgerhaus']) {
        ids.push((await createLocation(t.ds, { bodyId: b, description: `Rathaus, ${room}`, room, geojson: point(7.4653, 51.5136) })).id);
      }
      ids.sort();
      draftId = (await createLocation(t.ds, { bodyId: b, description: 'Geheimer Keller', publishedAt: null })).id;
      foreignId = (await createLocation(t.ds, { bodyId: t.other.id, description: 'Fremdes Rathaus' })).id;
    });

    it('lists locations in id order with stable keyset pages', async () => {
      const first = await t.http().get(`${path}?limit=3`).expect(200);
      expect(first.body.data.map((l: { id: string }) => l.id)).toEqual(ids.slice(0, 3));
      expect(first.body.data[0]).toEqual({
        id: ids[0],
        description: expect.stringMatching(/^Rathaus, /),
        streetAddress: 'Marktplatz 1',
        room: expect.any(String),
        postalCode: '12345',
        subLocality: null,
        locality: 'Musterstadt',
        geojson: point(7.4653, 51.5136),
        published: true,
        created: expect.any(String),
        modified: expect.any(String),
      });
      const next = new URL(first.body.links.next as string);
      expect(next.searchParams.get('limit')).toBe('3');
      const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
      expect(second.body.data.map((l: { id: string }) => l.id)).toEqual(ids.slice(3));
      expect(second.body.links.next).toBeUndefined();
    });

    it('hides drafts from anonymous callers, members and keys of another body, and shows them to editors', async () => {
      for (const key of [null, t.keys.member, t.keys.otherEditor]) {
        const detail = t.http().get(`${path}/${draftId}`);
        await (key ? detail.set(...bearer(key)) : detail).expect(404);
        const list = key ? await t.http().get(`${path}?limit=200`).set(...bearer(key)) : await t.http().get(`${path}?limit=200`);
        expect(JSON.stringify(list.body)).not.toContain('Geheimer Keller');
      }
      const detail = await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.editor)).expect(200);
      expect(detail.body).toMatchObject({ description: 'Geheimer Keller', published: false });
      const list = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.editor)).expect(200);
      expect(list.body.data).toHaveLength(5);
    });

    it('keeps the bodies apart and rejects malformed requests', async () => {
      await t.http().get(`${path}/${foreignId}`).set(...bearer(t.keys.admin)).expect(404);
      const list = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain('Fremdes Rathaus');
      const bad = await t.http().get(`${path}?locality=Musterstadt`).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['locality']);
      await t.http().get(`${path}/42`).expect(400);
    });
  });

  describe('writing', () => {
    const keyId = async (key: string): Promise<string> => (await t.ds.query('SELECT id FROM api_key WHERE key_prefix = $1', [key.slice(0, 10)]))[0].id;

    it('refuses anonymous, member and foreign editor keys', async () => {
      const body = { description: 'Neuer Saal' };
      await t.http().post(path).send(body).expect(401);
      await t.http().post(path).set(...bearer(t.keys.member)).send(body).expect(403);
      await t.http().post(path).set(...bearer(t.keys.otherEditor)).send(body).expect(403);
      const id = (await createLocation(t.ds, { bodyId: t.body.id, description: 'Unberührt' })).id;
      await t.http().patch(`${path}/${id}`).send({ room: 'x' }).expect(401);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.member)).expect(403);
      await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.otherEditor)).expect(403);
      const row = await t.ds.query('SELECT description, room, deleted_at, published_at IS NOT NULL AS published FROM location WHERE id = $1', [id]);
      expect(row[0]).toEqual({ description: 'Unberührt', room: null, deleted_at: null, published: true });
    });

    it('creates a draft with a point, publishes, updates, clears and deletes it, recording change events', async () => {
      const geojson = point(7.4653, 51.5136);
      const created = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .send({ description: 'Bürgerhaus Nord', streetAddress: 'Lindenweg 3', postalCode: '12347', locality: 'Musterstadt', geojson })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ description: 'Bürgerhaus Nord', room: null, geojson, published: false });
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await t.http().get(`${path}/${id}`).expect(200);

      const moved = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ room: 'Saal 2', geojson: point(-180, -90) }).expect(200);
      expect(moved.body).toMatchObject({ description: 'Bürgerhaus Nord', room: 'Saal 2', geojson: point(-180, -90) });
      const cleared = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ geojson: null, room: null }).expect(200);
      expect(cleared.body).toMatchObject({ room: null, geojson: null, streetAddress: 'Lindenweg 3' });

      // Sessions held there show the location while it lives.
      const session = await createSession(t.ds, { bodyId: t.body.id, locationId: id });
      const before = await t.http().get(`/v1/bodies/musterstadt/sessions/${session.id}`).expect(200);
      expect(before.body.location).toMatchObject({ id, description: 'Bürgerhaus Nord' });

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ room: 'x' }).expect(404);
      const after = await t.http().get(`/v1/bodies/musterstadt/sessions/${session.id}`).expect(200);
      expect(after.body.location).toBeNull();

      const events = await t.ds.query(`SELECT resource, action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id`, [id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'published', 'updated', 'updated', 'deleted']);
      expect(events.every((e: { resource: string }) => e.resource === 'location')).toBe(true);
      expect(events[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(events[4]).toMatchObject({ audience_before: 2, audience_after: -1 });
      expect(events.map((e: { api_key_id: string }) => e.api_key_id)).toEqual([
        await keyId(t.keys.editor),
        await keyId(t.keys.editor),
        await keyId(t.keys.admin),
        await keyId(t.keys.editor),
        await keyId(t.keys.editor),
      ]);
    });

    it('accepts only GeoJSON point features at [lon, lat] and rejects every other bad input, changing nothing', async () => {
      const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM location'))[0].n;
      const before = await count();
      const badGeo: unknown[] = [
        'POINT(7 51)',
        [7.4653, 51.5136],
        42,
        { type: 'Point', coordinates: [7.4653, 51.5136] },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[7, 51], [8, 51], [8, 52], [7, 51]]] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [200, 51] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7, 95] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7, -90.5] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: ['7', '51'] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7, 51, 100] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7, 51], crs: 'EPSG:4326' } },
        { type: 'Feature', geometry: null },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7, 51] }, properties: 'Rathaus' },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [7, 51] }, style: 'red' },
        { type: 'FeatureCollection', features: [] },
      ];
      for (const geojson of badGeo) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send({ description: 'x', geojson }).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['geojson']);
      }
      const cases: [Record<string, unknown>, string[]][] = [
        [{ postalCode: 12345 }, ['postalCode']],
        [{ description: '' }, ['description']],
        [{ room: ['101'] }, ['room']],
        [{ description: 'x'.repeat(501) }, ['description']],
        [{ colour: 'red', locality: 'Musterstadt' }, ['colour']],
        [{ publish: 'true' }, ['publish']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);

      const existing = await createLocation(t.ds, { bodyId: t.body.id, description: 'Fest', geojson: point(7, 51) });
      for (const body of [{ geojson: point(7, 91) }, { geojson: 'here' }, { published: false }, { id: existing.id }]) {
        await t.http().patch(`${path}/${existing.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
      }
      const row = await t.ds.query('SELECT description, geojson FROM location WHERE id = $1', [existing.id]);
      expect(row[0]).toEqual({ description: 'Fest', geojson: point(7, 51) });
      expect(await t.ds.query('SELECT 1 FROM change_event WHERE resource_id = $1', [existing.id])).toHaveLength(0);
    });
  });
});
