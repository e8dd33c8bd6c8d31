import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { Dispatcher, request } from 'undici';
import { isRefusedAddress } from '../../infra/http/outbound';
import type { Storage } from '../../infra/storage/storage';
import { recogniseType, SNIFF_BYTES } from '../files/file-intake';
import { retryableStatus, withRetries } from './retry';

export interface DownloadOptions {
  concurrency: number;
  /** Files larger than this are skipped (metadata only). */
  maxBytes: number;
  /** The MIME types uploads accept: bytes of other types are not stored (metadata only). */
  allowedTypes: readonly string[];
  attempts: number;
  retryDelayMs: number;
  timeoutMs: number;
  /** Makes the connections (see outboundAgent: only public addresses unless allowed). */
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface DownloadCounts {
  downloaded: number;
  /** Of those downloaded: files fetched again because the source says their bytes changed. */
  refetched: number;
  tooLarge: number;
  /** Files whose bytes are of a type uploads do not accept: not stored, metadata kept. */
  refused: number;
  failed: number;
  /** What failed or was refused, and why. */
  failures: { fileId: string; url: string; reason: string }[];
}

export interface FileToFetch {
  id: string;
  url: string;
  /** What the source says the file is: decides only between formats the bytes cannot tell apart, as for uploads. */
  mimeType: string;
  fileName: string;
  /** What the source says of the bytes (stored as `fetched_version` with them). */
  version: Record<string, unknown> | null;
  /** Whether bytes are stored already (then this is a fetch of changed bytes). */
  stored: boolean;
}

export interface FetchedFile {
  /** Recognised from the bytes. */
  mimeType: string;
  size: number;
  sha512: string;
  storageKey: string;
  version: Record<string, unknown> | null;
}

class TooLarge extends Error {}

/** Bytes of a type uploads do not accept. */
class RefusedType extends Error {
  constructor(found: string | null, declared: string) {
    super(`the bytes are ${found ?? 'of no recognised type'} (the source says ${declared}), a type uploads do not accept: not stored`);
  }
}

/** Fetches one URL into memory, giving up as soon as it exceeds the size cap. */
async function fetchBytes(url: string, options: DownloadOptions): Promise<Buffer> {
  const res = await request(url, {
    method: 'GET',
    maxRedirections: 5,
    dispatcher: options.dispatcher,
    signal: options.signal,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  if (res.statusCode >= 400) {
    await res.body.dump();
    throw Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode });
  }
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > options.maxBytes) {
    await res.body.dump();
    throw new TooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > options.maxBytes) {
      res.body.destroy();
      throw new TooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function fetchWithRetries(url: string, options: DownloadOptions): Promise<Buffer> {
  const retryable = (error: unknown): boolean => !(error instanceof TooLarge) && !isRefusedAddress(error) && retryableStatus((error as { status?: number }).status);
  return withRetries(() => fetchBytes(url, options), retryable, {
    attempts: options.attempts,
    delayMs: options.retryDelayMs,
    signal: options.signal,
  });
}

/**
 * Imported files to fetch: those without bytes, and those whose bytes the source says changed
 * (its `modified`, size, checksums or download URL differ from when we fetched them). Bytes
 * fetched before versions were recorded count as current: they take the source's version.
 */
export async function filesToFetch(ds: DataSource, bodyId: string): Promise<FileToFetch[]> {
  await ds.query(
    `UPDATE file SET fetched_version = source_version
     WHERE body_id = $1 AND storage_key IS NOT NULL AND source_id IS NOT NULL AND fetched_version IS NULL AND source_version IS NOT NULL`,
    [bodyId],
  );
  const rows: FileToFetch[] = await ds.query(
    `SELECT id, COALESCE(source_download_url, source_access_url) AS url, mime_type AS "mimeType", file_name AS "fileName", source_version AS version, storage_key IS NOT NULL AS stored FROM file
     WHERE body_id = $1 AND deleted_at IS NULL AND source_id IS NOT NULL AND COALESCE(source_download_url, source_access_url) IS NOT NULL
       AND (storage_key IS NULL OR fetched_version IS DISTINCT FROM source_version)
     ORDER BY id`,
    [bodyId],
  );
  return rows;
}

/**
 * Downloads the bytes of imported files into storage, a few at a time, and records type, size
 * and SHA-512. The bytes are checked like uploads: their type is recognised from them, and
 * only a type uploads accept is stored. `store` saves the result (the caller records the
 * change event in the same write).
 */
export async function downloadFiles(
  files: FileToFetch[],
  storage: Storage,
  bodyId: string,
  options: DownloadOptions,
  store: (fileId: string, fetched: FetchedFile) => Promise<void>,
): Promise<DownloadCounts> {
  const counts: DownloadCounts = { downloaded: 0, refetched: 0, tooLarge: 0, refused: 0, failed: 0, failures: [] };
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length && !options.signal?.aborted) {
      const file = files[next++];
      try {
        const bytes = await fetchWithRetries(file.url, options);
        const { mimeType, accepted } = await recogniseType(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES, file.mimeType, file.fileName, options.allowedTypes);
        if (!mimeType || !accepted) throw new RefusedType(mimeType, file.mimeType);
        const storageKey = `${bodyId}/${file.id}`;
        await storage.put(storageKey, Readable.from(bytes), mimeType);
        await store(file.id, { mimeType, size: bytes.length, sha512: createHash('sha512').update(bytes).digest('hex'), storageKey, version: file.version });
        counts.downloaded++;
        if (file.stored) counts.refetched++;
      } catch (error) {
        if (error instanceof TooLarge) counts.tooLarge++;
        else {
          if (error instanceof RefusedType) counts.refused++;
          else counts.failed++;
          counts.failures.push({ fileId: file.id, url: file.url, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      options.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return counts;
}
