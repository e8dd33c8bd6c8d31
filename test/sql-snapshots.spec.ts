/**
 * The SQL of every list and detail query, per audience, as committed in `queries/*.sql`, so
 * that a change to what a caller may see shows in review. The repositories run against a
 * recording stand-in for `Db` (no database): each query's text and parameters are captured,
 * formatted and compared with the committed file. `npm run sql:snapshots` rewrites the files.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'sql-formatter';
import type { QueryResultRow } from 'pg';
import type { Caller, Scope, Visibility } from '../src/common/access/access';
import { encodeCursor } from '../src/common/pagination/cursor';
import type { KeysetOrder } from '../src/common/pagination/keyset';
import type { Db } from '../src/infra/database/db.service';
import type { SearchRequest } from '../src/infra/search/engine';
import { PostgresSearchEngine } from '../src/infra/search/postgres.engine';
import { parseQuery } from '../src/infra/search/query';
import { AGENDA_ITEM_ID_ORDER, AGENDA_ORDER, AgendaItemsRepository } from '../src/modules/agenda-items/agenda-items.repository';
import { BODY_ORDER, BodiesRepository } from '../src/modules/bodies/bodies.repository';
import { CalendarRepository } from '../src/modules/calendar/calendar.repository';
import { CHANGE_ORDER, ChangesRepository } from '../src/modules/changes/changes.repository';
import { COMMITTEE_ORDER, CommitteesRepository } from '../src/modules/committees/committees.repository';
import { CONSULTATION_ORDER, ConsultationsRepository } from '../src/modules/consultations/consultations.repository';
import { DOCUMENT_ORDER, DocumentsRepository } from '../src/modules/documents/documents.repository';
import { FeedsRepository } from '../src/modules/feeds/feeds.repository';
import { FILE_ORDER, FilesRepository } from '../src/modules/files/files.repository';
import { LegislativeTermsRepository, TERM_ORDER } from '../src/modules/legislative-terms/legislative-terms.repository';
import { LOCATION_ORDER, LocationsRepository } from '../src/modules/locations/locations.repository';
import { MEMBERSHIP_ORDER, MembershipsRepository } from '../src/modules/memberships/memberships.repository';
import { MINUTES_ORDER, MinutesRepository } from '../src/modules/minutes/minutes.repository';
import { OPARL_ORDER, OparlRepository } from '../src/modules/oparl/oparl.repository';
import { KINDS, OBJECT_SEGMENTS } from '../src/modules/oparl/oparl.sql';
import { PERSON_ORDER, PeopleRepository } from '../src/modules/people/people.repository';
import { SESSION_ORDER, SessionsRepository } from '../src/modules/sessions/sessions.repository';

const FOLDER = join(__dirname, '..', 'queries');
const UPDATE = process.env.SQL_SNAPSHOTS === 'update';

// Fixed parameters: the same file on every run.
const BODY = '00000000-0000-4000-8000-00000000b0d1';
const ID = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000a2';
const KEY = '00000000-0000-4000-8000-00000000ce11';
const BASE = 'https://ratsinfo.musterstadt.example/v1/bodies/musterstadt';
const SINCE = '2026-01-01T00:00:00Z';

/** Who reads: the three audiences of `src/common/access/`. */
const AUDIENCES: { name: string; visibility: Visibility; caller: Caller }[] = [
  { name: 'anonymous', visibility: 'public', caller: { keyId: null, role: 'anonymous', bodyId: null } },
  { name: 'member', visibility: 'member', caller: { keyId: KEY, role: 'member', bodyId: BODY } },
  { name: 'editor', visibility: 'staff', caller: { keyId: KEY, role: 'editor', bodyId: BODY } },
];

const scopeOf = (audience: (typeof AUDIENCES)[number]): Scope => ({
  body: { id: BODY, slug: 'musterstadt', name: 'Musterstadt', webUrlTemplates: {} },
  caller: audience.caller,
  visibility: audience.visibility,
  requestId: null,
});

/** A cursor of `order` with fixed values, so that the keyset predicate is rendered too. */
function cursorOf(order: KeysetOrder): string {
  const sample = { uuid: OTHER, timestamptz: '2026-03-01 18:00:00+01', date: '2026-03-01', text: 'Musterstadt', int: '3', bigint: '42' } as const;
  return encodeCursor(order.columns.map((c) => sample[c.cast]));
}

interface Captured {
  text: string;
  values: unknown[];
}

/** Stands in for `Db`: records each query and answers with no rows. */
class RecordingDb {
  readonly captured: Captured[] = [];

  rows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    this.captured.push({ text, values });
    return Promise.resolve([]);
  }

  jsonRows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return this.rows<T>(text, values);
  }

  async one<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T | undefined> {
    await this.rows<T>(text, values);
    return undefined;
  }
}

/** One query of a snapshot file: its name and how to make the repository send it. */
interface Query {
  name: string;
  /** Rendered once per audience; without it, once (OParl is public only). */
  perAudience: boolean;
  run: (db: Db, scope: Scope) => Promise<unknown>;
}

const audienceQuery = (name: string, run: Query['run']): Query => ({ name, perAudience: true, run });
const publicQuery = (name: string, run: (db: Db) => Promise<unknown>): Query => ({ name, perAudience: false, run: (db) => run(db) });

const LIMIT = 25;

/** The snapshot files: one per repository. */
const FILES: Record<string, Query[]> = {
  sessions: [
    audienceQuery('list', (db, s) => new SessionsRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new SessionsRepository(db).list(
        s,
        { from: '2026-01-01', to: '2026-12-31', committee: OTHER, state: 'scheduled', cancelled: false, modified_since: SINCE, cursor: cursorOf(SESSION_ORDER) },
        LIMIT,
      ),
    ),
    audienceQuery('detail', (db, s) => new SessionsRepository(db).detail(s, ID, BASE)),
  ],
  documents: [
    audienceQuery('list', (db, s) => new DocumentsRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new DocumentsRepository(db).list(
        s,
        { type: 'Antrag', reference: 'DS 2026/001', date_from: '2026-01-01', date_to: '2026-12-31', committee: OTHER, modified_since: SINCE, cursor: cursorOf(DOCUMENT_ORDER) },
        LIMIT,
      ),
    ),
    audienceQuery('detail', (db, s) => new DocumentsRepository(db).detail(s, ID, BASE)),
  ],
  'agenda-items': [
    audienceQuery('list', (db, s) => new AgendaItemsRepository(db).list(s, {}, AGENDA_ITEM_ID_ORDER, LIMIT)),
    audienceQuery('list of one session, after a cursor', (db, s) =>
      new AgendaItemsRepository(db).list(s, { session: OTHER, modified_since: SINCE, cursor: cursorOf(AGENDA_ORDER) }, AGENDA_ORDER, LIMIT),
    ),
    audienceQuery('detail', (db, s) => new AgendaItemsRepository(db).detail(s, ID, BASE)),
  ],
  committees: [
    audienceQuery('list', (db, s) => new CommitteesRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new CommitteesRepository(db).list(s, { kind: 'committee', current: true, modified_since: SINCE, cursor: cursorOf(COMMITTEE_ORDER) }, LIMIT),
    ),
    audienceQuery('detail', (db, s) => new CommitteesRepository(db).detail(s, ID)),
  ],
  people: [
    audienceQuery('list', (db, s) => new PeopleRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new PeopleRepository(db).list(s, { committee: OTHER, current: true, modified_since: SINCE, cursor: cursorOf(PERSON_ORDER) }, LIMIT),
    ),
    audienceQuery('detail', (db, s) => new PeopleRepository(db).detail(s, ID)),
  ],
  files: [
    audienceQuery('list', (db, s) => new FilesRepository(db).list(s, {}, LIMIT, BASE)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new FilesRepository(db).list(
        s,
        { document: OTHER, agenda_item: OTHER, session: OTHER, mime_type: 'application/pdf', modified_since: SINCE, cursor: cursorOf(FILE_ORDER) },
        LIMIT,
        BASE,
      ),
    ),
    audienceQuery('detail', (db, s) => new FilesRepository(db).detail(s, ID, BASE, false)),
    audienceQuery('detail with text', (db, s) => new FilesRepository(db).detail(s, ID, BASE, true)),
    audienceQuery('content', (db, s) => new FilesRepository(db).content(s, ID)),
  ],
  consultations: [
    audienceQuery('list', (db, s) => new ConsultationsRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new ConsultationsRepository(db).list(
        s,
        { document: OTHER, agenda_item: OTHER, session: OTHER, committee: OTHER, modified_since: SINCE, cursor: cursorOf(CONSULTATION_ORDER) },
        LIMIT,
      ),
    ),
    audienceQuery('detail', (db, s) => new ConsultationsRepository(db).detail(s, ID)),
  ],
  minutes: [
    audienceQuery('list', (db, s) => new MinutesRepository(db).list(s, {}, LIMIT, BASE)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new MinutesRepository(db).list(s, { session: OTHER, status: 'approved', kind: 'results', modified_since: SINCE, cursor: cursorOf(MINUTES_ORDER) }, LIMIT, BASE),
    ),
    audienceQuery('detail', (db, s) => new MinutesRepository(db).detail(s, ID, BASE)),
  ],
  memberships: [
    audienceQuery('list', (db, s) => new MembershipsRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new MembershipsRepository(db).list(s, { committee: OTHER, person: OTHER, current: true, modified_since: SINCE, cursor: cursorOf(MEMBERSHIP_ORDER) }, LIMIT),
    ),
    audienceQuery('detail', (db, s) => new MembershipsRepository(db).detail(s, ID)),
  ],
  locations: [
    audienceQuery('list', (db, s) => new LocationsRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list after a cursor', (db, s) => new LocationsRepository(db).list(s, { modified_since: SINCE, cursor: cursorOf(LOCATION_ORDER) }, LIMIT)),
    audienceQuery('detail', (db, s) => new LocationsRepository(db).detail(s, ID)),
  ],
  'legislative-terms': [
    audienceQuery('list', (db, s) => new LegislativeTermsRepository(db).list(s, {}, LIMIT)),
    audienceQuery('list after a cursor', (db, s) => new LegislativeTermsRepository(db).list(s, { modified_since: SINCE, cursor: cursorOf(TERM_ORDER) }, LIMIT)),
    audienceQuery('detail', (db, s) => new LegislativeTermsRepository(db).detail(s, ID)),
  ],
  bodies: [
    publicQuery('list', (db) => new BodiesRepository(db).list({ modified_since: SINCE, cursor: cursorOf(BODY_ORDER) }, LIMIT)),
    audienceQuery('detail', (db, s) => new BodiesRepository(db).detail(BODY, s.visibility)),
  ],
  changes: [
    audienceQuery('list', (db, s) => new ChangesRepository(db).list(s, {}, LIMIT, BASE)),
    audienceQuery('list with every filter, after a cursor', (db, s) =>
      new ChangesRepository(db).list(s, { resource: 'session', modified_since: SINCE, cursor: cursorOf(CHANGE_ORDER) }, LIMIT, BASE),
    ),
  ],
  calendar: [
    audienceQuery('sessions of the body', (db, s) => new CalendarRepository(db).sessions(s, { kind: 'body' })),
    audienceQuery('sessions of a committee', (db, s) => new CalendarRepository(db).sessions(s, { kind: 'committee', id: OTHER })),
    audienceQuery('sessions of a person', (db, s) => new CalendarRepository(db).sessions(s, { kind: 'person', id: OTHER })),
  ],
  feeds: [
    audienceQuery('sessions', (db, s) => new FeedsRepository(db).sessions(s, undefined)),
    audienceQuery('sessions of a committee', (db, s) => new FeedsRepository(db).sessions(s, OTHER)),
    audienceQuery('documents', (db, s) => new FeedsRepository(db).documents(s, {})),
    audienceQuery('documents of a committee and type', (db, s) => new FeedsRepository(db).documents(s, { committee: OTHER, documentType: 'Antrag' })),
  ],
  // The PostgreSQL search engine: member and editor keys search non-public entries too (drafts are never indexed).
  search: [
    audienceQuery('search (exact, prefix and typo stages)', (db, s) => searchEngine(db).search(searchRequest(s, {}))),
    audienceQuery('search with every filter, newest first', (db, s) =>
      searchEngine(db).search({
        ...searchRequest(s, { types: ['document', 'session'], committeeId: OTHER, documentType: 'Antrag', dateFrom: '2026-01-01', dateTo: '2026-12-31' }),
        sort: 'newest',
        facets: ['type', 'year'],
      }),
    ),
    audienceQuery('suggest', (db, s) => searchEngine(db).suggest({ scopes: searchRequest(s, {}).scopes, prefix: 'Radw', limit: 8 })),
  ],
  oparl: [
    publicQuery('bodies', (db) => oparlRepository(db).bodies(OPARL_BASES, oparlQuery())),
    publicQuery('bodies changed since, after a cursor', (db) =>
      oparlRepository(db).bodies(OPARL_BASES, oparlQuery({ filters: { modified_since: SINCE }, cursor: cursorOf(OPARL_ORDER) })),
    ),
    ...OBJECT_SEGMENTS.flatMap((segment) => [
      publicQuery(`list of ${segment}`, (db) => oparlRepository(db).list(OPARL_BASES, KINDS[segment], BODY, oparlQuery())),
      publicQuery(`list of ${segment} changed since, after a cursor`, (db) =>
        oparlRepository(db).list(OPARL_BASES, KINDS[segment], BODY, oparlQuery({ filters: { modified_since: SINCE }, cursor: cursorOf(OPARL_ORDER) })),
      ),
      publicQuery(`object ${segment}`, (db) => oparlRepository(db).object(OPARL_BASES, segment, ID)),
    ]),
    publicQuery('list of meeting of an organization', (db) =>
      oparlRepository(db).list(OPARL_BASES, KINDS.meeting, BODY, oparlQuery(), { kind: 'meeting', organizationId: OTHER }),
    ),
    publicQuery('list of consultation of an organization', (db) =>
      oparlRepository(db).list(OPARL_BASES, KINDS.consultation, BODY, oparlQuery(), { kind: 'consultation', organizationId: OTHER }),
    ),
  ],
};

/** The PostgreSQL search engine on a pool that records into `db`. */
function searchEngine(db: Db): PostgresSearchEngine {
  const pool = { query: async (text: string, values: unknown[] = []) => ({ rows: await db.rows(text, values) }) };
  return new PostgresSearchEngine(pool as unknown as ConstructorParameters<typeof PostgresSearchEngine>[0]);
}

function searchRequest(scope: Scope, filters: SearchRequest['filters']): SearchRequest {
  return { scopes: [{ bodyId: BODY, nonPublic: scope.visibility !== 'public' }], query: parseQuery('Radwege Sanierung'), filters, sort: 'relevance', offset: 0, limit: 20 };
}

/** With pre-rendering on: a plain list page reads the rendered objects first (and, finding none here, renders live). */
const oparlRepository = (db: Db): OparlRepository => new OparlRepository(db, { oparlRender: { enabled: true, quietSeconds: 10, maxDelaySeconds: 300 } });

const OPARL_BASES = { oparl: 'https://ratsinfo.musterstadt.example/oparl/v1.1', rest: 'https://ratsinfo.musterstadt.example' };

function oparlQuery(over: Partial<Parameters<OparlRepository['bodies']>[1]> = {}): Parameters<OparlRepository['bodies']>[1] {
  return { filters: {}, omitInternal: false, limit: 100, ...over };
}

function formatSql(text: string): string {
  return format(text, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2, expressionWidth: 80 });
}

/** The text of one snapshot file. */
async function render(file: string, queries: Query[]): Promise<string> {
  const parts = [`-- The SQL of ${file}, as each audience's request sends it (test/sql-snapshots.spec.ts).`, '-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.'];
  for (const query of queries) {
    const audiences = query.perAudience ? AUDIENCES : [AUDIENCES[0]];
    for (const audience of audiences) {
      const db = new RecordingDb();
      await query.run(db as unknown as Db, scopeOf(audience));
      if (db.captured.length === 0) throw new Error(`${file}: "${query.name}" sent no query`);
      db.captured.forEach((captured, i) => {
        const title = [query.name, query.perAudience ? audience.name : 'public', db.captured.length > 1 ? `query ${i + 1} of ${db.captured.length}` : null];
        parts.push(
          '',
          `-- ${file}: ${title.filter((t) => t !== null).join(' · ')}`,
          `-- parameters: ${captured.values.map((v) => JSON.stringify(v)).join(', ') || 'none'}`,
          `${formatSql(captured.text)};`,
        );
      });
    }
  }
  return `${parts.join('\n')}\n`;
}

describe('SQL snapshots (queries/*.sql)', () => {
  if (UPDATE) mkdirSync(FOLDER, { recursive: true });

  it.each(Object.keys(FILES))('queries/%s.sql is the SQL the repository sends', async (file) => {
    const path = join(FOLDER, `${file}.sql`);
    const rendered = await render(file, FILES[file]);
    if (UPDATE) {
      writeFileSync(path, rendered);
      return;
    }
    let committed: string;
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`queries/${file}.sql is missing: run \`npm run sql:snapshots\` and commit it`);
    }
    if (committed !== rendered) {
      const a = committed.split('\n');
      const b = rendered.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(
        `queries/${file}.sql differs from the SQL the code sends (first at line ${line + 1}:\n  committed: ${a[line]}\n  rendered:  ${b[line]})\n` +
          'If the change is intended, run `npm run sql:snapshots` (or SQL_SNAPSHOTS=update npx jest test/sql-snapshots.spec.ts) and commit the files.',
      );
    }
  });

  it('keeps no file for a repository it no longer renders', () => {
    if (UPDATE) return;
    const stale = readdirSync(FOLDER).filter((f) => f.endsWith('.sql') && !(f.slice(0, -4) in FILES));
    expect(stale).toEqual([]);
  });
});
