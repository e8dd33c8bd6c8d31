import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tidy, type ExtractionOptions } from './extracted-text';

const run = promisify(execFile);

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

/** The text of an image file, by tesseract (German). */
export async function ocrImage(path: string, options: ExtractionOptions): Promise<string> {
  const { stdout } = await run(options.tesseractPath, [path, 'stdout', '-l', 'deu', '--psm', '1'], { timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return tidy(stdout);
}

/** Renders the pages of a PDF one at a time and reads them with tesseract. */
export async function ocrPdf(bytes: Buffer, pageCount: number, options: ExtractionOptions): Promise<string[]> {
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
