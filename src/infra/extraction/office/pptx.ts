import type { ExtractionOptions } from '../extracted-text';
import { relationships } from './ooxml';
import { relId, walk } from './xml';
import type { Package } from './zip';

/** Text of DrawingML (a slide): paragraphs on lines. */
function drawingText(xml: string): string {
  let out = '';
  let inText = false;
  let skip = 0;
  walk(
    xml,
    (t) => {
      if (t.name === 'Fallback') {
        if (!t.empty) skip += t.end ? -1 : 1;
      } else if (t.name === 't') {
        inText = !t.end && !t.empty;
      } else if (skip === 0 && ((t.end && t.name === 'p') || (!t.end && t.name === 'br'))) {
        out += '\n';
      }
    },
    (text) => {
      if (inText && skip === 0) out += text;
    },
  );
  return out;
}

/** PPTX: one page per slide, in the order of the presentation. */
export async function readPptx(pkg: Package, main: string, xml: string, options: ExtractionOptions): Promise<string[]> {
  const rels = new Map((await relationships(pkg, main)).map((r) => [r.id, r.target]));
  const slides: string[] = [];
  walk(xml, (t) => {
    const id = !t.end && t.name === 'sldId' ? relId(t.attrs) : null;
    const target = id === null ? undefined : rels.get(id);
    if (target) slides.push(target);
  });
  const pages: string[] = [];
  let chars = 0;
  for (const slide of slides.slice(0, options.maxPages)) {
    if (chars > options.maxChars) break;
    const text = drawingText((await pkg.read(slide)) ?? '');
    chars += text.length;
    pages.push(text);
  }
  return pages;
}
