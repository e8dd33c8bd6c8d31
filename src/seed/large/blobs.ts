import { PdfContent, RenderedPdf, renderPdf } from '../pdf';
import { paragraphs } from './vocabulary';

/**
 * The few real PDFs all benchmark file rows point to: twenty documents of one to many pages,
 * blob 0 about 1 MiB (for download benchmarks).
 */

export const BLOB_COUNT = 20;
const LARGE_MIN_BYTES = 1024 * 1024;
const LARGE_MAX_BYTES = 1.25 * 1024 * 1024;
/** Paragraphs of the blobs 1…19 (about five make a page). */
const PARAGRAPHS = [0, 3, 8, 4, 14, 25, 5, 40, 10, 60, 6, 20, 100, 9, 4, 30, 200, 15, 11, 50];

function content(blob: number, paragraphCount: number): PdfContent {
  return {
    issuer: 'Stadt Großstadt – Der Oberbürgermeister',
    title: `Benchmark-Dokument ${blob + 1}: Sachstandsbericht über Maßnahmen im Stadtgebiet`,
    subtitle: `${paragraphCount} Abschnitte`,
    date: '2024-01-15',
    blocks: paragraphs(paragraphCount, `grossstadt:blob:${blob}`).flatMap((text, i) => [
      ...(i % 6 === 0 ? [{ kind: 'heading' as const, text: `${i / 6 + 1}. Abschnitt` }] : []),
      { kind: 'paragraph' as const, text },
    ]),
    footer: `Großstadt – Benchmark-Dokument ${blob + 1}`,
  };
}

/** Renders uncompressed pages until the PDF is at least 1 MiB (deterministic: same steps every time). */
async function largePdf(): Promise<RenderedPdf> {
  let count = 400;
  for (let attempt = 0; attempt < 6; attempt++) {
    const pdf = await renderPdf(content(0, count), { compress: false });
    if (pdf.bytes.length >= LARGE_MIN_BYTES && pdf.bytes.length <= LARGE_MAX_BYTES) return pdf;
    count = Math.ceil((count * (LARGE_MIN_BYTES * 1.05)) / pdf.bytes.length);
  }
  throw new Error('could not size the large benchmark PDF');
}

export async function renderBenchmarkPdfs(): Promise<RenderedPdf[]> {
  const pdfs = [await largePdf()];
  for (let blob = 1; blob < BLOB_COUNT; blob++) pdfs.push(await renderPdf(content(blob, PARAGRAPHS[blob])));
  return pdfs;
}
