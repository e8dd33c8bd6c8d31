import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteRange, Storage, StoredObject, StoredObjectMissing } from './storage';

const PARTIAL = '.partial-';

/**
 * Files in a local folder, one per key. Writes go to a `.partial-*` sibling that is
 * flushed and renamed into place, so a key only ever names complete bytes.
 */
export class LocalStorage extends Storage {
  private readonly root: string;

  constructor(dir: string) {
    super();
    this.root = resolve(dir);
  }

  private path(key: string): string {
    if (!key || key.includes('\0') || key.includes(PARTIAL)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + sep)) throw new Error(`storage key escapes the storage folder: ${JSON.stringify(key)}`);
    return full;
  }

  /** The type is not kept: the database row says what the bytes are. */
  async put(key: string, body: Readable, _contentType?: string): Promise<StoredObject> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}${PARTIAL}${randomBytes(8).toString('hex')}`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx', flush: true }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { size: (await stat(target)).size };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await open(this.path(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StoredObjectMissing(key) : error;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}
