import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { Random } from './random';

/**
 * Renders the seeds' council documents as real PDFs. The standard Helvetica fonts use the
 * WinAnsi encoding, which covers German (ä ö ü ß, „“, –, €, §). The creation date is taken from
 * the content, so the same content always gives the same bytes.
 */

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: readonly string[]; numbered?: boolean }
  /** Label/value pairs such as "Vorlage-Nr.: 0123/2025". */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  /** A cost table: description and a right-aligned amount, optionally with a total line. */
  | { kind: 'amounts'; rows: readonly (readonly [string, string])[]; total?: readonly [string, string] }
  /** A simple site plan drawn with lines and boxes, with a caption. */
  | { kind: 'sitePlan'; caption: string; seed: string }
  | { kind: 'signature'; place: string; name: string; role: string };

export interface PdfContent {
  /** Letterhead, e.g. "Stadt Musterstadt – Die Bürgermeisterin". */
  issuer: string;
  title: string;
  subtitle?: string;
  /** YYYY-MM-DD; also the PDF creation date. */
  date: string;
  blocks: readonly PdfBlock[];
  /** Left part of every page's footer, e.g. the document reference. */
  footer?: string;
}

export interface RenderedPdf {
  bytes: Buffer;
  /** Lowercase hex SHA-512 of the bytes. */
  sha512: string;
  /** The text the PDF shows, one block a paragraph. */
  text: string;
}

const MARGIN = 62;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';

/** Characters outside WinAnsi that creep into generated prose, mapped to ones inside it. */
const NOT_WIN_ANSI: Record<string, string> = { '\u202f': ' ', '\u2009': ' ', '\u2011': '-', '\u2212': '-', '\u2192': '->' };

function winAnsi(text: string): string {
  return text.replace(/[\u202f\u2009\u2011\u2212\u2192]/g, (c) => NOT_WIN_ANSI[c] ?? ' ');
}

export function sha512Hex(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('hex');
}

/** The plain text of the content, as a text extractor would find it. */
export function pdfText(content: PdfContent): string {
  const parts: string[] = [content.issuer, content.title];
  if (content.subtitle) parts.push(content.subtitle);
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        parts.push(block.text);
        break;
      case 'list':
        parts.push(block.items.map((item, i) => `${block.numbered ? `${i + 1}.` : '–'} ${item}`).join('\n'));
        break;
      case 'fields':
      case 'amounts':
        parts.push(block.rows.map(([label, value]) => `${label}: ${value}`).join('\n'));
        if (block.kind === 'amounts' && block.total) parts.push(`${block.total[0]}: ${block.total[1]}`);
        break;
      case 'sitePlan':
        parts.push(block.caption);
        break;
      case 'signature':
        parts.push(`${block.place}\n${block.name}\n${block.role}`);
        break;
    }
  }
  return parts.join('\n\n');
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN * 2;
}

function writeHeader(doc: Doc, content: PdfContent): void {
  doc.font(BOLD).fontSize(10).fillColor('#1f4e79').text(winAnsi(content.issuer), MARGIN, MARGIN);
  const ruleY = doc.y + 4;
  doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + contentWidth(doc), ruleY).lineWidth(0.8).strokeColor('#1f4e79').stroke();
  doc.fillColor('black').moveDown(1.5);
  doc.font(BOLD).fontSize(15).text(winAnsi(content.title), MARGIN, doc.y, { width: contentWidth(doc) });
  if (content.subtitle) doc.moveDown(0.3).font(ITALIC).fontSize(11).text(winAnsi(content.subtitle));
  doc.moveDown(1);
}

function writeFields(doc: Doc, rows: readonly (readonly [string, string])[]): void {
  const labelWidth = 140;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font(BOLD).fontSize(10).text(winAnsi(label), MARGIN, y, { width: labelWidth });
    const afterLabel = doc.y;
    doc.font(FONT).fontSize(10).text(winAnsi(value), MARGIN + labelWidth, y, { width: contentWidth(doc) - labelWidth });
    doc.y = Math.max(doc.y, afterLabel) + 2;
  }
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

function writeAmounts(doc: Doc, rows: readonly (readonly [string, string])[], total?: readonly [string, string]): void {
  const amountWidth = 130;
  const line = (label: string, amount: string, font: string): void => {
    const y = doc.y;
    doc.font(font).fontSize(10).text(winAnsi(label), MARGIN, y, { width: contentWidth(doc) - amountWidth - 10 });
    const afterLabel = doc.y;
    doc.text(winAnsi(amount), MARGIN + contentWidth(doc) - amountWidth, y, { width: amountWidth, align: 'right' });
    doc.y = Math.max(doc.y, afterLabel) + 3;
  };
  for (const [label, amount] of rows) line(label, amount, FONT);
  if (total) {
    const y = doc.y + 1;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(doc), y).lineWidth(0.5).strokeColor('black').stroke();
    doc.y = y + 4;
    line(total[0], total[1], BOLD);
  }
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

/** A schematic site plan: parcels along a street, the planning area hatched. */
function writeSitePlan(doc: Doc, caption: string, seed: string): void {
  const random = Random.from(seed);
  const width = contentWidth(doc);
  const height = 260;
  if (doc.y + height + 40 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y;
  doc.rect(MARGIN, top, width, height).lineWidth(1).strokeColor('black').stroke();
  const streetY = top + height * (0.35 + random.next() * 0.3);
  doc.rect(MARGIN, streetY - 9, width, 18).fillColor('#d9d9d9').fill();
  let x = MARGIN + 8;
  while (x < MARGIN + width - 40) {
    const parcel = 40 + random.int(0, 50);
    const w = Math.min(parcel, MARGIN + width - 8 - x);
    doc.rect(x, top + 10, w - 6, streetY - top - 24).lineWidth(0.5).strokeColor('#555555').stroke();
    doc.rect(x, streetY + 14, w - 6, top + height - streetY - 24).lineWidth(0.5).strokeColor('#555555').stroke();
    x += w;
  }
  const areaX = MARGIN + width * (0.2 + random.next() * 0.3);
  doc.rect(areaX, streetY + 14, width * 0.3, top + height - streetY - 24).lineWidth(2).strokeColor('#c00000').dash(6, { space: 3 }).stroke().undash();
  doc.fillColor('black').font(ITALIC).fontSize(8).text('Geltungsbereich', areaX + 4, streetY + 18);
  const arrowX = MARGIN + width - 20;
  doc.moveTo(arrowX, top + 36).lineTo(arrowX, top + 16).lineTo(arrowX - 4, top + 22).moveTo(arrowX, top + 16).lineTo(arrowX + 4, top + 22).lineWidth(1).strokeColor('black').stroke();
  doc.font(BOLD).fontSize(8).text('N', arrowX - 3, top + 5, { lineBreak: false });
  doc.y = top + height + 6;
  doc.x = MARGIN;
  doc.font(ITALIC).fontSize(9).text(winAnsi(caption), { width });
  doc.moveDown(1);
}

function writeBlock(doc: Doc, block: PdfBlock): void {
  const width = contentWidth(doc);
  switch (block.kind) {
    case 'heading':
      if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
      doc.font(BOLD).fontSize(11.5).text(winAnsi(block.text), MARGIN, doc.y, { width });
      doc.moveDown(0.4);
      break;
    case 'paragraph':
      doc.font(FONT).fontSize(10.5).text(winAnsi(block.text), MARGIN, doc.y, { width, align: 'justify', lineGap: 1.5 });
      doc.moveDown(0.7);
      break;
    case 'list':
      doc.font(FONT).fontSize(10.5);
      block.items.forEach((item, i) => {
        const marker = block.numbered ? `${i + 1}.` : '–';
        const y = doc.y;
        doc.text(marker, MARGIN + 6, y, { width: 18 });
        doc.text(winAnsi(item), MARGIN + 26, y, { width: width - 26, align: 'justify', lineGap: 1.5 });
        doc.moveDown(0.3);
      });
      doc.x = MARGIN;
      doc.moveDown(0.5);
      break;
    case 'fields':
      writeFields(doc, block.rows);
      break;
    case 'amounts':
      writeAmounts(doc, block.rows, block.total);
      break;
    case 'sitePlan':
      writeSitePlan(doc, block.caption, block.seed);
      break;
    case 'signature':
      doc.moveDown(1.5).font(FONT).fontSize(10.5).text(winAnsi(block.place), MARGIN, doc.y);
      doc.moveDown(2.2).text(winAnsi(block.name)).font(ITALIC).text(winAnsi(block.role));
      doc.moveDown(1);
      break;
  }
}

/** Page footers ("Seite 2 von 5") are drawn once all pages exist. */
function writeFooters(doc: Doc, footer: string | undefined): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 20;
    doc.font(FONT).fontSize(8).fillColor('#555555');
    if (footer) doc.text(winAnsi(footer), MARGIN, y, { width: contentWidth(doc) / 2, lineBreak: false });
    doc.text(`Seite ${i + 1} von ${range.count}`, MARGIN + contentWidth(doc) / 2, y, { width: contentWidth(doc) / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export function renderPdf(content: PdfContent, options: { compress?: boolean } = {}): Promise<RenderedPdf> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      compress: options.compress ?? true,
      lang: 'de-DE',
      info: {
        Title: winAnsi(content.title),
        Author: winAnsi(content.issuer),
        Subject: winAnsi(content.subtitle ?? content.title),
        Creator: 'Ratsinfo seed',
        Producer: 'Ratsinfo seed',
        CreationDate: new Date(`${content.date}T09:00:00Z`),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, sha512: sha512Hex(bytes), text: pdfText(content) });
    });
    writeHeader(doc, content);
    for (const block of content.blocks) writeBlock(doc, block);
    writeFooters(doc, content.footer);
    doc.end();
  });
}
