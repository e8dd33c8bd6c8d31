import type { ExtractionOptions } from '../extracted-text';
import { ofType, relationships } from './ooxml';
import { attr, relId, walk } from './xml';
import type { Package } from './zip';

/** The shared strings of a workbook (phonetic readings left out). */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  walk(
    xml,
    (t) => {
      if (t.name === 'si') {
        if (t.end || t.empty) strings.push(t.empty ? '' : current);
        current = '';
      } else if (t.name === 'rPh') {
        if (!t.empty) phonetic += t.end ? -1 : 1;
      } else if (t.name === 't') {
        inText = !t.end && !t.empty;
      }
    },
    (text) => {
      if (inText && phonetic === 0) current += text;
    },
  );
  return strings;
}

/** Text of a worksheet: cells separated by tabs, rows by lines; values as stored (no number formats). */
function sheetText(xml: string, strings: string[]): string {
  let out = '';
  let type = 'n';
  let value = '';
  let inValue = false;
  walk(
    xml,
    (t) => {
      if (t.name === 'c') {
        if (!t.end) {
          type = attr(t.attrs, 't') ?? 'n';
          value = '';
        }
        if (t.end || t.empty) {
          out += `${type === 's' ? (strings[Number(value)] ?? '') : type === 'b' || type === 'e' ? '' : value}\t`;
          value = '';
        }
      } else if (t.name === 'v' || t.name === 't') {
        inValue = !t.end && !t.empty;
      } else if (t.name === 'row' && (t.end || t.empty)) {
        out += '\n';
      }
    },
    (text) => {
      if (inValue) value += text;
    },
  );
  return out;
}

/** XLSX: one page per sheet, in the order of the workbook, each starting with the sheet's name. */
export async function readXlsx(pkg: Package, main: string, xml: string, options: ExtractionOptions): Promise<string[]> {
  const rels = await relationships(pkg, main);
  const targets = new Map(rels.map((r) => [r.id, r.target]));
  const sheets: { name: string; target: string }[] = [];
  walk(xml, (t) => {
    const id = !t.end && t.name === 'sheet' ? relId(t.attrs) : null;
    const target = id === null ? undefined : targets.get(id);
    if (target) sheets.push({ name: attr(t.attrs, 'name') ?? '', target });
  });
  const shared = ofType(rels, 'sharedStrings')[0];
  const strings = shared ? sharedStrings((await pkg.read(shared.target)) ?? '') : [];
  const pages: string[] = [];
  let chars = 0;
  for (const sheet of sheets.slice(0, options.maxPages)) {
    if (chars > options.maxChars) break;
    const text = `${sheet.name}\n${sheetText((await pkg.read(sheet.target)) ?? '', strings)}`;
    chars += text.length;
    pages.push(text);
  }
  return pages;
}
