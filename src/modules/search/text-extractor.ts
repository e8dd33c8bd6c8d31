import type { Readable } from 'node:stream';
import type { Pool } from 'pg';
import type { ExtractedText, ExtractionOptions } from '../../infra/extraction/extracted-text';
import { extractText } from '../../infra/extraction/extract-text';
import { PdfReader } from '../../infra/extraction/pdf';
import type { Storage } from '../../infra/storage/storage';
import { TEXT_PENDING_SQL, type ExtractionStatus } from '../files/file-text';

const PAGE_SEPARATOR = '\f';

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > max) {
      stream.destroy();
      throw new Error(`the file is larger than ${max} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Caps the pages to `max` characters in total. */
function capPages(pages: string[], max: number): string[] {
  const out: string[] = [];
  let left = max;
  for (const page of pages) {
    if (left <= 0) break;
    out.push(page.slice(0, left));
    left -= page.length;
  }
  return out;
}

interface FileRow {
  id: string;
  mime_type: string;
  storage_key: string | null;
  sha512: string | null;
  size: string;
  text_status: string | null;
  text_source_sha512: string | null;
  deleted_at: Date | null;
}

/**
 * The text a file keeps after an extraction. Text extracted from the bytes wins when there is
 * some; otherwise an imported file keeps (or gets back) its source's text; otherwise `empty`
 * clears the text and a failure keeps whatever the file had. Text that extraction replaces is
 * parked in `source_text` when it came from the source. Every expression reads the row as it
 * was before the update ($2 status, $3 extracted text, $7 method).
 */
const RECORD_SQL = `
  WITH before AS (SELECT id, text FROM file WHERE id = $1 FOR UPDATE)
  UPDATE file f SET
    text = CASE WHEN $3::text IS NOT NULL THEN $3
                WHEN f.text_origin = 'source' THEN f.text
                WHEN f.source_text IS NOT NULL THEN f.source_text
                WHEN $2 = 'empty' THEN NULL
                ELSE f.text END,
    text_origin = CASE WHEN $3::text IS NOT NULL THEN $7::file_text_origin
                       WHEN f.text_origin = 'source' OR f.source_text IS NOT NULL THEN 'source'
                       WHEN $2 = 'empty' THEN NULL
                       ELSE f.text_origin END,
    source_text = CASE WHEN $3::text IS NULL THEN NULL
                       WHEN f.text_origin = 'source' THEN f.text
                       ELSE f.source_text END,
    page_count = CASE WHEN $3::text IS NULL AND (f.text_origin = 'source' OR f.source_text IS NOT NULL) THEN NULL ELSE $4::int END,
    text_status = $2, text_error = $5, text_extracted_at = now(), text_source_sha512 = $6
  FROM before
  WHERE f.id = before.id AND f.sha512 IS NOT DISTINCT FROM $6
  RETURNING f.text IS DISTINCT FROM before.text AS changed`;

/**
 * Fills a file's text from its bytes: `text` holds the pages separated by form feeds,
 * `page_count` their number, `text_status` the outcome, `text_origin` the method. Failures
 * are recorded on the file (`failed` with `text_error`) and never thrown; a later change of
 * the file, or `npm run cli -- search extract --failed`, retries them. Imported files keep
 * the text of their source when extraction finds none (see RECORD_SQL).
 */
export class TextExtractor {
  private readonly reader = new PdfReader();

  constructor(
    private readonly pool: Pool,
    private readonly storage: Storage,
    private readonly options: ExtractionOptions,
    private readonly maxBytes: number,
  ) {}

  /**
   * Extracts when the bytes changed since the last run (or always with `force`). True when
   * the file's text changed, which is when the search index needs the file again.
   */
  async extractFile(id: string, force = false): Promise<boolean> {
    const result = await this.pool.query<FileRow>(
      `SELECT id, mime_type, storage_key, sha512, size::text, text_status, text_source_sha512, deleted_at FROM file WHERE id = $1`,
      [id],
    );
    const file = result.rows[0];
    // Without stored bytes there is nothing to extract: the file keeps what it has (an import's source text, or nothing).
    if (!file || file.deleted_at || !file.storage_key) return false;
    const upToDate = file.text_source_sha512 !== null && file.text_source_sha512 === file.sha512 && file.text_status !== 'failed';
    if (upToDate && !force) return false;
    let status: ExtractionStatus;
    let extracted: ExtractedText | null = null;
    try {
      const bytes = await readAll(await this.storage.get(file.storage_key), this.maxBytes);
      extracted = await extractText(bytes, file.mime_type, this.options, this.reader);
      if (extracted) extracted = { ...extracted, pages: capPages(extracted.pages, this.options.maxChars) };
      status = !extracted ? 'unsupported' : extracted.pages.some((p) => p.length > 0) ? 'done' : 'empty';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return this.record(file, 'failed', null, message.slice(0, 1000));
    }
    return this.record(file, status, extracted, null);
  }

  private async record(file: FileRow, status: ExtractionStatus, extracted: ExtractedText | null, error: string | null): Promise<boolean> {
    const text = extracted && status === 'done' ? extracted.pages.join(PAGE_SEPARATOR) : null;
    const updated = await this.pool.query<{ changed: boolean }>(RECORD_SQL, [
      file.id,
      status,
      text,
      extracted ? extracted.pages.length : null,
      error,
      file.sha512,
      extracted?.method ?? null,
    ]);
    return updated.rows[0]?.changed === true;
  }

  close(): void {
    this.reader.close();
  }

  /** Ids of files to (re-)extract: never extracted, or failed when `failed` is set. */
  async pending(bodyId: string | null, failed: boolean, limit = 500, after = '00000000-0000-0000-0000-000000000000'): Promise<string[]> {
    const where = [`id > $1`, failed ? `deleted_at IS NULL AND storage_key IS NOT NULL AND text_status = 'failed'` : TEXT_PENDING_SQL];
    const values: unknown[] = [after, limit];
    if (bodyId) {
      values.push(bodyId);
      where.push(`body_id = $3`);
    }
    const result = await this.pool.query<{ id: string }>(`SELECT id FROM file WHERE ${where.join(' AND ')} ORDER BY id LIMIT $2`, values);
    return result.rows.map((r) => r.id);
  }

  /** Files whose text is still to be extracted although they last changed `seconds` ago or earlier, by id from `after`, with the checksum of their bytes. */
  async overdue(seconds: number, limit: number, after: string): Promise<{ id: string; sha512: string | null }[]> {
    const result = await this.pool.query<{ id: string; sha512: string | null }>(
      `SELECT id, sha512 FROM file WHERE ${TEXT_PENDING_SQL} AND id > $1 AND modified_at < now() - make_interval(secs => $3) ORDER BY id LIMIT $2`,
      [after, limit, seconds],
    );
    return result.rows;
  }
}
