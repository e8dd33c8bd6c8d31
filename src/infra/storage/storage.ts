import type { Readable } from 'node:stream';

/** Where file bytes live. One interface, two adapters: a local folder and S3-compatible storage. */
export interface StoredObject {
  size: number;
}

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Thrown by `get` when no object is stored under the key. */
export class StoredObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored object under "${key}"`);
    this.name = 'StoredObjectMissing';
  }
}

/**
 * Contract every adapter keeps:
 * - `put` streams (never buffers the whole body) and is all-or-nothing: when `body` fails
 *   half-way, or the store does, the promise rejects and nothing is left under `key`;
 * - `get` rejects with `StoredObjectMissing` for an unknown key, before any byte is read;
 * - `delete` is idempotent.
 */
export abstract class Storage {
  /** Streams `body` to `key`; resolves when the bytes are durable. */
  abstract put(key: string, body: Readable, contentType: string): Promise<StoredObject>;
  /** Streams the bytes, optionally a byte range (inclusive end). */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;
  abstract delete(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
}
