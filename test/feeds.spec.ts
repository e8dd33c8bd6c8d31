import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createConsultation, createDocument, createSession } from './support/factories';
import { indexerFor } from './support/search';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

interface Entry {
  id: string;
  title: string;
  updated: string;
  published?: string;
  link: { '@_rel': string; '@_href': string } | { '@_rel': string; '@_href': string }[];
  summary?: string;
  content?: string;
  category?: { '@_term': string } | { '@_term': string }[];
}
interface Feed {
  id: string;
  title: string;
  updated: string;
  author: { name: string };
  link: { '@_rel': string; '@_href': string; '@_type'?: string } | { '@_rel': string; '@_href': string }[];
  entry: Entry[];
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry', textNodeName: '#text' });
const text = (v: unknown): string => (typeof v === 'object' && v !== null && '#text' in v ? String((v)['#text']) : String(v));
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Parses an Atom document and checks what RFC 4287 requires of it (§4.1.1, §4.1.2): one id,
 * title and updated per feed and entry, dates in RFC 3339, an author, a self link, an
 * alternate link per entry (no content by reference), unique entry ids.
 */
function parseAtom(xml: string): Feed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { feed: Feed & { '@_xmlns': string } };
  const feed = doc.feed;
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  expect(typeof feed.id).toBe('string');
  expect(text(feed.title).length).toBeGreaterThan(0);
  expect(feed.updated).toMatch(RFC3339);
  expect(text(feed.author.name).length).toBeGreaterThan(0);
  expect(asList(feed.link).some((l) => l['@_rel'] === 'self')).toBe(true);
  const entries = asList(feed.entry);
  for (const entry of entries) {
    expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(text(entry.title).length).toBeGreaterThan(0);
    expect(entry.updated).toMatch(RFC3339);
    if (entry.published) expect(entry.published).toMatch(RFC3339);
    expect(asList(entry.link).some((l) => l['@_rel'] === 'alternate' && /^https?:\/\//.test(l['@_href']))).toBe(true);
    expect(entry.updated <= feed.updated).toBe(true);
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return { ...feed, entry: entries };
}

describe('Atom feeds', () => {
  let t: Ctx;
  const base = '/v1/bodies/musterstadt/feeds';
  const ids: Record<string, string> = {};
  const soon = (days: number): Date => new Date(Date.now() + days * 86_400_000);

  beforeAll(async () => {
    t = await startWithBody();
    const b = t.body.id;
    const council = await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt' });
    const environment = await createCommittee(t.ds, { bodyId: b, name: 'Umweltausschuss' });
    ids.council = council.id;
    ids.environment = environment.id;
    const session = await createSession(t.ds, { bodyId: b, name: 'Ratssitzung', start: soon(10), committeeIds: [council.id] });
    ids.session = session.id;
    await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'Ö 1', position: 0, name: 'Radwegekonzept Innenstadt' });
    await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'N 1', position: 1, name: 'GEHEIM Grundstück', public: false });
    ids.environmentSession = (await createSession(t.ds, { bodyId: b, name: 'Umweltausschuss <Sondersitzung> & mehr', start: soon(20), committeeIds: [environment.id] })).id;
    await createSession(t.ds, { bodyId: b, name: 'GEHEIM Entwurf', start: soon(30), publishedAt: null });
    await createSession(t.ds, { bodyId: b, name: 'Längst vorbei', start: new Date('2020-01-01T17:00:00Z') });
    const motion = await createDocument(t.ds, { bodyId: b, name: 'Antrag Baumschutz\u0007\u001b', reference: '0042/2025', documentType: 'Antrag' });
    ids.motion = motion.id;
    await createConsultation(t.ds, { bodyId: b, documentId: motion.id, committeeId: environment.id, role: 'Vorberatung' });
    ids.report = (await createDocument(t.ds, { bodyId: b, name: 'Bericht Radwege', reference: '0043/2025', documentType: 'Mitteilung' })).id;
    await createDocument(t.ds, { bodyId: b, name: 'GEHEIM Kaufvertrag', reference: '0044/2025', documentType: 'Antrag', public: false });
    await createDocument(t.ds, { bodyId: b, name: 'GEHEIM Vorlage Entwurf', documentType: 'Antrag', publishedAt: null });
    await indexerFor(t.ds).rebuild(null);
  });
  afterAll(async () => t?.close());

  const get = async (url: string, key?: string): Promise<{ xml: string; feed: Feed; etag: string }> => {
    const req = t.http().get(url);
    const res = await (key ? req.set(...bearer(key)) : req).expect(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    return { xml: res.text, feed: parseAtom(res.text), etag: res.headers.etag };
  };
  const titles = (feed: Feed): string[] => feed.entry.map((e) => text(e.title));

  it('lists recent and coming sessions with their public agenda, and nothing else', async () => {
    const { xml, feed } = await get(`${base}/sessions.atom`);
    expect(feed.id).toBe('http://api.test/v1/bodies/musterstadt/feeds/sessions.atom');
    expect(feed.entry.map((e) => e.id).sort()).toEqual([`urn:uuid:${ids.session}`, `urn:uuid:${ids.environmentSession}`].sort());
    const council = feed.entry.find((e) => e.id === `urn:uuid:${ids.session}`) as Entry;
    expect(text(council.content)).toContain('Ö 1 Radwegekonzept Innenstadt');
    expect(asList(council.link)[0]['@_href']).toBe(`http://api.test/v1/bodies/musterstadt/sessions/${ids.session}`);
    expect(titles(feed)).toContain(`Umweltausschuss <Sondersitzung> & mehr – ${text(feed.entry.find((e) => e.id.endsWith(ids.environmentSession))?.title).split(' – ').pop()}`);
    expect(xml).not.toContain('GEHEIM');
  });

  it('narrows sessions to a committee, and answers an unknown committee or a bad id with a problem', async () => {
    const { feed } = await get(`${base}/sessions.atom?committee=${ids.environment}`);
    expect(feed.entry.map((e) => e.id)).toEqual([`urn:uuid:${ids.environmentSession}`]);
    expect(text(feed.title)).toContain('Umweltausschuss');
    const missing = await t.http().get(`${base}/sessions.atom?committee=00000000-0000-4000-8000-000000000000`).expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await t.http().get(`${base}/sessions.atom?committee=nope`).expect(400);
    await t.http().get(`${base}/sessions.atom?unknown=1`).expect(400);
    await t.http().get('/v1/bodies/nirgendwo/feeds/sessions.atom').expect(404);
  });

  it('lists new documents by committee and type; control characters never break the XML', async () => {
    const all = await get(`${base}/documents.atom`);
    expect(all.feed.entry.map((e) => e.id).sort()).toEqual([`urn:uuid:${ids.motion}`, `urn:uuid:${ids.report}`].sort());
    expect(all.xml).not.toContain('GEHEIM');
    expect(titles(all.feed)).toContain('0042/2025: Antrag Baumschutz');
    const motions = await get(`${base}/documents.atom?document_type=Antrag`);
    expect(motions.feed.entry.map((e) => e.id)).toEqual([`urn:uuid:${ids.motion}`]);
    const environment = await get(`${base}/documents.atom?committee=${ids.environment}`);
    expect(environment.feed.entry.map((e) => e.id)).toEqual([`urn:uuid:${ids.motion}`]);
    // Members see the non-public document too.
    const member = await get(`${base}/documents.atom?document_type=Antrag`, t.keys.member);
    expect(titles(member.feed)).toContain('0044/2025: GEHEIM Kaufvertrag');
  });

  it('keeps a feed byte-identical until something the reader can see changes, and answers 304 to its ETag', async () => {
    const first = await get(`${base}/sessions.atom`);
    await t.http().get(`${base}/sessions.atom`).set('If-None-Match', first.etag).expect(304);
    // A draft agenda item changes nothing for the public.
    await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId: ids.session, number: 'Ö 9', position: 9, name: 'GEHEIM Entwurf', publishedAt: null });
    expect((await get(`${base}/sessions.atom`)).xml).toBe(first.xml);
    // A change of the agenda moves the session's entry: same id, later updated.
    await t.http().patch(`/v1/bodies/musterstadt/sessions/${ids.session}`).set(...bearer(t.keys.editor)).send({ name: 'Ratssitzung (verlegt)' }).expect(200);
    const second = await get(`${base}/sessions.atom`);
    expect(second.etag).not.toBe(first.etag);
    const before = first.feed.entry.find((e) => e.id.endsWith(ids.session)) as Entry;
    const after = second.feed.entry[0];
    expect(after.id).toBe(before.id);
    expect(after.updated >= before.updated).toBe(true);
    expect(text(after.title)).toContain('Ratssitzung (verlegt)');
  });

  it('serves a saved search as a feed of its newest hits', async () => {
    const { xml, feed } = await get(`${base}/search.atom?q=${encodeURIComponent('Radwege')}&type=document`);
    expect(feed.entry.map((e) => e.id)).toEqual([`urn:uuid:${ids.report}`]);
    expect(feed.id).toBe('http://api.test/v1/bodies/musterstadt/feeds/search.atom?q=Radwege&type=document');
    expect(xml).not.toContain('<mark>');
    await t.http().get(`${base}/search.atom`).expect(400);
  });
});
