import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import type { S3Config } from '../../config/config';
import { ByteRange, Storage, StoredObject, StoredObjectMissing } from './storage';

/** Tuning of multipart uploads: memory per upload is about `partSize × (queueSize + 1)`. */
export interface S3UploadOptions {
  /** Bytes per part; S3 requires at least 5 MiB. */
  partSize: number;
  /** Parts in flight at once. */
  queueSize: number;
}

const DEFAULT_UPLOAD: S3UploadOptions = { partSize: 5 * 1024 * 1024, queueSize: 2 };

/** Counts the bytes that pass through. */
class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404;
  }
  return false;
}

/**
 * S3-compatible object storage (AWS, MinIO, Ceph, …). Uploads stream as multipart uploads
 * in parts of a few MiB; a failed upload is aborted, so no parts or object remain.
 */
export class S3Storage extends Storage {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly upload: S3UploadOptions;

  constructor(config: S3Config, upload: Partial<S3UploadOptions> = {}) {
    super();
    this.bucket = config.bucket;
    this.upload = { ...DEFAULT_UPLOAD, ...upload };
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Integrity is checked with our own SHA-512; the newer default checksums
      // (aws-chunked trailers) are not understood by every S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable, contentType: string): Promise<StoredObject> {
    const counter = new ByteCounter();
    // Errors of either side end both; the upload sees them through `counter`.
    pipeline(body, counter, () => undefined);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counter, ContentType: contentType },
      partSize: this.upload.partSize,
      queueSize: this.upload.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      counter.destroy();
      // The upload was aborted; make sure no object is left either (keys are never reused).
      await this.delete(key).catch(() => undefined);
      throw error;
    }
    return { size: counter.bytes };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      // On Node.js the SDK hands out the response stream itself.
      if (result.Body instanceof Readable) return result.Body;
      throw new Error(`S3 returned no readable body for "${key}"`);
    } catch (error) {
      if (isNotFound(error)) throw new StoredObjectMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Closes idle connections; called by Nest on shutdown. */
  onModuleDestroy(): void {
    this.client.destroy();
  }
}
