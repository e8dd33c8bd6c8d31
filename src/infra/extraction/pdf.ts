import { ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { tidy, type ExtractedText, type ExtractionOptions } from './extracted-text';
import { canOcrPdf, ocrPdf } from './ocr';

/** Fewer characters per page than this means "no text layer" (a scan). */
const SCAN_CHARS_PER_PAGE = 25;

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

/**
 * The text layer of a PDF, page by page; OCR when there is none (a scan). Without a reader of
 * its own the caller shares one with the rest of the process.
 */
export async function extractPdf(bytes: Buffer, options: ExtractionOptions, reader: PdfReader = (defaultReader ??= new PdfReader())): Promise<ExtractedText> {
  const layer = await reader.read(bytes, options);
  const total = layer.pages.reduce((n, p) => n + p.length, 0);
  const scanned = layer.numPages > 0 && total < SCAN_CHARS_PER_PAGE * layer.pages.length;
  if (scanned && (await canOcrPdf(options))) return { pages: await ocrPdf(bytes, layer.numPages, options), method: 'ocr' };
  return { pages: layer.pages, method: 'text-layer' };
}
