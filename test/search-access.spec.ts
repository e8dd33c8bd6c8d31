import { createSearchEngine } from '../src/infra/search/create-engine';
import type { SearchEngine } from '../src/infra/search/engine';
import { bearer, startWithBody } from './support/app';
import {
  createAgendaItem,
  createCommittee,
  createConsultation,
  createDocument,
  createFile,
  createLocation,
  createMembership,
  createPerson,
  createSession,
} from './support/factories';
import { describeEachEngine, startTestMeili, TestMeili } from './support/meili';
import { indexerFor, poolOf } from './support/search';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * What a search shows about a record's relations — committees in facets and filters,
 * names in snippets — is only what the caller may see: never a draft (of any related kind)
 * and, for anonymous callers, never what is seen only through a non-public agenda item.
 */
describeEachEngine('search access to drafts and non-public relations', (engineName) => {
  let t: Ctx;
  let meili: TestMeili | undefined;
  let engine: SearchEngine;
  const ids: Record<string, string> = {};
  const path = '/v1/bodies/musterstadt/search';
  /** Names of drafts and of relations seen only through non-public content. */
  const SECRET = ['Geheimrat', 'Grundstücksfragen', 'Vorentwurf', 'Dora Entwurf', 'Hinterzimmer'];

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (engineName === 'meilisearch') {
      meili = await startTestMeili();
      env = { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: meili.index };
    }
    t = await startWithBody(env);
    const b = t.body.id;
    const open = await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Stadtentwicklung' });
    const draft = await createCommittee(t.ds, { bodyId: b, name: 'Geheimrat für Planung', publishedAt: null });
    const behindClosedDoors = await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Grundstücksfragen' });
    const ofDraftConsultation = await createCommittee(t.ds, { bodyId: b, name: 'Beirat Vorentwurf' });
    const draftPerson = await createPerson(t.ds, { bodyId: b, name: 'Dora Entwurf', publishedAt: null });
    const draftLocation = await createLocation(t.ds, { bodyId: b, description: 'Hinterzimmer im Rathaus', publishedAt: null });
    Object.assign(ids, { open: open.id, draft: draft.id, behindClosedDoors: behindClosedDoors.id, ofDraftConsultation: ofDraftConsultation.id });

    const doc = await createDocument(t.ds, {
      bodyId: b,
      name: 'Lärmschutzwand Ostring',
      reference: '0301/2025',
      originatorCommitteeIds: [open.id, draft.id],
      originatorPersonIds: [draftPerson.id],
    });
    await createFile(t.ds, { bodyId: b, documentId: doc.id, name: 'Anlage Lärmschutzwand', text: 'Die Lärmschutzwand am Ostring wird 4 Meter hoch.' });
    const session = await createSession(t.ds, { bodyId: b, name: 'Sitzung zur Lärmschutzplanung', committeeIds: [open.id, draft.id], locationId: draftLocation.id });
    const publicItem = await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'Ö 1', name: 'Lärmschutzwand Ostring' });
    const closedItem = await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'N 1', position: 1, name: 'Grunderwerb für die Lärmschutzwand', public: false });
    await createConsultation(t.ds, { bodyId: b, documentId: doc.id, agendaItemId: publicItem.id, sessionId: session.id, committeeId: open.id });
    await createConsultation(t.ds, { bodyId: b, documentId: doc.id, agendaItemId: closedItem.id, sessionId: session.id, committeeId: behindClosedDoors.id });
    await createConsultation(t.ds, { bodyId: b, documentId: doc.id, committeeId: ofDraftConsultation.id, publishedAt: null });

    const paula = await createPerson(t.ds, { bodyId: b, name: 'Paula Lärmschutz', givenName: 'Paula', familyName: 'Lärmschutz' });
    await createMembership(t.ds, { bodyId: b, personId: paula.id, committeeId: open.id });
    await createMembership(t.ds, { bodyId: b, personId: paula.id, committeeId: draft.id });
    await createMembership(t.ds, { bodyId: b, personId: paula.id, committeeId: behindClosedDoors.id, publishedAt: null });
    await createCommittee(t.ds, { bodyId: b, name: 'Unterausschuss Lärmschutz', parentId: draft.id });

    engine = createSearchEngine(t.config, poolOf(t.ds));
    await engine.setup();
    await indexerFor(t.ds, engine).rebuild(null);
  });
  afterAll(async () => {
    await engine?.close();
    await t?.close();
    await meili?.close();
  });

  const search = async (query: string, key?: string) => {
    const req = t.http().get(`${path}?${query}`);
    return (await (key ? req.set(...bearer(key)) : req).expect(200)).body as {
      total: number;
      data: { type: string; title: string; snippet: string }[];
      facets: { committee: { value: string }[] };
    };
  };

  it('counts and labels only visible committees in facets', async () => {
    const res = await search('q=Lärmschutzwand');
    expect(res.data.map((h) => h.type)).toEqual(expect.arrayContaining(['document', 'file', 'agenda-item']));
    expect(res.facets.committee.map((f) => f.value)).toEqual([ids.open]);
    const sessions = await search('q=Lärmschutzplanung&type=session');
    expect(sessions.facets.committee.map((f) => f.value)).toEqual([ids.open]);
  });

  it('finds nothing by a committee that only drafts or non-public items relate to', async () => {
    expect((await search(`q=Lärmschutzwand&committee=${ids.open}`)).total).toBeGreaterThan(0);
    for (const committee of [ids.draft, ids.behindClosedDoors, ids.ofDraftConsultation]) {
      expect([committee, (await search(`q=Lärmschutzwand&committee=${committee}`)).total]).toEqual([committee, 0]);
    }
  });

  it('names no draft or non-public relation in titles or snippets, and finds nothing by such names', async () => {
    for (const q of ['Lärmschutzwand', 'Lärmschutzplanung', 'Lärmschutz', 'Paula', 'Unterausschuss']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.total).toBeGreaterThan(0);
      const text = JSON.stringify(res.data);
      for (const secret of SECRET) expect([q, secret, text.includes(secret)]).toEqual([q, secret, false]);
    }
    for (const q of ['Geheimrat', 'Dora', 'Hinterzimmer']) {
      expect([q, (await search(`q=${encodeURIComponent(q)}`)).total]).toEqual([q, 0]);
    }
    // Published committees are found themselves, but nothing through their hidden relations.
    for (const q of ['Grundstücksfragen', 'Vorentwurf']) {
      expect([q, (await search(`q=${encodeURIComponent(q)}`)).data.map((h) => h.type)]).toEqual([q, ['committee']]);
    }
  });

  it('lets members see what is non-public but published, and no drafts', async () => {
    const member = await search('q=Grunderwerb', t.keys.member);
    expect(member.data.map((h) => h.title)).toContain('N 1 Grunderwerb für die Lärmschutzwand');
    expect((await search('q=Grunderwerb')).total).toBe(0);
    for (const q of ['Geheimrat', 'Dora', 'Hinterzimmer']) {
      expect([q, (await search(`q=${encodeURIComponent(q)}`, t.keys.member)).total]).toEqual([q, 0]);
    }
    expect((await search('q=Vorentwurf', t.keys.member)).data.map((h) => h.type)).toEqual(['committee']);
  });
});
