import { createSearchEngine } from '../../src/infra/search/create-engine';
import type { SearchDoc, SearchEngine } from '../../src/infra/search/engine';
import { parseQuery } from '../../src/infra/search/query';
import { seedDemo } from '../../src/seed/demo.seed';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine, startTestMeili, TestMeili } from '../support/meili';
import { indexerFor, poolOf } from '../support/search';
import { RELEVANCE_CASES } from './queries';

/** Mean precision@3 an engine must reach on the fixed queries. */
const BAR = 0.9;
/** The calendar of the demo city is built around this day, so reference numbers are stable. */
const DEMO_DAY = new Date('2026-06-15T10:00:00Z');

function label(doc: SearchDoc): string {
  return doc.type === 'file' ? `${doc.title} | ${doc.meta}` : doc.title;
}

/** Share of the expected hits found among the top three (each hit counts for one pattern). */
function precisionAt3(top: SearchDoc[], expected: RegExp[]): number {
  const free = top.slice(0, 3).map(label);
  let found = 0;
  for (const pattern of expected) {
    const i = free.findIndex((l) => pattern.test(l));
    if (i >= 0) {
      found++;
      free.splice(i, 1);
    }
  }
  return found / expected.length;
}

describeEachEngine('relevance on the demo city', (engineName) => {
  let t: TestApp;
  let meili: TestMeili | undefined;
  let engine: SearchEngine;
  let bodyId: string;

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (engineName === 'meilisearch') {
      meili = await startTestMeili();
      env = { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: meili.index };
    }
    t = await startTestApp(env);
    bodyId = (await seedDemo(t.ds, t.config, { now: DEMO_DAY, log: () => undefined })).bodyId;
    engine = createSearchEngine(t.config, poolOf(t.ds));
    await engine.setup();
    await indexerFor(t.ds, engine).rebuild(null);
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
    await t?.close();
    await meili?.close();
  });

  it(`reaches precision@3 ≥ ${BAR} over ${RELEVANCE_CASES.length} German queries`, async () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(30);
    const lines: string[] = [];
    const byKind = new Map<string, number[]>();
    let sum = 0;
    for (const c of RELEVANCE_CASES) {
      const result = await engine.search({ scopes: [{ bodyId, nonPublic: false }], query: parseQuery(c.q), filters: {}, sort: 'relevance', offset: 0, limit: 3 });
      const p = precisionAt3(result.hits, c.expect);
      sum += p;
      byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), p]);
      if (p < 1) lines.push(`  ${p.toFixed(2)}  ${c.q}  →  ${result.hits.map(label).map((l) => l.slice(0, 70)).join('  ‖  ') || '(nothing)'}`);
    }
    const mean = sum / RELEVANCE_CASES.length;
    const kinds = [...byKind.entries()].map(([k, v]) => `${k} ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)}`).join(', ');
    console.log(`precision@3 ${engineName}: ${mean.toFixed(3)} over ${RELEVANCE_CASES.length} queries (${kinds})${lines.length ? `\n${lines.join('\n')}` : ''}`);
    expect(mean).toBeGreaterThanOrEqual(BAR);
  });
});
