import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { runBenchmark, startApi } from './api';
import { migrate } from '../infra/database/migrate';
import { AccountKeyRing, DataKey, sha256Hex } from '../modules/accounts/accounts.crypto';
import { anchor } from '../modules/me/anchoring';
import { itemAad } from '../modules/me/items';
import { indexTokens, tagToken } from '../modules/me/search-terms';

/**
 * `npm run bench:me`: app accounts at scale. Seeds BENCH_ACCOUNTS (10,000) accounts with
 * BENCH_ITEMS (100) notes and markings each — encrypted, with their blind-index tokens, as
 * the API writes them — in a database of its own (`<DATABASE_URL db>_bench_me`; kept and
 * reused while it matches, BENCH_RESEED=1 seeds again), starts the API as `npm run start:api`
 * does and prints:
 *   - listing one document's notes: p50/p99 with one connection (latency) and with
 *     BENCH_CONNECTIONS (10), every request as another account;
 *   - syncing 1,000 changes: one account's full sync page of 1,000, p50 and worst of 50;
 *   - the API's resident memory after the same requests as 10 accounts, as all, and as 10 again.
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3998);
const DOCUMENTS = 2000;
const SYNC_CHANGES = 1000;
const NOTES_PER_ACCOUNT = Math.round(ITEMS * 0.6);
const HOT_NOTES = 10;
/** A fixed key: the seeded database is reused between runs. Never use it outside this benchmark. */
const BENCH_KEY = `bench:${createHash('sha256').update('ratsinfo bench me').digest('base64')}`;

const VOCABULARY = [
  'Haushalt', 'Radweg', 'Kita', 'Schule', 'Sanierung', 'Bebauungsplan', 'Querungshilfe', 'Förderung', 'Straßenbeleuchtung', 'Grünfläche',
  'Rückfrage', 'Fraktion', 'Ausschuss', 'Kosten', 'Gutachten', 'Verwaltung', 'Zuschuss', 'Spielplatz', 'Lärmschutz', 'Parkplätze',
  'Bürgerbeteiligung', 'Klimaschutz', 'Photovoltaik', 'Wärmeplanung', 'Feuerwehr', 'Friedhof', 'Bibliothek', 'Sportplatz', 'Ortsteil', 'Gewerbegebiet',
];
const TAGS = ['Haushalt', 'Fraktion', 'Rückfrage', 'Verkehr', 'Schule'];
const SENTENCES = [
  'Der Rat der Stadt beschließt die Maßnahme in der vorgelegten Fassung.',
  'Die Kosten werden im Haushalt des kommenden Jahres veranschlagt.',
  'Die Verwaltung wird beauftragt, einen Bericht über den Fortschritt vorzulegen.',
  'Die Bürgerinnen und Bürger werden frühzeitig beteiligt.',
  'Fördermittel des Landes sind beantragt und in Aussicht gestellt.',
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const tokenOf = (i: number): string => `ra_${createHash('sha256').update(`bench-token-${i}`).digest('base64url')}`;
const idOf = (kind: string, i: number): string => {
  const h = createHash('md5').update(`${kind}-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

function benchDatabaseUrl(base: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/$/, '')}_bench_me`;
  return url.toString();
}

async function seeded(url: string): Promise<boolean> {
  const db = new Client({ connectionString: url });
  try {
    await db.connect();
    const rows = await db.query<{ accounts: number; items: number }>(
      `SELECT (SELECT count(*) FROM app_account)::int AS accounts, ((SELECT count(*) FROM me_note) + (SELECT count(*) FROM me_marking))::int AS items`,
    );
    return rows.rows[0].accounts === ACCOUNTS + 1 && rows.rows[0].items === ACCOUNTS * ITEMS + SYNC_CHANGES;
  } catch {
    return false;
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function recreate(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const db = new Client({ connectionString: admin.toString() });
  await db.connect();
  await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await db.end();
  await migrate(url);
}

interface Row {
  [column: string]: unknown;
}

/** Inserts rows with one statement per batch (`unnest` of one array per column). */
async function insert(db: Client, table: string, columns: Record<string, string>, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const names = Object.keys(columns);
  const arrays = names.map((n) => rows.map((r) => r[n]));
  const select = names.map((n, i) => (columns[n].endsWith('[]') ? `string_to_array(u.c${i}, ',')::${columns[n]}` : `u.c${i}::${columns[n]}`));
  const types = names.map((n) => (columns[n].endsWith('[]') ? 'text[]' : columns[n] === 'bytea' ? 'bytea[]' : 'text[]'));
  await db.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS u(${names.map((_, i) => `c${i}`).join(', ')})`, arrays);
}

async function seed(url: string): Promise<{ hotDocument: string }> {
  const keys = new AccountKeyRing(loadConfig({ NODE_ENV: 'test', ME_KEYS: BENCH_KEY }).accounts.keys);
  const db = new Client({ connectionString: url });
  await db.connect();
  const started = Date.now();
  const [body] = (await db.query<{ id: string }>(`INSERT INTO body (slug, name, web_url_templates) VALUES ('benchstadt', 'Stadt Benchstadt', '{}') RETURNING id`)).rows;
  const docs: { id: string; fileId: string; text: string }[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const pages = [0, 1, 2].map((p) => SENTENCES.map((s, i) => `${s} (Vorlage ${d}, Abschnitt ${p}.${i})`).join('\n'));
    docs.push({ id: idOf('document', d), fileId: idOf('file', d), text: pages.join('\f') });
  }
  await insert(
    db,
    'document',
    { id: 'uuid', body_id: 'uuid', name: 'text', reference: 'text', document_type: 'text', date: 'date', public: 'boolean', published_at: 'timestamptz' },
    docs.map((doc, d) => ({ id: doc.id, body_id: body.id, name: `Vorlage ${d}`, reference: `${String(d).padStart(4, '0')}/2026`, document_type: 'Beschlussvorlage', date: '2026-03-01', public: true, published_at: new Date().toISOString() })),
  );
  await insert(
    db,
    'file',
    { id: 'uuid', body_id: 'uuid', document_id: 'uuid', name: 'text', file_name: 'text', mime_type: 'text', size: 'bigint', sha512: 'text', text: 'text', text_status: 'text', text_source_sha512: 'text', public: 'boolean', published_at: 'timestamptz' },
    docs.map((doc, d) => {
      const sha = createHash('sha512').update(doc.text).digest('hex');
      return { id: doc.fileId, body_id: body.id, document_id: doc.id, name: `Vorlage ${d}`, file_name: `vorlage-${d}.pdf`, mime_type: 'application/pdf', size: doc.text.length, sha512: sha, text: doc.text, text_status: 'done', text_source_sha512: sha, public: true, published_at: new Date().toISOString() };
    }),
  );
  // Where each sentence of each file anchors: the same for every account.
  const anchors = docs.map((doc) =>
    SENTENCES.map((s, i) => {
      const exact = `${s} (Vorlage ${docs.indexOf(doc)}, Abschnitt 1.${i})`;
      return { exact, anchor: anchor(doc.text, { exact, page: 2 }) };
    }),
  );
  const textHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

  // A bulk load: the secondary indexes of the item tables are built once, afterwards.
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET maintenance_work_mem = '256MB'`);
  const indexes = (
    await db.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
       WHERE i.tablename IN ('me_note', 'me_marking') AND NOT x.indisprimary`,
    )
  ).rows;
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
  const BATCH = 100;
  for (let from = 0; from <= ACCOUNTS; from += BATCH) {
    const accounts: Row[] = [];
    const tokens: Row[] = [];
    const notes: Row[] = [];
    const markings: Row[] = [];
    for (let i = from; i < Math.min(from + BATCH, ACCOUNTS + 1); i++) {
      // Account ACCOUNTS is the sync account: 1,000 notes.
      const syncAccount = i === ACCOUNTS;
      const id = idOf('account', i);
      const { stored, key } = keys.newDataKey(id);
      accounts.push({ id, key_id: stored.keyId, wrapped_key: stored.wrapped, change_seq: syncAccount ? SYNC_CHANGES : ITEMS });
      const token = tokenOf(i);
      tokens.push({ id: randomUUID(), account_id: id, token_hash: sha256Hex(token), token_prefix: token.slice(0, 10) });
      const rnd = random(i + 1);
      const words = new Map<string, string[]>();
      const wordTokens = (k: DataKey, word: string): string[] => {
        let t = words.get(word);
        if (!t) words.set(word, (t = indexTokens(k, word)));
        return t;
      };
      const noteCount = syncAccount ? SYNC_CHANGES : NOTES_PER_ACCOUNT;
      for (let n = 0; n < noteCount; n++) {
        const noteId = randomUUID();
        const doc = n < HOT_NOTES ? docs[0] : docs[1 + Math.floor(rnd() * (DOCUMENTS - 1))];
        const picked = Array.from({ length: 8 }, () => VOCABULARY[Math.floor(rnd() * VOCABULARY.length)]);
        const tag = TAGS[Math.floor(rnd() * TAGS.length)];
        const text = `${picked.join(' ')} – Punkt ${n}`;
        notes.push({
          account_id: id,
          id: noteId,
          seq: n + 1,
          target_type: 'document',
          target_id: doc.id,
          body_id: body.id,
          content: key.sealJson(itemAad('note', id, noteId), { text, tags: [tag] }),
          tag_tokens: tagToken(key, tag),
          search_tokens: [...new Set([...picked, tag].flatMap((w) => wordTokens(key, w)))].join(','),
        });
      }
      if (syncAccount) continue;
      for (let m = 0; m < ITEMS - NOTES_PER_ACCOUNT; m++) {
        const markingId = randomUUID();
        const d = m < 5 ? 0 : 1 + Math.floor(rnd() * (DOCUMENTS - 1));
        const { exact, anchor: at } = anchors[d][m % SENTENCES.length];
        const note = rnd() < 0.5 ? `${VOCABULARY[Math.floor(rnd() * VOCABULARY.length)]} prüfen` : null;
        const content = { quote: { exact }, page: 2, anchor: at, note, tags: [] as string[] };
        markings.push({
          account_id: id,
          id: markingId,
          seq: NOTES_PER_ACCOUNT + m + 1,
          file_id: docs[d].fileId,
          body_id: body.id,
          color: 'yellow',
          anchor_status: at.status,
          anchor_text_hash: textHash(docs[d].text),
          content: key.sealJson(itemAad('marking', id, markingId), content),
          search_tokens: [...new Set([...exact.split(/[^\p{L}\p{N}]+/u).filter(Boolean), ...(note ? note.split(' ') : [])].flatMap((w) => wordTokens(key, w)))].join(','),
        });
      }
    }
    await insert(db, 'app_account', { id: 'uuid', key_id: 'text', wrapped_key: 'bytea', change_seq: 'bigint' }, accounts);
    await insert(db, 'app_account_token', { id: 'uuid', account_id: 'uuid', token_hash: 'text', token_prefix: 'text' }, tokens);
    await insert(
      db,
      'me_note',
      { account_id: 'uuid', id: 'uuid', seq: 'bigint', target_type: 'me_note_target_type', target_id: 'uuid', body_id: 'uuid', content: 'bytea', tag_tokens: 'bigint[]', search_tokens: 'bigint[]' },
      notes,
    );
    await insert(
      db,
      'me_marking',
      { account_id: 'uuid', id: 'uuid', seq: 'bigint', file_id: 'uuid', body_id: 'uuid', color: 'me_marking_color', anchor_status: 'me_anchor_status', anchor_text_hash: 'text', content: 'bytea', search_tokens: 'bigint[]' },
      markings,
    );
    if ((from / BATCH) % 10 === 0) process.stdout.write(`\r  seeded ${Math.min(from + BATCH, ACCOUNTS + 1)} of ${ACCOUNTS + 1} accounts (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  process.stdout.write(`\n  building ${indexes.length} indexes of notes and markings …`);
  for (const index of indexes) await db.query(index.def);
  await db.query(`INSERT INTO me_file_anchor (file_id) SELECT id FROM file`);
  await db.query('VACUUM ANALYZE');
  await db.end();
  console.log(`\n  seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  return { hotDocument: docs[0].id };
}

/** Latency percentiles of a GET as many accounts, from autocannon. */
async function load(path: string, accounts: number, connections: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        path,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokenOf(next++ % accounts)}` } }),
      },
    ],
  });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function timed(path: string, token: string): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { data: unknown[] };
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return { ms: performance.now() - t0, count: body.data.length };
}

/** One request as every account, 10 at a time. */
async function everyAccount(path: string): Promise<void> {
  const started = Date.now();
  for (let from = 0; from < ACCOUNTS; from += 10) {
    await Promise.all(Array.from({ length: Math.min(10, ACCOUNTS - from) }, (_, i) => timed(path, tokenOf(from + i))));
  }
  console.log(`  warmed up: one request as each of ${ACCOUNTS.toLocaleString('en')} accounts in ${Math.round((Date.now() - started) / 1000)} s`);
}

const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function main(): Promise<void> {
  const base = loadConfig();
  const url = benchDatabaseUrl(base.databaseUrl);
  console.log(`bench:me — ${ACCOUNTS.toLocaleString('en')} accounts × ${ITEMS} notes and markings in ${new URL(url).pathname.slice(1)}`);
  if (process.env.BENCH_RESEED === '1' || !(await seeded(url))) {
    await recreate(url);
    await seed(url);
  } else {
    console.log('  reusing the seeded database (BENCH_RESEED=1 seeds again)');
  }
  const hotDocument = idOf('document', 0);
  const api = await startApi(PORT, { DATABASE_URL: url, REDIS_PREFIX: 'ratsinfo-bench-me', ME_KEYS: BENCH_KEY, ME_WRITES_PER_MINUTE: '1000000' });
  try {
    const list = `/v1/me/notes?target_type=document&target_id=${hotDocument}`;
    const sample = await timed(list, tokenOf(1));
    if (sample.count !== HOT_NOTES) throw new Error(`expected ${HOT_NOTES} notes on the document, got ${sample.count}`);
    // Memory: the same requests for the same time, as 10 accounts, as all of them, and as 10 again.
    const mixed = async (accounts: number): Promise<number> => {
      await load(list, accounts, CONNECTIONS, SECONDS);
      await load('/v1/me/sync?limit=100', accounts, CONNECTIONS, SECONDS);
      return rssMb(api.pid!);
    };
    const fewRss = await mixed(10);
    // Every account once: its first request of the hour records its use (a write).
    await everyAccount(list);
    const manyRss = await mixed(ACCOUNTS);
    const fewAgainRss = await mixed(10);

    const single = await load(list, ACCOUNTS, 1, SECONDS);
    const many = await load(list, ACCOUNTS, CONNECTIONS, SECONDS);
    const syncTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const run = await timed(`/v1/me/sync?limit=${SYNC_CHANGES}`, tokenOf(ACCOUNTS));
      if (run.count !== SYNC_CHANGES) throw new Error(`expected ${SYNC_CHANGES} changes, got ${run.count}`);
      syncTimes.push(run.ms);
    }
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

    console.log('\n| scenario | result |\n|---|---|');
    console.log(`| list one document's notes (${HOT_NOTES} of the account's ${ITEMS}), 1 connection | p50 ${single.p50} ms, p99 ${single.p99} ms (${single.rps} req/s, ${single.errors} errors) |`);
    console.log(`| the same, ${CONNECTIONS} connections, every request another account | p50 ${many.p50} ms, p99 ${many.p99} ms (${many.rps} req/s, ${many.errors} errors) |`);
    console.log(`| sync 1,000 changes (one page, 50 runs) | p50 ${percentile(syncTimes, 50).toFixed(1)} ms, worst ${Math.max(...syncTimes).toFixed(1)} ms |`);
    console.log(`| API RSS after ${SECONDS * 2} s of lists and syncs as 10 accounts / as all ${ACCOUNTS.toLocaleString('en')} / as 10 again | ${fewRss.toFixed(0)} / ${manyRss.toFixed(0)} / ${fewAgainRss.toFixed(0)} MB |`);
    console.log(`\n(load average of the machine at the end: ${load1} on ${availableParallelism()} cores)`);
  } finally {
    // Let the last requests of the load generator settle before the API shuts down.
    await new Promise((r) => setTimeout(r, 1000));
    api.kill('SIGTERM');
  }
}

runBenchmark(main);
