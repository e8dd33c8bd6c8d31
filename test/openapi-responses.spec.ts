import { readFileSync } from 'node:fs';
import { checkDocumentedResponse, findTemplate, SPEC_FILE, validateResponse } from './support/openapi-responses';

const json = { 'content-type': 'application/json; charset=utf-8' };
const sessionId = '4f3c2b1a-0000-4000-8000-000000000001';
const session = {
  published: true,
  created: '2025-02-01T09:30:00+01:00',
  modified: '2025-02-03T14:05:10+01:00',
  id: sessionId,
  name: '12. Sitzung des Rates',
  state: 'scheduled',
  cancelled: false,
  start: '2025-03-04T18:00:00+01:00',
  end: null,
  location: null,
  committees: [],
  agendaItems: [],
  files: [],
  minutes: [],
};
const get = (path: string, body: unknown, status = 200, headers: Record<string, string> = json) => () => checkDocumentedResponse('GET', path, { status, headers, body });

describe('the response check of the test agent', () => {
  it('finds operations by their path template, literal segments first', () => {
    expect(findTemplate(`/v1/bodies/musterstadt/sessions/${sessionId}`)).toBe('/v1/bodies/{body}/sessions/{id}');
    expect(findTemplate('/v1/bodies/musterstadt/search/suggest')).toBe('/v1/bodies/{body}/search/suggest');
    expect(findTemplate('/v1/nothing-here')).toBeUndefined();
  });

  it('takes a body that matches the operation schema, with nulls where the spec allows them', () => {
    expect(get(`/v1/bodies/musterstadt/sessions/${sessionId}?include=x`, session)).not.toThrow();
  });

  it('fails a body that breaks the schema, naming operation, pointer, expectation and value', () => {
    const wrong = { ...session, cancelled: 'no', start: '4. März 2025', name: null, committees: [{ id: 'not-a-uuid' }], extra: 1 };
    let message = '';
    try {
      get(`/v1/bodies/musterstadt/sessions/${sessionId}`, wrong)();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('GET /v1/bodies/{body}/sessions/{id} → 200 application/json');
    expect(message).toMatch(/at \/cancelled: must be boolean .*found "no"/);
    expect(message).toMatch(/at \/start: must match format "date-time".*found "4\. März 2025"/);
    expect(message).toMatch(/at \/name: must be string.*found null/);
    expect(message).toMatch(/at \/committees\/0: must have required property 'name'.*found an object with \["id"\]/);
    expect(message).toMatch(/at \/committees\/0\/id: must match format "uuid"/);
    expect(message).toMatch(/at \/: must NOT have additional properties.*found field "extra"/);
    const missing: Record<string, unknown> = { ...session };
    delete missing.minutes;
    expect(get(`/v1/bodies/musterstadt/sessions/${sessionId}`, missing)).toThrow(/must have required property 'minutes'/);
  });

  it('truncates a long offending value', () => {
    expect(get(`/v1/bodies/musterstadt/sessions/${sessionId}`, { ...session, name: ['x'.repeat(1000)] })).toThrow(/found \["x{100,}… \(\d+ characters\)/);
  });

  it('fails a 2xx JSON answer of an undocumented route, operation, status or media type', () => {
    expect(get('/v1/bodies/musterstadt/secrets', {})).toThrow(/not in openapi\/v1.json \(undocumented route\)/);
    expect(() => checkDocumentedResponse('PUT', '/v1/bodies/musterstadt', { status: 200, headers: json, body: {} })).toThrow(/no PUT for \/v1\/bodies\/\{body\}/);
    expect(get(`/v1/bodies/musterstadt/sessions/${sessionId}`, session, 203)).toThrow(/status 203 is not documented/);
    expect(get(`/v1/bodies/musterstadt/sessions/${sessionId}`, session, 200, { 'content-type': 'application/ld+json' })).toThrow(/documents no application\/ld\+json body/);
  });

  it('leaves alone what the spec does not describe: problems, other media types, OParl, metrics', () => {
    expect(get('/v1/bodies/musterstadt/secrets', { type: 'about:blank' }, 404)).not.toThrow();
    expect(get('/v1/bodies/musterstadt/calendar.ics', 'BEGIN:VCALENDAR', 200, { 'content-type': 'text/calendar' })).not.toThrow();
    expect(get('/oparl/v1.1/body', { data: 1 })).not.toThrow();
    expect(get('/metrics', {})).not.toThrow();
  });

  it('compiles every 2xx JSON response schema of the spec', () => {
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    let checked = 0;
    for (const [template, operations] of Object.entries(spec.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses))
          for (const mediaType of Object.keys(response.content ?? {}))
            if (status.startsWith('2') && /json$/.test(mediaType)) {
              const path = template.replace(/\{[^}]+\}/g, 'x');
              // A body of the wrong type: compiling must succeed, validating must fail.
              expect(() => validateResponse(method, path, Number(status), mediaType, Symbol.for('nothing'))).toThrow(/does not match/);
              checked++;
            }
    expect(checked).toBeGreaterThan(50);
  });
});
