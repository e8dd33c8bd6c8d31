import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import type { SearchConfig } from '../../config/config';
import type { Storage } from '../../infra/storage/storage';
import { TEXT_PENDING_SQL, type ExtractionMethod, type ExtractionStatus } from '../files/file-text';
import { extractOffice, OFFICE_TYPES } from '../../infra/extraction/office/office';

const run = promisify(execFile);

export interface ExtractedText {
  pages: string[];
  method: ExtractionMethod;
}

type ExtractionOptions = SearchConfig['extraction'];

/** Fewer characters per page than this means "no text layer" (a scan). */
const SCAN_CHARS_PER_PAGE = 25;
const PAGE_SEPARATOR = '\f';

const tidy = (text: string): string =>
  text
    .replace(/\f/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

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

let ocrAvailable: Promise<boolean> | null = null;
let rasterAvailable: Promise<boolean> | null = null;

/** Whether tesseract with German data is installed (checked once): images can be read. */
export function canOcr(options: ExtractionOptions): Promise<boolean> {
  if (!options.ocr) return Promise.resolve(false);
  ocrAvailable ??= run(options.tesseractPath, ['--list-langs'], { timeout: 10_000 })
    .then(({ stdout, stderr }) => /\bdeu\b/.test(stdout + stderr))
    .catch(() => false);
  return ocrAvailable;
}

/** Whether scanned PDFs can be read: tesseract with German data, and pdftoppm (poppler-utils) to render pages. */
export async function canOcrPdf(options: ExtractionOptions): Promise<boolean> {
  rasterAvailable ??= run('pdftoppm', ['-v'], { timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  return (await canOcr(options)) && (await rasterAvailable);
}

async function ocrImage(path: string, options: ExtractionOptions): Promise<string> {
  const { stdout } = await run(options.tesseractPath, [path, 'stdout', '-l', 'deu', '--psm', '1'], { timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return tidy(stdout);
}

/** Renders the pages of a PDF one at a time and reads them with tesseract. */
async function ocrPdf(bytes: Buffer, pageCount: number, options: ExtractionOptions): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-ocr-'));
  try {
    const pdf = join(dir, 'in.pdf');
    await writeFile(pdf, bytes);
    const pages: string[] = [];
    for (let page = 1; page <= Math.min(pageCount, options.maxPages); page++) {
      await run('pdftoppm', ['-r', '200', '-gray', '-f', String(page), '-l', String(page), '-png', pdf, join(dir, 'p')], { timeout: options.timeoutMs });
      const image = (await readdir(dir)).find((f) => f.startsWith('p') && f.endsWith('.png'));
      if (!image) {
        pages.push('');
        continue;
      }
      pages.push(await ocrImage(join(dir, image), options));
      await rm(join(dir, image), { force: true });
    }
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Reads PDFs' text layers in a child process (pdf.js through unpdf): memory stays bounded by
 * the child's heap limit, and a PDF that crashes or hangs pdf.js only costs the child, which
 * is then started afresh. The child serves one PDF at a time over its IPC channel and is
 * replaced after a number of files, so that pdf.js caches cannot grow without bound.
 */
const PDF_CHILD = `
let pdfjs = null;
process.on('message', async (m) => {
  try {
    pdfjs = pdfjs || (await import(process.argv[1]));
    const pdf = await pdfjs.getDocumentProxy(new Uint8Array(m.data), { isEvalSupported: false });
    const pages = [];
    let total = 0;
    try {
      for (let n = 1; n <= Math.min(pdf.numPages, m.maxPages) && total < m.maxChars; n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        let text = '';
        for (const item of content.items) {
          if (typeof item.str === 'string') text += item.str;
          if (item.hasEOL) text += '\\n';
        }
        page.cleanup();
        total += text.length;
        pages.push(text);
      }
      process.send({ id: m.id, numPages: pdf.numPages, pages });
    } finally {
      await pdf.destroy();
    }
  } catch (e) {
    process.send({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface PdfLayer {
  numPages: number;
  pages: string[];
}

interface ChildAnswer {
  id: number;
  numPages?: number;
  pages?: string[];
  error?: string;
}

const FILES_PER_CHILD = 200;

/** One child process reading PDFs, one at a time; restarted after a crash, a timeout or 200 files. */
export class PdfReader {
  private child: ChildProcess | null = null;
  private served = 0;
  private next = 1;
  private queue: Promise<unknown> = Promise.resolve();

  read(bytes: Buffer, options: ExtractionOptions): Promise<PdfLayer> {
    const result = this.queue.then(() => this.readNow(bytes, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private spawnChild(): ChildProcess {
    const unpdf = pathToFileURL(require.resolve('unpdf').replace(/index\.cjs$/, 'index.mjs')).href;
    const child = spawn(process.execPath, ['--max-old-space-size=768', '-e', PDF_CHILD, unpdf], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stderr?.resume();
    child.on('error', () => undefined);
    child.unref();
    child.channel?.unref();
    return child;
  }

  private readNow(bytes: Buffer, options: ExtractionOptions): Promise<PdfLayer> {
    if (!this.child || this.child.exitCode !== null || this.served >= FILES_PER_CHILD) {
      this.stopChild();
      this.child = this.spawnChild();
      this.served = 0;
    }
    const child = this.child;
    const id = this.next++;
    this.served++;
    return new Promise<PdfLayer>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (message: ChildAnswer): void => {
        if (message.id !== id) return;
        done();
        if (message.error !== undefined) reject(new Error(`PDF could not be read: ${message.error.split('\n')[0]}`));
        else resolve({ numPages: message.numPages ?? 0, pages: (message.pages ?? []).map(tidy) });
      };
      const onExit = (code: number | null, signal: string | null): void => {
        done();
        reject(new Error(`PDF reader stopped (${signal ?? `exit ${code}`}): the PDF is too large or broken`));
      };
      const timer = setTimeout(() => {
        done();
        this.stopChild();
        reject(new Error(`PDF reader took longer than ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, data: bytes, maxPages: options.maxPages, maxChars: options.maxChars });
    });
  }

  private stopChild(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    this.child = null;
  }

  close(): void {
    this.stopChild();
  }
}

let defaultReader: PdfReader | null = null;

/** Stops the shared PDF reader (tests; processes exit without it too). */
export function closePdfReader(): void {
  defaultReader?.close();
  defaultReader = null;
}

/** The text layer of a PDF, page by page; OCR when there is none (a scan). */
async function extractPdf(bytes: Buffer, options: ExtractionOptions, reader: PdfReader): Promise<ExtractedText> {
  const layer = await reader.read(bytes, options);
  const total = layer.pages.reduce((n, p) => n + p.length, 0);
  const scanned = layer.numPages > 0 && total < SCAN_CHARS_PER_PAGE * layer.pages.length;
  if (scanned && (await canOcrPdf(options))) return { pages: await ocrPdf(bytes, layer.numPages, options), method: 'ocr' };
  return { pages: layer.pages, method: 'text-layer' };
}

function decodeText(bytes: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // Many CSV exports of office software are Windows-1252; replacement characters give them away.
  return utf8.includes('\ufffd') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
}

/**
 * The text of a file by its MIME type, page by page; null when the type has no text we can
 * read. PDFs: the text layer, or OCR for scans when tesseract is installed; images: OCR;
 * plain text and CSV as they are; office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC)
 * by their XML or Word's binary format, a page per slide or sheet.
 */
export async function extractText(bytes: Buffer, mimeType: string, options: ExtractionOptions, reader?: PdfReader): Promise<ExtractedText | null> {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return extractPdf(bytes, options, reader ?? (defaultReader ??= new PdfReader()));
  if (type.startsWith('text/')) return { pages: [tidy(decodeText(bytes))], method: 'plain' };
  const office = OFFICE_TYPES.get(type);
  if (office) return { pages: (await extractOffice(bytes, office, options)).map(tidy), method: 'office' };
  if ((type === 'image/png' || type === 'image/jpeg' || type === 'image/tiff') && (await canOcr(options))) {
    const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-ocr-'));
    try {
      const path = join(dir, 'image');
      await writeFile(path, bytes);
      return { pages: [await ocrImage(path, options)], method: 'ocr' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return null;
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
