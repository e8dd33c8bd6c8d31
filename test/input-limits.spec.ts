import { connect } from 'node:net';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** Sends bytes as they are (supertest and Node's client would encode or refuse them) and reads the whole answer. */
function rawRequest(port: number, request: string | Buffer): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

describe('input limits', () => {
  let t: Ctx;
  let port: number;
  const api = '/v1/bodies/musterstadt';
  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await t.ds.query(
      `SELECT (SELECT count(*) FROM change_event)::int AS events, (SELECT count(*) FROM location)::int AS locations,
              (SELECT count(*) FROM session)::int AS sessions, (SELECT count(*) FROM person)::int AS people`,
    );
    return row as Record<string, number>;
  };

  beforeAll(async () => {
    t = await startWithBody();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => t.close());

  describe('deeply nested JSON', () => {
    const bodies = {
      arrays: (depth: number) => '['.repeat(depth) + ']'.repeat(depth),
      objects: (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      'a value of a real field': (depth: number) => `{"token":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`,
      'brackets inside strings do not count': () => JSON.stringify({ token: '['.repeat(20_000) }),
    };

    it('is refused with 400 before it is parsed, on anonymous and keyed routes, quickly', async () => {
      const before = await counts();
      for (const depth of [5_000, 20_000]) {
        for (const [kind, make] of Object.entries(bodies).slice(0, 3)) {
          for (const [path, key] of [[`${api}/newsletter/confirm`, null], [`${api}/locations`, t.keys.editor]] as const) {
            const request = t.http().post(path).set('Content-Type', 'application/json');
            if (key) request.set(...bearer(key));
            const started = Date.now();
            const res = await request.send(make(depth));
            expect({ kind, depth, path, status: res.status }).toEqual({ kind, depth, path, status: 400 });
            expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
            expect(res.body).toMatchObject({ code: 'invalid_body', detail: expect.stringContaining('32') });
            expect(Date.now() - started).toBeLessThan(500);
          }
        }
      }
      expect(await counts()).toEqual(before);
    });

    it('up to the limit reaches validation, and brackets inside strings are text', async () => {
      const atLimit = await t.http().post(`${api}/newsletter/confirm`).set('Content-Type', 'application/json').send(bodies.objects(31)).expect(400);
      expect(atLimit.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'a' })]));
      const inString = await t.http().post(`${api}/locations`).set(...bearer(t.keys.editor)).send({ description: '['.repeat(600) }).expect(400);
      expect(inString.body.errors).toEqual([{ field: 'description', code: 'too_long', message: expect.stringContaining('500') }]);
      await t.http().post(`${api}/locations`).set(...bearer(t.keys.editor)).send({ description: '[{'.repeat(100) }).expect(201);
    });
  });

  describe('body size', () => {
    it('refuses JSON over the default limit with 413 and says the limit', async () => {
      const before = await counts();
      const res = await t
        .http()
        .post(`${api}/sessions`)
        .set(...bearer(t.keys.editor))
        .send({ name: 'Sitzung', start: '2025-09-01T18:00:00+02:00', padding: 'x'.repeat(200 * 1024) })
        .expect(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'payload_too_large', detail: expect.stringContaining(`(${128 * 1024} `) });
      const anonymous = await t.http().post(`${api}/newsletter/confirm`).send({ token: 'x'.repeat(1024 * 1024) }).expect(413);
      expect(anonymous.body.requestId).toEqual(expect.any(String));
      expect(await counts()).toEqual(before);
    });

    it('lets agenda items carry a 100,000-character resolution text', async () => {
      const session = await createSession(t.ds, { bodyId: t.body.id, name: 'Ratssitzung', start: new Date('2025-03-04T17:00:00Z') });
      const line = 'Haushalt 2026: je 1.000 € für Straßen, Brücken, Übergänge – „Förderung“ geprüft.\n';
      const resolutionText = line.repeat(Math.ceil(100_000 / line.length)).slice(0, 100_000);
      // As Python's json.dumps sends it by default: every non-ASCII character as \uXXXX.
      const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const create = asciiJson({ sessionId: session.id, name: 'Haushalt', resolutionText });
      expect(Buffer.byteLength(create)).toBeGreaterThan(128 * 1024);
      const send = (method: 'post' | 'patch', path: string, json: string) => t.http()[method](path).set(...bearer(t.keys.editor)).set('Content-Type', 'application/json').send(json);
      const created = await send('post', `${api}/agenda-items`, create).expect(201);
      expect(created.body.resolutionText).toBe(resolutionText);
      const item = await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId: session.id, name: 'Bebauungsplan' });
      await send('patch', `${api}/agenda-items/${item.id}`, asciiJson({ resolutionText })).expect(200);
      // Other routes keep the default limit.
      await send('post', `${api}/locations`, asciiJson({ description: resolutionText.slice(0, 500), padding: resolutionText })).expect(413);
    });
  });

  describe('control characters', () => {
    it('are refused in query parameters that reach PostgreSQL, naming the parameter', async () => {
      for (const [path, field] of [
        ['documents?type=%00', 'type'],
        ['documents?reference=%00', 'reference'],
        ['search?q=Haushalt&document_type=%00', 'document_type'],
        ['sessions?cursor=a%01b', 'cursor'],
        ['documents?type=Beschluss%0Avorlage', 'type'],
      ]) {
        const res = await t.http().get(`${api}/${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field, code: 'invalid_text', message: expect.stringMatching(/\(\D*U\+00(00|01|0A)\)$/) }]);
      }
    });

    it('are refused in path segments, before the body is looked up', async () => {
      const body = await t.http().get('/v1/bodies/muster%00stadt/sessions').expect(400);
      expect(body.body.errors).toEqual([{ field: 'body', code: 'invalid_text', message: expect.stringContaining('U+0000') }]);
      await t.http().get(`${api}/sessions/%7F`).expect(400);
      const oparl = await t.http().get('/oparl/v1.1/bodies/muster%00stadt').expect(400);
      expect(oparl.body.type).toBe('https://schema.oparl.org/1.1/Error');
    });

    it('are refused in JSON bodies, in values and in field names, and nothing is written', async () => {
      const before = await counts();
      const send = (path: string, body: string) => t.http().post(`${api}/${path}`).set(...bearer(t.keys.editor)).set('Content-Type', 'application/json').send(body);
      const cases: [string, string, string][] = [
        ['locations', '{"description":"a\\u0000b"}', 'description'],
        ['locations', '{"room":"a\\u001bb"}', 'room'],
        ['locations', '{"room":"Raum\\n101"}', 'room'],
        ['locations', '{"locality":"a\\u0085b"}', 'locality'],
        ['people', '{"name":"Erika","email":["a@b.example","c\\u0000@d.example"]}', 'email.1'],
        ['people', '{"name":"Erika","title":["Dr.\\t"]}', 'title'],
        ['sessions', '{"name":"Sitzung","start":"2025-09-01T18:00:00+02:00","a\\u0000":1}', 'body'],
      ];
      for (const [path, json, field] of cases) {
        const res = await send(path, json);
        expect({ json, status: res.status }).toEqual({ json, status: 400 });
        expect(res.body.errors).toEqual([expect.objectContaining({ field, code: 'invalid_text' })]);
      }
      const surrogate = await send('locations', '{"description":"a\\ud800b"}').expect(400);
      expect(surrogate.body.errors).toEqual([{ field: 'description', code: 'invalid_text', message: expect.stringContaining('Surrogat') }]);
      expect(await counts()).toEqual(before);
    });

    it('allows tab and line breaks in multi-line text only', async () => {
      const description = 'Rathaus\r\n\tRatssaal\n2. Stock';
      const created = await t.http().post(`${api}/locations`).set(...bearer(t.keys.editor)).send({ description, room: 'Raum 101' }).expect(201);
      expect(created.body.description).toBe(description);
      const person = await t.http().post(`${api}/people`).set(...bearer(t.keys.editor)).send({ name: 'Erika Mustermann', life: 'Geboren 1970.\n\nSeit 2014 im Rat.' }).expect(201);
      expect(person.body.life).toBe('Geboren 1970.\n\nSeit 2014 im Rat.');
      const name = await t.http().post(`${api}/people`).set(...bearer(t.keys.editor)).send({ name: 'Erika\nMustermann' }).expect(400);
      expect(name.body.errors).toEqual([{ field: 'name', code: 'invalid_text', message: 'name darf keine Steuerzeichen enthalten (gefunden: U+000A)' }]);
      const bell = await t.http().post(`${api}/people`).set(...bearer(t.keys.editor)).set('Accept-Language', 'en').send({ name: 'Erika', life: 'a\u0007b' }).expect(400);
      expect(bell.body.errors).toEqual([{ field: 'life', code: 'invalid_text', message: 'life must not contain control characters other than tab and line breaks (found U+0007)' }]);
    });
  });

  describe('malformed requests', () => {
    it('refuse prototype names and malformed percent-encoding in the query', async () => {
      const proto = await t.http().get(`${api}/sessions?__proto__=1`).expect(400);
      expect(proto.body.errors).toEqual([{ field: 'query', code: 'forbidden_name', message: expect.stringContaining('(__proto__)') }]);
      const encoding = await t.http().get(`${api}/search?q=%FF%FE`).expect(400);
      expect(encoding.body.errors).toEqual([{ field: 'q', code: 'bad_encoding', message: expect.any(String) }]);
    });

    it('read numbers in the query only when written in decimal digits, and want JSON numbers in bodies', async () => {
      for (const limit of ['0x10', '1e1', '%201', '1.0']) await t.http().get(`${api}/sessions?limit=${limit}`).expect(400);
      await t.http().get(`${api}/sessions?limit=10`).expect(200);
      const item = await t.http().post(`${api}/agenda-items`).set(...bearer(t.keys.editor)).send({ sessionId: '00000000-0000-4000-8000-000000000000', name: 'x', position: '1' }).expect(400);
      expect(item.body.errors).toEqual(expect.arrayContaining([{ field: 'position', code: 'not_an_integer', message: expect.any(String) }]));
    });

    it('refuse JSON bodies that are not objects, and multipart bodies on JSON routes', async () => {
      const before = await counts();
      for (const json of ['null', '[]', '"x"', '1', 'true']) {
        const res = await t.http().post('/v1/me/account').set('Content-Type', 'application/json').send(json).expect(400);
        expect(res.body).toMatchObject({ code: 'invalid_body', detail: 'Der JSON-Inhalt der Anfrage muss ein Objekt sein.' });
      }
      const multipart = await t.http().post('/v1/me/account').field('deviceName', 'Tablet').expect(415);
      expect(multipart.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await counts()).toEqual(before);
      expect(await t.ds.query('SELECT count(*)::int AS n FROM app_account')).toEqual([{ n: 0 }]);
    });

    it('answer path segments the router refuses with problems', async () => {
      const long = await t.http().get(`${api}/sessions/${'a'.repeat(201)}`).set('Origin', 'https://www.musterstadt.example').expect(414);
      expect(long.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(long.headers['access-control-allow-origin']).toBe('*');
      expect(long.body).toMatchObject({ status: 414, code: 'uri_too_long', title: 'Adresse zu lang', detail: 'Ein Pfadsegment ist länger als 200 Zeichen.', requestId: long.headers['x-request-id'] });
      const encoding = await t.http().get('/v1/bodies/%FF/sessions').set('Accept-Language', 'en').expect(400);
      expect(encoding.body).toMatchObject({ status: 400, code: 'invalid_request', detail: 'The path holds a percent-encoding that is not UTF-8.' });
      expect(encoding.headers['content-language']).toBe('en');
    });
  });

  describe('errors of the HTTP layer', () => {
    it('answer raw UTF-8 in the URL with a problem, CORS and the request id', async () => {
      const res = await rawRequest(port, Buffer.from(`GET ${api}/search?q=Straße HTTP/1.1\r\nHost: api.test\r\nOrigin: https://www.musterstadt.example\r\nX-Request-Id: probe-1\r\nAccept-Language: en-GB, de;q=0.5\r\n\r\n`, 'utf8'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['x-request-id']).toBe('probe-1');
      expect(res.headers['content-language']).toBe('en');
      expect(JSON.parse(res.body)).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'invalid_request',
        detail: expect.stringContaining('percent-encoded'),
        requestId: 'probe-1',
      });
      // Percent-encoded, the same query is fine.
      await t.http().get(`${api}/search?q=Stra%C3%9Fe`).expect(200);
    });

    it('answer control characters in headers and oversized headers with problems', async () => {
      const control = await rawRequest(port, `GET ${api}/sessions HTTP/1.1\r\nHost: api.test\r\nX-Note: a\u0001b\r\n\r\n`);
      expect(control.status).toBe(400);
      expect(JSON.parse(control.body)).toMatchObject({ status: 400, requestId: control.headers['x-request-id'] });
      const large = await rawRequest(port, `GET ${api}/sessions HTTP/1.1\r\nHost: api.test\r\nX-Note: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(large.status).toBe(431);
      expect(large.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.parse(large.body)).toMatchObject({ status: 431, code: 'headers_too_large', title: 'Header zu groß' });
      expect(large.headers['content-language']).toBe('de');
    });

    it('answer malformed JSON, an empty JSON body and a wrong content type with problems and CORS', async () => {
      const origin = 'https://www.musterstadt.example';
      const malformed = await t.http().post(`${api}/newsletter/confirm`).set('Origin', origin).set('Content-Type', 'application/json').send('{"token":').expect(400);
      const empty = await t.http().post(`${api}/newsletter/confirm`).set('Origin', origin).set('Content-Type', 'application/json').send('').expect(400);
      const poisoned = await t.http().post(`${api}/newsletter/confirm`).set('Origin', origin).set('Content-Type', 'application/json').send('{"__proto__":{"x":1}}').expect(400);
      const xml = await t.http().post(`${api}/newsletter/confirm`).set('Origin', origin).set('Content-Type', 'application/xml').send('<token/>').expect(415);
      for (const res of [malformed, empty, poisoned, xml]) {
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
      }
    });
  });
});
