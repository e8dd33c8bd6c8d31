import { createHash, Hash } from 'node:crypto';
import { extname } from 'node:path';
import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import { fromBuffer } from 'file-type';
import { Problem } from '../../common/http/problem';
import type { Storage } from '../../infra/storage/storage';

/** Bytes looked at to recognise a format (what file-type needs for every format it knows). */
export const SNIFF_BYTES = 4100;

/** Formats without magic bytes: accepted only when declared and the bytes look like UTF-8 text. */
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/**
 * Legacy Office formats are OLE2 compound files, which file-type reports as
 * `application/x-cfb` without telling Word from Excel; the declared type or the file
 * name extension decides, and only between these.
 */
const COMPOUND_TYPES = new Set(['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint']);
const COMPOUND_EXTENSIONS: Record<string, string> = {
  '.doc': 'application/msword',
  '.dot': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.xlt': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

export interface UploadPolicy {
  maxBytes: number;
  allowedTypes: string[];
}

/** A file part as the multipart parser hands it over. */
export interface IncomingFile {
  /** The bytes; busboy sets `truncated` and emits `limit` when they exceed the parser's limit. */
  stream: Readable & { truncated?: boolean };
  /** The Content-Type the client declared for the part (not trusted). */
  declaredType: string;
  /** The file name the client sent (not trusted). */
  fileName: string;
}

export interface IntakeResult {
  mimeType: string;
  size: number;
  /** Lowercase hex SHA-512 of the stored bytes. */
  sha512: string;
}

function baseType(type: string): string {
  return type.split(';')[0].trim().toLowerCase();
}

/** UTF-8 without NUL bytes; `complete` says whether `head` is the whole file (else a split last character is fine). */
export function looksLikeText(head: Buffer, complete: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file from its first bytes. The declared type only decides between
 * formats the bytes cannot tell apart (text, legacy Office); it never overrides magic bytes.
 * Returns null when the format is not recognised.
 */
export async function sniffType(head: Buffer, complete: boolean, declaredType: string, fileName: string, allowed: readonly string[]): Promise<string | null> {
  const declared = baseType(declaredType);
  const found = await fromBuffer(head.subarray(0, SNIFF_BYTES));
  if (found?.mime === 'application/x-cfb') {
    if (COMPOUND_TYPES.has(declared)) return declared;
    return COMPOUND_EXTENSIONS[extname(fileName).toLowerCase()] ?? found.mime;
  }
  if (found && allowed.includes(found.mime)) return found.mime;
  // Short magic numbers (such as "BM" for bitmaps) also start ordinary text; text wins when declared and clean.
  if (TEXT_TYPES.has(declared) && looksLikeText(head, complete)) return declared;
  return found?.mime ?? null;
}

/** What a file is by its first bytes (see sniffType), and whether the allow-list takes it. */
export async function recogniseType(
  head: Buffer,
  complete: boolean,
  declaredType: string,
  fileName: string,
  allowed: readonly string[],
): Promise<{ mimeType: string | null; accepted: boolean }> {
  const mimeType = await sniffType(head, complete, declaredType, fileName, allowed);
  return { mimeType, accepted: mimeType !== null && allowed.includes(mimeType) };
}

export function tooLarge(maxBytes: number): Problem {
  return new Problem(413, 'file_too_large', { max: maxBytes });
}

/** Reads at least `bytes` bytes (or the whole stream, if shorter) without losing any. */
function readHead(stream: Readable, bytes: number): Promise<{ head: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (ended: boolean): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      resolve({ head: Buffer.concat(chunks), ended });
    };
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while (length < bytes && (chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length >= bytes) finish(false);
    };
    const onEnd = (): void => finish(true);
    const onError = (error: Error): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      reject(error);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** Passes bytes through while counting and hashing them; fails once there are too many. */
class Digest extends Transform {
  size = 0;
  sha512 = '';
  /** Set when this stream itself refused the bytes. */
  refusal: Problem | undefined;
  private readonly hash: Hash = createHash('sha512');

  constructor(
    private readonly maxBytes: number,
    private readonly truncated: () => boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback((this.refusal = tooLarge(this.maxBytes)));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    // The parser cuts a file at its limit and ends the stream normally: that is no complete file.
    if (this.truncated()) return callback((this.refusal = tooLarge(this.maxBytes)));
    this.sha512 = this.hash.digest('hex');
    callback();
  }
}

/**
 * Takes an uploaded file into storage under `key`: recognises its type from the first
 * bytes (415 for types not allowed), then streams it to storage while counting and hashing
 * (413 beyond `maxBytes`). Memory stays flat whatever the size. When anything fails,
 * nothing remains under `key`.
 */
export async function intakeFile(storage: Storage, key: string, file: IncomingFile, policy: UploadPolicy): Promise<IntakeResult> {
  let sourceError: Error | undefined;
  let limitHit = false;
  let digest: Digest | undefined;
  const onLimit = (): void => {
    limitHit = true;
    if (digest && !digest.destroyed) digest.destroy((digest.refusal = tooLarge(policy.maxBytes)));
  };
  const onSourceError = (error: Error): void => {
    sourceError ??= error;
  };
  file.stream.once('limit', onLimit);
  file.stream.on('error', onSourceError);

  try {
    const { head, ended } = await readHead(file.stream, SNIFF_BYTES);
    if (limitHit || file.stream.truncated) throw tooLarge(policy.maxBytes);
    const { mimeType, accepted } = await recogniseType(head, ended, file.declaredType, file.fileName, policy.allowedTypes);
    if (!mimeType || !accepted) {
      throw new Problem(415, mimeType ? 'file_type_refused' : 'file_type_unknown', mimeType ? { type: mimeType } : {});
    }

    const counted = (digest = new Digest(policy.maxBytes, () => limitHit || file.stream.truncated === true));
    const source = Readable.from(
      (async function* (): AsyncGenerator<Buffer> {
        if (head.length) yield head;
        if (ended) return;
        for await (const chunk of file.stream) yield chunk as Buffer;
      })(),
      { objectMode: false },
    );
    // Errors of either side end both; storage sees them through `counted`.
    pipeline(source, counted, () => undefined);
    try {
      await storage.put(key, counted, mimeType);
    } catch (error) {
      await storage.delete(key).catch(() => undefined);
      throw error;
    }
    return { mimeType, size: counted.size, sha512: counted.sha512 };
  } catch (error) {
    if (digest?.refusal) throw digest.refusal;
    if (error instanceof Problem) throw error;
    if (sourceError) throw new Problem(400, 'upload_incomplete');
    throw error;
  } finally {
    file.stream.off('limit', onLimit);
    file.stream.off('error', onSourceError);
  }
}
