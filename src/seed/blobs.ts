import { Readable } from 'node:stream';
import type { Storage } from '../infra/storage/storage';
import { sha512Hex } from './pdf';

/** Reads a stored object completely (seed blobs are small). */
async function readAll(storage: Storage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * Makes sure `key` holds `bytes`. When `knownSha512` (what the database says is stored there)
 * matches and the object exists, nothing is written. Returns whether it wrote.
 */
export async function ensureBlob(storage: Storage, key: string, bytes: Buffer, sha512: string, knownSha512?: string): Promise<boolean> {
  if (knownSha512 === sha512 && (await storage.exists(key))) return false;
  await storage.put(key, Readable.from([bytes]), 'application/pdf');
  return true;
}

/** Like `ensureBlob`, but compares with the stored bytes themselves. */
export async function ensureBlobByContent(storage: Storage, key: string, bytes: Buffer, sha512: string): Promise<boolean> {
  if ((await storage.exists(key)) && sha512Hex(await readAll(storage, key)) === sha512) return false;
  await storage.put(key, Readable.from([bytes]), 'application/pdf');
  return true;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
