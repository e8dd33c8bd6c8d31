import { spawn } from 'node:child_process';
import { posix } from 'node:path';
import * as yauzl from 'yauzl';
import type { SearchConfig } from '../../../config/config';

type ExtractionOptions = SearchConfig['extraction'];

/** Office formats read, by MIME type, with the name used in error messages. */
export const OFFICE_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PPTX'],
  ['application/vnd.oasis.opendocument.text', 'ODT'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ODS'],
  ['application/vnd.oasis.opendocument.presentation', 'ODP'],
  ['application/msword', 'DOC'],
]);

/**
 * The XML read from one file may unpack to at most this many bytes per character of
 * EXTRACT_MAX_CHARS (markup is most of it); more is refused as a zip bomb.
 */
const XML_BYTES_PER_CHAR = 20;
/** More entries than this in a ZIP is no office document. */
const MAX_ENTRIES = 50_000;

const ZIP = Buffer.from('PK\u0003\u0004');
const EMPTY_ZIP = Buffer.from('PK\u0005\u0006');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted OOXML file (an OLE container then) keeps its package in. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** A failure whose message is already complete (not wrapped again). */
class OfficeError extends Error {}

// ---------------------------------------------------------------------------------------
// XML: a tokenizer is all that text extraction needs. It expands no entities but the five
// predefined ones and character references, so entity bombs and external entities are moot.

interface Tag {
  /** Local name, without the namespace prefix. */
  name: string;
  attrs: string;
  /** An end tag. */
  end: boolean;
  /** An empty-element tag (`<x/>`): a start and an end at once. */
  empty: boolean;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Calls `tag` for every start, end and empty-element tag, `text` for character data, until
 * `tag` returns true. A plain scan (no backtracking), so malformed XML costs linear time too.
 */
function walk(xml: string, tag: (tag: Tag) => boolean | void, text: (text: string) => void = () => undefined): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt !== i) text(decode(xml.slice(i, lt === -1 ? n : lt)));
    if (lt === -1) return;
    let close: string;
    if (xml.startsWith('<!--', lt)) close = '-->';
    else if (xml.startsWith('<![CDATA[', lt)) close = ']]>';
    else close = '>';
    const gt = xml.indexOf(close, lt + 1);
    const stop = gt === -1 ? n : gt;
    i = gt === -1 ? n : gt + close.length;
    if (close === ']]>') {
      text(xml.slice(lt + 9, stop));
      continue;
    }
    const body = xml.slice(lt + 1, stop);
    const name = /^\/?([\w.:-]+)/.exec(body);
    if (close !== '>' || !name) continue;
    const end = body[0] === '/';
    const empty = !end && body.endsWith('/');
    const attrs = body.slice(name[0].length, empty ? -1 : undefined);
    if (tag({ name: name[1].slice(name[1].lastIndexOf(':') + 1), attrs, end, empty })) return;
  }
}

const attrPatterns = new Map<string, RegExp>();

/** An attribute by local name (any prefix), or by `prefix:name` when one is given. */
function attr(attrs: string, name: string): string | null {
  let pattern = attrPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name.includes(':') ? '' : '(?:[\\w.-]+:)?'}${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, pattern);
  }
  const m = pattern.exec(attrs);
  return m ? decode(m[1] ?? m[2]) : null;
}

/** The relationship id of an element (`r:id`, whatever the prefix). */
const relId = (attrs: string): string | null => /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs)?.slice(1).find((v) => v !== undefined) ?? null;

/** The local name of the root element. */
function rootName(xml: string): string | undefined {
  let root: string | undefined;
  walk(xml, (t) => {
    root = t.name;
    return true;
  });
  return root;
}

/**
 * Collects text into pages. Hard breaks (a page break in the document) always start a page;
 * soft ones (where the last editor's layout broke the page) only after some text, so that a
 * page break the editor also recorded as a layout break counts once.
 */
class Pager {
  private readonly pages: string[] = [];
  private page = '';
  private blank = true;
  private lastBreak: 'soft' | 'hard' | null = null;

  text(text: string): void {
    this.page += text;
    if (this.blank && /\S/.test(text)) this.blank = false;
  }

  break(kind: 'soft' | 'hard'): void {
    if (this.blank && kind === 'soft') return;
    if (this.blank && this.lastBreak === 'soft') {
      // The layout break just recorded was this page break.
      this.lastBreak = kind;
      return;
    }
    this.pages.push(this.page);
    this.page = '';
    this.blank = true;
    this.lastBreak = kind;
  }

  finish(): string[] {
    return [...this.pages, this.page];
  }
}

// ---------------------------------------------------------------------------------------
// ZIP containers (OOXML and ODF)

/** The entries of a ZIP, read one by one within a budget of unpacked bytes. */
class Package {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private left: number,
    private readonly budget: number,
  ) {}

  static async open(bytes: Buffer, budget: number): Promise<Package> {
    const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    if (zip.entryCount > MAX_ENTRIES) throw new Error(`the ZIP has ${zip.entryCount} entries`);
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    return new Package(zip, entries, budget, budget);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry as UTF-8 text; null when there is none. */
  async read(name: string): Promise<string | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.isEncrypted()) throw new Error('an entry is encrypted (password-protected)');
    // yauzl stops with an error as soon as an entry unpacks to more than its declared size.
    if (entry.uncompressedSize > this.left) {
      throw new Error(`its XML unpacks to more than ${this.budget} bytes (${XML_BYTES_PER_CHAR} × EXTRACT_MAX_CHARS)`);
    }
    this.left -= entry.uncompressedSize;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}

interface Relationship {
  id: string;
  type: string;
  /** The target part's name in the package. */
  target: string;
}

/** The relationships of an OOXML part (internal targets only). */
async function relationships(pkg: Package, part: string): Promise<Relationship[]> {
  const dir = posix.dirname(part);
  const xml = await pkg.read(posix.join(dir, '_rels', `${posix.basename(part)}.rels`));
  const out: Relationship[] = [];
  walk(xml ?? '', (t) => {
    if (t.end || t.name !== 'Relationship' || attr(t.attrs, 'TargetMode') === 'External') return;
    const [id, type, target] = [attr(t.attrs, 'Id'), attr(t.attrs, 'Type'), attr(t.attrs, 'Target')];
    if (id === null || type === null || target === null) return;
    let name = target;
    try {
      name = decodeURIComponent(target);
    } catch {
      // Not percent-encoded after all.
    }
    out.push({ id, type, target: name.startsWith('/') ? name.slice(1) : posix.normalize(posix.join(dir, name)) });
  });
  return out;
}

const ofType = (rels: Relationship[], type: string): Relationship[] => rels.filter((r) => r.type.endsWith(`/${type}`));

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
async function readDocx(pkg: Package, main: string, xml: string): Promise<string[]> {
  const pager = new Pager();
  wordText(xml, pager, true);
  const rels = await relationships(pkg, main);
  for (const rel of [...ofType(rels, 'footnotes'), ...ofType(rels, 'endnotes')]) {
    const notes = await pkg.read(rel.target);
    if (notes) wordText(notes, pager, false);
  }
  return pager.finish();
}

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
async function readPptx(pkg: Package, main: string, xml: string, options: ExtractionOptions): Promise<string[]> {
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
async function readXlsx(pkg: Package, main: string, xml: string, options: ExtractionOptions): Promise<string[]> {
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

const ODF_KINDS = new Map<string, OdfKind>([
  ['ODT', 'text'],
  ['ODS', 'spreadsheet'],
  ['ODP', 'presentation'],
]);

async function readOdf(pkg: Package, label: string): Promise<string[]> {
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

/** OOXML or ODF, told apart by the package's content rather than the declared type. */
async function readZip(bytes: Buffer, label: string, options: ExtractionOptions): Promise<string[]> {
  const pkg = await Package.open(bytes, options.maxChars * XML_BYTES_PER_CHAR);
  try {
    if (pkg.has('mimetype') || (pkg.has('content.xml') && ODF_KINDS.has(label))) return await readOdf(pkg, label);
    const main =
      ofType(await relationships(pkg, ''), 'officeDocument')[0]?.target ??
      ['word/document.xml', 'xl/workbook.xml', 'ppt/presentation.xml'].find((name) => pkg.has(name));
    const xml = main ? await pkg.read(main) : null;
    if (!main || xml === null) throw new Error('the ZIP holds no OOXML or OpenDocument content');
    const root = rootName(xml);
    if (root === 'document') return await readDocx(pkg, main, xml);
    if (root === 'presentation') return await readPptx(pkg, main, xml, options);
    if (root === 'workbook') return await readXlsx(pkg, main, xml, options);
    throw new Error(`its main part is a ${root ?? 'non-XML'} document`);
  } finally {
    pkg.close();
  }
}

// ---------------------------------------------------------------------------------------
// Legacy Word (.doc): word-extractor, in a child process with its own heap limit and a
// deadline, so that a malformed file (say, a looping sector chain, which makes it allocate
// without end) costs only the child. A worker thread is no such fence: running out of heap
// there can still end the whole process.

const DOC_CHILD = `
const { dirname, join } = require('node:path');
const Ole = require(join(dirname(process.argv[1]), 'word-ole-extractor.js'));
const extractWordDocument = Ole.prototype.extractWordDocument;
// An encrypted document (fEncrypted in its FIB) would otherwise come out as gibberish.
Ole.prototype.extractWordDocument = function (document, fib) {
  if (fib.length >= 12 && (fib.readUInt16LE(0x0a) & 0x0100) !== 0) return Promise.reject(new Error('password-protected'));
  return extractWordDocument.call(this, document, fib);
};
const WordExtractor = require(process.argv[1]);
process.once('message', (m) => {
  const answer = (message) => process.send(message, () => process.exit(0));
  new WordExtractor().extract(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength)).then(
    (doc) => answer({ text: [doc.getBody(), doc.getFootnotes(), doc.getEndnotes()].join('\\n') }),
    (e) => answer({ error: String((e && e.message) || e) }),
  );
});
`;

function readDoc(bytes: Buffer, options: ExtractionOptions): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', '-e', DOC_CHILD, require.resolve('word-extractor')], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stderr?.resume();
    const finish = (error: Error | null, text?: string): void => {
      clearTimeout(timer);
      child.removeAllListeners();
      child.on('error', () => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (error) reject(error);
      else resolve([text ?? '']);
    };
    const timer = setTimeout(() => finish(new OfficeError(`DOC reader took longer than ${options.timeoutMs} ms`)), options.timeoutMs);
    child.on('message', (m: { text?: string; error?: string }) => {
      if (m.error === 'password-protected') finish(new OfficeError('DOC is password-protected'));
      else finish(m.error !== undefined ? new Error(m.error) : null, m.text);
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => finish(new Error(`the reader stopped (${signal ?? `exit ${code}`}): the file is too large or broken`)));
    child.send({ data: bytes });
  });
}

/**
 * The text of an office document, page by page (untidied): DOCX and ODT split at page breaks,
 * XLSX and ODS one page per sheet, PPTX and ODP one per slide, DOC one page. Throws with a
 * message for the file's record when the bytes are no such document, are encrypted, or
 * would unpack to more than the extraction limits allow.
 */
export async function extractOffice(bytes: Buffer, label: string, options: ExtractionOptions): Promise<string[]> {
  try {
    let pages: string[];
    const head = bytes.subarray(0, 8);
    if (head.subarray(0, 4).equals(ZIP) || head.subarray(0, 4).equals(EMPTY_ZIP)) {
      pages = await readZip(bytes, label, options);
    } else if (head.equals(OLE)) {
      if (bytes.includes(ENCRYPTED_PACKAGE)) throw new OfficeError(`${label} is password-protected`);
      if (label !== 'DOC' && label !== 'DOCX') throw new Error('it is a legacy (OLE) Office file, of which only Word documents are read');
      pages = await readDoc(bytes, options);
    } else {
      throw new Error('the bytes are neither a ZIP nor an OLE compound file');
    }
    return pages.slice(0, options.maxPages);
  } catch (error) {
    if (error instanceof OfficeError) throw error;
    throw new OfficeError(`${label} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
