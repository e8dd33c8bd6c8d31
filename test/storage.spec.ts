import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalStorage } from '../src/infra/storage/local.storage';
import { S3Storage } from '../src/infra/storage/s3.storage';
import { Storage, StoredObjectMissing } from '../src/infra/storage/storage';

interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverServer;
// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverConstructor;

const MiB = 1024 * 1024;

/** `size` pseudo-random bytes in chunks, never held in memory as a whole; fails at `failAt` if given. */
function byteStream(size: number, seed: string, failAt?: number): Readable {
  let sent = 0;
  let counter = 0;
  return new Readable({
    read() {
      if (failAt !== undefined && sent >= failAt) {
        this.destroy(new Error('client went away'));
        return;
      }
      if (sent >= size) {
        this.push(null);
        return;
      }
      const block = Buffer.alloc(Math.min(64 * 1024, size - sent));
      for (let o = 0; o < block.length; o += 64) {
        createHash('sha512').update(`${seed}:${counter++}`).digest().copy(block, o, 0, Math.min(64, block.length - o));
      }
      sent += block.length;
      this.push(block);
    },
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sha512(stream: Readable): Promise<{ hex: string; size: number }> {
  const hash = createHash('sha512');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hex: hash.digest('hex'), size };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

interface Backend {
  storage: Storage;
  /** Files the backend keeps on disk, to prove that failed writes leave nothing. */
  leftovers(): Promise<string[]>;
  close(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'LocalStorage',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-storage-'));
      return {
        storage: new LocalStorage(dir),
        leftovers: () => filesUnder(dir),
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'S3Storage (s3rver)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-s3rver-'));
      const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'ratsinfo-test' }] });
      const { port } = await server.run();
      const storage = new S3Storage({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'eu-central-1',
        bucket: 'ratsinfo-test',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      });
      return {
        storage,
        // s3rver keeps objects as `<key>._S3rver_object` files; in-progress parts elsewhere.
        leftovers: async () => (await filesUnder(dir)).filter((f) => f.endsWith('._S3rver_object')),
        close: async () => {
          storage.onModuleDestroy();
          await server.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

describe.each(backends)('%s', (_name, create) => {
  let backend: Backend;
  let storage: Storage;
  const body = 'b8f5c1de-0000-4000-8000-000000000001';

  beforeAll(async () => {
    backend = await create();
    storage = backend.storage;
  });

  afterAll(async () => {
    await backend.close();
  });

  it('puts a stream and gets the same bytes back', async () => {
    const bytes = randomBytes(300_000);
    const key = `${body}/put-get`;
    const stored = await storage.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), 'application/pdf');
    expect(stored.size).toBe(bytes.length);
    expect((await collect(await storage.get(key))).equals(bytes)).toBe(true);
  });

  it('stores an empty object', async () => {
    const key = `${body}/empty`;
    expect((await storage.put(key, Readable.from([]), 'text/plain')).size).toBe(0);
    expect(await storage.exists(key)).toBe(true);
    expect((await collect(await storage.get(key))).length).toBe(0);
  });

  it('reads inclusive byte ranges', async () => {
    const bytes = randomBytes(10_000);
    const key = `${body}/range`;
    await storage.put(key, Readable.from([bytes]), 'application/octet-stream');
    // (`bytes=0-0` is left out: s3rver reads an end of 0 as "to the end", unlike S3.)
    expect((await collect(await storage.get(key, { start: 0, end: 1 }))).equals(bytes.subarray(0, 2))).toBe(true);
    expect((await collect(await storage.get(key, { start: 1, end: 1 }))).equals(bytes.subarray(1, 2))).toBe(true);
    expect((await collect(await storage.get(key, { start: 100, end: 199 }))).equals(bytes.subarray(100, 200))).toBe(true);
    expect((await collect(await storage.get(key, { start: 9_990, end: 9_999 }))).equals(bytes.subarray(9_990))).toBe(true);
  });

  it('tells whether a key exists and deletes idempotently', async () => {
    const key = `${body}/exists`;
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, Readable.from([Buffer.from('hello')]), 'text/plain');
    expect(await storage.exists(key)).toBe(true);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('rejects a get of a missing key with StoredObjectMissing', async () => {
    await expect(storage.get(`${body}/never-stored`)).rejects.toBeInstanceOf(StoredObjectMissing);
    await expect(storage.get(`${body}/never-stored`, { start: 0, end: 9 })).rejects.toBeInstanceOf(StoredObjectMissing);
  });

  it('leaves nothing behind when the body fails half-way (small body)', async () => {
    const before = await backend.leftovers();
    const key = `${body}/fails-small`;
    await expect(storage.put(key, byteStream(1 * MiB, 'small', 512 * 1024), 'application/pdf')).rejects.toThrow('client went away');
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectMissing);
    expect(await backend.leftovers()).toEqual(before);
  });

  it('leaves nothing behind when the body fails after several parts', async () => {
    const before = await backend.leftovers();
    const key = `${body}/fails-large`;
    await expect(storage.put(key, byteStream(20 * MiB, 'large', 13 * MiB), 'application/pdf')).rejects.toThrow();
    expect(await storage.exists(key)).toBe(false);
    expect(await backend.leftovers()).toEqual(before);
  });

  it('streams a multi-part upload and a ranged read across part boundaries', async () => {
    const key = `${body}/large`;
    const size = 12 * MiB + 12345;
    const expected = await sha512(byteStream(size, 'large-ok'));
    const stored = await storage.put(key, byteStream(size, 'large-ok'), 'application/pdf');
    expect(stored.size).toBe(size);
    expect(await sha512(await storage.get(key))).toEqual(expected);
    const all = await collect(byteStream(size, 'large-ok'));
    const start = 5 * MiB - 10;
    const slice = await collect(await storage.get(key, { start, end: start + 99 }));
    expect(slice.equals(all.subarray(start, start + 100))).toBe(true);
  });
});

describe('LocalStorage keys', () => {
  let dir: string;
  let storage: LocalStorage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ratsinfo-storage-'));
    storage = new LocalStorage(dir);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('stay inside their namespace', async () => {
    await expect(storage.put('../escape', Readable.from([Buffer.from('x')]), 'text/plain')).rejects.toThrow(/escapes/);
  });
});
