import { bearer, startWithBody } from './app';
import { BODY_LISTS, walkJson } from './oparl-conformance';
import type { JsonObject, JsonValue } from './oparl-conformance';
import {
  createAgendaItem,
  createCommittee,
  createConsultation,
  createDocument,
  createFile,
  createLegislativeTerm,
  createLocation,
  createMembership,
  createMinutes,
  createPerson,
  createSession,
} from './factories';

export { BODY_LISTS, NS, oparlObjects, walkJson } from './oparl-conformance';
export type { JsonObject, JsonValue } from './oparl-conformance';

export const OPARL = 'http://api.test/oparl/v1.1';
/** Every name that must never reach OParl contains this marker. */
export const SECRET = 'GEHEIM';


export type OparlCity = Awaited<ReturnType<typeof startOparlCity>>;

/**
 * A small city: council, committee, faction, party; people with seats; meetings with public and
 * non-public agenda items; public, non-public and withdrawn papers; files, consultations and
 * minutes; a deleted meeting. Everything meant to stay hidden carries SECRET in its name.
 */
export async function startOparlCity() {
  const t = await startWithBody();
  const b = t.body.id;
  await t.ds.query(`UPDATE body SET web_url_templates = $2, license = $3, ags = '09999999', short_name = 'Musterstadt' WHERE id = $1`, [
    b,
    JSON.stringify({
      session: 'https://musterstadt.example/sitzung/{id}',
      document: 'https://musterstadt.example/vorlage/{id}',
      committee: 'https://musterstadt.example/gremium/{id}',
      person: 'https://musterstadt.example/person/{id}',
      agendaItem: 'https://musterstadt.example/top/{id}',
      file: 'https://musterstadt.example/datei/{id}',
    }),
    'https://creativecommons.org/licenses/by/4.0/',
  ]);
  const hall = await createLocation(t.ds, {
    bodyId: b,
    room: 'Ratssaal',
    geojson: { type: 'Feature', geometry: { type: 'Point', coordinates: [9.99, 48.4] }, properties: { name: 'Rathaus' } },
  });
  await createLocation(t.ds, { bodyId: b, description: `${SECRET} Ort Entwurf`, publishedAt: null });
  await createLegislativeTerm(t.ds, { bodyId: b });
  await createLegislativeTerm(t.ds, { bodyId: b, name: `${SECRET} Wahlperiode Entwurf`, publishedAt: null });

  const council = await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council', locationId: hall.id });
  const committee = await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Umwelt', kind: 'committee', parentId: council.id });
  const faction = await createCommittee(t.ds, { bodyId: b, name: 'Fraktion Bunt', kind: 'faction' });
  const party = await createCommittee(t.ds, { bodyId: b, name: 'Partei Bunt', kind: 'party' });
  const advisory = await createCommittee(t.ds, { bodyId: b, name: 'Seniorenbeirat', kind: 'other', classification: 'Beirat' });
  await createCommittee(t.ds, { bodyId: b, name: 'Kreistag Nachbarkreis', kind: 'external' });
  await createCommittee(t.ds, { bodyId: b, name: 'Dezernat II', kind: 'administration' });
  const draftCommittee = await createCommittee(t.ds, { bodyId: b, name: `${SECRET} Gremium Entwurf`, publishedAt: null });

  const erika = await createPerson(t.ds, { bodyId: b, title: ['Dr.'], status: ['Ratsmitglied'], email: [], formOfAddress: 'Frau', locationId: hall.id });
  const max = await createPerson(t.ds, { bodyId: b, name: 'Max Muster', givenName: 'Max', familyName: 'Muster', affix: '' });
  await createPerson(t.ds, { bodyId: b, name: `${SECRET} Person Entwurf`, publishedAt: null });
  await createMembership(t.ds, { bodyId: b, personId: erika.id, committeeId: council.id, onBehalfOfId: faction.id, role: 'Vorsitzende' });
  await createMembership(t.ds, { bodyId: b, personId: erika.id, committeeId: faction.id });
  await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: committee.id, votingRight: false, endDate: '2026-01-31' });
  await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: party.id });
  await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: draftCommittee.id, role: `${SECRET} Rolle` });
  await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: advisory.id, role: `${SECRET} gelöscht`, deletedAt: new Date() });

  const held = await createSession(t.ds, {
    bodyId: b,
    name: 'Ratssitzung März',
    state: 'held',
    start: new Date('2025-03-04T17:00:00Z'),
    end: new Date('2025-03-04T20:00:00Z'),
    locationId: hall.id,
    committeeIds: [council.id, committee.id],
  });
  const invited = await createSession(t.ds, { bodyId: b, name: 'Umweltausschuss Juli', state: 'invited', start: new Date('2025-07-01T15:00:00Z'), committeeIds: [committee.id] });
  await createSession(t.ds, { bodyId: b, name: 'Ratssitzung Mai', cancelled: true, start: new Date('2025-05-06T16:00:00Z'), committeeIds: [council.id] });
  await createSession(t.ds, { bodyId: b, name: `${SECRET} Sitzung Entwurf`, start: new Date('2025-06-03T16:00:00Z'), publishedAt: null });
  const doomed = await createSession(t.ds, { bodyId: b, name: `${SECRET} Sitzung gelöscht`, start: new Date('2025-08-03T16:00:00Z'), committeeIds: [council.id] });
  await createSession(t.ds, { bodyId: t.other.id, name: 'Sitzung in Andersdorf', start: new Date('2025-03-05T17:00:00Z') });

  const top1 = await createAgendaItem(t.ds, { bodyId: b, sessionId: held.id, number: 'Ö 1', position: 0, name: 'Radwegekonzept Innenstadt', result: 'beschlossen', start: new Date('2025-03-04T17:05:00Z') });
  const secretTop = await createAgendaItem(t.ds, { bodyId: b, sessionId: held.id, number: 'N 1', position: 1, name: `${SECRET} Grundstücksverkauf`, public: false, resolutionText: `${SECRET} vertraulich` });
  const top2 = await createAgendaItem(t.ds, { bodyId: b, sessionId: held.id, number: 'Ö 2', position: 2, name: 'Verschiedenes' });
  await createAgendaItem(t.ds, { bodyId: b, sessionId: held.id, number: 'Ö 3', position: 3, name: `${SECRET} TOP gelöscht`, deletedAt: new Date() });
  await createAgendaItem(t.ds, { bodyId: b, sessionId: invited.id, number: 'Ö 1', position: 0, name: 'Baumschutzsatzung' });

  const paper = await createDocument(t.ds, { bodyId: b, name: 'Radwegekonzept', reference: '0001/2025', originatorPersonIds: [erika.id], originatorCommitteeIds: [faction.id], underDirectionOfIds: [committee.id] });
  const secretPaper = await createDocument(t.ds, { bodyId: b, name: `${SECRET} Kaufvertrag`, reference: '0002/2025', public: false });
  const child = await createDocument(t.ds, {
    bodyId: b,
    name: 'Änderungsantrag Radwege',
    reference: '0001/2025-1',
    documentType: 'Antrag',
    superordinatedDocumentId: paper.id,
    relatedDocumentIds: [paper.id, secretPaper.id],
    originatorPersonIds: [max.id],
  });
  const withdrawn = await createDocument(t.ds, { bodyId: b, name: `${SECRET} zurückgezogen`, reference: '0003/2025' });
  await createDocument(t.ds, { bodyId: b, name: `${SECRET} Vorlage Entwurf`, publishedAt: null });

  await createConsultation(t.ds, { bodyId: b, documentId: paper.id, agendaItemId: top1.id, sessionId: held.id, committeeId: council.id, role: 'Entscheidung', position: 1 });
  await createConsultation(t.ds, { bodyId: b, documentId: paper.id, committeeId: committee.id, role: 'Vorberatung', authoritative: false, position: 0 });
  await createConsultation(t.ds, { bodyId: b, documentId: secretPaper.id, agendaItemId: secretTop.id, sessionId: held.id, role: `${SECRET} Beratung` });
  await createConsultation(t.ds, { bodyId: b, documentId: child.id, agendaItemId: top2.id, sessionId: held.id, committeeId: council.id, authoritative: false });

  await createFile(t.ds, { bodyId: b, documentId: paper.id, name: 'Vorlage Radwegekonzept', fileName: 'vorlage-radwege.pdf', role: 'main', date: '2025-02-01' });
  await createFile(t.ds, { bodyId: b, documentId: paper.id, name: 'Anlage Karte', fileName: 'karte.pdf', role: 'auxiliary', position: 1 });
  await createFile(t.ds, { bodyId: b, documentId: paper.id, name: `${SECRET} interne Anlage`, role: 'auxiliary', public: false, position: 2 });
  await createFile(t.ds, { bodyId: b, documentId: secretPaper.id, name: `${SECRET} Anlage Kaufvertrag` });
  await createFile(t.ds, { bodyId: b, agendaItemId: secretTop.id, name: `${SECRET} Beschluss`, role: 'resolution' });
  await createFile(t.ds, { bodyId: b, agendaItemId: top1.id, name: 'Beschluss Radwege', role: 'resolution' });
  await createFile(t.ds, { bodyId: b, agendaItemId: top1.id, name: 'Präsentation', role: 'auxiliary', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', fileName: 'praesentation.pptx' });
  await createFile(t.ds, { bodyId: b, sessionId: held.id, name: 'Einladung', role: 'invitation' });
  await createFile(t.ds, { bodyId: b, sessionId: held.id, name: 'Nachtrag zur Einladung', role: 'invitation', position: 4 });
  await createFile(t.ds, { bodyId: b, sessionId: held.id, name: 'Anwesenheitsliste öffentlich', role: 'auxiliary', position: 1 });
  const results = await createFile(t.ds, { bodyId: b, sessionId: held.id, name: 'Niederschrift', role: 'results_protocol', position: 2 });
  const verbatim = await createFile(t.ds, { bodyId: b, sessionId: held.id, name: `${SECRET} Wortprotokoll Entwurf`, role: 'verbatim_protocol', position: 3 });
  // Public once, then gone with its session: a File tombstone whose accessUrl answers 410.
  await createFile(t.ds, { bodyId: b, sessionId: doomed.id, name: `${SECRET} Einladung gelöscht`, role: 'invitation' });
  await createMinutes(t.ds, { bodyId: b, sessionId: held.id, fileId: results.id, kind: 'results', status: 'published' });
  await createMinutes(t.ds, { bodyId: b, sessionId: held.id, fileId: verbatim.id, kind: 'verbatim', status: 'approved' });

  // A deletion and a de-publication through the API, as editors do them.
  await t.http().delete(`/v1/bodies/musterstadt/sessions/${doomed.id}`).set(...bearer(t.keys.editor)).expect(204);
  await t.http().post(`/v1/bodies/musterstadt/documents/${withdrawn.id}/unpublish`).set(...bearer(t.keys.editor)).expect(200);

  return { ...t, ids: { council, committee, faction, party, advisory, erika, max, held, invited, doomed, top1, top2, secretTop, paper, secretPaper, child, withdrawn, hall } };
}

/** The path and query of an absolute URL of the test app. */
export function pathOf(url: string): string {
  const u = new URL(url);
  expect(u.origin).toBe('http://api.test');
  return `${u.pathname}${u.search}`;
}

export async function getJson(t: OparlCity, url: string, status = 200): Promise<JsonObject> {
  const res = await t.http().get(url.startsWith('http') ? pathOf(url) : url);
  if (res.status !== status) throw new Error(`GET ${url}: expected ${status}, got ${res.status} ${res.text}`);
  return res.body as JsonObject;
}

export interface ListWalk {
  items: JsonObject[];
  pages: JsonObject[];
}

/** Follows `links.next` to the end; fails on loops and on pages that break the rules. */
export async function walkList(t: OparlCity, url: string, maxPages = 500): Promise<ListWalk> {
  const items: JsonObject[] = [];
  const pages: JsonObject[] = [];
  const seen = new Set<string>();
  let next: string | undefined = url;
  while (next) {
    if (seen.has(next)) throw new Error(`pagination loop at ${next}`);
    seen.add(next);
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages from ${url}`);
    const pageBody = await getJson(t, next);
    expect(Array.isArray(pageBody.data)).toBe(true);
    expect(typeof pageBody.pagination).toBe('object');
    expect(typeof pageBody.links).toBe('object');
    pages.push(pageBody);
    items.push(...(pageBody.data as JsonObject[]));
    const links = pageBody.links as JsonObject;
    next = typeof links.next === 'string' ? links.next : undefined;
  }
  return { items, pages };
}

export interface Crawl {
  system: JsonObject;
  bodies: JsonObject[];
  /** Items of every external list of every body, by the Body property that links the list. */
  lists: Map<string, JsonObject[]>;
  /** Every object fetched at its id, by id. */
  byId: Map<string, JsonObject>;
  /** Every response body, for text searches. */
  texts: string[];
}

/**
 * Crawls the endpoint from System: the body list, every body, every external list (following
 * `links.next`) and then every object id and every OParl URL found in any of them.
 */
export async function crawl(t: OparlCity, query = ''): Promise<Crawl> {
  const texts: string[] = [];
  const system = await getJson(t, '/oparl/v1.1/system');
  texts.push(JSON.stringify(system));
  const bodyList = await walkList(t, `${system.body as string}${query}`);
  texts.push(JSON.stringify(bodyList.pages));
  const lists = new Map<string, JsonObject[]>();
  const bodies: JsonObject[] = [];
  for (const listed of bodyList.items) {
    const body = await getJson(t, listed.id as string);
    bodies.push(body);
    texts.push(JSON.stringify(body));
    for (const name of BODY_LISTS) {
      const walk = await walkList(t, `${body[name] as string}${query}`);
      texts.push(JSON.stringify(walk.pages));
      lists.set(name, [...(lists.get(name) ?? []), ...walk.items]);
    }
  }
  const byId = new Map<string, JsonObject>();
  const queue: string[] = [];
  const enqueue = (doc: JsonValue): void =>
    walkJson(doc, (v) => {
      if (typeof v === 'string' && v.startsWith(OPARL) && !byId.has(v) && !queue.includes(v)) queue.push(v);
    });
  enqueue(system);
  for (const body of bodies) enqueue(body);
  for (const items of lists.values()) enqueue(items);
  while (queue.length) {
    const url = queue.shift() as string;
    const doc = await getJson(t, url);
    texts.push(JSON.stringify(doc));
    byId.set(url, doc);
    enqueue(doc);
  }
  return { system, bodies, lists, byId, texts };
}
