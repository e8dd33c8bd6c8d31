import { md5UuidSql } from '../ids';
import { Queryable, quoteIdent, returnedRows } from '../sql';
import type { LargeShape, ReferenceData } from './reference';
import { closedTitles, documentTitles, snippets } from './vocabulary';

/**
 * Generates the big tables of the benchmark city inside PostgreSQL with generate_series:
 * sessions, agenda items, documents, consultations, files and minutes. Runs in one
 * transaction (the temporary tables live until its end). Ids are md5-derived from the body id
 * and a row number, so a rerun writes the same ids, and rows are upserted.
 *
 * How rows hang together: session i (in time order) has agenda items g = base(i) … base(i+1)-1;
 * of the eligible items exactly `consultations` are linked, the k-th linked item carries
 * consultation k. Two of every three consultations open a new document (document d, dated a
 * few weeks before its session); every third is the decision on an earlier document, about a
 * month and a half later.
 */

export interface BlobSet {
  sizes: number[];
  sha512s: string[];
  storageKeys: string[];
}

export interface GenerationInput {
  bodyId: string;
  shape: LargeShape;
  ref: ReferenceData;
  blobs: BlobSet;
}

const uuid = (key: string, numberExpression: string): string => md5UuidSql(`$1::text || ':${key}:' || ${numberExpression}`);

const TITLE_COUNT = 4_000;
const CLOSED_TITLE_COUNT = 400;
const TEXT_COUNT = 1_500;

/** Document types by `d % 20`: about 45 % drafts, 20 % motions, 15 % questions, 15 % reports, 5 % statements. */
const TYPE_CYCLE = [
  ...Array<string>(9).fill('Beschlussvorlage'),
  ...Array<string>(4).fill('Antrag'),
  ...Array<string>(3).fill('Anfrage'),
  ...Array<string>(3).fill('Mitteilungsvorlage'),
  'Stellungnahme',
];

function upsertSql(table: string, columns: readonly string[], select: string): string {
  const set = columns.filter((c) => c !== 'id').map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
  return `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})\n${select}\nON CONFLICT (id) DO UPDATE SET ${set.join(', ')}, modified_at = now(), deleted_at = NULL, modified_by_key_id = NULL`;
}

async function count(q: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return Number(returnedRows<{ n: string }>(await q.query(sql, params))[0]?.n ?? 0);
}

/** Rows of the body written by this transaction. */
const writtenNow = (q: Queryable, table: string, bodyId: string): Promise<number> =>
  count(q, `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE body_id = $1 AND modified_at = now()`, [bodyId]);

/** Word lists as temporary tables, indexed 0…n-1. */
export async function loadVocabulary(q: Queryable): Promise<void> {
  const table = async (name: string, values: string[]): Promise<void> => {
    await q.query(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT (n - 1)::int AS idx, value FROM unnest($1::text[]) WITH ORDINALITY AS t(value, n)`, [values]);
    await q.query(`ALTER TABLE ${name} ADD PRIMARY KEY (idx)`);
  };
  await table('g_title', documentTitles(TITLE_COUNT));
  await table('g_closed_title', closedTitles(CLOSED_TITLE_COUNT));
  await table('g_text', snippets(TEXT_COUNT));
}

export async function generateSessions(q: Queryable, input: GenerationInput): Promise<number> {
  const { shape, ref } = input;
  const S = shape.sessions;
  const A = shape.agendaItems;
  const NP = shape.nonPublicItems;
  const committees = ref.sessionCommitteeIds.length;
  await q.query(
    `CREATE TEMP TABLE g_session ON COMMIT DROP AS
     SELECT i, ${uuid('session', 'i')} AS id, i % ${committees} AS committee_idx, start,
            (((i + 1)::bigint * ${A}) / ${S} - (i::bigint * ${A}) / ${S})::int AS n_items,
            (((i + 1)::bigint * ${NP}) / ${S} - (i::bigint * ${NP}) / ${S})::int AS n_np,
            (i::bigint * ${A}) / ${S} AS item_base,
            start < now() AS held,
            i % 97 = 13 AS cancelled
     FROM generate_series(0, ${S - 1}) AS i
     CROSS JOIN LATERAL (SELECT (i::bigint * ${ref.weekdays} / ${S})::int AS w) AS wd
     CROSS JOIN LATERAL (
       SELECT (($2::date + ((wd.w / 5) * 7 + wd.w % 5)) + make_time(16 + i % 3, (i % 2) * 30, 0)) AT TIME ZONE 'Europe/Berlin' AS start
     ) AS t`,
    [input.bodyId, ref.firstDay],
  );
  await q.query('ALTER TABLE g_session ADD PRIMARY KEY (i)');
  await q.query('ANALYZE g_session');
  await q.query(
    upsertSql(
      'session',
      ['id', 'body_id', 'name', 'state', 'cancelled', 'start', 'end', 'location_id', 'published_at'],
      `SELECT s.id, $1::uuid, (s.i / ${committees} + 1) || '. ' || ($2::text[])[s.committee_idx + 1],
              (CASE WHEN s.held AND s.cancelled THEN 'invited' WHEN s.held THEN 'held'
                    WHEN s.start < now() + interval '14 days' THEN 'invited' ELSE 'scheduled' END)::session_state,
              s.cancelled, s.start, s.start + interval '3 hours', ($3::uuid[])[1 + s.i % ${ref.locations.length}],
              least(s.start - interval '28 days', now())
       FROM g_session s`,
    ),
    [input.bodyId, ref.sessionTitles, ref.locations.map((l) => l.id)],
  );
  await q.query(
    `DELETE FROM session_committee sc USING g_session s WHERE sc.session_id = s.id AND sc.committee_id <> ($1::uuid[])[s.committee_idx + 1]`,
    [ref.sessionCommitteeIds],
  );
  await q.query(
    `INSERT INTO session_committee (session_id, committee_id, position)
     SELECT s.id, ($1::uuid[])[s.committee_idx + 1], 0 FROM g_session s
     ON CONFLICT (session_id, committee_id) DO UPDATE SET position = 0`,
    [ref.sessionCommitteeIds],
  );
  return S;
}

/** Agenda items, which of them carry a consultation, and the documents those open. */
export async function planAgendas(q: Queryable, input: GenerationInput): Promise<{ documents: number }> {
  const C = input.shape.consultations;
  await q.query(
    `CREATE TEMP TABLE g_item ON COMMIT DROP AS
     SELECT s.item_base + j AS g, j, s.i, s.id AS session_id, s.committee_idx, s.start, s.held, s.cancelled,
            s.n_items - s.n_np AS n_pub, j < s.n_items - s.n_np AS public
     FROM g_session s CROSS JOIN LATERAL generate_series(0, s.n_items - 1) AS j`,
  );
  await q.query('ALTER TABLE g_item ADD PRIMARY KEY (g)');
  await q.query('ANALYZE g_item');
  await q.query(
    `CREATE TEMP TABLE g_link ON COMMIT DROP AS
     SELECT g, row_number() OVER (ORDER BY g) - 1 AS r FROM g_item
     WHERE (public AND j >= 2 AND j < n_pub - 1) OR (NOT public AND j > n_pub)`,
  );
  const eligible = await count(q, 'SELECT count(*) AS n FROM g_link');
  if (eligible < C) throw new Error(`only ${eligible} agenda items can carry the ${C} consultations; raise the agenda items per session`);
  // An even lag keeps first and second consultations on different documents (see above).
  const lag = 2 * Math.max(1, Math.round((C / 3) * 0.005));
  await q.query(
    `CREATE TEMP TABLE g_consult ON COMMIT DROP AS
     SELECT k, g, k % 3 = 2 AS second,
            (CASE WHEN k % 3 < 2 THEN (k / 3) * 2 + k % 3
                  WHEN k / 3 >= ${lag} THEN 2 * (k / 3 - ${lag}) + (k / 3) % 2
                  ELSE 2 * (k / 3) + (k / 3 + 1) % 2 END)::int AS d
     FROM (SELECT g, (r * ${C}) / ${eligible} AS k, ((r + 1) * ${C}) / ${eligible} AS k_next FROM g_link) AS x
     WHERE k_next > k`,
  );
  await q.query('ALTER TABLE g_consult ADD PRIMARY KEY (k)');
  await q.query('CREATE INDEX ON g_consult (g)');
  await q.query('CREATE INDEX ON g_consult (d)');
  await q.query('ANALYZE g_consult');
  await q.query(
    `CREATE TEMP TABLE g_document ON COMMIT DROP AS
     WITH opened AS (
       SELECT c.d, it.public, least((it.start AT TIME ZONE 'Europe/Berlin')::date - (7 + c.d % 21), current_date) AS date,
              CASE WHEN it.public THEN ($2::text[])[1 + c.d % 20] ELSE 'Beschlussvorlage' END AS type,
              EXISTS (SELECT 1 FROM g_consult c2 WHERE c2.d = c.d AND c2.second) AS has_second
       FROM g_consult c JOIN g_item it ON it.g = c.g
       WHERE NOT c.second
     ), numbered AS (
       SELECT o.*, row_number() OVER (PARTITION BY extract(year FROM o.date) ORDER BY o.date, o.d) AS rn FROM opened o
     )
     SELECT n.d, ${uuid('document', 'n.d')} AS id, n.public, n.date, n.type, n.has_second,
            (CASE WHEN n.rn < 10000 THEN lpad(n.rn::text, 4, '0') ELSE n.rn::text END) || '/' || extract(year FROM n.date)::int AS reference,
            CASE WHEN NOT n.public THEN ct.value
                 WHEN n.type IN ('Antrag', 'Anfrage') THEN n.type || ' der ' || ($3::text[])[1 + n.d % ${input.ref.factionNames.length}] || ': ' || t.value
                 WHEN n.type = 'Stellungnahme' THEN 'Stellungnahme der Verwaltung: ' || t.value
                 ELSE t.value END AS title
     FROM numbered n
     JOIN g_title t ON t.idx = (n.d::bigint * 7919) % ${TITLE_COUNT}
     JOIN g_closed_title ct ON ct.idx = (n.d::bigint * 31) % ${CLOSED_TITLE_COUNT}`,
    [input.bodyId, TYPE_CYCLE, input.ref.factionNames],
  );
  await q.query('ALTER TABLE g_document ADD PRIMARY KEY (d)');
  await q.query('ANALYZE g_document');
  await finalAgendas(q);
  return { documents: await count(q, 'SELECT count(*) AS n FROM g_document') };
}

/**
 * The agendas as written: an item takes the public flag of the document it carries (a
 * decision on a non-public document belongs to the non-public part), public items come
 * first, and each part is numbered on its own ("Ö 3", "N 2").
 */
async function finalAgendas(q: Queryable): Promise<void> {
  await q.query(
    `CREATE TEMP TABLE g_agenda ON COMMIT DROP AS
     SELECT x.*,
            row_number() OVER (PARTITION BY x.i ORDER BY NOT x.public, x.sort) - 1 AS position,
            CASE WHEN x.public THEN 'Ö ' ELSE 'N ' END || row_number() OVER (PARTITION BY x.i, x.public ORDER BY x.sort) AS number
     FROM (
       SELECT it.g, it.i, it.j, it.session_id, it.committee_idx, it.start, it.held, it.cancelled,
              -- the formal items stay where they belong: minutes first in the non-public part, reports last in the public one
              CASE WHEN NOT it.public AND it.j = it.n_pub THEN -1 WHEN it.public AND it.j = it.n_pub - 1 THEN 1000000 ELSE it.j END AS sort,
              it.public AS planned_public, it.n_pub, coalesce(doc.public, it.public) AS public,
              c.k, c.second, doc.d, doc.id AS document_id, doc.date AS document_date, doc.type, doc.reference, doc.title,
              CASE WHEN doc.d IS NULL THEN NULL
                   WHEN doc.type IN ('Mitteilungsvorlage', 'Anfrage', 'Stellungnahme') THEN 'Kenntnisnahme'
                   WHEN c.second OR NOT doc.has_second THEN 'Entscheidung'
                   ELSE 'Vorberatung' END AS role
       FROM g_item it
       LEFT JOIN g_consult c ON c.g = it.g
       LEFT JOIN g_document doc ON doc.d = c.d
     ) AS x`,
  );
  await q.query('ALTER TABLE g_agenda ADD PRIMARY KEY (g)');
  await q.query('ANALYZE g_agenda');
}

/** Result of a consultation in a held session, by its role. */
const RESULT_SQL = `CASE a.role
  WHEN 'Kenntnisnahme' THEN CASE WHEN a.type = 'Anfrage' THEN 'beantwortet' ELSE 'zur Kenntnis genommen' END
  WHEN 'Vorberatung' THEN (ARRAY['einstimmig empfohlen', 'einstimmig empfohlen', 'mehrheitlich empfohlen', 'vertagt'])[1 + a.g % 4]
  ELSE (ARRAY['einstimmig beschlossen', 'einstimmig beschlossen', 'mehrheitlich beschlossen', 'mehrheitlich beschlossen', 'mit Änderungen beschlossen', 'abgelehnt'])[1 + a.g % 6] END`;

const RESOLUTION_SQL = `CASE a.role
  WHEN 'Kenntnisnahme' THEN 'Die Vorlage ' || a.reference || ' „' || a.title || '“ wird zur Kenntnis genommen.'
  WHEN 'Vorberatung' THEN 'Empfehlung an den Rat: Beschluss zu „' || a.title || '“ gemäß dem Beschlussvorschlag der Vorlage ' || a.reference || '.'
  ELSE 'Beschluss zu „' || a.title || '“ gemäß dem Beschlussvorschlag der Vorlage ' || a.reference || '.' END`;

export async function insertAgendaItems(q: Queryable, input: GenerationInput): Promise<void> {
  await q.query(
    upsertSql(
      'agenda_item',
      ['id', 'body_id', 'session_id', 'number', 'position', 'name', 'public', 'result', 'resolution_text', 'published_at'],
      `SELECT ${uuid('item', 'a.g')}, $1::uuid, a.session_id, a.number, a.position,
              CASE WHEN a.d IS NOT NULL THEN a.title
                   WHEN a.j = 0 THEN 'Eröffnung der Sitzung und Feststellung der Beschlussfähigkeit'
                   WHEN a.j = 1 THEN 'Genehmigung der Niederschrift über die letzte Sitzung'
                   WHEN a.planned_public AND a.j = a.n_pub - 1 THEN 'Mitteilungen der Verwaltung und Anfragen'
                   WHEN NOT a.planned_public AND a.j = a.n_pub THEN 'Genehmigung der Niederschrift (nichtöffentlicher Teil)'
                   WHEN a.public THEN 'Bericht der Verwaltung: ' || t.value
                   ELSE 'Mitteilung (nichtöffentlich): ' || ct.value END,
              a.public,
              CASE WHEN NOT a.held OR a.cancelled OR a.j = 0 THEN NULL
                   WHEN a.d IS NULL THEN CASE WHEN a.j = 1 OR a.j = a.n_pub THEN 'genehmigt' ELSE 'zur Kenntnis genommen' END
                   ELSE ${RESULT_SQL} END,
              CASE WHEN a.held AND NOT a.cancelled AND a.d IS NOT NULL THEN ${RESOLUTION_SQL} END,
              least(a.start - interval '21 days', now())
       FROM g_agenda a
       JOIN g_title t ON t.idx = a.g % ${TITLE_COUNT}
       JOIN g_closed_title ct ON ct.idx = a.g % ${CLOSED_TITLE_COUNT}`,
    ),
    [input.bodyId],
  );
}

export async function insertDocuments(q: Queryable, input: GenerationInput): Promise<void> {
  const { ref } = input;
  const motion = `x.type IN ('Antrag', 'Anfrage')`;
  await q.query(
    upsertSql(
      'document',
      ['id', 'body_id', 'name', 'reference', 'document_type', 'date', 'public', 'originator_person_ids', 'originator_committee_ids', 'related_document_ids', 'superordinated_document_id', 'published_at'],
      `SELECT x.id, $1::uuid, x.title, x.reference, x.type, x.date, x.public,
              ARRAY[CASE WHEN ${motion} THEN ($2::uuid[])[1 + (x.d * 31) % ${ref.people.length}] ELSE $3::uuid END],
              CASE WHEN ${motion} THEN ARRAY[($4::uuid[])[1 + x.d % ${ref.factionIds.length}]] ELSE '{}'::uuid[] END,
              CASE WHEN x.type = 'Stellungnahme' AND x.d > 0 THEN ARRAY[${uuid('document', 'x.d - 1')}] ELSE '{}'::uuid[] END,
              CASE WHEN x.type = 'Stellungnahme' AND x.d > 0 THEN ${uuid('document', 'x.d - 1')} END,
              (x.date + time '12:00') AT TIME ZONE 'Europe/Berlin'
       FROM g_document x`,
    ),
    [input.bodyId, ref.people.map((p) => p.id), ref.mayorId, ref.factionIds],
  );
}

export async function insertConsultations(q: Queryable, input: GenerationInput): Promise<void> {
  await q.query(
    upsertSql(
      'consultation',
      ['id', 'body_id', 'document_id', 'agenda_item_id', 'session_id', 'committee_id', 'role', 'authoritative', 'position', 'published_at'],
      `SELECT ${uuid('consultation', 'a.k')}, $1::uuid, a.document_id, ${uuid('item', 'a.g')}, a.session_id, ($2::uuid[])[a.committee_idx + 1],
              a.role, a.role = 'Entscheidung', CASE WHEN a.second THEN 1 ELSE 0 END,
              (a.document_date + time '12:00') AT TIME ZONE 'Europe/Berlin'
       FROM g_agenda a
       WHERE a.k IS NOT NULL`,
    ),
    [input.bodyId, input.ref.sessionCommitteeIds],
  );
}

const FILE_COLUMNS = ['id', 'body_id', 'name', 'file_name', 'mime_type', 'size', 'sha512', 'storage_key', 'date', 'public', 'document_id', 'agenda_item_id', 'session_id', 'role', 'position', 'file_license', 'text', 'text_origin', 'published_at'];

/** SELECT list of a file row pointing at blob `blobExpression` (0-based). */
function fileSelect(fields: { id: string; name: string; fileName: string; blob: string; date: string; public: string; documentId: string; agendaItemId: string; sessionId: string; role: string; position: string; text: string; publishedAt: string }): string {
  const blob = `1 + (${fields.blob}) % $2::int`;
  return `SELECT ${fields.id}, $1::uuid, ${fields.name}, ${fields.fileName}, 'application/pdf', ($3::bigint[])[${blob}], ($4::text[])[${blob}], ($5::text[])[${blob}],
                 ${fields.date}, ${fields.public}, ${fields.documentId}, ${fields.agendaItemId}, ${fields.sessionId}, '${fields.role}'::file_role, ${fields.position},
                 'https://creativecommons.org/licenses/by/4.0/', ${fields.text}, 'text-layer', ${fields.publishedAt}`;
}

/**
 * File rows: an invitation per session, minutes per held session, a main file and attachments
 * per document, and resolutions on agenda items up to the total. They share the few stored
 * PDFs; the invitation of session 0 points at blob 0, the large one.
 */
export async function insertFiles(q: Queryable, input: GenerationInput): Promise<{ files: number; minutes: number }> {
  const { shape, blobs } = input;
  const params = [input.bodyId, blobs.sizes.length, blobs.sizes, blobs.sha512s, blobs.storageKeys];
  const upsert = (select: string, extra: unknown[] = []): Promise<unknown> => q.query(upsertSql('file', FILE_COLUMNS, select), [...params, ...extra]);
  const localDate = (ts: string): string => `(${ts} AT TIME ZONE 'Europe/Berlin')::date`;
  const dateText = (ts: string): string => `to_char(${ts} AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY')`;

  await upsert(
    `${fileSelect({
      id: uuid('file:invitation', 's.i'),
      name: `'Einladung'`,
      fileName: `'Einladung_' || ${localDate('s.start')} || '.pdf'`,
      blob: 's.i',
      date: `${localDate('s.start')} - 21`,
      public: 'true',
      documentId: 'NULL::uuid',
      agendaItemId: 'NULL::uuid',
      sessionId: 's.id',
      role: 'invitation',
      position: '0',
      text: `'Einladung zur Sitzung am ' || ${dateText('s.start')} || E'\\n\\n' || tx.value`,
      publishedAt: `least(s.start - interval '21 days', now())`,
    })}
     FROM g_session s JOIN g_text tx ON tx.idx = s.i % ${TEXT_COUNT}`,
  );
  await upsert(
    `${fileSelect({
      id: uuid('file:protocol', 's.i'),
      name: `'Niederschrift'`,
      fileName: `'Niederschrift_' || ${localDate('s.start')} || '.pdf'`,
      blob: 's.i + 7',
      date: `${localDate('s.start')} + 14`,
      public: 'true',
      documentId: 'NULL::uuid',
      agendaItemId: 'NULL::uuid',
      sessionId: 's.id',
      role: 'results_protocol',
      position: '1',
      text: `'Niederschrift über die Sitzung am ' || ${dateText('s.start')} || E'\\n\\n' || tx.value`,
      publishedAt: `least(s.start + interval '30 days', now())`,
    })}
     FROM g_session s JOIN g_text tx ON tx.idx = (s.i + 1) % ${TEXT_COUNT}
     WHERE s.held AND NOT s.cancelled`,
  );
  const documentFile = (kind: 'main' | 'auxiliary', position: string, blob: string, name: string, idKey: string): Parameters<typeof fileSelect>[0] => ({
    id: md5UuidSql(idKey),
    name,
    fileName: `${kind === 'main' ? `'Vorlage_'` : `'Anlage_' || ${position} || '_'`} || replace(x.reference, '/', '-') || '.pdf'`,
    blob,
    date: 'x.date',
    public: 'x.public',
    documentId: 'x.id',
    agendaItemId: 'NULL::uuid',
    sessionId: 'NULL::uuid',
    role: kind,
    position,
    text: `x.title || E'\\n\\n' || tx.value`,
    publishedAt: `(x.date + time '12:00') AT TIME ZONE 'Europe/Berlin'`,
  });
  await upsert(
    `${fileSelect(documentFile('main', '0', 'x.d + 3', `x.type || ' ' || x.reference`, `$1::text || ':file:main:' || x.d`))}
     FROM g_document x JOIN g_text tx ON tx.idx = (x.d * 13) % ${TEXT_COUNT}`,
  );
  const D = shape.documents;
  const X = shape.auxiliaryFiles;
  await upsert(
    `${fileSelect(documentFile('auxiliary', 'p', 'x.d * 3 + p', `'Anlage ' || p`, `$1::text || ':file:aux:' || x.d || ':' || p`))}
     FROM g_document x
     CROSS JOIN LATERAL generate_series(1, (((x.d + 1)::bigint * ${X}) / ${D} - (x.d::bigint * ${X}) / ${D})::int) AS p
     JOIN g_text tx ON tx.idx = (x.d * 7 + p) % ${TEXT_COUNT}`,
  );
  const sofar = await writtenNow(q, 'file', input.bodyId);
  const resolutions = Math.max(0, shape.files - sofar);
  await upsert(
    `${fileSelect({
      id: uuid('file:resolution', 'z.g'),
      name: `'Beschluss zu TOP ' || z.number`,
      fileName: `'Beschluss_' || replace(z.reference, '/', '-') || '.pdf'`,
      blob: 'z.g',
      date: localDate('z.start'),
      public: 'z.public',
      documentId: 'NULL::uuid',
      agendaItemId: uuid('item', 'z.g'),
      sessionId: 'NULL::uuid',
      role: 'resolution',
      position: '0',
      text: `'Beschluss: ' || z.title || E'\\n\\n' || tx.value`,
      publishedAt: `least(z.start + interval '7 days', now())`,
    })}
     FROM (
       SELECT a.g, a.number, a.public, a.start, a.reference, a.title, row_number() OVER (ORDER BY a.g) AS rn
       FROM g_agenda a
       WHERE a.role = 'Entscheidung' AND a.held AND NOT a.cancelled
     ) AS z
     JOIN g_text tx ON tx.idx = (z.g * 3) % ${TEXT_COUNT}
     WHERE z.rn <= ${resolutions}`,
  );
  await q.query(
    upsertSql(
      'minutes',
      ['id', 'body_id', 'session_id', 'kind', 'status', 'file_id', 'approved_at', 'published_at'],
      `SELECT ${uuid('minutes', 's.i')}, $1::uuid, s.id, 'results'::minutes_kind, 'published'::minutes_status, ${uuid('file:protocol', 's.i')},
              least(s.start + interval '30 days', now()), least(s.start + interval '30 days', now())
       FROM g_session s WHERE s.held AND NOT s.cancelled`,
    ),
    [input.bodyId],
  );
  return { files: await writtenNow(q, 'file', input.bodyId), minutes: await writtenNow(q, 'minutes', input.bodyId) };
}

const PRUNED_TABLES = ['minutes', 'file', 'consultation', 'agenda_item', 'session', 'document'] as const;

/** Deletes the rows of the body this run did not write (left over from another scale). */
export async function pruneUntouched(q: Queryable, bodyId: string): Promise<number> {
  let removed = 0;
  for (const table of PRUNED_TABLES) {
    removed += await count(q, `WITH gone AS (DELETE FROM ${quoteIdent(table)} WHERE body_id = $1 AND modified_at < now() RETURNING 1) SELECT count(*) AS n FROM gone`, [bodyId]);
  }
  return removed;
}
