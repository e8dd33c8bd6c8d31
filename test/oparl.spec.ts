import { createHash, randomUUID } from 'node:crypto';
import { bearer } from './support/app';
import { DATE_TIME } from './support/oparl-conformance';
import { BODY_LISTS, crawl, Crawl, getJson, JsonObject, JsonValue, NS, OPARL, OparlCity, pathOf, SECRET, startOparlCity, walkJson, walkList } from './support/oparl-city';

const PAST = '2000-01-01T00:00:00+01:00';
const FUTURE = '2999-01-01T00:00:00+01:00';

const urlOf = (type: string, id: string): string => `${OPARL}/${type}/${id}`;
const ids = (items: JsonObject[]): string[] => items.map((o) => o.id as string);

describe('OParl 1.1', () => {
  let t: OparlCity;
  let full: Crawl;

  beforeAll(async () => {
    t = await startOparlCity();
    full = await crawl(t);
  });
  afterAll(async () => t.close());

  describe('System and Body', () => {
    it('serves a System that links the body list, with an open licence', () => {
      expect(full.system).toMatchObject({
        id: `${OPARL}/system`,
        type: `${NS}System`,
        oparlVersion: 'https://schema.oparl.org/1.1/',
        body: `${OPARL}/bodies`,
        license: expect.stringMatching(/^https:\/\//),
        name: expect.any(String),
        website: expect.any(String),
        vendor: expect.any(String),
        product: expect.any(String),
      });
    });

    it('serves each Body with every mandatory external list and the embedded legislative terms', () => {
      expect(full.bodies.map((b) => b.id).sort()).toEqual([`${OPARL}/bodies/andersdorf`, `${OPARL}/bodies/musterstadt`]);
      const body = full.bodies.find((b) => b.id === `${OPARL}/bodies/musterstadt`) as JsonObject;
      expect(body).toMatchObject({
        type: `${NS}Body`,
        system: `${OPARL}/system`,
        name: 'Stadt Musterstadt',
        shortName: 'Musterstadt',
        ags: '09999999',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        organization: `${OPARL}/bodies/musterstadt/organization`,
        person: `${OPARL}/bodies/musterstadt/person`,
        meeting: `${OPARL}/bodies/musterstadt/meeting`,
        paper: `${OPARL}/bodies/musterstadt/paper`,
        agendaItem: `${OPARL}/bodies/musterstadt/agendaItem`,
        consultation: `${OPARL}/bodies/musterstadt/consultation`,
        file: `${OPARL}/bodies/musterstadt/file`,
        locationList: `${OPARL}/bodies/musterstadt/location`,
        legislativeTermList: `${OPARL}/bodies/musterstadt/legislativeTerm`,
        membership: `${OPARL}/bodies/musterstadt/membership`,
      });
      for (const name of BODY_LISTS) expect(typeof body[name]).toBe('string');
      expect(body.legislativeTerm).toEqual([expect.objectContaining({ type: `${NS}LegislativeTerm`, name: 'Wahlperiode 2025–2030', startDate: '2025-11-01' })]);
      const other = full.bodies.find((b) => b.id === `${OPARL}/bodies/andersdorf`) as JsonObject;
      expect(other.legislativeTerm).toEqual([]);
    });
  });

  describe('crawl', () => {
    it('shows no non-public, draft, deleted or foreign content anywhere', async () => {
      for (const text of full.texts) expect(text).not.toContain(SECRET);
      for (const text of full.texts) expect(text).not.toContain('"deleted"');
      expect(JSON.stringify(full.lists.get('meeting'))).toContain('Sitzung in Andersdorf');
      const own = await walkList(t, '/oparl/v1.1/bodies/musterstadt/meeting');
      expect(JSON.stringify(own.pages)).not.toContain('Andersdorf');
      const everything = [...full.byId.keys()];
      for (const hidden of [t.ids.doomed.id, t.ids.secretTop.id, t.ids.secretPaper.id, t.ids.withdrawn.id]) {
        expect(everything.some((u) => u.endsWith(hidden))).toBe(false);
      }
    });
  });

  describe('the mapping', () => {
    it('maps committees to Organizations with type, classification and memberships', () => {
      const orgs = new Map((full.lists.get('organization') ?? []).map((o) => [o.name as string, o]));
      expect(orgs.get('Rat der Stadt')).toMatchObject({ organizationType: 'Gremium', classification: 'Parlament', location: expect.objectContaining({ room: 'Ratssaal' }) });
      expect(orgs.get('Ausschuss für Umwelt')).toMatchObject({ organizationType: 'Gremium', classification: 'Ausschuss', subOrganizationOf: urlOf('organization', t.ids.council.id) });
      expect(orgs.get('Fraktion Bunt')).toMatchObject({ organizationType: 'Fraktion' });
      expect(orgs.get('Partei Bunt')).toMatchObject({ organizationType: 'Partei' });
      expect(orgs.get('Seniorenbeirat')).toMatchObject({ organizationType: 'Sonstiges', classification: 'Beirat' });
      expect(orgs.get('Seniorenbeirat')?.membership).toBeUndefined();
      expect(orgs.get('Kreistag Nachbarkreis')).toMatchObject({ organizationType: 'externes Gremium' });
      expect(orgs.get('Dezernat II')).toMatchObject({ organizationType: 'Verwaltungsbereich' });
      expect(orgs.get('Dezernat II')?.classification).toBeUndefined();
      const council = orgs.get('Rat der Stadt') as JsonObject;
      expect(council).toMatchObject({
        meeting: `${urlOf('organization', t.ids.council.id)}/meeting`,
        consultation: `${urlOf('organization', t.ids.council.id)}/consultation`,
        web: `https://musterstadt.example/gremium/${t.ids.council.id}`,
      });
      expect(council.membership).toHaveLength(1);
    });

    it('serves Organization.meeting and Organization.consultation as lists', async () => {
      const meetings = await walkList(t, `${urlOf('organization', t.ids.council.id)}/meeting`);
      expect(meetings.items.map((m) => m.name).sort()).toEqual(['Ratssitzung Mai', 'Ratssitzung März']);
      const consultations = await walkList(t, `${urlOf('organization', t.ids.council.id)}/consultation`);
      expect(consultations.items).toHaveLength(2);
    });

    it('embeds memberships in Person without the back-reference', () => {
      const people = new Map((full.lists.get('person') ?? []).map((p) => [p.name as string, p]));
      const erika = people.get('Erika Mustermann') as JsonObject;
      expect(erika).toMatchObject({ title: ['Dr.'], status: ['Ratsmitglied'], formOfAddress: 'Frau', location: urlOf('location', t.ids.hall.id), web: `https://musterstadt.example/person/${t.ids.erika.id}` });
      expect(erika.email).toBeUndefined();
      const seats = erika.membership as JsonObject[];
      expect(seats).toHaveLength(2);
      expect(seats.every((s) => !('person' in s))).toBe(true);
      expect(seats.find((s) => s.organization === urlOf('organization', t.ids.council.id))).toMatchObject({ role: 'Vorsitzende', votingRight: true, onBehalfOf: urlOf('organization', t.ids.faction.id) });
      const max = people.get('Max Muster') as JsonObject;
      expect(max.affix).toBeUndefined();
      expect((max.membership as JsonObject[]).map((m) => m.organization).sort()).toEqual([urlOf('organization', t.ids.committee.id), urlOf('organization', t.ids.party.id)].sort());
      const standalone = full.byId.get(seats[0].id as string) as JsonObject;
      expect(standalone.person).toBe(urlOf('person', t.ids.erika.id));
    });

    it('maps sessions to Meetings with state, lead organization first, files by role and the public agenda', () => {
      const meetings = new Map((full.lists.get('meeting') ?? []).map((m) => [m.name as string, m]));
      const held = meetings.get('Ratssitzung März') as JsonObject;
      expect(held).toMatchObject({
        meetingState: 'durchgeführt',
        cancelled: false,
        start: '2025-03-04T18:00:00+01:00',
        end: '2025-03-04T21:00:00+01:00',
        organization: [urlOf('organization', t.ids.council.id), urlOf('organization', t.ids.committee.id)],
        location: expect.objectContaining({ id: urlOf('location', t.ids.hall.id), room: 'Ratssaal' }),
        invitation: expect.objectContaining({ name: 'Einladung' }),
        resultsProtocol: expect.objectContaining({ name: 'Niederschrift' }),
        web: `https://musterstadt.example/sitzung/${t.ids.held.id}`,
      });
      expect(held.verbatimProtocol).toBeUndefined();
      expect((held.auxiliaryFile as JsonObject[]).map((f) => f.name)).toEqual(['Anwesenheitsliste öffentlich', 'Nachtrag zur Einladung']);
      const agenda = held.agendaItem as JsonObject[];
      expect(agenda.map((a) => a.number)).toEqual(['Ö 1', 'Ö 2']);
      expect(agenda.every((a) => !('meeting' in a))).toBe(true);
      expect(agenda[0]).toMatchObject({
        order: 0,
        public: true,
        result: 'beschlossen',
        consultation: expect.stringContaining(`${OPARL}/consultation/`),
        resolutionFile: expect.objectContaining({ name: 'Beschluss Radwege' }),
        auxiliaryFile: [expect.objectContaining({ name: 'Präsentation' })],
      });
      expect(meetings.get('Umweltausschuss Juli')).toMatchObject({ meetingState: 'eingeladen' });
      expect(meetings.get('Ratssitzung Mai')).toMatchObject({ meetingState: 'terminiert', cancelled: true });
      expect(full.byId.get(agenda[1].id as string)).toMatchObject({ meeting: urlOf('meeting', t.ids.held.id), order: 1 });
    });

    it('maps documents to Papers with consultations, files, originators and the paper hierarchy', () => {
      const papers = new Map((full.lists.get('paper') ?? []).map((p) => [p.reference as string, p]));
      expect([...papers.keys()].sort()).toEqual(['0001/2025', '0001/2025-1']);
      const paper = papers.get('0001/2025') as JsonObject;
      expect(paper).toMatchObject({
        body: `${OPARL}/bodies/musterstadt`,
        name: 'Radwegekonzept',
        date: '2025-02-01',
        paperType: 'Beschlussvorlage',
        mainFile: expect.objectContaining({ name: 'Vorlage Radwegekonzept', fileName: 'vorlage-radwege.pdf', mimeType: 'application/pdf', size: 4, date: '2025-02-01' }),
        auxiliaryFile: [expect.objectContaining({ name: 'Anlage Karte' })],
        originatorPerson: [urlOf('person', t.ids.erika.id)],
        originatorOrganization: [urlOf('organization', t.ids.faction.id)],
        underDirectionOf: [urlOf('organization', t.ids.committee.id)],
        subordinatedPaper: [urlOf('paper', t.ids.child.id)],
        web: `https://musterstadt.example/vorlage/${t.ids.paper.id}`,
      });
      const consultations = paper.consultation as JsonObject[];
      expect(consultations.map((c) => c.role)).toEqual(['Vorberatung', 'Entscheidung']);
      expect(consultations.every((c) => !('paper' in c))).toBe(true);
      expect(consultations[1]).toMatchObject({
        agendaItem: urlOf('agendaItem', t.ids.top1.id),
        meeting: urlOf('meeting', t.ids.held.id),
        organization: [urlOf('organization', t.ids.council.id)],
        authoritative: true,
      });
      const child = papers.get('0001/2025-1') as JsonObject;
      expect(child).toMatchObject({ superordinatedPaper: [urlOf('paper', t.ids.paper.id)], relatedPaper: [urlOf('paper', t.ids.paper.id)], paperType: 'Antrag' });
      expect(full.byId.get(consultations[0].id as string)).toMatchObject({ paper: urlOf('paper', t.ids.paper.id) });
    });

    it('describes Files with REST access and download URLs, size and sha512', () => {
      const files = full.lists.get('file') ?? [];
      const main = files.find((f) => f.name === 'Vorlage Radwegekonzept') as JsonObject;
      const id = (main.id as string).split('/').pop() as string;
      expect(main).toMatchObject({
        accessUrl: `http://api.test/v1/bodies/musterstadt/files/${id}/content`,
        downloadUrl: `http://api.test/v1/bodies/musterstadt/files/${id}/content?download=1`,
        size: 4,
        sha512Checksum: '0'.repeat(128),
        paper: [urlOf('paper', t.ids.paper.id)],
        web: `https://musterstadt.example/datei/${id}`,
      });
      expect(files.map((f) => f.name).sort()).toEqual(['Anlage Karte', 'Anwesenheitsliste öffentlich', 'Beschluss Radwege', 'Einladung', 'Nachtrag zur Einladung', 'Niederschrift', 'Präsentation', 'Vorlage Radwegekonzept']);
      const minutes = files.find((f) => f.name === 'Niederschrift') as JsonObject;
      expect(minutes.meeting).toEqual([urlOf('meeting', t.ids.held.id)]);
    });

    it('serves Locations with GeoJSON and their back-references', () => {
      const location = full.byId.get(urlOf('location', t.ids.hall.id)) as JsonObject;
      expect(location).toMatchObject({
        room: 'Ratssaal',
        geojson: { type: 'Feature', geometry: { type: 'Point', coordinates: [9.99, 48.4] } },
        organizations: [urlOf('organization', t.ids.council.id)],
        persons: [urlOf('person', t.ids.erika.id)],
        meetings: [urlOf('meeting', t.ids.held.id)],
      });
    });
  });

  describe('lists', () => {
    it('pages every list with limit=2 through every object once, keeping the filters in every link', async () => {
      const body = full.bodies.find((b) => b.id === `${OPARL}/bodies/musterstadt`) as JsonObject;
      const encoded = 'created_since=2000-01-01T00%3A00%3A00%2B01%3A00';
      for (const name of BODY_LISTS) {
        const walk = await walkList(t, `${body[name] as string}?${encoded}&limit=2`);
        const seen = ids(walk.items);
        expect(new Set(seen).size).toBe(seen.length);
        const everything = await walkList(t, body[name] as string);
        expect(seen).toEqual(ids(everything.items));
        walk.pages.forEach((page, i) => {
          const links = page.links as JsonObject;
          const last = i === walk.pages.length - 1;
          expect('next' in links).toBe(!last);
          if (!last) expect(page.data).toHaveLength(2);
          expect(page.pagination).toMatchObject({ elementsPerPage: 2 });
          for (const link of Object.values(links)) {
            expect(link).toContain(encoded);
            expect(link).toContain('limit=2');
          }
        });
      }
    });

    it('pages by 100 by default and caps limit at 1000', async () => {
      const page = await getJson(t, '/oparl/v1.1/bodies/musterstadt/meeting');
      expect(page.pagination).toMatchObject({ elementsPerPage: 100 });
      const big = await getJson(t, '/oparl/v1.1/bodies/musterstadt/meeting?limit=5000');
      expect(big.pagination).toMatchObject({ elementsPerPage: 1000 });
    });

    it('returns tombstones only when modified_since is set, and only of what the public saw once', async () => {
      const plain = await walkList(t, '/oparl/v1.1/bodies/musterstadt/meeting');
      expect(plain.items.some((m) => m.deleted)).toBe(false);
      const sync = await walkList(t, `/oparl/v1.1/bodies/musterstadt/meeting?modified_since=${encodeURIComponent(PAST)}`);
      const doomed = sync.items.find((m) => m.id === urlOf('meeting', t.ids.doomed.id));
      expect(doomed).toEqual({ id: urlOf('meeting', t.ids.doomed.id), type: `${NS}Meeting`, created: expect.stringMatching(DATE_TIME), modified: expect.stringMatching(DATE_TIME), deleted: true });
      expect(sync.items.filter((m) => !m.deleted).map((m) => m.id)).toEqual(plain.items.map((m) => m.id));
      const papers = await walkList(t, `/oparl/v1.1/bodies/musterstadt/paper?modified_since=${encodeURIComponent(PAST)}`);
      const tombstones = papers.items.filter((p) => p.deleted).map((p) => p.id);
      // Withdrawn after publication: a tombstone. Non-public from the start: not even that.
      expect(tombstones).toEqual([urlOf('paper', t.ids.withdrawn.id)]);
      expect(JSON.stringify(papers.pages)).not.toContain(SECRET);
      const agenda = await walkList(t, `/oparl/v1.1/bodies/musterstadt/agendaItem?modified_since=${encodeURIComponent(PAST)}`);
      expect(agenda.items.filter((a) => a.deleted)).toEqual([]);
      expect(JSON.stringify(agenda.pages)).not.toContain(t.ids.secretTop.id);
      expect(JSON.stringify(agenda.pages)).not.toContain(SECRET);
    });

    it('serves deleted and withdrawn objects at their id as tombstones with 200', async () => {
      expect(await getJson(t, urlOf('meeting', t.ids.doomed.id))).toEqual({ id: urlOf('meeting', t.ids.doomed.id), type: `${NS}Meeting`, created: expect.stringMatching(DATE_TIME), modified: expect.stringMatching(DATE_TIME), deleted: true });
      expect(await getJson(t, urlOf('paper', t.ids.withdrawn.id))).toMatchObject({ deleted: true });
      // What the public never saw is not there at all.
      await t.http().get(`/oparl/v1.1/paper/${t.ids.secretPaper.id}`).expect(404);
    });

    it('accepts offsets raw (+), percent-encoded (%2B) and as a space, and keeps them encoded in links', async () => {
      const base = '/oparl/v1.1/bodies/musterstadt/meeting';
      const raw = await walkList(t, `${base}?modified_since=${PAST}`);
      const injected = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `${base}?modified_since=2000-01-01T00:00:00+01:00` });
      expect(injected.statusCode).toBe(200);
      expect(ids(injected.json<{ data: JsonObject[] }>().data)).toEqual(ids(raw.items).slice(0, 100));
      const encoded = await walkList(t, `${base}?modified_since=${encodeURIComponent(PAST)}`);
      const spaced = await walkList(t, `${base}?modified_since=2000-01-01T00:00:00%2001:00`);
      expect(ids(raw.items)).toEqual(ids(encoded.items));
      expect(ids(spaced.items)).toEqual(ids(encoded.items));
      expect(raw.items.some((m) => m.deleted)).toBe(true);
      expect((raw.pages[0].links as JsonObject).self).toContain('modified_since=2000-01-01T00%3A00%3A00%2B01%3A00');
      for (const future of [`${base}?modified_since=${FUTURE}`, `${base}?modified_since=${encodeURIComponent(FUTURE)}`]) {
        const page = await getJson(t, future);
        expect(page.data).toEqual([]);
        expect((page.links as JsonObject).next).toBeUndefined();
      }
      const until = await getJson(t, `${base}?created_until=${PAST}`);
      expect(until.data).toEqual([]);
    });

    it('bumps a Meeting\'s modified when an embedded agenda item changes, so modified_since finds it', async () => {
      // Stamps have second precision: let the set-up's last write fall into an earlier second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const [{ since }] = await t.ds.query<{ since: string }[]>(`SELECT to_char(date_trunc('second', now()), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') AS since`);
      const before = await walkList(t, `/oparl/v1.1/bodies/musterstadt/meeting?modified_since=${encodeURIComponent(since)}`);
      expect(ids(before.items)).not.toContain(urlOf('meeting', t.ids.held.id));
      await t.http().patch(`/v1/bodies/musterstadt/agenda-items/${t.ids.top2.id}`).set(...bearer(t.keys.editor)).send({ name: 'Verschiedenes und Mitteilungen' }).expect(200);
      const after = await walkList(t, `/oparl/v1.1/bodies/musterstadt/meeting?modified_since=${encodeURIComponent(since)}`);
      const held = after.items.find((m) => m.id === urlOf('meeting', t.ids.held.id)) as JsonObject;
      expect(held).toBeDefined();
      expect((held.modified as string) >= since).toBe(true);
      expect(await getJson(t, urlOf('meeting', t.ids.held.id))).toEqual(held);
      const items = await walkList(t, `/oparl/v1.1/bodies/musterstadt/agendaItem?modified_since=${encodeURIComponent(since)}`);
      expect(ids(items.items)).toEqual([urlOf('agendaItem', t.ids.top2.id)]);
    });

    it('leaves out the embedded lists with omit_internal=true', async () => {
      const meetings = await walkList(t, '/oparl/v1.1/bodies/musterstadt/meeting?omit_internal=true');
      const held = meetings.items.find((m) => m.id === urlOf('meeting', t.ids.held.id)) as JsonObject;
      expect(held.agendaItem).toBeUndefined();
      expect(held.auxiliaryFile).toBeUndefined();
      expect(held.invitation).toBeDefined();
      expect((meetings.pages[0].links as JsonObject).self).toContain('omit_internal=true');
      const people = await walkList(t, '/oparl/v1.1/bodies/musterstadt/person?omit_internal=true');
      expect(people.items.every((p) => !('membership' in p))).toBe(true);
      const papers = await walkList(t, '/oparl/v1.1/bodies/musterstadt/paper?omit_internal=true');
      expect(papers.items.every((p) => !('auxiliaryFile' in p) && 'consultation' in p)).toBe(true);
      const bodies = await walkList(t, '/oparl/v1.1/bodies?omit_internal=true');
      expect(bodies.items.every((b) => !('legislativeTerm' in b))).toBe(true);
    });

    it('shows the public projection to every key, even staff keys', async () => {
      const res = await t.http().get('/oparl/v1.1/bodies/musterstadt/meeting').set(...bearer(t.keys.admin)).expect(200);
      expect(res.text).not.toContain(SECRET);
      await t.http().get(`/oparl/v1.1/agendaItem/${t.ids.secretTop.id}`).set(...bearer(t.keys.member)).expect(404);
    });
  });

  describe('HTTP', () => {
    it('answers unknown ids, types, bodies and paths with an OParl Error object and 404', async () => {
      for (const path of [
        `/oparl/v1.1/meeting/${randomUUID()}`,
        '/oparl/v1.1/meeting/not-a-uuid',
        `/oparl/v1.1/gremium/${randomUUID()}`,
        '/oparl/v1.1/bodies/nirgendwo',
        '/oparl/v1.1/bodies/nirgendwo/meeting',
        '/oparl/v1.1/bodies/musterstadt/sitzungen',
        `/oparl/v1.1/organization/${randomUUID()}/meeting`,
        '/oparl/v1.1/nothing',
      ]) {
        const res = await t.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toMatchObject({ type: 'https://schema.oparl.org/1.1/Error', message: expect.any(String) });
      }
    });

    it('answers bad filters with an OParl Error object and 400', async () => {
      for (const query of ['modified_since=gestern', 'limit=0', 'limit=abc', 'cursor=kaputt', 'created_since=2025-02-30T00:00:00%2B01:00', 'modified_since=2025-01-01T00:00:00%2B25:00', `cursor=${Buffer.from('["kein-uuid"]').toString('base64url')}`]) {
        const res = await t.http().get(`/oparl/v1.1/bodies/musterstadt/paper?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body).toMatchObject({ type: 'https://schema.oparl.org/1.1/Error', message: expect.stringContaining(query.slice(0, query.indexOf('='))) });
      }
    });

    it('sends JSON in UTF-8 with Access-Control-Allow-Origin: * and an ETag', async () => {
      for (const path of ['/oparl/v1.1/system', '/oparl/v1.1/bodies/musterstadt/meeting', `/oparl/v1.1/meeting/${randomUUID()}`]) {
        const res = await t.http().get(path).set('Origin', 'https://client.example');
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      }
      const res = await t.http().get('/oparl/v1.1/bodies/musterstadt').expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers.etag).toBeDefined();
      await t.http().get('/oparl/v1.1/bodies/musterstadt').set('If-None-Match', res.headers.etag).expect(304);
    });

    it('links File.accessUrl (inline) and downloadUrl (attachment) to the stored bytes, with their size and sha512', async () => {
      const bytes = Buffer.from('Tagesordnung der Sitzung\n');
      const uploaded = await t
        .http()
        .post('/v1/bodies/musterstadt/files')
        .set(...bearer(t.keys.editor))
        .field('sessionId', t.ids.invited.id)
        .field('publish', 'true')
        .attach('file', bytes, { filename: 'tagesordnung.txt', contentType: 'text/plain' })
        .expect(201);
      const file = await getJson(t, urlOf('file', (uploaded.body as { id: string }).id));
      expect(file).toMatchObject({ size: bytes.length, sha512Checksum: createHash('sha512').update(bytes).digest('hex'), mimeType: expect.stringMatching(/^text\/plain/), meeting: [urlOf('meeting', t.ids.invited.id)] });
      const inline = await t.http().get(pathOf(file.accessUrl as string)).expect(200);
      expect(String(inline.headers['content-disposition'] ?? '')).not.toMatch(/^attachment/);
      expect(inline.text).toBe(bytes.toString());
      const download = await t.http().get(pathOf(file.downloadUrl as string)).expect(200);
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
      const meeting = await getJson(t, urlOf('meeting', t.ids.invited.id));
      expect(meeting.auxiliaryFile).toEqual([expect.objectContaining({ id: file.id, accessUrl: file.accessUrl })]);
    });

    it('answers HEAD like GET, without a body', async () => {
      const res = await t.http().head('/oparl/v1.1/bodies/musterstadt/paper').expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.text ?? '').toBe('');
    });

    it('stays out of the REST OpenAPI document', async () => {
      const res = await t.http().get('/docs/openapi.json').expect(200);
      expect(Object.keys((res.body as { paths: Record<string, unknown> }).paths).some((p) => p.includes('oparl'))).toBe(false);
    });

    it('points every link of every document at this server: OParl URLs, and the REST API for file bytes', () => {
      // Fields that link elsewhere on purpose: the city's own pages, licences, schema types, the System's vendor and product.
      const external = new Set(['web', 'website', 'license', 'fileLicense', 'type', 'oparlVersion', 'vendor', 'product']);
      const links = new Set([
        ...['id', 'system', 'body', 'organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'membership', 'locationList', 'legislativeTermList'],
        ...['location', 'subOrganizationOf', 'onBehalfOf', 'relatedPaper', 'superordinatedPaper', 'subordinatedPaper', 'originatorPerson', 'underDirectionOf', 'originatorOrganization'],
        ...['organizations', 'persons', 'meetings', 'accessUrl', 'downloadUrl', 'first', 'self', 'next', 'prev', 'last'],
      ]);
      const checked = new Map<string, number>();
      for (const text of full.texts) {
        walkJson(JSON.parse(text) as JsonValue, (value, key, path) => {
          if (typeof value !== 'string' || external.has(key) || (!links.has(key) && !/^https?:/i.test(value))) return;
          const base = key === 'accessUrl' || key === 'downloadUrl' ? 'http://api.test/v1/' : `${OPARL}/`;
          expect({ path, value, base, ok: value.startsWith(base) }).toEqual({ path, value, base, ok: true });
          checked.set(key, (checked.get(key) ?? 0) + 1);
        });
      }
      for (const key of ['id', 'system', 'body', 'organization', 'meeting', 'paper', 'membership', 'accessUrl', 'downloadUrl', 'first', 'self']) {
        expect({ key, checked: (checked.get(key) ?? 0) > 0 }).toEqual({ key, checked: true });
      }
    });
  });
});
