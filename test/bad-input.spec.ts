import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { AccountsService } from '../src/modules/accounts/accounts.service';
import { startWithBody } from './support/app';
import {
  createAgendaItem,
  createCommittee,
  createConsultation,
  createDocument,
  createLegislativeTerm,
  createLocation,
  createMembership,
  createMinutes,
  createPerson,
  createSession,
} from './support/factories';

/**
 * The bad-input battery: every operation of openapi/v1.json gets malformed path ids, query
 * parameters, headers and bodies (deep nesting, control characters, lone surrogates, huge
 * strings, wrong types, unknown fields, prototype keys, duplicated parameters, wrong content
 * types, forged tokens, raw UTF-8 in the URL), as anonymous caller, member, editor and admin
 * key and app account. Every answer must be a 4xx problem+json, and the database must be
 * exactly as before.
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { type: string; schema: Schema };
  security: 'none' | 'key' | 'account';
}

const spec = JSON.parse(readFileSync(join(__dirname, '..', 'openapi', 'v1.json'), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: Record<string, unknown>[] }>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.split('/').pop() ?? '']);
  if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), nullable: schema.nullable };
  return schema;
}

const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => {
    const [type, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    const scheme = op.security?.length ? Object.keys(op.security[0])[0] : undefined;
    return {
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: type ? { type, schema: resolve(content.schema) } : undefined,
      security: scheme === 'account' ? 'account' : scheme ? 'key' : 'none',
    } satisfies Operation;
  }),
);

type Caller = 'anonymous' | 'member' | 'editor' | 'admin' | 'account';

interface Case {
  label: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

const NUL = '\u0000';
const HUGE = 'x'.repeat(10_000);

/** Malformed values for a path segment (percent-encoded as they go into the URL). */
const BAD_SEGMENTS = ['%00', 'a%01b', '%0A', '%E2%80%AE', "x'--", '..%2F..%2Fapi_key', 'A'.repeat(300), '%C3%28', '%FF', '-1', '1e309', '00000000-0000-4000-8000-00000000000G', `${randomUUID()}%00`, randomUUID()];

/** Values a query parameter of this schema must refuse. */
function badQueryValues(schema: Schema): string[] {
  const values = ['%00', 'a%0Ab', '%1B', '%C2%85', HUGE, '%FF%FE'];
  if (schema.type === 'number' || schema.type === 'integer') return [...values, 'abc', '1.5', '-1', '1e309', '99999999999999999999', '0x10', ''];
  if (schema.type === 'boolean') return [...values, 'maybe', '2'];
  if (schema.format === 'uuid') return [...values, 'abc', `${randomUUID()}x`];
  if (schema.format === 'date' || schema.format === 'date-time') return [...values, '2025-13-45', 'yesterday'];
  if (schema.enum) return [...values, 'zzz'];
  if (schema.maxLength) return [...values, 'x'.repeat(schema.maxLength + 1)];
  return values;
}

/** Values a JSON body property of this schema must refuse. */
function badPropertyValues(raw: Schema): unknown[] {
  const schema = resolve(raw);
  const values: unknown[] = [`a${NUL}b`, '\u001b', '\ud800', { $gt: '' }, ['x', ['y']]];
  if (!schema.nullable) values.push(null);
  if (schema.type === 'string' || schema.enum) {
    values.push(123, true, {});
    if (schema.maxLength) values.push('x'.repeat(schema.maxLength + 1));
    if (schema.format === 'uuid') values.push('abc', randomUUID());
    if (schema.format === 'date-time') values.push('2025-02-30T10:00:00+01:00', '2025-01-01T10:00:00');
    if (schema.format === 'date') values.push('2025-02-30');
    if (schema.enum) values.push('zzz');
  } else if (schema.type === 'integer' || schema.type === 'number') {
    values.push('1', 1.5, -1, 1e308, (schema.maximum ?? 1e9) + 1);
  } else if (schema.type === 'boolean') {
    values.push('true', 1);
  } else if (schema.type === 'array') {
    values.push('x', {}, [null], [{}], [`a${NUL}`], Array.from({ length: (schema.maxItems ?? 1000) + 1 }, (_, i) => `x${i}`));
  } else {
    values.push('x', [], { zzz: 1 }, { [`k${NUL}`]: 'v' });
    for (const [name, property] of Object.entries(schema.properties ?? {})) values.push({ [name]: badPropertyValues(property)[0] });
  }
  return values;
}

/** Whole JSON bodies that every route must refuse. */
const BAD_BODIES: [string, string][] = [
  ['arrays nested 5,000 deep', '['.repeat(5000) + ']'.repeat(5000)],
  ['objects nested 40 deep', '{"a":'.repeat(40) + '1' + '}'.repeat(40)],
  ['malformed', '{"a":'],
  ['empty', ''],
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"x"'],
  ['a number', '1'],
  ['a prototype key', '{"__proto__":{"admin":true}}'],
  ['a constructor key', '{"constructor":{"prototype":{"admin":true}}}'],
  ['an unknown field', '{"zzz":1}'],
  ['a NUL in a field name', '{"a\\u0000":1}'],
  ['a NUL in an unknown field', '{"zzz":"a\\u0000b"}'],
  ['over the size limit', JSON.stringify({ zzz: 'x'.repeat(1_100_000) })],
];

function bodyCases(op: Operation, url: string): Case[] {
  // GET bodies are never read.
  if (op.method === 'GET') return [];
  const json = { 'content-type': 'application/json' };
  const cases: Case[] = BAD_BODIES.map(([label, payload]) => ({ label: `body: ${label}`, url, headers: json, payload }));
  if (!op.body) return cases.slice(0, 2);
  cases.push(
    { label: 'body: text/plain', url, headers: { 'content-type': 'text/plain' }, payload: 'x' },
    { label: 'body: XML', url, headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
    { label: 'body: a form with an unknown field', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'zzz=1' },
    { label: 'body: broken multipart', url, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb' },
  );
  if (op.body.type === 'multipart/form-data') {
    const form = (fields: Record<string, string>, file = true): string =>
      [
        ...Object.entries(fields).map(([name, value]) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
        ...(file ? ['--B\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nHallo\r\n'] : []),
        '--B--\r\n',
      ].join('');
    const multipart = { 'content-type': 'multipart/form-data; boundary=B' };
    for (const [name, property] of Object.entries(op.body.schema.properties ?? {})) {
      if (name === 'file') continue;
      for (const value of [`a${NUL}b`, '\u001b', HUGE, property.type === 'string' && !property.format ? 'x'.repeat(70_000) : 'zzz']) {
        cases.push({ label: `form field ${name}=${JSON.stringify(value.slice(0, 10))}`, url, headers: multipart, payload: form({ [name]: value }) });
      }
    }
    cases.push(
      { label: 'form: an unknown field', url, headers: multipart, payload: form({ zzz: '1' }) },
      { label: 'form: no file', url, headers: multipart, payload: form({ name: 'x' }, false) },
      { label: 'form: JSON instead', url, headers: json, payload: '{}' },
    );
    return cases;
  }
  for (const [name, property] of Object.entries(op.body.schema.properties ?? {})) {
    for (const value of badPropertyValues(property)) {
      const payload = JSON.stringify({ [name]: value });
      cases.push({ label: `body: ${name}=${payload.slice(name.length + 4, name.length + 40)}`, url, headers: json, payload });
    }
  }
  return cases;
}

function queryCases(op: Operation, url: string): Case[] {
  const query = op.parameters.filter((p) => p.in === 'query');
  // Routes without query parameters ignore the query; those still refuse control characters.
  if (!query.length) return ['%00', '%0A', '%7F'].map((v) => ({ label: `query: x=${v}`, url: `${url}?x=${v}` }));
  const cases: Case[] = [
    { label: 'query: unknown parameter', url: `${url}?zzz=1` },
    { label: 'query: __proto__', url: `${url}?__proto__=1` },
    { label: 'query: constructor', url: `${url}?constructor[prototype][admin]=1` },
    { label: 'query: NUL in a name', url: `${url}?a%00=1` },
  ];
  for (const p of query) {
    for (const value of badQueryValues(resolve(p.schema))) cases.push({ label: `query: ${p.name}=${value.slice(0, 20)}`, url: `${url}?${p.name}=${value}` });
    cases.push(
      { label: `query: ${p.name} twice`, url: `${url}?${p.name}=1&${p.name}=2` },
      { label: `query: ${p.name}[]`, url: `${url}?${p.name}[]=1` },
      { label: `query: ${p.name}[a]`, url: `${url}?${p.name}[a]=1` },
    );
  }
  return cases;
}

function headerCases(op: Operation, url: string): Case[] {
  return op.parameters
    .filter((p) => p.in === 'header')
    .flatMap((p) => ['"', 'ä'.repeat(100), 'x'.repeat(8000), 'W/"1", "2"'].map((value) => ({ label: `header: ${p.name}=${value.slice(0, 10)}`, url, headers: { [p.name]: value } })));
}

const FORGED = [
  `Bearer rk_${'A'.repeat(43)}`,
  `Bearer ra_${'A'.repeat(43)}`,
  `Bearer rk_${'x'.repeat(5000)}`,
  'Bearer',
  'Bearer a b',
  'Basic dXNlcjpwYXNz',
  'Bearer rk_ä',
  `Bearer ${randomUUID()}`,
];

describe('bad input, on every operation of the OpenAPI spec', () => {
  let t: Awaited<ReturnType<typeof startWithBody>>;
  let port: number;
  let fingerprintSql: string;
  const tokens: Record<Caller, string | null> = { anonymous: null, member: null, editor: null, admin: null, account: null };
  /** Real ids for path parameters, by the path segment before them. */
  const ids: Record<string, string> = {};

  const fingerprint = async (): Promise<string> => JSON.stringify(await t.ds.query(fingerprintSql));

  beforeAll(async () => {
    t = await startWithBody({
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_SEARCHES_PER_MINUTE: '0',
      ME_WRITES_PER_MINUTE: '1000000',
      ME_ACCOUNTS_PER_IP_PER_HOUR: '1000000',
      ME_PAIRING_ATTEMPTS_PER_IP_PER_HOUR: '1000000',
      NEWSLETTER_SUBSCRIBE_PER_IP_PER_HOUR: '1000000',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
    Object.assign(tokens, { member: t.keys.member, editor: t.keys.editor, admin: t.keys.admin });

    const bodyId = t.body.id;
    const committee = await createCommittee(t.ds, { bodyId });
    const person = await createPerson(t.ds, { bodyId });
    const session = await createSession(t.ds, { bodyId, committeeIds: [committee.id] });
    const document = await createDocument(t.ds, { bodyId });
    Object.assign(ids, {
      committees: committee.id,
      people: person.id,
      sessions: session.id,
      documents: document.id,
      memberships: (await createMembership(t.ds, { bodyId, personId: person.id, committeeId: committee.id })).id,
      'agenda-items': (await createAgendaItem(t.ds, { bodyId, sessionId: session.id })).id,
      consultations: (await createConsultation(t.ds, { bodyId, documentId: document.id })).id,
      minutes: (await createMinutes(t.ds, { bodyId, sessionId: session.id })).id,
      locations: (await createLocation(t.ds, { bodyId })).id,
      'legislative-terms': (await createLegislativeTerm(t.ds, { bodyId })).id,
    });

    const upload = await t
      .http()
      .post('/v1/bodies/musterstadt/files')
      .set('Authorization', `Bearer ${t.keys.editor}`)
      .field('documentId', document.id)
      .field('publish', 'true')
      .attach('file', Buffer.from('Der Rat beschließt das Radwegekonzept.'), { filename: 'vorlage.txt', contentType: 'text/plain' })
      .expect(201);
    ids.files = upload.body.id as string;

    const account = await t.http().post('/v1/me/account').send({ deviceName: 'Tablet' }).expect(201);
    tokens.account = account.body.token as string;
    ids.tokens = account.body.tokenId as string;
    ids['member-accounts'] = account.body.account.id as string;
    const auth = { Authorization: `Bearer ${tokens.account}` };
    ids.notes = (await t.http().post('/v1/me/notes').set(auth).send({ target: { type: 'document', id: document.id }, text: 'Kosten?' }).expect(201)).body.id as string;
    ids.bookmarks = (await t.http().post('/v1/me/bookmarks').set(auth).send({ target: { type: 'session', id: session.id } }).expect(201)).body.id as string;
    ids.follows = (await t.http().post('/v1/me/follows').set(auth).send({ target: { type: 'committee', id: committee.id } }).expect(201)).body.id as string;
    ids.markings = (await t.http().post('/v1/me/markings').set(auth).send({ fileId: ids.files, quote: { exact: 'Radwegekonzept' } }).expect(201)).body.id as string;
    expect(await t.app.get(AccountsService).resolve(tokens.account)).not.toBeNull();

    // Every table, each row as JSON but for the last-use stamps that any authenticated request may move.
    const tables: { name: string }[] = await t.ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    fingerprintSql = tables
      .map(({ name }) => `SELECT '${name}' AS t, count(*) AS n, md5(coalesce(string_agg(x, '|' ORDER BY x), '')) AS h FROM (SELECT (to_jsonb(r) - 'last_used_at')::text AS x FROM "${name}" r) s`)
      .join(' UNION ALL ');
  });
  afterAll(async () => t.close());

  /** The path with real ids (or a body's slug), so that malformed input is the only fault. */
  const validPath = (path: string): string =>
    path.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
      if (name === 'body') return 'musterstadt';
      const segment = path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return ids[segment] ?? randomUUID();
    });

  function casesOf(op: Operation, full: boolean): Case[] {
    const url = validPath(op.path);
    const pathCases = op.parameters
      .filter((p) => p.in === 'path')
      .flatMap((p) => BAD_SEGMENTS.map((segment) => ({ label: `path: ${p.name}=${segment.slice(0, 40)}`, url: validPath(op.path.replace(`{${p.name}}`, segment)) })));
    if (!full) return [...pathCases.slice(0, 4), ...bodyCases(op, url).slice(0, 2)];
    return [...pathCases, ...queryCases(op, url), ...bodyCases(op, url), ...headerCases(op, url)];
  }

  /** Callers that get past the access check of the operation are tried with every case, the others with a few. */
  const reaches = (op: Operation, caller: Caller): boolean =>
    op.security === 'none' ? caller !== 'admin' && caller !== 'editor' : op.security === 'key' ? caller === 'editor' || caller === 'admin' : caller === 'account';

  it('covers the whole spec', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((op) => op.body).length).toBeGreaterThan(30);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s: every bad request gets a 4xx problem and changes nothing', async (_, op) => {
    const before = await fingerprint();
    const failures: string[] = [];
    const callers: Caller[] = ['anonymous', 'member', 'editor', 'admin', 'account'];
    const requests = callers.flatMap((caller) => casesOf(op, reaches(op, caller)).map((c) => ({ caller, c })));
    const anonymous: Caller = 'anonymous';
    requests.push(...FORGED.map((authorization) => ({ caller: anonymous, c: { label: `forged token ${authorization.slice(0, 16)}`, url: validPath(op.path), headers: { authorization } } })));
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async ({ caller, c }) => {
          const token = tokens[caller];
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: c.url,
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...c.headers },
            payload: c.payload,
          });
          const problem = /^application\/problem\+json/.test(String(res.headers['content-type'])) ? res.json<{ status?: number; requestId?: string }>() : null;
          if (res.statusCode < 400 || res.statusCode >= 500 || problem?.status !== res.statusCode || !problem.requestId) {
            failures.push(`${caller} ${c.label}: ${res.statusCode} ${String(res.headers['content-type'])} ${res.body.slice(0, 200)}`);
          }
        }),
      );
    }
    // Raw UTF-8 in the URL, as curl sends it: refused by the HTTP parser, answered as a problem.
    const raw = await new Promise<string>((done, fail) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from(`${op.method} ${validPath(op.path)}?q=Straße HTTP/1.1\r\nHost: api.test\r\n\r\n`, 'utf8')));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('error', fail);
      socket.on('close', () => done(text));
    });
    if (!/^HTTP\/1\.1 400 [^\r]*\r\n[\s\S]*content-type: application\/problem\+json/i.test(raw)) failures.push(`raw UTF-8 in the URL: ${raw.slice(0, 200)}`);

    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });
});
