import { createSearchEngine } from '../src/infra/search/create-engine';
import type { SearchEngine } from '../src/infra/search/engine';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createConsultation, createDocument, createMembership, createPerson, createSession } from './support/factories';
import { indexerFor, poolOf } from './support/search';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * Drafts are seen by editors only, and leave no trace for anyone else: creating, changing and
 * deleting one changes nothing an anonymous caller can read — not a calendar's ETag or
 * SEQUENCE, not an OParl list, stamp or tombstone, not a list of the REST API, not a search
 * count or facet. What the public could see once still leaves a trace when it goes.
 */
describe('traces of drafts in what anonymous callers see', () => {
  let t: Ctx;
  let engine: SearchEngine;
  const base = '/v1/bodies/musterstadt';
  const oparl = '/oparl/v1.1';
  const since = 'modified_since=2000-01-01T00:00:00Z';
  let session: string;
  let committee: string;
  let person: string;
  let publicItem: string;

  const soon = (days: number): Date => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + days);
    d.setUTCHours(17, 0, 0, 0);
    return d;
  };
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1100));

  beforeAll(async () => {
    // No page cache: every read below is rendered afresh.
    t = await startWithBody({ READ_CACHE_MS: '0' });
    const b = t.body.id;
    committee = (await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Stadtentwicklung' })).id;
    person = (await createPerson(t.ds, { bodyId: b, name: 'Erika Mustermann' })).id;
    await createMembership(t.ds, { bodyId: b, personId: person, committeeId: committee, startDate: '2020-01-01' });
    session = (await createSession(t.ds, { bodyId: b, name: 'Sitzung zur Stadtentwicklung', start: soon(10), committeeIds: [committee] })).id;
    publicItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: session, number: 'Ö 1', name: 'Stadtpark Nord' })).id;
    const doc = await createDocument(t.ds, { bodyId: b, name: 'Stadtpark Nord: Pflegekonzept', reference: '0101/2026' });
    await createConsultation(t.ds, { bodyId: b, documentId: doc.id, agendaItemId: publicItem, sessionId: session, committeeId: committee });
    engine = createSearchEngine(t.config, poolOf(t.ds));
    await engine.setup();
  });
  afterAll(async () => {
    await engine?.close();
    await t?.close();
  });

  const PATHS = {
    'calendar of the body': `${base}/calendar.ics`,
    'calendar of the committee': `${base}/committees/COMMITTEE/calendar.ics`,
    'calendar of the person': `${base}/people/PERSON/calendar.ics`,
    'REST sessions': `${base}/sessions`,
    'REST session': `${base}/sessions/SESSION`,
    'REST agenda items': `${base}/agenda-items`,
    'REST documents': `${base}/documents`,
    'REST consultations': `${base}/consultations`,
    'REST committee': `${base}/committees/COMMITTEE`,
    'OParl meetings': `${oparl}/bodies/musterstadt/meeting`,
    'OParl meetings since': `${oparl}/bodies/musterstadt/meeting?${since}`,
    'OParl agenda items since': `${oparl}/bodies/musterstadt/agendaItem?${since}`,
    'OParl papers since': `${oparl}/bodies/musterstadt/paper?${since}`,
    'OParl consultations since': `${oparl}/bodies/musterstadt/consultation?${since}`,
    'OParl organizations since': `${oparl}/bodies/musterstadt/organization?${since}`,
    'OParl meeting': `${oparl}/meeting/SESSION`,
    'search with facets': `${base}/search?q=Stadtpark`,
    'search of committee': `${base}/search?q=Stadtpark&committee=COMMITTEE`,
  };

  /** Status, validators and body of every anonymous read, after the search index caught up. */
  async function anonymousView(): Promise<Record<string, { status: number; etag?: string; lastModified?: string; body: string }>> {
    await indexerFor(t.ds, engine).rebuild(null);
    const view: Record<string, { status: number; etag?: string; lastModified?: string; body: string }> = {};
    for (const [name, template] of Object.entries(PATHS)) {
      const path = template.replace('COMMITTEE', committee).replace('PERSON', person).replace('SESSION', session);
      const res = await t.http().get(path).buffer(true);
      view[name] = { status: res.status, etag: res.headers.etag, lastModified: res.headers['last-modified'], body: res.text };
    }
    return view;
  }

  const editor = () => bearer(t.keys.editor);

  it('does not change when a draft agenda item, document, consultation and session are created, changed and deleted', async () => {
    const before = await anonymousView();
    expect(before['calendar of the body'].body).toContain('Stadtpark Nord');
    expect(before['search with facets'].body).toContain('Stadtpark Nord');
    await pause();

    const item = (await t.http().post(`${base}/agenda-items`).set(...editor()).send({ sessionId: session, number: 'Ö 2', name: 'Stadtpark Nord: Verkauf' }).expect(201)).body.id as string;
    const doc = (await t.http().post(`${base}/documents`).set(...editor()).send({ name: 'Stadtpark Nord: Verkaufsvorlage', documentType: 'Beschlussvorlage', date: '2026-01-15' }).expect(201))
      .body.id as string;
    const consultation = (await t.http().post(`${base}/consultations`).set(...editor()).send({ documentId: doc, agendaItemId: publicItem, committeeId: committee }).expect(201)).body
      .id as string;
    const draftSession = (await t.http().post(`${base}/sessions`).set(...editor()).send({ name: 'Stadtpark Nord: Sondersitzung', start: soon(12).toISOString(), committeeIds: [committee] }).expect(201))
      .body.id as string;
    expect(await anonymousView()).toEqual(before);
    await pause();

    await t.http().patch(`${base}/agenda-items/${item}`).set(...editor()).send({ name: 'Stadtpark Nord: Verkauf an Investor' }).expect(200);
    await t.http().patch(`${base}/documents/${doc}`).set(...editor()).send({ name: 'Stadtpark Nord: geänderte Vorlage' }).expect(200);
    await t.http().patch(`${base}/consultations/${consultation}`).set(...editor()).send({ role: 'Entscheidung' }).expect(200);
    await t.http().patch(`${base}/sessions/${draftSession}`).set(...editor()).send({ cancelled: true }).expect(200);
    expect(await anonymousView()).toEqual(before);
    await pause();

    await t.http().delete(`${base}/consultations/${consultation}`).set(...editor()).expect(204);
    await t.http().delete(`${base}/agenda-items/${item}`).set(...editor()).expect(204);
    await t.http().delete(`${base}/documents/${doc}`).set(...editor()).expect(204);
    await t.http().delete(`${base}/sessions/${draftSession}`).set(...editor()).expect(204);
    expect(await anonymousView()).toEqual(before);

    // Not even at its own id.
    await t.http().get(`${oparl}/agendaItem/${item}`).expect(404);
    await t.http().get(`${oparl}/meeting/${draftSession}`).expect(404);
  });

  it('does not change when a non-public item is created and deleted, which members see in their calendar', async () => {
    const before = await anonymousView();
    const memberBefore = await t.http().get(`${base}/calendar.ics`).set(...bearer(t.keys.member)).expect(200);
    await pause();
    const item = (await t.http().post(`${base}/agenda-items`).set(...editor()).send({ sessionId: session, number: 'N 1', name: 'Grundstücksgeschäft', public: false, publish: true }).expect(201))
      .body.id as string;
    await t.http().delete(`${base}/agenda-items/${item}`).set(...editor()).expect(204);
    expect(await anonymousView()).toEqual(before);
    const memberAfter = await t.http().get(`${base}/calendar.ics`).set(...bearer(t.keys.member)).expect(200);
    expect(sequence(memberAfter.text)).toBeGreaterThan(sequence(memberBefore.text));
  });

  it('changes when something the public saw goes: SEQUENCE rises, OParl has its tombstone', async () => {
    const before = await anonymousView();
    await pause();
    const item = (await t.http().post(`${base}/agenda-items`).set(...editor()).send({ sessionId: session, number: 'Ö 3', name: 'Spielplatz am Stadtpark', publish: true }).expect(201)).body
      .id as string;
    const shown = await anonymousView();
    expect(shown['calendar of the body'].body).toContain('Spielplatz am Stadtpark');
    await pause();
    await t.http().delete(`${base}/agenda-items/${item}`).set(...editor()).expect(204);
    const after = await anonymousView();

    expect(after['calendar of the body'].etag).not.toBe(before['calendar of the body'].etag);
    expect(sequence(after['calendar of the body'].body)).toBeGreaterThan(sequence(shown['calendar of the body'].body));
    const tombstones = (JSON.parse(after['OParl agenda items since'].body) as { data: { id: string; deleted?: boolean }[] }).data.filter((o) => o.deleted);
    expect(tombstones.map((o) => o.id)).toEqual([`http://api.test${oparl}/agendaItem/${item}`]);
    expect((await t.http().get(`${oparl}/agendaItem/${item}`).expect(200)).body).toMatchObject({ deleted: true });
    expect(JSON.parse(after['OParl meeting'].body).modified).not.toBe(JSON.parse(before['OParl meeting'].body).modified);
  });
});

/** The SEQUENCE of the first event of a feed. */
function sequence(ics: string): number {
  const match = /\r\nSEQUENCE:(\d+)\r\n/.exec(ics);
  if (!match) throw new Error('no SEQUENCE in the feed');
  return Number(match[1]);
}
