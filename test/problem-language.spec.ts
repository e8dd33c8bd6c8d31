import { languageOf } from '../src/common/http/language';
import { bearer, startWithBody } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;
type FieldError = { field: string; code: string; message: string };

const api = '/v1/bodies/musterstadt';
const MISSING = '0b6f0a4e-1c43-4d1f-9a57-1f1f0d9a1e42';

describe('languageOf', () => {
  it.each([
    [undefined, 'de'],
    ['', 'de'],
    ['de', 'de'],
    ['de-DE', 'de'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN-us', 'en'],
    ['en-US;q=0.9, de;q=0.1', 'en'],
    ['de;q=0.1, en-US;q=0.9', 'en'],
    ['fr-FR, fr;q=0.9, en;q=0.8, de;q=0.7', 'en'],
    ['en;q=0.5, de;q=0.5', 'en'],
    ['en;q=0, fr', 'de'],
    ['en;q=abc', 'de'],
    ['en;q=1.5', 'de'],
    ['*', 'de'],
    ['en;q=0.5, *;q=0.8', 'de'],
    ['fr, it', 'de'],
    ['xx-YY', 'de'],
    ['en_US', 'de'],
    [['fr', 'en;q=0.3'], 'en'],
    [`${'a'.repeat(2000)}, en`, 'de'],
    [',,,;;;q=, ;', 'de'],
  ])('%j answers in %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});

describe('problem details by Accept-Language', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody({ TRUST_PROXY: '1', RATE_LIMIT_SEARCHES_PER_MINUTE: '1' });
  });
  afterAll(async () => t.close());

  /** A request that fails validation in several ways, in the language of `header` (none when undefined). */
  const badQuery = (header?: string) => {
    const req = t.http().get(`${api}/sessions?colour=red&limit=5000&from=yesterday&state=tagt`);
    return (header === undefined ? req : req.set('Accept-Language', header)).expect(400);
  };

  it('answer the same bad request in German and English, with the same codes', async () => {
    const answers = { none: await badQuery(), deDE: await badQuery('de-DE'), en: await badQuery('en'), enByQ: await badQuery('en-US;q=0.9, de;q=0.1') };
    for (const [name, res] of Object.entries(answers)) {
      expect({ name, type: res.headers['content-type'] }).toEqual({ name, type: 'application/problem+json; charset=utf-8' });
      expect({ name, vary: res.headers.vary }).toEqual({ name, vary: expect.stringMatching(/Accept-Language/) });
    }
    const codes = (res: { body: { errors: FieldError[] } }): [string, string][] => res.body.errors.map((e) => [e.field, e.code]);
    for (const res of Object.values(answers)) {
      expect(res.body).toMatchObject({ type: 'about:blank', status: 400, code: 'invalid_fields', instance: `${api}/sessions`, requestId: res.headers['x-request-id'] });
      expect(codes(res).sort()).toEqual([
        ['colour', 'unknown_field'],
        ['from', 'not_a_date'],
        ['limit', 'out_of_range'],
        ['state', 'not_one_of'],
      ]);
    }
    for (const res of [answers.none, answers.deDE]) {
      expect(res.headers['content-language']).toBe('de');
      expect(res.body).toMatchObject({ title: 'Ungültige Anfrage', detail: 'Die Anfrage enthält ungültige Felder.' });
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'colour', code: 'unknown_field', message: 'colour ist kein bekanntes Feld' },
          { field: 'limit', code: 'out_of_range', message: 'limit darf nicht größer als 200 sein' },
          { field: 'state', code: 'not_one_of', message: expect.stringMatching(/^state muss einer dieser Werte sein: \w/) },
        ]),
      );
    }
    for (const res of [answers.en, answers.enByQ]) {
      expect(res.headers['content-language']).toBe('en');
      expect(res.body).toMatchObject({ title: 'Bad Request', detail: 'The request has invalid fields.' });
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'colour', code: 'unknown_field', message: 'property colour should not exist' },
          { field: 'limit', code: 'out_of_range', message: 'limit must not be greater than 200' },
        ]),
      );
    }
  });

  it('give field errors of every kind of constraint their code', async () => {
    const res = await t
      .http()
      .post(`${api}/sessions`)
      .set(...bearer(t.keys.editor))
      .send({ state: 'tagt', cancelled: 'ja', start: '2025-09-01T18:00:00', end: 'morgen', locationId: 'Rathaus', committeeIds: [MISSING, 'x'], extra: 1 })
      .expect(400);
    expect(res.body.code).toBe('invalid_fields');
    const errors = res.body.errors as FieldError[];
    expect(errors.map((e) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['name', 'required'],
        ['state', 'not_one_of'],
        ['cancelled', 'not_a_boolean'],
        ['start', 'not_a_date'],
        ['end', 'not_a_date'],
        ['locationId', 'not_a_uuid'],
        ['committeeIds', 'not_a_uuid'],
        ['extra', 'unknown_field'],
      ]),
    );
    // An absent field is one error, not one per constraint it fails.
    expect(errors.filter((e) => e.field === 'name')).toEqual([{ field: 'name', code: 'required', message: 'name fehlt' }]);
    const long = await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).set('Accept-Language', 'en').send({ name: 'x'.repeat(501), start: '2025-09-01T18:00:00+02:00' }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'name', code: 'too_long', message: 'name must be shorter than or equal to 500 characters' }]);
    const tooMany = await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).send({ name: 'x', start: '2025-09-01T18:00:00+02:00', committeeIds: Array(21).fill(MISSING) }).expect(400);
    expect(tooMany.body.errors).toEqual([{ field: 'committeeIds', code: 'too_many', message: 'committeeIds darf höchstens 20 Einträge enthalten' }]);
    const reference = await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).send({ name: 'x', start: '2025-09-01T18:00:00+02:00', locationId: MISSING }).expect(400);
    expect(reference.body).toMatchObject({
      code: 'invalid_fields',
      detail: 'Die Anfrage verweist auf Datensätze, die es in dieser Körperschaft nicht gibt.',
      errors: [{ field: 'locationId', code: 'unknown_reference', message: 'locationId verweist auf keinen Datensatz vom Typ „Ort“ in dieser Körperschaft' }],
    });
    const order = await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).send({ name: 'x', start: '2025-09-01T18:00:00+02:00', end: '2025-09-01T17:00:00+02:00' }).expect(400);
    expect(order.body.errors).toEqual([{ field: 'end', code: 'before_start', message: 'end darf nicht vor start liegen' }]);
    expect(await t.ds.query('SELECT count(*)::int AS n FROM session')).toEqual([{ n: 0 }]);
  });

  it('answer in German when no language the API speaks is asked for', async () => {
    for (const header of ['fr-FR, it;q=0.8', 'xx-YY', '*', 'en;q=0', 'de-AT;q=0.2, tlh;q=0.9']) {
      const res = await badQuery(header);
      expect({ header, language: res.headers['content-language'], title: res.body.title }).toEqual({ header, language: 'de', title: 'Ungültige Anfrage' });
    }
  });

  it('answer normally, in German, to a 10 KB Accept-Language header', async () => {
    const huge = Array.from({ length: 1000 }, (_, i) => `en-${String(i).padStart(4, '0')};q=0.${i % 10}`).join(',').slice(0, 10 * 1024);
    expect(huge.length).toBeGreaterThan(9000);
    const res = await badQuery(huge);
    expect(res.headers['content-language']).toBe('de');
    expect(res.body).toMatchObject({ status: 400, code: 'invalid_fields', title: 'Ungültige Anfrage' });
    await t.http().get(`${api}/sessions`).set('Accept-Language', huge).expect(200);
    const garbage = await badQuery('q=;'.repeat(3000));
    expect(garbage.headers['content-language']).toBe('de');
  });

  it('translate 404', async () => {
    const de = await t.http().get(`${api}/sessions/${MISSING}`).expect(404);
    const en = await t.http().get(`${api}/sessions/${MISSING}`).set('Accept-Language', 'en-GB').expect(404);
    expect(de.body).toMatchObject({ code: 'not_found', title: 'Nicht gefunden', detail: `Sitzung ${MISSING} nicht gefunden` });
    expect(en.body).toMatchObject({ code: 'not_found', title: 'Not Found', detail: `Session ${MISSING} not found` });
    expect([de.headers['content-language'], en.headers['content-language']]).toEqual(['de', 'en']);
    const route = await t.http().get('/v1/nowhere?x=1').set('Accept-Language', 'en').expect(404);
    expect(route.body).toMatchObject({ code: 'not_found', detail: 'There is no route GET /v1/nowhere.' });
  });

  it('translate 401', async () => {
    const unknown = await t.http().post(`${api}/sessions`).set(...bearer('rk_unknown')).send({}).expect(401);
    expect(unknown.body).toMatchObject({ code: 'invalid_credentials', title: 'Nicht angemeldet', detail: 'Der API-Schlüssel ist unbekannt oder widerrufen.' });
    const malformed = await t.http().post(`${api}/sessions`).set('Authorization', 'Basic eDp5').set('Accept-Language', 'en').send({}).expect(401);
    expect(malformed.body).toMatchObject({ code: 'unauthenticated', title: 'Unauthorized', detail: 'The Authorization header must be "Bearer <key>".' });
    const none = await t.http().post(`${api}/sessions`).send({}).expect(401);
    expect(none.body).toMatchObject({ code: 'unauthenticated', detail: 'Diese Route braucht einen API-Schlüssel: Senden Sie „Authorization: Bearer <Schlüssel>“.' });
  });

  it('translate 429 and keep Retry-After', async () => {
    const ip: [string, string] = ['X-Forwarded-For', '10.9.0.1'];
    await t.http().get(`${api}/search?q=Haushalt`).set(...ip).expect(200);
    const de = await t.http().get(`${api}/search?q=Haushalt`).set(...ip).expect(429);
    const en = await t.http().get(`${api}/search?q=Haushalt`).set(...ip).set('Accept-Language', 'en').expect(429);
    expect(de.headers['retry-after']).toMatch(/^\d+$/);
    expect(de.headers['content-language']).toBe('de');
    expect(de.body).toMatchObject({ code: 'rate_limited', title: 'Zu viele Anfragen', detail: expect.stringMatching(/^Zu viele Suchanfragen: höchstens 1 pro Minute\. Bitte in \d+ Sekunden erneut versuchen\.$/) });
    expect(en.body).toMatchObject({ code: 'rate_limited', title: 'Too Many Requests', detail: expect.stringMatching(/^Too many searches: at most 1 per minute\. Retry after \d+ seconds\.$/) });
  });

  it('translate 413', async () => {
    const big = { name: 'x', start: '2025-09-01T18:00:00+02:00', description: 'x'.repeat(t.config.bodyLimitBytes) };
    const de = await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).send(big).expect(413);
    const en = await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).set('Accept-Language', 'en').send(big).expect(413);
    expect(de.body).toMatchObject({ code: 'payload_too_large', title: 'Anfrage zu groß', detail: `Der Inhalt der Anfrage ist größer, als diese Route annimmt (${t.config.bodyLimitBytes} Bytes).` });
    expect(en.body).toMatchObject({ code: 'payload_too_large', title: 'Payload Too Large', detail: `The request body is larger than this route accepts (${t.config.bodyLimitBytes} bytes).` });
  });

  it('translate what the JSON parser refuses', async () => {
    const send = (text: string, language?: string) => {
      const req = t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).set('Content-Type', 'application/json');
      return (language ? req.set('Accept-Language', language) : req).send(text).expect(400);
    };
    const de = await send('{"name": "x",');
    const en = await send('{"name": "x",', 'en');
    expect(de.body).toMatchObject({ code: 'invalid_body', title: 'Ungültige Anfrage', detail: 'Der Inhalt der Anfrage ist kein gültiges JSON.' });
    expect(en.body).toMatchObject({ code: 'invalid_body', title: 'Bad Request', detail: 'The request body is not valid JSON.' });
    expect(en.headers['content-language']).toBe('en');
    expect(en.text).not.toMatch(/Unexpected|position/);
    const empty = await send('', 'en');
    expect(empty.body).toMatchObject({ code: 'invalid_body', detail: 'A request with Content-Type: application/json needs a body.' });
  });
});
