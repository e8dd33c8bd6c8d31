import { Logger } from '@nestjs/common';
import { DETAILS, FIELD_CODES, FIELD_TEXTS, PROBLEM_CODES, STATUSES } from '../src/common/http/problem-texts';
import { SessionsService } from '../src/modules/sessions/sessions.service';
import { startWithBody } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('unexpected errors', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  it('answer 500 without details and are logged once, with the stack', async () => {
    const list = jest.spyOn(t.app.get(SessionsService), 'list').mockRejectedValue(new Error('kaputt'));
    const log = jest.spyOn(Logger.prototype, 'error');
    try {
      const res = await t.http().get('/v1/bodies/musterstadt/sessions').expect(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ status: 500, code: 'internal_error', title: 'Interner Fehler', detail: expect.stringContaining('Request-ID') });
      expect(res.text).not.toContain('kaputt');
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0][0]).toBe(`request ${res.body.requestId as string} failed: kaputt`);
      expect((log.mock.calls[0][1] as Error).stack).toContain('Error: kaputt\n    at ');
    } finally {
      log.mockRestore();
      list.mockRestore();
    }
  });

  it('say the same in English, with the same code', async () => {
    const list = jest.spyOn(t.app.get(SessionsService), 'list').mockRejectedValue(new Error('kaputt'));
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const res = await t.http().get('/v1/bodies/musterstadt/sessions').set('Accept-Language', 'en').expect(500);
      expect(res.headers['content-language']).toBe('en');
      expect(res.body).toMatchObject({ status: 500, code: 'internal_error', title: 'Internal Server Error', detail: 'An unexpected error occurred. Quote the request id when reporting it.' });
    } finally {
      log.mockRestore();
      list.mockRestore();
    }
  });
});

describe('the catalogue of problem texts', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const catalogues = { DETAILS, FIELD_TEXTS, STATUSES } as Record<string, Record<string, { code: string; de: string; en: string }>>;

  it('has every text in German and English, with the same placeholders', () => {
    for (const [catalogue, texts] of Object.entries(catalogues)) {
      for (const [key, { de, en }] of Object.entries(texts)) {
        expect({ catalogue, key, de: de.length > 0, en: en.length > 0 }).toEqual({ catalogue, key, de: true, en: true });
        expect({ catalogue, key, placeholders: placeholders(de) }).toEqual({ catalogue, key, placeholders: placeholders(en) });
      }
    }
  });

  it('names only documented codes, and uses every one of them', () => {
    const problemCodes = new Set<string>([...Object.values(DETAILS), ...Object.values(STATUSES)].map((t) => t.code));
    const fieldCodes = new Set<string>(Object.values(FIELD_TEXTS).map((t) => t.code));
    expect([...problemCodes].sort()).toEqual([...PROBLEM_CODES].sort());
    expect([...fieldCodes].sort()).toEqual([...FIELD_CODES].sort());
    for (const code of [...PROBLEM_CODES, ...FIELD_CODES]) expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });
});
