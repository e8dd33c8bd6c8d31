import { OfficeError } from './office-error';
import { Pager } from './pager';
import { attr, walk } from './xml';
import type { Package } from './zip';

// OpenDocument (ODT, ODS, ODP): content.xml of a ZIP package, page breaks in styles.xml.

type OdfKind = 'text' | 'spreadsheet' | 'presentation';

/** Paragraph styles of an ODF document that start or end with a page break (following parent styles). */
function pageBreakStyles(xmls: string[]): { before(style: string | null): boolean; after(style: string | null): boolean } {
  const parents = new Map<string, string>();
  const before = new Set<string>();
  const after = new Set<string>();
  let current: string | null = null;
  for (const xml of xmls) {
    walk(xml, (t) => {
      if (t.name === 'style') {
        const name = t.end ? null : attr(t.attrs, 'style:name');
        const parent = t.end ? null : attr(t.attrs, 'style:parent-style-name');
        if (name !== null && parent !== null) parents.set(name, parent);
        current = t.empty ? null : name;
      } else if (t.name === 'paragraph-properties' && !t.end && current !== null) {
        if (attr(t.attrs, 'break-before') === 'page') before.add(current);
        if (attr(t.attrs, 'break-after') === 'page') after.add(current);
      }
    });
  }
  const has = (set: Set<string>, style: string | null): boolean => {
    for (let s = style, depth = 0; s !== null && depth < 20; s = parents.get(s) ?? null, depth++) if (set.has(s)) return true;
    return false;
  };
  return { before: (style) => has(before, style), after: (style) => has(after, style) };
}

/**
 * Text of an ODF content.xml. Text documents: pages split at page breaks (in paragraph styles,
 * and those LibreOffice records when saving); spreadsheets: one page per sheet, starting with
 * its name; presentations: one page per slide. Comments, speaker notes and deleted text are left out.
 */
function odfText(xml: string, kind: OdfKind, styles: ReturnType<typeof pageBreakStyles>): string[] {
  const pager = new Pager();
  const paragraphs: (string | null)[] = [];
  let skip = 0;
  let parts = 0;
  let cells = 0;
  walk(
    xml,
    (t) => {
      if (t.name === 'tracked-changes' || t.name === 'annotation' || t.name === 'note-citation' || t.name === 'notes') {
        if (!t.empty) skip += t.end ? -1 : 1;
        return;
      }
      if (skip > 0) return;
      if (t.name === 'p' || t.name === 'h') {
        if (!t.end) {
          const style = attr(t.attrs, 'text:style-name');
          if (kind === 'text' && styles.before(style)) pager.break('hard');
          paragraphs.push(style);
        }
        if (t.end || t.empty) {
          const style = paragraphs.pop() ?? null;
          // The paragraphs of a table cell stay on the cell's line.
          pager.text(cells > 0 ? ' ' : '\n');
          if (kind === 'text' && styles.after(style)) pager.break('hard');
        }
      } else if (t.end) {
        if (t.name === 'table-cell' || t.name === 'covered-table-cell') {
          cells--;
          pager.text('\t');
        } else if (t.name === 'table-row') {
          pager.text('\n');
        }
      } else if (t.name === 's') {
        pager.text(' ');
      } else if (t.name === 'tab') {
        pager.text('\t');
      } else if (t.name === 'line-break') {
        pager.text('\n');
      } else if (t.name === 'table-cell' || t.name === 'covered-table-cell') {
        if (t.empty) pager.text('\t');
        else cells++;
      } else if (kind === 'text' && t.name === 'soft-page-break') {
        pager.break('soft');
      } else if ((kind === 'spreadsheet' && t.name === 'table') || (kind === 'presentation' && t.name === 'page')) {
        if (parts++ > 0) pager.break('hard');
        if (kind === 'spreadsheet') pager.text(`${attr(t.attrs, 'table:name') ?? ''}\n`);
      }
    },
    (text) => {
      if (paragraphs.length > 0 && skip === 0) pager.text(text);
    },
  );
  return pager.finish();
}

export const ODF_KINDS = new Map<string, OdfKind>([
  ['ODT', 'text'],
  ['ODS', 'spreadsheet'],
  ['ODP', 'presentation'],
]);

export async function readOdf(pkg: Package, label: string): Promise<string[]> {
  const declared = (await pkg.read('mimetype'))?.trim() ?? '';
  const kind = declared
    ? (/^application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)(?:-template|-master)?$/.exec(declared)?.[1] as OdfKind | undefined)
    : ODF_KINDS.get(label);
  if (!kind) throw new Error(`it is no OpenDocument text, spreadsheet or presentation (${declared.slice(0, 100)})`);
  if ((await pkg.read('META-INF/manifest.xml'))?.includes('encryption-data')) throw new OfficeError(`${label} is password-protected`);
  const content = await pkg.read('content.xml');
  if (content === null) throw new Error('content.xml is missing');
  const styles = kind === 'text' ? pageBreakStyles([(await pkg.read('styles.xml')) ?? '', content]) : pageBreakStyles([]);
  return odfText(content, kind, styles);
}
