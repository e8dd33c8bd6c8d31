import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoWithIndex } from '../src/seed/demo-setup';
import { startTestApp, TestApp } from './support/app';
import { freePort } from './support/ports';
import { ShellStatement, shellStatements, splitStatements } from './support/shell-examples';

/**
 * Every curl example of README.md, run as written with the real curl against the demo city.
 * The conventions the examples follow are stated at the top of the README's API tour.
 */

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
/** The address the README's examples are written for; the test serves the demo city elsewhere. */
const README_ORIGIN = 'http://localhost:3000';
/** Variables of the README's setup that come from the command line on the server (API keys): the test sets them. */
const PROVIDED = ['KEY', 'ADMIN_KEY', 'MEMBER_KEY'] as const;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const CURL = /(?:^|[;&|(])\s*curl\s/;
const EXPECTED_STATUS = /^(?:→|->)\s*(\d{3})\b/;
const NOT_RUN = /^\(?not run in tests: (.+?)\)?$/;
const PLACEHOLDER = /<[^<>\s][^<>]*>|…/g;
/** Separates curl's own messages from what the test asks it to write out. */
const MARK = '@@readme-call@@';

interface Example extends ShellStatement {
  index: number;
  kind: 'curl' | 'assignment';
  /** The status the example declares (`# → 412`), or null for any 2xx. */
  expected: number | null;
  /** Why it is not run (`# (not run in tests: …)`), or null. */
  notRun: string | null;
  assigns: string[];
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const statement of shellStatements(markdown)) {
    const assigns = statement.words.every((w) => ASSIGNMENT.test(w)) ? statement.words.map((w) => w.slice(0, w.indexOf('='))) : [];
    const kind = CURL.test(statement.code) ? 'curl' : assigns.length ? 'assignment' : null;
    // npm, docker and other commands are for the server, not examples of the API.
    if (!kind || (kind === 'assignment' && assigns.some((name) => (PROVIDED as readonly string[]).includes(name)))) continue;
    const status = statement.notes.map((n) => EXPECTED_STATUS.exec(n)).find(Boolean);
    const notRun = statement.notes.map((n) => NOT_RUN.exec(n)).find(Boolean);
    examples.push({ ...statement, index: examples.length, kind, assigns, expected: status ? Number(status[1]) : null, notRun: notRun ? notRun[1] : null });
  }
  return examples;
}

const examples = examplesOf(README);
const runnable = examples.filter((e) => e.notRun === null);

const title = (e: Example): string => {
  const first = e.text.split('\n')[0];
  return `README.md:${e.line} ${first.length > 110 ? `${first.slice(0, 110)}…` : first}`;
};

/** Whether the tools the examples call are here; CI must have them, elsewhere the suite says why it is skipped. */
function toolsPresent(): boolean {
  const tools = ['curl', ...(runnable.some((e) => /\bjq\b/.test(e.code)) ? ['jq'] : [])];
  const missing = tools.filter((tool) => spawnSync('bash', ['-c', `command -v ${tool}`]).status !== 0);
  if (!missing.length) return true;
  const why = `the README's examples need ${missing.join(' and ')} (Debian: apt-get install ${missing.join(' ')})`;
  if (process.env.CI) throw new Error(`README examples cannot run, and CI must run them: ${why}`);
  console.log(`README examples skipped: ${why}`);
  return false;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * One bash script of all examples in README order, as a reader types them into one shell: a
 * `curl` function puts the real curl to work and records, per call, its exit code, output and
 * what it wrote out (status, method, content type, URL, output file).
 */
function scriptOf(list: readonly Example[], dir: string): string {
  const lines = [
    `__readme=${shellQuote(dir)}`,
    '__readme_example=',
    'curl() {',
    '  local call status',
    '  call=$(mktemp "$__readme/call.XXXXXX") || return 99',
    '  printf %s "$__readme_example" > "$call.example"',
    `  command curl --max-time 30 "$@" --write-out '%{stderr}\\n${MARK}\\n%{http_code}\\n%{method}\\n%{content_type}\\n%{url_effective}\\n%{filename_effective}\\n' > "$call.out" 2> "$call.err"`,
    '  status=$?',
    '  printf %s "$status" > "$call.exit"',
    '  cat "$call.out"',
    '  return "$status"',
    '}',
  ];
  for (const e of list) {
    // Sourced from a file of its own, so that an example bash cannot parse fails alone.
    lines.push(`__readme_example=${e.index}`, `. "$__readme/example.${e.index}.sh"`, `printf %s "$?" > "$__readme/example.${e.index}.exit"`);
    for (const name of e.assigns) lines.push(`printf %s "\${${name}-}" > "$__readme/example.${e.index}.var.${name}"`);
  }
  return lines.join('\n') + '\n';
}

/** The example as written, at the test server's address. */
const exampleFile = (e: Example, origin: string): string => `${e.text.replaceAll(README_ORIGIN, origin)}\n`;

interface Call {
  exit: number;
  status: number;
  method: string;
  contentType: string;
  url: string;
  /** What curl wrote to stdout, or to the file named by -o/-O. */
  body: Buffer;
  messages: string;
}

interface Outcome {
  exit: number | null;
  calls: Call[];
  values: Map<string, string>;
}

async function readOutcomes(dir: string, work: string): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  const outcome = (index: number): Outcome => {
    let o = outcomes.get(index);
    if (!o) outcomes.set(index, (o = { exit: null, calls: [], values: new Map() }));
    return o;
  };
  const names = await readdir(dir);
  for (const name of names) {
    const exit = /^example\.(\d+)\.exit$/.exec(name);
    if (exit) outcome(Number(exit[1])).exit = Number(await readFile(join(dir, name), 'utf8'));
    const value = /^example\.(\d+)\.var\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(name);
    if (value) outcome(Number(value[1])).values.set(value[2], await readFile(join(dir, name), 'utf8'));
    const call = /^(call\.\w+)\.example$/.exec(name);
    if (!call) continue;
    const base = join(dir, call[1]);
    const err = await readFile(`${base}.err`, 'utf8').catch(() => '');
    const at = err.lastIndexOf(`${MARK}\n`);
    const [status, method, contentType, url, file] = at < 0 ? [] : err.slice(at + MARK.length + 1).split('\n');
    const body = file ? await readFile(join(work, file)).catch(() => Buffer.alloc(0)) : await readFile(`${base}.out`);
    outcome(Number(await readFile(`${base}.example`, 'utf8'))).calls.push({
      exit: Number(await readFile(`${base}.exit`, 'utf8').catch(() => 'NaN')),
      status: Number(status ?? 0),
      method: method ?? '',
      contentType: contentType ?? '',
      url: url ?? '',
      body,
      messages: (at < 0 ? err : err.slice(0, at)).trim(),
    });
  }
  return outcomes;
}

/** The routes of the OpenAPI spec, and the first path segments it covers (`v1`, `health`). */
function specRoutes(): { covers: Set<string>; has: (method: string, path: string) => boolean } {
  const spec = JSON.parse(readFileSync(join(__dirname, '..', 'openapi', 'v1.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(spec.paths).map(([path, operations]) => ({
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: new Set(Object.keys(operations).map((m) => m.toUpperCase())),
  }));
  return {
    covers: new Set(Object.keys(spec.paths).map((p) => p.split('/')[1])),
    has: (method, path) => routes.some((r) => r.pattern.test(path) && r.methods.has(method === 'HEAD' ? 'GET' : method)),
  };
}

/**
 * What is wrong with an example as written, given where the examples before it assigned their
 * variables (the provided ones at line 0).
 */
function writingProblemsOf(e: Example, assignedAt: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const placeholders = e.code.match(PLACEHOLDER);
  if (placeholders) problems.push(`holds the placeholder(s) ${placeholders.join(', ')}: use a variable of the API tour's setup or one an earlier example assigns`);
  const undeclared = e.reads.filter((name) => !assignedAt.has(name));
  if (undeclared.length) problems.push(`reads ${undeclared.map((n) => `$${n}`).join(', ')}, which neither the setup of the API tour nor an earlier example assigns`);
  for (const name of e.assigns) {
    const line = assignedAt.get(name);
    if (line !== undefined) problems.push(`assigns $${name} again (${line ? `first at README.md:${line}` : 'the test provides it'}), which changes it for every example after it: choose a name of its own`);
  }
  return problems;
}

/** What went wrong when the example ran; empty when it did what the README says. */
function runProblemsOf(e: Example, o: Outcome | undefined): string[] {
  const problems: string[] = [];
  if (!o || o.exit === null) return ['did not run (an earlier example stopped the shell?)'];
  if (o.exit !== 0) problems.push(`exited with ${o.exit}`);
  for (const [name, value] of o.values) if (value === '' || value === 'null') problems.push(`left $${name} ${value === '' ? 'empty' : '"null"'}`);
  if (e.kind === 'curl' && !o.calls.length) problems.push('ran no curl');
  const routes = specRoutes();
  for (const call of o.calls) {
    const what = `${call.method} ${call.url}`;
    if (call.exit !== 0) {
      problems.push(`${what}: curl exited with ${call.exit}${call.messages ? ` (${call.messages})` : ''}`);
      continue;
    }
    const ok = e.expected === null ? call.status >= 200 && call.status < 300 : call.status === e.expected;
    if (!ok) problems.push(`${what}: status ${call.status}, expected ${e.expected ?? '2xx'}: ${call.body.toString('utf8').slice(0, 300)}`);
    const path = call.url ? new URL(call.url).pathname : '';
    if (path && routes.covers.has(path.split('/')[1]) && !routes.has(call.method, path)) problems.push(`${what}: no such route in openapi/v1.json`);
    if (/[/+]json\b/.test(call.contentType) && call.method !== 'HEAD') {
      let text = call.body.toString('utf8');
      if (text.startsWith('HTTP/')) text = text.slice(text.search(/\r?\n\r?\n/) + 1).trim();
      try {
        if (text.trim()) JSON.parse(text);
      } catch {
        problems.push(`${what}: ${call.contentType} that does not parse: ${text.slice(0, 200)}`);
      }
    }
  }
  return problems;
}

/** Runs the script; its output is what the examples print (each call keeps its own), so only stderr is kept. */
function runBash(scriptPath: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [scriptPath], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('shell statements of a Markdown page', () => {
  it('joins continued lines and multi-line quotes, and keeps comments as notes', () => {
    const block = [
      'A=http://x # base',
      '# → 201 for A',
      '',
      "curl -X POST \"$A/n\" -H 'X: y' \\",
      "  -d '{\"a\": 1,",
      '       "b": "# not a comment"}\'   # → 412',
      'ID=$(curl -s "$A/n" | jq -r \'.data[0].id\')',
      '# (not run in tests: needs mail)',
      '# → { "code": … }',
      '',
      '# a heading for what follows',
      'npm run x; echo "$ID"',
      'printf \'%s\\n\' "$(openssl rand -hex 4)" \\',
      '  "$(date)" >> .env',
      "echo 'unclosed",
    ];
    const statements = splitStatements(block, 10);
    expect(statements.map((s) => [s.line, s.endLine, s.words[0], s.reads, s.notes])).toEqual([
      [10, 10, 'A=http://x', [], ['base', '→ 201 for A']],
      [13, 15, 'curl', ['A'], ['→ 412']],
      [16, 16, `ID=$(curl -s "$A/n" | jq -r '.data[0].id')`, ['A'], ['(not run in tests: needs mail)', '→ { "code": … }']],
      [21, 21, 'npm', ['ID'], []],
      [22, 23, 'printf', [], []],
      [24, 24, 'echo', [], []],
    ]);
    expect(statements[1].code).toContain('"b": "# not a comment"}');
  });

  it('reads only shell blocks', () => {
    const page = ['```json', '{ "curl": 1 }', '```', '```sh', 'curl a', '```', '```', 'curl b', '```', '```bash', 'curl c', '```'].join('\n');
    expect(shellStatements(page).map((s) => [s.line, s.code])).toEqual([
      [5, 'curl a'],
      [11, 'curl c'],
    ]);
  });
});

const run = toolsPresent();

(run ? describe : describe.skip)('README examples', () => {
  let t: TestApp;
  let dir: string;
  let work: string;
  let outcomes: Map<number, Outcome>;
  let shell: { code: number | null; stderr: string };

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: origin });
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await seedDemoWithIndex(t.config, () => undefined);
    } finally {
      quiet.mockRestore();
    }
    await t.app.listen(port, '127.0.0.1');
    const [{ id: bodyId }] = await t.ds.query<{ id: string }[]>(`SELECT id FROM body WHERE slug = 'musterstadt'`);
    const keys: Record<(typeof PROVIDED)[number], string> = {
      KEY: await t.key('editor', bodyId),
      ADMIN_KEY: await t.key('admin'),
      MEMBER_KEY: await t.key('member', bodyId),
    };
    dir = await mkdtemp(join(tmpdir(), 'ratsinfo-readme-'));
    work = await mkdtemp(join(tmpdir(), 'ratsinfo-readme-cwd-'));
    await writeFile(join(dir, 'examples.sh'), scriptOf(runnable, dir));
    for (const e of runnable) await writeFile(join(dir, `example.${e.index}.sh`), exampleFile(e, origin));
    // Only what the README declares, and HOME elsewhere so that no ~/.curlrc takes part.
    shell = await runBash(join(dir, 'examples.sh'), work, { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, LANG: 'C.UTF-8', ...keys });
    outcomes = await readOutcomes(dir, work);
  }, 400_000);

  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('finds the curl examples and runs them to the end', () => {
    expect(runnable.filter((e) => e.kind === 'curl').length).toBeGreaterThanOrEqual(40);
    if (shell.code !== 0) throw new Error(`the shell of the examples stopped (${shell.code ?? 'killed'}):\n${shell.stderr}`);
  });

  const assignedAt = new Map<string, number>(PROVIDED.map((name) => [name, 0]));
  for (const e of examples) {
    if (e.notRun !== null) {
      it.skip(`${title(e)} — not run in tests: ${e.notRun}`, () => undefined);
      continue;
    }
    const writing = writingProblemsOf(e, assignedAt);
    for (const name of e.assigns) if (!assignedAt.has(name)) assignedAt.set(name, e.line);
    it(title(e), () => {
      expect([...writing, ...runProblemsOf(e, outcomes.get(e.index))]).toEqual([]);
    });
  }
});
