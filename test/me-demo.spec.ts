import { seedDemoAccount } from '../src/seed/demo/account';
import { seedDemo } from '../src/seed/demo.seed';
import { startTestApp } from './support/app';

describe('the demo account', () => {
  it('holds notes, markings anchored in real Musterstadt PDFs, a bookmark and follows; a new seed replaces it', async () => {
    const t = await startTestApp();
    try {
      const { bodyId } = await seedDemo(t.ds, t.config, { now: new Date('2026-03-02T09:00:00+01:00'), log: () => undefined });
      const first = await seedDemoAccount(t.ds, t.config, bodyId);
      const account = await seedDemoAccount(t.ds, t.config, bodyId);
      expect(account!.id).toBe(first!.id);
      await t.http().get('/v1/me/account').set('Authorization', `Bearer ${first!.token}`).expect(401);
      const as = { Authorization: `Bearer ${account!.token}` };
      const me = await t.http().get('/v1/me/account').set(as).expect(200);
      expect(me.body.usage).toMatchObject({ notes: 3, bookmarks: 1, follows: 3, devices: 1 });
      expect(me.body.usage.markings).toBeGreaterThanOrEqual(3);
      const markings = await t.http().get('/v1/me/markings').set(as).expect(200);
      for (const m of markings.body.data) {
        expect(m.anchor.status).toBe('anchored');
        expect(m.file).toMatchObject({ available: true, body: 'musterstadt' });
        const file = await t.http().get(`${new URL(m.file.url).pathname}?include=text`).expect(200);
        expect([...file.body.text].slice(m.anchor.start, m.anchor.end).join('')).toBe(m.quote.exact);
        const pdf = await t.http().get(`${new URL(m.file.url).pathname}/content`).buffer(true).expect(200);
        expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
      }
      const notes = await t.http().get('/v1/me/notes?q=Verwaltung').set(as).expect(200);
      expect(notes.body.data).toHaveLength(1);
      const feedFollows = await t.http().get('/v1/me/follows').set(as).expect(200);
      expect(feedFollows.body.data.map((f: { kind: string }) => f.kind).sort()).toEqual(['committee', 'document', 'keyword']);
    } finally {
      await t.close();
    }
  });
});
