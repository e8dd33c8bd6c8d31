import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/infra/database/data-source';
import { addressCheck } from '../src/infra/http/outbound';
import { LocalStorage } from '../src/infra/storage/local.storage';
import { ImportOptions, ImportSummary, OparlImporter, totalChanges } from '../src/modules/oparl-import/importer';
import { escapeControlCharacters, parseJson } from '../src/modules/oparl-import/json';
import { geojson, mimeType, text } from '../src/modules/oparl-import/normalize';
import { musterstadt, Musterstadt, NS, serve } from './fixtures/oparl/musterstadt';
import { FakeOparl, json, startFakeOparl } from './fixtures/oparl/server';
import { createTestDatabase } from './support/database';

type Row = Record<string, unknown>;

/** The upload policy by default: downloaded bytes are taken like uploads. */
const upload = loadConfig({}).upload;

describe('OParl import', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let fake: FakeOparl;
  let city: Musterstadt;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url, 4), logging: ['error'] });
    await ds.initialize();
    fake = await startFakeOparl(() => undefined);
    city = musterstadt(fake.origin);
    fake.handler = serve(city);
  });
  afterAll(async () => {
    await fake?.close();
    await ds?.destroy();
    await db?.drop();
  });

  const run = (slug: string, options: Partial<ImportOptions> = {}): Promise<ImportSummary> =>
    new OparlImporter(ds).run({ source: `${fake.origin}/system`, bodySlug: slug, http: { retryDelayMs: 5 }, allowPrivate: ['127.0.0.1'], ...options });

  const rows = (sql: string, params: unknown[] = []): Promise<Row[]> => ds.query<Row[]>(sql, params);
  const bodyId = async (slug: string): Promise<string> => String((await rows(`SELECT id FROM body WHERE slug = $1`, [slug]))[0].id);
  const bySource = async (table: string, slug: string, sourcePath: string): Promise<Row> =>
    (await rows(`SELECT * FROM ${table} WHERE body_id = $1 AND source_id = $2`, [await bodyId(slug), `${fake.origin}${sourcePath}`]))[0];

  describe('a first import of an OParl 1.1 endpoint over HTTP', () => {
    let summary: ImportSummary;
    beforeAll(async () => {
      summary = await run('musterstadt');
    });

    it('creates the body from the source Body, with the leading zero of the AGS restored', async () => {
      expect(summary.body).toMatchObject({ slug: 'musterstadt', created: true });
      expect(await rows(`SELECT name, short_name, ags, license FROM body WHERE slug = 'musterstadt'`)).toEqual([
        { name: 'Stadt Musterstadt', short_name: 'Musterstadt', ags: '09999999', license: 'https://creativecommons.org/licenses/by/4.0/' },
      ]);
    });

    it('imports every live object (deleted list entries without type are skipped) and counts per type', () => {
      const n = (kind: keyof ImportSummary['counts']) => summary.counts[kind]?.new;
      expect(summary.version).toBe('1.1');
      expect({
        term: n('legislative-term'),
        location: n('location'),
        committee: n('committee'),
        person: n('person'),
        membership: n('membership'),
        session: n('session'),
        agendaItem: n('agenda-item'),
        document: n('document'),
        consultation: n('consultation'),
        file: n('file'),
        minutes: n('minutes'),
      }).toEqual({ term: 1, location: 3, committee: 7, person: 2, membership: 3, session: 3, agendaItem: 3, document: 3, consultation: 3, file: 6, minutes: 1 });
      expect(summary.counts.membership?.failed).toBe(1);
      for (const c of Object.values(summary.counts)) expect(c?.deleted).toBe(0);
    });

    it('maps organization types and classifications to committee kinds', async () => {
      const kinds = await rows(`SELECT name, kind FROM committee WHERE body_id = $1 ORDER BY source_id`, [await bodyId('musterstadt')]);
      expect(Object.fromEntries(kinds.map((k) => [k.name, k.kind]))).toEqual({
        'Rat der Stadt': 'council',
        'Ausschuss für Umwelt und Verkehr': 'committee',
        'Fraktion Bunt': 'faction',
        'Partei Bunt': 'party',
        'Dezernat II': 'administration',
        'Zweckverband Abwasser': 'external',
        Seniorenbeirat: 'other',
      });
    });

    it('maps meetings: state, cancellation, times, location and committees lead first', async () => {
      const held = await bySource('session', 'musterstadt', '/meetings/1');
      expect(held).toMatchObject({ name: 'Ratssitzung März', state: 'held', cancelled: false });
      expect((held.start as Date).toISOString()).toBe('2025-03-04T17:00:00.000Z');
      expect((await bySource('session', 'musterstadt', '/meetings/2')).state).toBe('invited');
      expect(await bySource('session', 'musterstadt', '/meetings/3')).toMatchObject({ state: 'scheduled', cancelled: true });
      const committees = await rows(`SELECT c.name FROM session_committee sc JOIN committee c ON c.id = sc.committee_id WHERE sc.session_id = $1 ORDER BY sc.position`, [held.id]);
      expect(committees.map((c) => c.name)).toEqual(['Rat der Stadt', 'Ausschuss für Umwelt und Verkehr']);
      const location = (await rows(`SELECT room, street_address FROM location WHERE id = $1`, [held.location_id]))[0];
      expect(location).toEqual({ room: 'Ratssaal', street_address: 'Marktplatz 1' });
    });

    it('numbers agenda items 0..n-1 in source order, whatever `order` says (ALLRIS 100001…), and keeps non-public items non-public', async () => {
      const held = await bySource('session', 'musterstadt', '/meetings/1');
      const items = await rows(`SELECT number, position, public FROM agenda_item WHERE session_id = $1 ORDER BY position`, [held.id]);
      expect(items).toEqual([
        { number: 'Ö 1', position: 0, public: true },
        { number: 'N 1', position: 1, public: false },
        { number: 'Ö 2', position: 2, public: true },
      ]);
    });

    it('reads JSON with raw control characters in strings (invalid JSON) and drops the characters', async () => {
      expect((await bySource('agenda_item', 'musterstadt', '/agendaItems/1')).name).toBe('Radwegekonzept Innenstadt');
      expect(parseJson(Buffer.from('{"name":"a\u0001b\nc"}'))).toEqual({ name: 'a\u0001b\nc' });
      expect(escapeControlCharacters('{"a":"x\ty"}\n')).toBe('{"a":"x\\ty"}\n');
    });

    it('treats "N/A" and " " as missing values', async () => {
      const erika = await bySource('person', 'musterstadt', '/people/1');
      expect(erika).toMatchObject({ name: 'Erika Mustermann', email: [], title: ['Dr.'] });
      expect((await bySource('agenda_item', 'musterstadt', '/agendaItems/3')).result).toBeNull();
      expect([text('N/A'), text(' '), text('\u00a0'), text('n/a')]).toEqual([null, null, null, null]);
    });

    it('replaces no-break spaces in values', async () => {
      const bodyLocation = await bySource('location', 'musterstadt', '/locations/0');
      expect(bodyLocation.postal_code).toBe('12345');
      expect(text('Marktplatz\u00a01')).toBe('Marktplatz 1');
    });

    it('swaps [lat, lon] coordinates of the body location to GeoJSON [lon, lat]', async () => {
      const bodyLocation = await bySource('location', 'musterstadt', '/locations/0');
      expect(bodyLocation.geojson).toEqual({ type: 'Feature', geometry: { type: 'Point', coordinates: [9.99, 48.4] }, properties: {} });
      expect(geojson({ type: 'Point', coordinates: [6.4, 50.7] })).toEqual({ type: 'Feature', geometry: { type: 'Point', coordinates: [6.4, 50.7] }, properties: {} });
    });

    it('repairs mimeType "pdf"/"docx", accepts auxiliaryFile as an object and cuts File.date date-times to dates', async () => {
      const main = await bySource('file', 'musterstadt', '/files/5');
      expect(main).toMatchObject({ mime_type: 'application/pdf', role: 'main', size: '0', sha512: null, storage_key: null, source_download_url: null });
      expect(main.source_access_url).toBe(`${fake.origin}/blobs/5.pdf`);
      expect(await rows(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM file WHERE id = $1`, [main.id])).toEqual([{ date: '2025-02-01' }]);
      const docx = await bySource('file', 'musterstadt', '/files/6');
      expect(docx).toMatchObject({ mime_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', role: 'auxiliary', file_name: 'karte.docx' });
      const attendance = await bySource('file', 'musterstadt', '/files/3');
      const held = await bySource('session', 'musterstadt', '/meetings/1');
      expect(attendance).toMatchObject({ role: 'auxiliary', session_id: held.id });
      expect([mimeType('PDF', null), mimeType('application/octetstream', null), mimeType(undefined, 'a.xlsx')]).toEqual([
        'application/pdf',
        'application/octet-stream',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
    });

    it('turns the results protocol into published minutes and links every file to its parent', async () => {
      const held = await bySource('session', 'musterstadt', '/meetings/1');
      const protocol = await bySource('file', 'musterstadt', '/files/2');
      expect(protocol).toMatchObject({ role: 'results_protocol', session_id: held.id });
      expect(await rows(`SELECT kind, status, file_id FROM minutes WHERE session_id = $1`, [held.id])).toEqual([{ kind: 'results', status: 'published', file_id: protocol.id }]);
      const resolution = await bySource('file', 'musterstadt', '/files/4');
      expect(resolution).toMatchObject({ role: 'resolution', agenda_item_id: (await bySource('agenda_item', 'musterstadt', '/agendaItems/2')).id });
    });

    it('links consultations to documents, agenda items, meetings and committees by their source ids', async () => {
      const paper = await bySource('document', 'musterstadt', '/papers/1');
      const consultations = await rows(`SELECT agenda_item_id, session_id, committee_id, role, authoritative, position FROM consultation WHERE document_id = $1 ORDER BY position`, [paper.id]);
      expect(consultations).toEqual([
        {
          agenda_item_id: (await bySource('agenda_item', 'musterstadt', '/agendaItems/1')).id,
          session_id: (await bySource('session', 'musterstadt', '/meetings/1')).id,
          committee_id: (await bySource('committee', 'musterstadt', '/organizations/1')).id,
          role: 'Entscheidung',
          authoritative: true,
          position: 0,
        },
        { agenda_item_id: null, session_id: null, committee_id: (await bySource('committee', 'musterstadt', '/organizations/2')).id, role: 'Vorberatung', authoritative: false, position: 1 },
      ]);
      expect(paper.originator_person_ids).toEqual([(await bySource('person', 'musterstadt', '/people/1')).id]);
      expect(paper.under_direction_of_ids).toEqual([(await bySource('committee', 'musterstadt', '/organizations/5')).id]);
    });

    it('falls back to the created date for papers without a date', async () => {
      expect(await rows(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM document WHERE source_id = $1`, [`${fake.origin}/papers/2`])).toEqual([{ date: '2025-03-10' }]);
    });

    it('resolves references within a type (sub-organisations, superordinated and related papers)', async () => {
      const paper = await bySource('document', 'musterstadt', '/papers/1');
      expect(await bySource('document', 'musterstadt', '/papers/3')).toMatchObject({ superordinated_document_id: paper.id, related_document_ids: [paper.id] });
      expect((await bySource('committee', 'musterstadt', '/organizations/2')).parent_id).toBe((await bySource('committee', 'musterstadt', '/organizations/1')).id);
    });

    it('fetches Locations that are only referenced by URL, and memberships keep their faction', async () => {
      const max = await bySource('person', 'musterstadt', '/people/2');
      expect((await rows(`SELECT description FROM location WHERE id = $1`, [max.location_id]))[0]).toEqual({ description: 'Bürgerbüro Nord' });
      const chair = await bySource('membership', 'musterstadt', '/memberships/1');
      expect(chair.on_behalf_of_id).toBe((await bySource('committee', 'musterstadt', '/organizations/3')).id);
      expect((await bySource('membership', 'musterstadt', '/memberships/4')).voting_right).toBe(false);
    });

    it('reports dangling references: to missing organizations and meetings', () => {
      const groups = Object.fromEntries(summary.dangling.map((d) => [`${d.kind}.${d.field}`, d.examples.map((e) => e.to)]));
      expect(groups['membership.committee']).toEqual([`${fake.origin}/organizations/99`]);
      expect(groups['consultation.session']).toEqual([`${fake.origin}/meetings/404`]);
    });

    it('publishes what it imports, keeps source created stamps, and records a change event (without api key) per record', async () => {
      const id = await bodyId('musterstadt');
      expect(await rows(`SELECT count(*)::int AS n FROM session WHERE body_id = $1 AND published_at IS NULL`, [id])).toEqual([{ n: 0 }]);
      const paper = await bySource('document', 'musterstadt', '/papers/1');
      expect((paper.created_at as Date).toISOString()).toBe('2025-01-10T08:00:00.000Z');
      const events = await rows(`SELECT resource, action, count(*)::int AS n, bool_and(api_key_id IS NULL) AS anonymous FROM change_event WHERE body_id = $1 GROUP BY 1, 2 ORDER BY 1`, [id]);
      expect(events).toContainEqual({ resource: 'session', action: 'created', n: 3, anonymous: true });
      expect(events.reduce((sum, e) => sum + Number(e.n), 0)).toBe(totalChanges(summary));
      const visible = await rows(`SELECT audience_after FROM change_event WHERE body_id = $1 AND resource = 'agenda-item' ORDER BY audience_after`, [id]);
      expect(visible.map((v) => v.audience_after)).toEqual([1, 2, 2]);
    });

    it('changes nothing when run again (idempotent), and writes no change event', async () => {
      const id = await bodyId('musterstadt');
      const before = await rows(`SELECT count(*)::int AS n FROM change_event WHERE body_id = $1`, [id]);
      const again = await run('musterstadt');
      expect(totalChanges(again)).toBe(0);
      expect(again.counts.file).toMatchObject({ new: 0, updated: 0, unchanged: 6 });
      expect(await rows(`SELECT count(*)::int AS n FROM change_event WHERE body_id = $1`, [id])).toEqual(before);
    });

    it('leaves locally owned fields alone and restores the others, moving the version on only when it changes something', async () => {
      const council = await bySource('committee', 'musterstadt', '/organizations/1');
      await ds.query(`UPDATE committee SET name = 'Stadtrat (lokal)', short_name = 'SR', locally_owned = '{name}' WHERE id = $1`, [council.id]);
      const again = await run('musterstadt');
      expect(again.counts.committee).toMatchObject({ updated: 1, new: 0 });
      expect(await rows(`SELECT name, short_name FROM committee WHERE id = $1`, [council.id])).toEqual([{ name: 'Stadtrat (lokal)', short_name: 'Rat' }]);
      // An editor's If-Match made on the version before the import no longer matches.
      const version = Number(council.version) + 1;
      expect(await rows(`SELECT version FROM committee WHERE id = $1`, [council.id])).toEqual([{ version }]);
      expect(totalChanges(await run('musterstadt'))).toBe(0);
      expect(await rows(`SELECT version FROM committee WHERE id = $1`, [council.id])).toEqual([{ version }]);
    });
  });

  it('refuses the slug of a removed body with a clear message instead of a duplicate-key error', async () => {
    await ds.query(`INSERT INTO body (slug, name, deleted_at) VALUES ('entfernt', 'Entfernte Stadt', now())`);
    await expect(run('entfernt')).rejects.toThrow('the slug "entfernt" belongs to a removed body and cannot be reused; import into another one with --body <slug>');
    expect(await rows(`SELECT count(*)::int AS n FROM body WHERE slug = 'entfernt'`)).toEqual([{ n: 1 }]);
  });

  describe('incremental runs', () => {
    it('asks for changes since the last run (less an overlap) and applies updates and deletions', async () => {
      await run('inkrementell');
      fake.requests.length = 0;
      const changedMeeting = { ...city.lists.meetings[0][0], name: 'Ratssitzung März (verlegt)', modified: '2025-03-06T12:00:00+01:00' };
      const tombstone = { id: `${fake.origin}/papers/2`, type: `${NS}Paper`, created: '2025-03-10T08:00:00+01:00', modified: '2025-03-06T12:00:00+01:00', deleted: true };
      const since: string[] = [];
      fake.handler = serve(city, (url) => {
        const filter = url.searchParams.get('modified_since');
        if (!url.pathname.startsWith('/bodies/1/')) return undefined;
        if (!filter) return json({ message: 'expected modified_since' }, 400);
        since.push(filter);
        if (url.pathname.endsWith('/meetings')) return json({ data: [changedMeeting], pagination: {}, links: {} });
        if (url.pathname.endsWith('/papers')) return json({ data: [tombstone], pagination: {}, links: {} });
        if (url.pathname.endsWith('/organizations')) return json({ code: 802, message: 'Keine Daten gefunden' }, 404);
        if (url.pathname.endsWith('/people')) return json([]);
        return json({ data: [], pagination: {}, links: {} });
      });
      try {
        const summary = await run('inkrementell', { overlapMinutes: 30 });
        expect(since.length).toBeGreaterThanOrEqual(4);
        // System, body list and Body are read once per run.
        expect(fake.requests.filter((u) => ['/system', '/bodies', '/bodies/1'].includes(u.pathname)).map((u) => u.pathname)).toEqual(['/system', '/bodies']);
        const lastRun = Date.parse(summary.modifiedSince ?? '');
        expect(Date.now() - lastRun).toBeGreaterThanOrEqual(30 * 60_000);
        expect(Date.now() - lastRun).toBeLessThan(31 * 60_000);
        expect(summary.counts.session).toMatchObject({ updated: 1, new: 0, deleted: 0 });
        expect(summary.counts.document).toMatchObject({ deleted: 1, new: 0, updated: 0 });
        expect(summary.counts.consultation).toMatchObject({ deleted: 1 });
        expect(summary.counts.committee).toMatchObject({ new: 0, updated: 0, deleted: 0 });
        expect(totalChanges(summary)).toBe(3);
        expect((await bySource('session', 'inkrementell', '/meetings/1')).name).toBe('Ratssitzung März (verlegt)');
        expect((await bySource('document', 'inkrementell', '/papers/2')).deleted_at).not.toBeNull();
      } finally {
        fake.handler = serve(city);
      }
    });
  });

  describe('vendor defects in lists', () => {
    it('takes 404 (with a vendor error object) and bare [] as empty lists', async () => {
      fake.handler = serve(city, (url) => {
        if (url.pathname === '/bodies/1/organizations') return json({ code: 802, message: 'Keine Daten gefunden' }, 404);
        if (url.pathname === '/bodies/1/people') return json([]);
        if (url.pathname === '/bodies/1/meetings') return json({ data: [] });
        return undefined;
      });
      try {
        const summary = await run('leer');
        expect(summary.counts.committee?.new).toBe(0);
        expect(summary.counts.person?.new).toBe(0);
        expect(summary.counts.session?.new).toBe(0);
        expect(summary.counts.document?.new).toBe(3);
        expect(summary.dangling.find((d) => d.kind === 'consultation' && d.field === 'agendaItem')?.count).toBe(1);
      } finally {
        fake.handler = serve(city);
      }
    });

    it('deletes what an unfiltered list reports as deleted, even without `type`', async () => {
      await run('geloescht');
      const pages = city.lists.organizations;
      const [first, second] = pages;
      city.lists.organizations = [first, [...second.slice(0, 2), { id: `${fake.origin}/organizations/7`, deleted: true }, second[3]]];
      try {
        const summary = await run('geloescht');
        expect(summary.counts.committee).toMatchObject({ deleted: 1, new: 0, updated: 0 });
        expect(totalChanges(summary)).toBe(1);
        expect((await bySource('committee', 'geloescht', '/organizations/7')).deleted_at).not.toBeNull();
      } finally {
        city.lists.organizations = pages;
      }
    });

    it('reads a body list that is a single Body object', async () => {
      fake.handler = serve(city, (url) => (url.pathname === '/bodies' ? json(city.body) : undefined));
      try {
        expect((await run('einzeln')).counts.session?.new).toBe(3);
      } finally {
        fake.handler = serve(city);
      }
    });

    it('reads Latin-1 responses, a byte order mark and UTF-8 mojibake', async () => {
      const person = (name: string) => ({ id: `${fake.origin}/people/9`, type: `${NS}Person`, name, created: '2025-01-10T09:00:00+01:00' });
      const latin1 = Buffer.from(JSON.stringify({ data: [person('Jürgen Müßig')], pagination: {}, links: {} }), 'latin1');
      fake.handler = serve(city, (url) => (url.pathname === '/bodies/1/people' ? { status: 200, body: latin1, contentType: 'application/json' } : undefined));
      try {
        await run('kodierung');
        expect((await bySource('person', 'kodierung', '/people/9')).name).toBe('Jürgen Müßig');
        const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ data: [person('HÃ¼rtgenwald GrÃ¶ÃŸe')], links: {} }))]);
        fake.handler = serve(city, (url) => (url.pathname === '/bodies/1/people' ? { status: 200, body: bom, contentType: 'application/json' } : undefined));
        const summary = await run('kodierung');
        expect(summary.counts.person?.updated).toBe(1);
        expect((await bySource('person', 'kodierung', '/people/9')).name).toBe('Hürtgenwald Größe');
      } finally {
        fake.handler = serve(city);
      }
    });

    it('stops at a page larger than the cap, naming its URL, whether its length is declared or not, and does not ask again', async () => {
      const big = JSON.stringify({ data: [], links: {}, padding: 'x'.repeat(4096) });
      for (const headers of [{}, { 'transfer-encoding': 'chunked' }] as Record<string, string>[]) {
        fake.requests.length = 0;
        fake.handler = serve(city, (url) => (url.pathname === '/bodies/1/people' ? { status: 200, body: big, headers } : undefined));
        try {
          await expect(run('zu-gross', { http: { retryDelayMs: 5, maxPageBytes: 2048 } })).rejects.toThrow(
            `GET ${fake.origin}/bodies/1/people: the answer is larger than the limit of 2048 bytes for one page (IMPORT_MAX_PAGE_BYTES)`,
          );
          expect(fake.requests.filter((u) => u.pathname === '/bodies/1/people')).toHaveLength(1);
        } finally {
          fake.handler = serve(city);
        }
      }
      expect((await run('zu-gross', { http: { retryDelayMs: 5, maxPageBytes: 8192 } })).counts.person?.new).toBe(2);
    });

    it('stores file names and titles without bidi controls and other invisible characters, keeping the rest', async () => {
      const meeting = city.lists.meetings[0][0] as { invitation: Record<string, unknown> };
      const before = { ...meeting.invitation };
      Object.assign(meeting.invitation, { fileName: 'Einladung\u202Efdp.exe\u202C Ärger\u200B.pdf', name: '\u2066Einladung\u2069 zur Sitzung\u00AD' });
      try {
        await run('unsichtbar');
        expect(await bySource('file', 'unsichtbar', '/files/1')).toMatchObject({ file_name: 'Einladungfdp.exe Ärger.pdf', name: 'Einladung zur Sitzung' });
      } finally {
        meeting.invitation = before;
      }
    });

    it('retries spurious 500s', async () => {
      let failures = 0;
      fake.handler = serve(city, (url) => (url.pathname === '/bodies/1/papers' && failures++ < 2 ? json({ message: 'Fehler' }, 500) : undefined));
      try {
        const summary = await run('wiederholt');
        expect(failures).toBe(3);
        expect(summary.counts.document?.new).toBe(3);
      } finally {
        fake.handler = serve(city);
      }
    });
  });

  describe('crash and restart', () => {
    it('resumes after an abort mid-run without duplicates, with the same result as one clean run', async () => {
      const abort = new AbortController();
      await expect(
        run('neustart', {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.phase === 'write' && p.label === 'agenda-item') abort.abort();
          },
        }),
      ).rejects.toThrow('aborted');
      const id = await bodyId('neustart');
      expect(await rows(`SELECT count(*)::int AS n FROM session WHERE body_id = $1`, [id])).toEqual([{ n: 3 }]);
      expect(await rows(`SELECT count(*)::int AS n FROM agenda_item WHERE body_id = $1`, [id])).toEqual([{ n: 0 }]);

      const resumed = await run('neustart');
      expect(resumed.counts.session).toMatchObject({ new: 0, unchanged: 3 });
      expect(resumed.counts['agenda-item']).toMatchObject({ new: 3 });
      const reference = await bodyId('musterstadt');
      for (const table of ['committee', 'person', 'membership', 'session', 'agenda_item', 'document', 'consultation', 'file', 'minutes', 'location']) {
        const [mine] = await rows(`SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS d FROM ${table} WHERE body_id = $1 AND deleted_at IS NULL`, [id]);
        const [clean] = await rows(`SELECT count(*)::int AS n FROM ${table} WHERE body_id = $1 AND deleted_at IS NULL`, [reference]);
        expect({ table, n: mine.n, distinct: mine.d }).toEqual({ table, n: clean.n, distinct: clean.n });
      }
      expect(totalChanges(await run('neustart'))).toBe(0);
    });
  });

  describe('addresses it connects to', () => {
    /** A server in the "intranet": another loopback address, which no run below allows. */
    let intranet: FakeOparl;
    beforeAll(async () => {
      intranet = await startFakeOparl(() => json({ secret: 'Zugangsdaten Musterstadt' }), '127.0.0.2');
    });
    afterAll(async () => intranet?.close());
    beforeEach(() => {
      fake.requests.length = 0;
      intranet.requests.length = 0;
    });

    it('refuses a source on a loopback address unless allowed, without sending it a request', async () => {
      await expect(run('ssrf', { allowPrivate: undefined })).rejects.toThrow(/^refused to connect to 127\.0\.0\.1: a loopback address, not a public one/);
      expect(fake.requests).toEqual([]);
      expect(await rows(`SELECT count(*)::int AS n FROM body WHERE slug = 'ssrf'`)).toEqual([{ n: 0 }]);
    });

    it('checks the address a host name resolves to, not only addresses in URLs', async () => {
      const port = new URL(fake.origin).port;
      await expect(run('ssrf', { source: `http://localhost:${port}/system`, allowPrivate: undefined })).rejects.toThrow(
        /^refused to connect to localhost \((127\.0\.0\.1|::1)\): a loopback address/,
      );
      expect(fake.requests).toEqual([]);
    });

    it('refuses a redirect to an address not allowed', async () => {
      fake.handler = serve(city, (url) => (url.pathname === '/bodies/1/papers' ? { status: 302, body: '', headers: { location: `${intranet.origin}/papers` } } : undefined));
      try {
        await expect(run('ssrf')).rejects.toThrow(/^refused to connect to 127\.0\.0\.2: a loopback address/);
        expect(fake.requests.map((u) => u.pathname)).toContain('/bodies/1/papers');
        expect(intranet.requests).toEqual([]);
      } finally {
        fake.handler = serve(city);
      }
    });

    it('refuses a next link to an address not allowed', async () => {
      fake.handler = serve(city, (url) =>
        url.pathname === '/bodies/1/people' ? json({ data: city.lists.people[0], links: { next: `${intranet.origin}/bodies/1/people?page=2` } }) : undefined,
      );
      try {
        await expect(run('ssrf')).rejects.toThrow(/^refused to connect to 127\.0\.0\.2/);
        expect(intranet.requests).toEqual([]);
      } finally {
        fake.handler = serve(city);
      }
    });

    it('fetches no file bytes from addresses not allowed (the cloud metadata service, the intranet), and does not retry them', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'oparl-import-ssrf-'));
      const urls: Record<string, string> = { '/files/4': 'http://169.254.169.254/latest/meta-data/iam/', '/files/5': `${intranet.origin}/secret.pdf` };
      const pointed = (obj: unknown): unknown => {
        if (Array.isArray(obj)) return obj.map(pointed);
        if (!obj || typeof obj !== 'object') return obj;
        const o = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, pointed(v)]));
        const path = typeof o.id === 'string' ? o.id.slice(fake.origin.length) : '';
        return urls[path] ? { ...o, accessUrl: urls[path] } : o;
      };
      fake.handler = (url) => {
        const answer = serve(city)(url);
        return answer && url.pathname.startsWith('/bodies/1/') ? json(pointed(parseJson(Buffer.from(answer.body)))) : answer;
      };
      try {
        const summary = await run('ssrf-dateien', { download: { storage: new LocalStorage(dir), upload, retryDelayMs: 5 } });
        expect(summary.downloads).toMatchObject({ downloaded: 4, failed: 2 });
        expect(summary.downloads?.failures.map((f) => [f.url, f.reason]).sort()).toEqual([
          [`${intranet.origin}/secret.pdf`, 'refused to connect to 127.0.0.2: a loopback address, not a public one (allow private networks with --allow-private or IMPORT_ALLOW_PRIVATE_NETWORKS)'],
          ['http://169.254.169.254/latest/meta-data/iam/', 'refused to connect to 169.254.169.254: a link-local address, not a public one (allow private networks with --allow-private or IMPORT_ALLOW_PRIVATE_NETWORKS)'],
        ]);
        expect(intranet.requests).toEqual([]);
        expect((await bySource('file', 'ssrf-dateien', '/files/4')).storage_key).toBeNull();
      } finally {
        fake.handler = serve(city);
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('classifies addresses: only public unicast ones pass, unless their network is allowed', () => {
      const check = addressCheck();
      const ranges = Object.fromEntries(
        ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.178.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:127.0.0.1', '64:ff9b::a9fe:a9fe', '93.184.215.14', '2a01:4f8::1', '64:ff9b::5db8:d70e'].map((a) => [a, check(a)]),
      );
      expect(ranges).toEqual({
        '127.0.0.1': 'loopback',
        '10.1.2.3': 'private',
        '172.16.0.1': 'private',
        '192.168.178.1': 'private',
        '100.64.0.1': 'carrierGradeNat',
        '169.254.169.254': 'linkLocal',
        '0.0.0.0': 'unspecified',
        '224.0.0.1': 'multicast',
        '255.255.255.255': 'broadcast',
        '::1': 'loopback',
        '::': 'unspecified',
        'fe80::1': 'linkLocal',
        'fd00::1': 'uniqueLocal',
        'ff02::1': 'multicast',
        '::ffff:127.0.0.1': 'loopback',
        '64:ff9b::a9fe:a9fe': 'linkLocal',
        '93.184.215.14': null,
        '2a01:4f8::1': null,
        '64:ff9b::5db8:d70e': null,
      });
      const intranetOnly = addressCheck(['10.20.0.0/16', '192.168.178.5']);
      expect(['10.20.1.1', '10.21.0.1', '192.168.178.5', '192.168.178.6', '127.0.0.1'].map(intranetOnly)).toEqual([null, 'private', null, 'private', 'loopback']);
      expect(addressCheck('all')('127.0.0.1')).toBeNull();
    });

    it('takes the allowed networks from IMPORT_ALLOW_PRIVATE_NETWORKS and refuses anything else there', () => {
      expect(loadConfig({}).oparlImport.allowPrivateNetworks).toBe('none');
      expect(loadConfig({ IMPORT_ALLOW_PRIVATE_NETWORKS: 'true' }).oparlImport.allowPrivateNetworks).toBe('all');
      expect(loadConfig({ IMPORT_ALLOW_PRIVATE_NETWORKS: '10.0.0.0/8, fd00::/8' }).oparlImport.allowPrivateNetworks).toEqual(['10.0.0.0/8', 'fd00::/8']);
      expect(() => loadConfig({ IMPORT_ALLOW_PRIVATE_NETWORKS: 'intranet' })).toThrow(ConfigError);
      expect(() => loadConfig({ IMPORT_ALLOW_PRIVATE_NETWORKS: '10.0.0.0/33' })).toThrow(/IMPORT_ALLOW_PRIVATE_NETWORKS/);
    });
  });

  describe('file bytes', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'oparl-import-files-'));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('downloads bytes with a concurrency limit, retries and a size cap, and stores size and SHA-512', async () => {
      let flaky = 0;
      let active = 0;
      let peak = 0;
      const answer = serve(city, (url) => {
        if (url.pathname === '/blobs/4.pdf' && flaky++ < 1) return json({ message: 'busy' }, 503);
        if (url.pathname === '/blobs/6.pdf') return { status: 200, body: Buffer.alloc(4096, 1), contentType: 'application/pdf' };
        return undefined;
      });
      // Every blob response is held open for a while, so downloads in flight overlap and are counted.
      fake.handler = (url) => {
        if (!url.pathname.startsWith('/blobs/')) return answer(url);
        active++;
        peak = Math.max(peak, active);
        return new Promise((resolve) =>
          setTimeout(() => {
            active--;
            resolve(answer(url));
          }, 25),
        );
      };
      try {
        const storage = new LocalStorage(dir);
        const summary = await run('dateien', { download: { storage, upload, concurrency: 2, maxBytes: 1000, retryDelayMs: 5 } });
        expect(summary.downloads).toMatchObject({ downloaded: 5, tooLarge: 1, failed: 0 });
        expect(peak).toBe(2);
        const file = await bySource('file', 'dateien', '/files/4');
        const bytes = city.bytes.get('/blobs/4.pdf') as Buffer;
        expect(file).toMatchObject({ size: String(bytes.length), sha512: createHash('sha512').update(bytes).digest('hex'), storage_key: `${String(file.body_id)}/${String(file.id)}` });
        expect(await readFile(join(dir, String(file.storage_key)))).toEqual(bytes);
        expect((await bySource('file', 'dateien', '/files/6')).storage_key).toBeNull();
        const again = await run('dateien');
        expect(totalChanges(again)).toBe(0);
        expect((await bySource('file', 'dateien', '/files/4')).size).toBe(String(bytes.length));
      } finally {
        fake.handler = serve(city);
      }
    });

    it('checks downloaded bytes like uploads: HTML is not stored but keeps its metadata, and a type is recognised from the bytes', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
      fake.handler = serve(city, (url) => {
        if (url.pathname === '/blobs/5.pdf') return { status: 200, body: '<!DOCTYPE html><html><script>fetch("/v1/me")</script></html>', contentType: 'text/html' };
        if (url.pathname === '/blobs/4.pdf') return { status: 200, body: png, contentType: 'application/pdf' };
        return undefined;
      });
      try {
        const summary = await run('dateien-typen', { download: { storage: new LocalStorage(dir), upload, retryDelayMs: 5 } });
        expect(summary.downloads).toMatchObject({ downloaded: 5, refused: 1, tooLarge: 0, failed: 0 });
        expect(summary.downloads?.failures).toEqual([
          { fileId: String((await bySource('file', 'dateien-typen', '/files/5')).id), url: `${fake.origin}/blobs/5.pdf`, reason: 'the bytes are of no recognised type (the source says application/pdf), a type uploads do not accept: not stored' },
        ]);
        expect(summary.warnings).toContain(
          '1 file(s) were not stored: their bytes are of a type uploads do not accept (UPLOAD_ALLOWED_TYPES); they keep their metadata, and their content links lead to the source',
        );
        expect(await bySource('file', 'dateien-typen', '/files/5')).toMatchObject({ name: 'Vorlage', mime_type: 'application/pdf', storage_key: null, sha512: null });
        expect(await bySource('file', 'dateien-typen', '/files/4')).toMatchObject({ mime_type: 'image/png', size: String(png.length) });
        // A re-import keeps the type found in the stored bytes rather than the source's word.
        const again = await run('dateien-typen');
        expect(totalChanges(again)).toBe(0);
        expect((await bySource('file', 'dateien-typen', '/files/4')).mime_type).toBe('image/png');
      } finally {
        fake.handler = serve(city);
      }
    });

    it('caps downloads at the upload limit, which a larger maxBytes does not raise', async () => {
      fake.handler = serve(city, (url) => (url.pathname === '/blobs/6.pdf' ? { status: 200, body: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 0x20)]), contentType: 'application/pdf' } : undefined));
      try {
        const summary = await run('dateien-gross', { download: { storage: new LocalStorage(dir), upload: { ...upload, maxBytes: 1000 }, maxBytes: 1024 * 1024, retryDelayMs: 5 } });
        expect(summary.downloads).toMatchObject({ downloaded: 5, tooLarge: 1, failed: 0 });
        expect((await bySource('file', 'dateien-gross', '/files/6')).storage_key).toBeNull();
      } finally {
        fake.handler = serve(city);
      }
    });
  });
});
