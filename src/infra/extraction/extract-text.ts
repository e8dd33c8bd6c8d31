import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tidy, type ExtractedText, type ExtractionOptions } from './extracted-text';
import { canOcr, ocrImage } from './ocr';
import { extractOffice, OFFICE_TYPES } from './office/office';
import { extractPdf, type PdfReader } from './pdf';

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
  if (type === 'application/pdf') return extractPdf(bytes, options, reader);
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
