import { seedDemo } from '../src/seed/demo.seed';
import { startTestApp, TestApp } from './support/app';
import { checkOparlConformance, ConformanceReport } from './support/oparl-conformance';

/**
 * The whole OParl conformance suite (test/support/oparl-conformance.ts) on the demo city: the
 * seed `musterstadt`, crawled with 1000 objects per page, every object fetched at its id and
 * the bytes of every file compared with its size and sha512.
 */

describe('OParl conformance of the demo city', () => {
  let t: TestApp;
  let report: ConformanceReport;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.ds, t.config, { now: new Date('2026-03-02T09:00:00+01:00'), log: () => undefined });
    const started = Date.now();
    report = await checkOparlConformance(t.app, 'musterstadt', { limit: 1000, fileBytes: 'all' });
    console.log(`OParl conformance of the demo city: ${JSON.stringify(report.stats)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 180_000);
  afterAll(async () => t?.close());

  it('passes the whole conformance suite', () => {
    expect(report.violations.slice(0, 50)).toEqual([]);
    expect(report.violations).toHaveLength(0);
  });

  it('crawled the whole city: every list, every object, every file', () => {
    expect(report.stats.fetched).toBeGreaterThan(2000);
    expect(report.stats.embedded).toBeGreaterThan(500);
    expect(report.stats.files).toBeGreaterThan(400);
    expect(report.stats.bytesChecked).toBe(report.stats.files);
    for (const [name, items] of report.lists) expect({ name, empty: items.length === 0 }).toEqual({ name, empty: false });
  });
});
