import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { loadConfig } from '../src/config/config';
import { renderPdf } from '../src/seed/pdf';
import { extractText } from '../src/infra/extraction/extract-text';
import { canOcrPdf } from '../src/infra/extraction/ocr';
import { closePdfReader } from '../src/infra/extraction/pdf';

const run = promisify(execFile);
const options = loadConfig({ NODE_ENV: 'test' }).search.extraction;

/** A PDF without a text layer: the pages of `source` as images (a scan). */
async function scanOf(source: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-scan-'));
  try {
    await writeFile(join(dir, 'in.pdf'), source);
    await run('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', join(dir, 'in.pdf'), join(dir, 'page')]);
    const image = await readFile(join(dir, 'page-1.png'));
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.image(image, 0, 0, { width: 595 });
    doc.end();
    await done;
    return Buffer.concat(chunks);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('text extraction', () => {
  afterAll(() => closePdfReader());
  const content = {
    issuer: 'Stadt Musterstadt',
    title: 'Neufassung der Friedhofsgebührensatzung',
    date: '2025-03-01',
    blocks: [
      { kind: 'paragraph' as const, text: 'Die Gebühren für Urnengräber steigen um zwölf Prozent.' },
      { kind: 'paragraph' as const, text: 'Weiterer Text. '.repeat(400) },
      { kind: 'paragraph' as const, text: 'Auf der letzten Seite steht der Beschlussvorschlag zur Straßenreinigung.' },
    ],
  };

  it('reads the text layer of a PDF page by page', async () => {
    const pdf = await renderPdf(content);
    const result = await extractText(pdf.bytes, 'application/pdf', options);
    expect(result?.method).toBe('text-layer');
    expect(result?.pages.length).toBeGreaterThan(1);
    expect(result?.pages[0]).toContain('Friedhofsgebührensatzung');
    expect(result?.pages[result.pages.length - 1]).toContain('Straßenreinigung');
  });

  it('reads plain text and CSV, and says when a type has no readable text', async () => {
    expect(await extractText(Buffer.from('Tagesordnung;Punkt\nÖ 1;Haushalt\n'), 'text/csv', options)).toEqual({ pages: ['Tagesordnung;Punkt\nÖ 1;Haushalt'], method: 'plain' });
    expect(await extractText(Buffer.from([0xc4, 0x6e, 0x64, 0x65, 0x72, 0x75, 0x6e, 0x67]), 'text/plain', options)).toEqual({ pages: ['Änderung'], method: 'plain' });
    expect(await extractText(Buffer.from('PK\u0003\u0004'), 'application/vnd.ms-excel', options)).toBeNull();
  });

  it('rejects a broken PDF with a message instead of crashing, and reads the next one', async () => {
    await expect(extractText(Buffer.from('%PDF-1.7\nnot really'), 'application/pdf', options)).rejects.toThrow(/PDF/);
    const pdf = await renderPdf(content);
    expect((await extractText(pdf.bytes, 'application/pdf', options))?.pages[0]).toContain('Friedhofsgebührensatzung');
  });

  it('stops a PDF reader that takes too long and recovers', async () => {
    const pdf = await renderPdf(content);
    await expect(extractText(pdf.bytes, 'application/pdf', { ...options, timeoutMs: 1 })).rejects.toThrow(/longer than/);
    expect((await extractText(pdf.bytes, 'application/pdf', options))?.method).toBe('text-layer');
  });

  it('OCRs a scanned PDF when tesseract with German data and pdftoppm are installed', async () => {
    if (!(await canOcrPdf(options))) {
      console.warn('tesseract with German data or pdftoppm (poppler-utils) is not installed: OCR not tested');
      return;
    }
    const scan = await scanOf((await renderPdf({ ...content, blocks: [content.blocks[0]] })).bytes);
    const result = await extractText(scan, 'application/pdf', options);
    expect(result?.method).toBe('ocr');
    expect(result?.pages.join(' ')).toMatch(/Friedhofsgeb[üu]hrensatzung/);
    expect(result?.pages.join(' ')).toMatch(/Urnengr[äa]ber/);
  }, 60_000);
});
