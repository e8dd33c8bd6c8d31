import { bearer, startWithBody } from './support/app';
import { createBody, createLegislativeTerm } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('bodies', () => {
  let t: Ctx;
  const slugs = (res: { body: { data: { slug: string }[] } }): string[] => res.body.data.map((x) => x.slug);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    beforeAll(async () => {
      await createBody(t.ds, {
        slug: 'beispielheim',
        name: 'Gemeinde Beispielheim',
        shortName: 'Beispielheim',
        website: 'https://www.beispielheim.example',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        ags: '09999999',
        rgs: '099999999999',
        classification: 'Gemeinde',
        contactName: 'Ratsbüro',
        contactEmail: 'ratsbuero@beispielheim.example',
        webUrlTemplates: { session: 'https://www.beispielheim.example/sitzung/{id}' },
      });
      await createBody(t.ds, { slug: 'altstadt', name: 'Aufgelöste Stadt', deletedAt: new Date() });
      const b = t.body.id;
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31' });
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Wahlperiode 2020–2025', startDate: '2020-11-01', endDate: '2025-10-31' });
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Entwurf 2030–2035', startDate: '2030-11-01', endDate: null, publishedAt: null });
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Gelöscht', deletedAt: new Date() });
      await createLegislativeTerm(t.ds, { bodyId: t.other.id, name: 'Andersdorfer Periode' });
    });

    it('lists live bodies by slug with stable keyset pages', async () => {
      const first = await t.http().get('/v1/bodies?limit=2').expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(slugs(first)).toEqual(['andersdorf', 'beispielheim']);
      expect(first.body.data[1]).toEqual({
        id: expect.any(String),
        slug: 'beispielheim',
        name: 'Gemeinde Beispielheim',
        shortName: 'Beispielheim',
        website: 'https://www.beispielheim.example',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        ags: '09999999',
        rgs: '099999999999',
        classification: 'Gemeinde',
        contact: { name: 'Ratsbüro', email: 'ratsbuero@beispielheim.example' },
        webUrlTemplates: { session: 'https://www.beispielheim.example/sitzung/{id}' },
        created: expect.any(String),
        modified: expect.any(String),
      });
      expect(first.body.data[1].legislativeTerms).toBeUndefined();
      const next = new URL(first.body.links.next as string);
      expect(next.pathname).toBe('/v1/bodies');
      const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
      expect(slugs(second)).toEqual(['musterstadt']);
      expect(second.body.links.next).toBeUndefined();
      const bad = await t.http().get('/v1/bodies?slug=musterstadt&limit=-1').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'slug']);
    });

    it('shows a body with the legislative terms the caller may see', async () => {
      const detail = await t.http().get('/v1/bodies/musterstadt').expect(200);
      expect(detail.body).toMatchObject({ id: t.body.id, slug: 'musterstadt', name: 'Stadt Musterstadt', contact: { name: null, email: null }, webUrlTemplates: {} });
      expect(detail.body.legislativeTerms).toEqual([
        { id: expect.any(String), name: 'Wahlperiode 2020–2025', startDate: '2020-11-01', endDate: '2025-10-31' },
        { id: expect.any(String), name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31' },
      ]);
      for (const key of [t.keys.member, t.keys.otherEditor]) {
        const res = await t.http().get('/v1/bodies/musterstadt').set(...bearer(key)).expect(200);
        expect(res.body.legislativeTerms).toHaveLength(2);
      }
      for (const key of [t.keys.editor, t.keys.admin]) {
        const res = await t.http().get('/v1/bodies/musterstadt').set(...bearer(key)).expect(200);
        expect(res.body.legislativeTerms.map((x: { name: string }) => x.name)).toEqual(['Wahlperiode 2020–2025', 'Wahlperiode 2025–2030', 'Entwurf 2030–2035']);
      }
      const other = await t.http().get('/v1/bodies/andersdorf').set(...bearer(t.keys.editor)).expect(200);
      expect(other.body.legislativeTerms.map((x: { name: string }) => x.name)).toEqual(['Andersdorfer Periode']);
    });

    it('answers unknown, removed and malformed slugs with 404 problems', async () => {
      for (const slug of ['nirgendwo', 'altstadt', 'Muster_Stadt']) {
        const res = await t.http().get(`/v1/bodies/${slug}`).expect(404);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
    });
  });

  describe('writing', () => {
    const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM body'))[0].n;
    const events = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM change_event'))[0].n;

    it('lets only admins create bodies', async () => {
      const body = { slug: 'neustadt', name: 'Stadt Neustadt' };
      await t.http().post('/v1/bodies').send(body).expect(401);
      for (const key of [t.keys.member, t.keys.editor, t.keys.otherEditor]) await t.http().post('/v1/bodies').set(...bearer(key)).send(body).expect(403);
      expect(await t.ds.query(`SELECT 1 FROM body WHERE slug = 'neustadt'`)).toHaveLength(0);
    });

    it('creates a body that answers at once, even after a lookup found nothing', async () => {
      const eventsBefore = await events();
      await t.http().get('/v1/bodies/neustadt').expect(404);
      await t.http().get('/v1/bodies/neustadt/committees').expect(404);
      const created = await t
        .http()
        .post('/v1/bodies')
        .set(...bearer(t.keys.admin))
        .send({
          slug: 'neustadt',
          name: 'Stadt Neustadt',
          ags: '01234567',
          contact: { name: 'Ratsbüro', email: 'rat@neustadt.example' },
          webUrlTemplates: { session: 'https://www.neustadt.example/sitzung/{id}', person: 'http://rats.neustadt.example/person?id={id}' },
        })
        .expect(201);
      expect(created.headers['content-type']).toMatch(/application\/json/);
      expect(created.body).toMatchObject({
        slug: 'neustadt',
        name: 'Stadt Neustadt',
        shortName: null,
        ags: '01234567',
        contact: { name: 'Ratsbüro', email: 'rat@neustadt.example' },
        webUrlTemplates: { session: 'https://www.neustadt.example/sitzung/{id}', person: 'http://rats.neustadt.example/person?id={id}' },
        legislativeTerms: [],
      });
      await t.http().get('/v1/bodies/neustadt').expect(200);
      await t.http().get('/v1/bodies/neustadt/committees').expect(200);
      const minimal = await t.http().post('/v1/bodies').set(...bearer(t.keys.admin)).send({ slug: 'a', name: 'Ort A' }).expect(201);
      expect(minimal.body).toMatchObject({ slug: 'a', webUrlTemplates: {}, contact: { name: null, email: null } });
      expect(await events()).toBe(eventsBefore);
    });

    it('refuses a taken slug with 409, also when the body was removed', async () => {
      const before = await count();
      for (const slug of ['musterstadt', 'altstadt']) {
        const res = await t.http().post('/v1/bodies').set(...bearer(t.keys.admin)).send({ slug, name: 'Doppelt' }).expect(409);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.body).toMatchObject({ status: 409, code: 'conflict', errors: [{ field: 'slug', code: 'taken' }] });
      }
      expect(await count()).toBe(before);
      expect((await t.http().get('/v1/bodies/musterstadt').expect(200)).body.name).not.toBe('Doppelt');
    });

    it('rejects bad input with field errors and changes nothing', async () => {
      const before = await count();
      const ok = { slug: 'gutort', name: 'Gutort' };
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name', 'slug']],
        [{ ...ok, slug: 'Gut Ort' }, ['slug']],
        [{ ...ok, slug: '-gutort' }, ['slug']],
        [{ ...ok, slug: 'g'.repeat(64) }, ['slug']],
        [{ ...ok, slug: 42 }, ['slug']],
        [{ ...ok, name: '' }, ['name']],
        [{ ...ok, ags: '1234' }, ['ags']],
        [{ ...ok, rgs: '0123456789ab' }, ['rgs']],
        [{ ...ok, website: 'javascript:alert(1)' }, ['website']],
        [{ ...ok, license: 'CC-BY 4.0' }, ['license']],
        [{ ...ok, contact: 'ratsbuero@gutort.example' }, ['contact']],
        [{ ...ok, contact: { email: 'kein-postfach' } }, ['contact.email']],
        [{ ...ok, contact: { phone: '0123' } }, ['contact.phone']],
        [{ ...ok, webUrlTemplates: { meeting: 'https://www.gutort.example/sitzung/{id}' } }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: { session: 'https://www.gutort.example/sitzung' } }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: { session: 'ftp://www.gutort.example/{id}' } }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: { session: '/sitzung/{id}' } }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: { session: 'https://www.gutort.example/{slug}/{id}' } }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: { session: 42 } }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: ['https://www.gutort.example/{id}'] }, ['webUrlTemplates']],
        [{ ...ok, webUrlTemplates: null }, ['webUrlTemplates']],
        [{ ...ok, id: '00000000-0000-4000-8000-000000000000' }, ['id']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post('/v1/bodies').set(...bearer(t.keys.admin)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      const unknownKey = await t.http().post('/v1/bodies').set(...bearer(t.keys.admin)).send({ ...ok, webUrlTemplates: { meeting: 'https://x.example/{id}' } }).expect(400);
      expect(unknownKey.body.errors[0]).toMatchObject({ code: 'unknown_field', message: expect.stringContaining('meeting') });
      expect(await count()).toBe(before);
    });

    it('lets the body’s editors and admins change it, but not its slug', async () => {
      const path = '/v1/bodies/musterstadt';
      await t.http().patch(path).send({ name: 'x' }).expect(401);
      await t.http().patch(path).set(...bearer(t.keys.member)).send({ name: 'x' }).expect(403);
      await t.http().patch(path).set(...bearer(t.keys.otherEditor)).send({ name: 'x' }).expect(403);
      await t.http().patch('/v1/bodies/andersdorf').set(...bearer(t.keys.editor)).send({ name: 'x' }).expect(403);

      const eventsBefore = await events();
      const original = (await t.http().get(path).expect(200)).body;
      const edited = await t
        .http()
        .patch(path)
        .set(...bearer(t.keys.editor))
        .send({ shortName: 'Musterstadt', contact: { name: 'Ratsbüro', email: 'ratsbuero@musterstadt.example' }, webUrlTemplates: { document: 'https://www.musterstadt.example/vorlage/{id}' } })
        .expect(200);
      expect(edited.body).toMatchObject({
        slug: 'musterstadt',
        name: 'Stadt Musterstadt',
        shortName: 'Musterstadt',
        contact: { name: 'Ratsbüro', email: 'ratsbuero@musterstadt.example' },
        webUrlTemplates: { document: 'https://www.musterstadt.example/vorlage/{id}' },
      });
      expect(edited.body.legislativeTerms.map((x: { name: string }) => x.name)).toContain('Entwurf 2030–2035');
      expect(edited.body.modified >= original.modified).toBe(true);

      const renamed = await t
        .http()
        .patch(path)
        .set(...bearer(t.keys.admin))
        .send({ name: 'Hansestadt Musterstadt', contact: { email: 'rat@musterstadt.example' }, webUrlTemplates: { session: 'https://www.musterstadt.example/sitzung/{id}' } })
        .expect(200);
      expect(renamed.body).toMatchObject({
        name: 'Hansestadt Musterstadt',
        shortName: 'Musterstadt',
        contact: { name: 'Ratsbüro', email: 'rat@musterstadt.example' },
        webUrlTemplates: { session: 'https://www.musterstadt.example/sitzung/{id}' },
      });
      const cleared = await t.http().patch(path).set(...bearer(t.keys.editor)).send({ contact: null, webUrlTemplates: {} }).expect(200);
      expect(cleared.body).toMatchObject({ contact: { name: null, email: null }, webUrlTemplates: {} });
      expect((await t.http().get('/v1/bodies?limit=200').expect(200)).body.data.find((b: { slug: string }) => b.slug === 'musterstadt').name).toBe('Hansestadt Musterstadt');
      expect(await events()).toBe(eventsBefore);

      const cases: [Record<string, unknown>, string[]][] = [
        [{ slug: 'neu-musterstadt' }, ['slug']],
        [{ name: null }, ['name']],
        [{ name: '' }, ['name']],
        [{ webUrlTemplates: null }, ['webUrlTemplates']],
        [{ webUrlTemplates: { session: 'https://www.musterstadt.example/sitzung' } }, ['webUrlTemplates']],
        [{ ags: 'abc' }, ['ags']],
        [{ contact: { email: 'nein' } }, ['contact.email']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().patch(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      const row = await t.ds.query('SELECT slug, name, ags, web_url_templates FROM body WHERE id = $1', [t.body.id]);
      expect(row[0]).toEqual({ slug: 'musterstadt', name: 'Hansestadt Musterstadt', ags: null, web_url_templates: {} });
    });

    it('offers no way to delete a body', async () => {
      await t.http().delete('/v1/bodies/andersdorf').set(...bearer(t.keys.admin)).expect(404);
      await t.http().get('/v1/bodies/andersdorf').expect(200);
    });
  });
});
