import * as ical from 'node-ical';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createLocation, createMembership, createPerson, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

interface Parsed {
  type: string;
  uid: string;
  summary: string;
  status?: string;
  sequence?: string | number;
  start: Date & { tz?: string };
  location?: string;
  description?: string;
  url?: string;
}

describe('calendar feeds', () => {
  let t: Ctx;
  const base = '/v1/bodies/musterstadt';
  let council: string;
  let committee: string;
  let person: string;
  let moved: string;
  const soon = (days: number, hourUtc = 17): Date => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + days);
    d.setUTCHours(hourUtc, 0, 0, 0);
    return d;
  };

  beforeAll(async () => {
    t = await startWithBody();
    const b = t.body.id;
    await t.ds.query(`UPDATE body SET web_url_templates = '{"session": "https://www.musterstadt.example/sitzung/{id}"}' WHERE id = $1`, [b]);
    council = (await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council' })).id;
    committee = (await createCommittee(t.ds, { bodyId: b, name: 'Bauausschuss' })).id;
    person = (await createPerson(t.ds, { bodyId: b, name: 'Erika Mustermann' })).id;
    await createMembership(t.ds, { bodyId: b, personId: person, committeeId: committee, startDate: '2020-01-01' });
    const location = await createLocation(t.ds, { bodyId: b, description: 'Rathaus, Ratssaal', streetAddress: 'Marktplatz 1' });
    const rat = await createSession(t.ds, { bodyId: b, name: 'Sitzung des Rates', start: soon(7), end: soon(7, 20), committeeIds: [council], locationId: location.id });
    moved = rat.id;
    await createAgendaItem(t.ds, { bodyId: b, sessionId: rat.id, number: 'Ö 1', position: 0, name: 'Radwegekonzept; Innenstadt, Teil 2' });
    await createAgendaItem(t.ds, { bodyId: b, sessionId: rat.id, number: 'N 1', position: 1, name: 'Grundstücksgeschäft Geheimweg', public: false });
    await createSession(t.ds, { bodyId: b, name: 'Bauausschuss', start: soon(14), committeeIds: [committee] });
    await createSession(t.ds, { bodyId: b, name: 'Bauausschuss (abgesagt)', start: soon(21), committeeIds: [committee], cancelled: true });
    await createSession(t.ds, { bodyId: b, name: 'Entwurf', start: soon(28), committeeIds: [committee], publishedAt: null });
  });
  afterAll(async () => t.close());

  async function events(path: string): Promise<{ text: string; etag: string; events: Parsed[] }> {
    const res = await t.http().get(path).buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const text = res.text;
    const parsed = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as unknown as Parsed[];
    return { text, etag: res.headers.etag, events: parsed.sort((a, b) => a.start.getTime() - b.start.getTime()) };
  }

  it('serves a valid iCalendar feed of the body with time zone, agenda, location and link', async () => {
    const { text, events: list } = await events(`${base}/calendar.ics`);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(list.map((e) => e.summary)).toEqual(['Sitzung des Rates', 'Bauausschuss', 'ABGESAGT: Bauausschuss (abgesagt)']);
    const rat = list[0];
    expect(rat.uid).toBe(`session-${moved}@api.test`);
    expect(rat.start.toISOString()).toBe(soon(7).toISOString());
    expect(rat.location).toContain('Rathaus, Ratssaal');
    expect(rat.description).toContain('Ö 1 Radwegekonzept; Innenstadt, Teil 2');
    expect(rat.url).toBe(`https://www.musterstadt.example/sitzung/${moved}`);
    expect(text).not.toContain('Geheimweg');
    expect(text).not.toContain('Entwurf');
    expect(list[2].status).toBe('CANCELLED');
    expect(list[0].status).toBe('CONFIRMED');
  });

  it('filters by committee and by the committees a person sits in', async () => {
    const byCommittee = await events(`${base}/committees/${committee}/calendar.ics`);
    expect(byCommittee.events.map((e) => e.summary)).toEqual(['Bauausschuss', 'ABGESAGT: Bauausschuss (abgesagt)']);
    const byPerson = await events(`${base}/people/${person}/calendar.ics`);
    expect(byPerson.events.map((e) => e.summary)).toEqual(['Bauausschuss', 'ABGESAGT: Bauausschuss (abgesagt)']);
    await t.http().get(`${base}/committees/00000000-0000-4000-8000-000000000000/calendar.ics`).expect(404);
  });

  it('is stable between polls (304) and raises SEQUENCE when a session changes', async () => {
    const first = await events(`${base}/calendar.ics`);
    await t.http().get(`${base}/calendar.ics`).set('If-None-Match', first.etag).expect(304);
    await new Promise((r) => setTimeout(r, 1100));
    await t.http().patch(`${base}/sessions/${moved}`).set(...bearer(t.keys.editor)).send({ start: soon(8).toISOString(), end: soon(8, 20).toISOString() }).expect(200);
    const second = await events(`${base}/calendar.ics`);
    expect(second.etag).not.toBe(first.etag);
    const before = first.events.find((e) => e.uid.includes(moved))!;
    const after = second.events.find((e) => e.uid.includes(moved))!;
    expect(Number(after.sequence)).toBeGreaterThan(Number(before.sequence));
    expect(after.start.toISOString()).toBe(soon(8).toISOString());
  });
});
