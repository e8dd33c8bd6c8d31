import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { seedDemo } from '../src/seed/demo.seed';
import { startTestApp, TestApp } from './support/app';
import { indexerFor } from './support/search';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/**
 * Generates TypeScript types from the committed spec with the openapi-typescript CLI (as an app
 * developer would), type-checks the client program in fixtures/openapi-client with them
 * (strict) and compiles it, all in `dir`; answers the compiler's complaints.
 */
async function buildClient(dir: string): Promise<string[]> {
  // Run in the folder: in the repository the CLI would take its APIs from redocly.yaml.
  const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  await run(process.execPath, [cli, join(ROOT, 'openapi', 'v1.json'), '--output', 'v1.d.ts'], { cwd: dir, timeout: 60_000 });
  await copyFile(join(__dirname, 'fixtures', 'openapi-client', 'client.ts'), join(dir, 'client.ts'));
  const program = ts.createProgram([join(dir, 'client.ts')], {
    strict: true,
    noUnusedLocals: true,
    // The program is checked, not the declarations it uses (generated types, @types/node).
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    outDir: dir,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }));
  if (diagnostics.length === 0) program.emit();
  return diagnostics;
}

/** The API on Musterstadt, with its search index. */
async function startDemo(): Promise<TestApp> {
  const t = await startTestApp();
  const { bodyId } = await seedDemo(t.ds, t.config, { now: new Date('2026-03-02T09:00:00+01:00'), log: () => undefined });
  await indexerFor(t.ds).rebuild(bodyId);
  return t;
}

describe('a client generated from openapi/v1.json (openapi-typescript + openapi-fetch)', () => {
  let t: TestApp;
  let baseUrl: string;
  let dir: string;
  let diagnostics: string[];

  // Generating, compiling and seeding take a few seconds each; more on a busy machine.
  beforeAll(async () => {
    // Under node_modules/.cache, so the program finds openapi-fetch as an app would.
    await mkdir(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    dir = await mkdtemp(join(ROOT, 'node_modules', '.cache', 'openapi-client-'));
    const [demo, built] = await Promise.allSettled([startDemo(), buildClient(dir)]);
    if (demo.status === 'fulfilled') t = demo.value;
    if (demo.status === 'rejected') throw demo.reason;
    if (built.status === 'rejected') throw built.reason;
    diagnostics = built.value;
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('compiles under strict TypeScript: typed path parameters, date-times as strings, problem+json errors', () => {
    expect(diagnostics).toEqual([]);
  });

  it('pages through the calendar by links.next, reads a session with its agenda, searches and reads a 404 as a problem', async () => {
    expect(diagnostics).toEqual([]);
    const { stdout } = await run(process.execPath, [join(dir, 'client.js'), baseUrl], { timeout: 30_000 });
    const report = JSON.parse(stdout);

    const all = await t.http().get('/v1/bodies/musterstadt/sessions?limit=200').expect(200);
    expect(all.body.links.next).toBeUndefined();
    expect(report.pages).toBe(Math.ceil(all.body.data.length / 5));
    expect(report.pages).toBeGreaterThanOrEqual(3);
    expect(report.sessions).toEqual(all.body.data.map((s: { id: string }) => s.id));

    const session = await t.http().get(`/v1/bodies/musterstadt/sessions/${report.session.id}`).expect(200);
    expect(report.session.start).toBe(session.body.start);
    expect(report.session.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(report.session.agenda.length).toBeGreaterThan(0);
    expect(report.session.agenda).toEqual(session.body.agendaItems.map((item: { name: string }) => item.name));

    expect(report.search.q.length).toBeGreaterThan(3);
    expect(report.search.total).toBeGreaterThan(0);
    expect(report.search.titles.length).toBeGreaterThan(0);

    expect(report.notFound.status).toBe(404);
    expect(report.notFound.contentType).toMatch(/^application\/problem\+json/);
    expect(report.notFound.problem).toMatchObject({ status: 404, title: expect.any(String), type: expect.any(String) });
  });
});
