import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './ports';

const run = promisify(execFile);

const ROOT = '/usr/lib/postgresql';
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup'];

/** The bin folder of the newest PostgreSQL installed the Debian way, or why there is none. */
export function postgresBin(): { dir: string } | { missing: string } {
  const versions = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(ROOT, version, 'bin');
    if (TOOLS.every((tool) => existsSync(join(dir, tool)))) return { dir };
  }
  return { missing: `no ${TOOLS.join(', ')} under ${ROOT}/<version>/bin (on Debian: apt-get install postgresql)` };
}

/** Whether the server tools run as the `postgres` OS user (they refuse root) and how. */
function asPostgres(): { prefix: string[]; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no postgres user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid: Number(uid), gid: Number(gid) };
}

/** One PostgreSQL server of its own in a temporary folder, on a free port of 127.0.0.1. */
export class PgCluster {
  private constructor(
    readonly bin: string,
    readonly folder: string,
    readonly port: number,
  ) {}

  get dataDir(): string {
    return join(this.folder, 'data');
  }

  get logFile(): string {
    return join(this.folder, 'server.log');
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** A primary that allows streaming replication from 127.0.0.1 and logs every statement. */
  static async primary(bin: string): Promise<PgCluster> {
    const cluster = new PgCluster(bin, await PgCluster.folder(), await freePort());
    await cluster.tool('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    await writeFile(
      join(cluster.dataDir, 'pg_hba.conf'),
      ['local all all trust', 'host all all 127.0.0.1/32 trust', 'local replication all trust', 'host replication all 127.0.0.1/32 trust', ''].join('\n'),
    );
    await cluster.configure(['wal_level = replica', 'max_wal_senders = 4', 'hot_standby = on', 'fsync = off', 'synchronous_commit = off', 'full_page_writes = off']);
    await cluster.start();
    return cluster;
  }

  /** A streaming replica of `primary` (pg_basebackup -R), started and streaming. */
  static async replicaOf(primary: PgCluster): Promise<PgCluster> {
    const cluster = new PgCluster(primary.bin, await PgCluster.folder(), await freePort());
    await cluster.tool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', cluster.dataDir, '-R', '-X', 'stream', '-c', 'fast']);
    // The copied settings name the primary's port and socket folder: later lines win.
    await cluster.configure([]);
    await cluster.start();
    const client = new Client({ connectionString: primary.url('postgres') });
    await client.connect();
    try {
      for (let i = 0; ; i++) {
        const streaming = await client.query(`SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'`);
        if (streaming.rowCount) break;
        if (i > 100) throw new Error('the replica does not stream');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.end();
    }
    return cluster;
  }

  private static async folder(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'ratsinfo-pg-'));
    const user = asPostgres();
    if (user) chownSync(folder, user.uid, user.gid);
    return folder;
  }

  private async configure(lines: string[]): Promise<void> {
    const settings = [
      '',
      `port = ${this.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${this.folder}'`,
      // Which server ran a statement is read from its log.
      `log_statement = 'all'`,
      `log_line_prefix = '%a: '`,
      ...lines,
      '',
    ];
    await appendFile(join(this.dataDir, 'postgresql.conf'), settings.join('\n'));
  }

  async start(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', 'start']);
  }

  /** Stops at once, as a crash or a pulled cable would (no shutdown checkpoint). */
  async kill(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /**
   * Stops every process of the server where it is (SIGSTOP), as a hung host or a network that
   * drops packets would: connections are accepted by the kernel and never answered.
   */
  freeze(): void {
    this.signal('SIGSTOP');
    this.frozen = true;
  }

  thaw(): void {
    this.signal('SIGCONT');
    this.frozen = false;
  }

  private frozen = false;

  /** The postmaster and its children (backends, WAL receiver, …). */
  private signal(signal: NodeJS.Signals): void {
    const postmaster = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          // pid (comm) state ppid …: comm may hold spaces and parentheses, the last ')' ends it.
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false; // gone meanwhile
        }
      })
      .map(Number);
    for (const pid of [postmaster, ...children]) process.kill(pid, signal);
  }

  /** Stops the server if it runs and removes its folder. */
  async destroy(): Promise<void> {
    if (this.frozen) this.thaw();
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.kill().catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }

  /** How long the server's log is now: what it logs later starts there. */
  logSize(): number {
    return existsSync(this.logFile) ? statSync(this.logFile).size : 0;
  }

  /** What the server logged since `offset` (see logSize). */
  logSince(offset: number): string {
    return readFileSync(this.logFile).subarray(offset).toString('utf8');
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const user = asPostgres();
    const command = join(this.bin, name);
    const [file, ...rest] = user ? [...user.prefix, command, ...args] : [command, ...args];
    try {
      await run(file, rest, { cwd: this.folder, timeout: 120_000 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${name} failed (as ${user ? 'postgres' : userInfo().username}): ${e.stderr || e.message}`);
    }
  }
}
