import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createConsultation, createDocument, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * `AgendaItem.consultation` is one URL in OParl; an agenda item may treat several papers. The
 * item names the consultation with the lowest position (then the smallest id) that the
 * public sees, and keeps naming it while the consultations stay as they are.
 */
describe('OParl AgendaItem.consultation of an item that treats several papers', () => {
  let t: Ctx;
  let itemUrl: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startWithBody();
    const b = t.body.id;
    const session = await createSession(t.ds, { bodyId: b, name: 'Bauausschuss', start: new Date('2025-04-01T16:00:00Z') });
    const item = await createAgendaItem(t.ds, { bodyId: b, sessionId: session.id, number: 'Ö 4', position: 0, name: 'Bebauungspläne Nord und Süd' });
    itemUrl = `/oparl/v1.1/agendaItem/${item.id}`;
    const paper = async (key: string, position: number, init: { public?: boolean } = {}): Promise<void> => {
      const document = await createDocument(t.ds, { bodyId: b, name: `Bebauungsplan ${key}`, reference: `00${position + 10}/2025`, ...init });
      ids[key] = (await createConsultation(t.ds, { bodyId: b, documentId: document.id, agendaItemId: item.id, sessionId: session.id, position })).id;
      ids[`${key}Paper`] = document.id;
    };
    await paper('secret', 0, { public: false });
    await paper('second', 2);
    await paper('first', 1);
    await paper('third', 3);
  });
  afterAll(async () => t?.close());

  const named = async (): Promise<string> => {
    const res = await t.http().get(itemUrl).expect(200);
    return (res.body as { consultation: string }).consultation;
  };

  it('names the public consultation with the lowest position, every time', async () => {
    const first = await named();
    expect(first).toBe(`http://api.test/oparl/v1.1/consultation/${ids.first}`);
    for (let i = 0; i < 3; i++) expect(await named()).toBe(first);
  });

  it('lists every consultation of the item in the body list, each pointing back at the item', async () => {
    const res = await t.http().get('/oparl/v1.1/bodies/musterstadt/consultation').expect(200);
    const treating = (res.body as { data: { id: string; agendaItem?: string }[] }).data.filter((c) => c.agendaItem === `http://api.test${itemUrl}`);
    expect(treating.map((c) => c.id.split('/').pop()).sort()).toEqual([ids.first, ids.second, ids.third].sort());
  });

  it('moves on to the next one when that paper is withdrawn', async () => {
    await t.http().post(`/v1/bodies/musterstadt/documents/${ids.firstPaper}/unpublish`).set(...bearer(t.keys.editor)).expect(200);
    expect(await named()).toBe(`http://api.test/oparl/v1.1/consultation/${ids.second}`);
  });
});
