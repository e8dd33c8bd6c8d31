import { ofType, relationships } from './ooxml';
import { Pager } from './pager';
import { attr, walk } from './xml';
import type { Package } from './zip';

/** Text of WordprocessingML (document, footnotes, endnotes); page breaks only for the document. */
function wordText(xml: string, pager: Pager, breaks: boolean): void {
  let inText = false;
  let skip = 0;
  let separator = false;
  walk(
    xml,
    (t) => {
      // Moved-away text (tracked changes) and the fallback copies of drawings are read elsewhere.
      if (t.name === 'moveFrom' || t.name === 'Fallback') {
        if (!t.empty) skip += t.end ? -1 : 1;
      } else if (t.name === 'footnote' || t.name === 'endnote') {
        // Separators and continuation notices are notes without text of their own.
        if (!t.end && !t.empty) separator = attr(t.attrs, 'type') !== null;
        else if (t.end) separator = false;
      } else if (t.name === 't') {
        inText = !t.end && !t.empty;
      } else if (t.end) {
        if (t.name === 'p' && !separator) pager.text('\n');
      } else if (skip > 0) {
        return;
      } else if (t.name === 'tab') {
        pager.text('\t');
      } else if (t.name === 'br') {
        if (breaks && attr(t.attrs, 'type') === 'page') pager.break('hard');
        else pager.text('\n');
      } else if (t.name === 'cr') {
        pager.text('\n');
      } else if (t.name === 'noBreakHyphen') {
        pager.text('-');
      } else if (breaks && t.name === 'lastRenderedPageBreak') {
        pager.break('soft');
      } else if (breaks && t.name === 'pageBreakBefore' && !/^(0|false|off)$/.test(attr(t.attrs, 'val') ?? '')) {
        pager.break('hard');
      }
    },
    (text) => {
      if (inText && skip === 0 && !separator) pager.text(text);
    },
  );
}

/** DOCX: the body, split at page breaks (explicit ones and those Word recorded when saving); notes at the end. */
export async function readDocx(pkg: Package, main: string, xml: string): Promise<string[]> {
  const pager = new Pager();
  wordText(xml, pager, true);
  const rels = await relationships(pkg, main);
  for (const rel of [...ofType(rels, 'footnotes'), ...ofType(rels, 'endnotes')]) {
    const notes = await pkg.read(rel.target);
    if (notes) wordText(notes, pager, false);
  }
  return pager.finish();
}
