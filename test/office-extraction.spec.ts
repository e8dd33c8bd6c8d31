import * as CFB from 'cfb';
import { ZipFile } from 'yazl';
import { loadConfig } from '../src/config/config';
import { extractText } from '../src/infra/extraction/extract-text';
import { bearer, startWithBody } from './support/app';
import { eventually, startSearchWorker } from './support/search-worker';

const options = loadConfig({ NODE_ENV: 'test' }).search.extraction;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const ODP = 'application/vnd.oasis.opendocument.presentation';
const DOC = 'application/msword';

/** A ZIP of the entries, deflated except `mimetype` (stored first, as ODF wants it). */
function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name, { compress: name !== 'mimetype' });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const rels = (list: [string, string, string][]): string =>
  `${XML}<Relationships xmlns="${PKG_REL}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`).join('')}</Relationships>`;
const contentTypes = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (...runs: string[]): string => `<w:p>${runs.map((r) => (r.startsWith('<') ? `<w:r>${r}</w:r>` : `<w:r><w:t xml:space="preserve">${r}</w:t></w:r>`)).join('')}</w:p>`;

function docx(body: string, footnotes?: string): Promise<Buffer> {
  const entries: Record<string, string> = {
    '[Content_Types].xml': contentTypes,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': `${XML}<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    'word/_rels/document.xml.rels': rels(footnotes ? [['rId1', 'footnotes', 'footnotes.xml']] : []),
  };
  if (footnotes) entries['word/footnotes.xml'] = `${XML}<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1">${para('<w:separator/>')}</w:footnote><w:footnote w:id="1">${footnotes}</w:footnote></w:footnotes>`;
  return zipOf(entries);
}

function xlsx(sheets: { name: string; rows: (string | number)[][] }[]): Promise<Buffer> {
  const strings: string[] = [];
  const cell = (v: string | number): string => {
    if (typeof v === 'number') return `<c><v>${v}</v></c>`;
    if (v.startsWith('inline:')) return `<c t="inlineStr"><is><t>${v.slice(7)}</t></is></c>`;
    strings.push(v);
    return `<c t="s"><v>${strings.length - 1}</v></c>`;
  };
  const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  // The workbook lists the sheets in another order than their part names.
  const parts = sheets.map((s, i) => ({ ...s, part: `worksheets/sheet${sheets.length - i}.xml`, id: `rId${i + 10}` }));
  const entries: Record<string, string> = {
    '[Content_Types].xml': contentTypes,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': `${XML}<workbook ${S} xmlns:r="${REL}"><sheets>${parts.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="${s.id}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': rels([...parts.map((s): [string, string, string] => [s.id, 'worksheet', s.part]), ['rId1', 'sharedStrings', 'sharedStrings.xml']]),
  };
  for (const s of parts) entries[`xl/${s.part}`] = `${XML}<worksheet ${S}><sheetData>${s.rows.map((r, i) => `<row r="${i + 1}">${r.map(cell).join('')}</row>`).join('')}</sheetData></worksheet>`;
  entries['xl/sharedStrings.xml'] = `${XML}<sst ${S} count="${strings.length}">${strings.map((s) => `<si><t>${s}</t><rPh sb="0" eb="1"><t>Lesung</t></rPh></si>`).join('')}</sst>`;
  return zipOf(entries);
}

function pptx(slides: string[][]): Promise<Buffer> {
  const P = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
  // Slide parts are named in reverse order of the presentation (as after reordering slides).
  const parts = slides.map((paras, i) => ({ paras, part: `slides/slide${slides.length - i}.xml`, id: `rId${i + 2}` }));
  const entries: Record<string, string> = {
    '[Content_Types].xml': contentTypes,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'ppt/presentation.xml']]),
    'ppt/presentation.xml': `${XML}<p:presentation ${P} xmlns:r="${REL}"><p:sldIdLst>${parts.map((s, i) => `<p:sldId id="${256 + i}" r:id="${s.id}"/>`).join('')}</p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': rels(parts.map((s) => [s.id, 'slide', s.part])),
  };
  for (const s of parts) {
    const body = s.paras.map((p) => `<a:p>${p.split('|').map((r, i) => `${i ? '<a:br/>' : ''}<a:r><a:t>${r}</a:t></a:r>`).join('')}</a:p>`).join('');
    entries[`ppt/${s.part}`] = `${XML}<p:sld ${P}><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>${body}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
  }
  return zipOf(entries);
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3"';

function odf(kind: 'text' | 'spreadsheet' | 'presentation', body: string, extra: { styles?: string; automaticStyles?: string; encrypted?: boolean } = {}): Promise<Buffer> {
  const mime = `application/vnd.oasis.opendocument.${kind}`;
  return zipOf({
    mimetype: mime,
    'META-INF/manifest.xml': `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${extra.encrypted ? '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>' : ''}</manifest:file-entry></manifest:manifest>`,
    'content.xml': `${XML}<office:document-content ${ODF_NS}><office:automatic-styles>${extra.automaticStyles ?? ''}</office:automatic-styles><office:body><office:${kind}>${body}</office:${kind}></office:body></office:document-content>`,
    'styles.xml': `${XML}<office:document-styles ${ODF_NS}><office:styles>${extra.styles ?? ''}</office:styles></office:document-styles>`,
  });
}

/** A legacy Word file: an OLE container with a minimal FIB, one piece of 8-bit text and its piece table. */
function doc(text: string, encrypted = false): Buffer {
  const body = Buffer.from(text.replace(/\n/g, '\r'), 'latin1');
  const fib = Buffer.alloc(0x200);
  fib.writeUInt16LE(0xa5ec, 0); // wIdent
  fib.writeUInt16LE(0x00c1, 2); // nFib: Word 97
  fib.writeUInt16LE(encrypted ? 0x0100 : 0, 0x0a); // fEncrypted; text in the 0Table stream
  fib.writeUInt32LE(0x200, 0x18); // fcMin
  fib.writeUInt32LE(0x200 + body.length, 0x1c); // fcMac
  fib.writeUInt32LE(body.length, 0x4c); // ccpText
  const clx = Buffer.alloc(21);
  clx.writeUInt8(2, 0); // Pcdt
  clx.writeUInt32LE(16, 1); // PlcPcd: two CPs and one PCD
  clx.writeUInt32LE(body.length, 9);
  clx.writeUInt32LE((0x200 * 2) | 0x40000000, 15); // fc of the piece, compressed (8-bit)
  fib.writeUInt32LE(0, 0x1a2); // fcClx
  fib.writeUInt32LE(clx.length, 0x1a6); // lcbClx
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/WordDocument', Buffer.concat([fib, body]));
  CFB.utils.cfb_add(container, '/0Table', clx);
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** A legacy Word file whose sector chain loops (a reader that follows it allocates without end). */
function loopingDoc(): Buffer {
  const container = CFB.utils.cfb_new();
  const fib = Buffer.alloc(20_000);
  fib.writeUInt16LE(0xa5ec, 0);
  CFB.utils.cfb_add(container, '/WordDocument', fib);
  CFB.utils.cfb_add(container, '/0Table', Buffer.alloc(5000));
  const bytes = Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
  const fat = (bytes.readInt32LE(0x4c) + 1) * 512;
  const from = [...Array(127).keys()].find((i) => bytes.readInt32LE(fat + i * 4) === i + 1) ?? -1;
  expect(from).toBeGreaterThanOrEqual(0);
  bytes.writeInt32LE(from, fat + (from + 1) * 4);
  return bytes;
}

/** Sets the unpacked size a ZIP's central directory declares for `name`. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at >= 0; at = out.indexOf(signature, at + 4)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) out.writeUInt32LE(size, at + 24);
  }
  return out;
}

describe('office text extraction', () => {
  it('reads a DOCX page by page: explicit and recorded page breaks, no deleted text, notes at the end', async () => {
    const file = await docx(
      para('Sanierung der Grundschule am Marktplatz') +
        para('Stadt Musterstadt &amp; Ortsbeirat', '<w:tab/>', 'Vorlage 0815/2025') +
        para('<w:br w:type="page"/>') +
        para('<w:lastRenderedPageBreak/><w:t>Kosten: 1,2 Mio. Euro</w:t>') +
        '<w:p><w:ins><w:r><w:t>Neu eingefügt.</w:t></w:r></w:ins><w:del><w:r><w:delText>Gestrichen.</w:delText></w:r></w:del></w:p>' +
        '<w:p><w:r><w:t>Bauabschnitt eins</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> und zwei</w:t></w:r></w:p>' +
        '<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Anlage: Lageplan</w:t><w:footnoteReference w:id="1"/></w:r></w:p>',
      para('Beschluss des Rates vom 3. März 2025.'),
    );
    const result = await extractText(file, DOCX, options);
    expect(result).toEqual({
      method: 'office',
      pages: [
        'Sanierung der Grundschule am Marktplatz\nStadt Musterstadt & Ortsbeirat Vorlage 0815/2025',
        'Kosten: 1,2 Mio. Euro\nNeu eingefügt.\nBauabschnitt eins',
        'und zwei',
        'Anlage: Lageplan\nBeschluss des Rates vom 3. März 2025.',
      ],
    });
  });

  it('reads an XLSX one page per sheet, in the workbook order, with shared and inline strings', async () => {
    const file = await xlsx([
      { name: 'Haushalt 2025', rows: [['Maßnahme', 'Betrag'], ['Sanierung der Grundschule am Marktplatz', 1250000]] },
      { name: 'Zeitplan', rows: [['inline:Baubeginn Musterstadt', 2026]] },
    ]);
    expect(await extractText(file, XLSX, options)).toEqual({
      method: 'office',
      pages: ['Haushalt 2025\nMaßnahme Betrag\nSanierung der Grundschule am Marktplatz 1250000', 'Zeitplan\nBaubeginn Musterstadt 2026'],
    });
  });

  it('reads a PPTX one page per slide, in the order of the presentation', async () => {
    const file = await pptx([['Sanierung der Grundschule am Marktplatz', 'Musterstadt|März 2025'], [], ['Zeitplan', 'Baubeginn 2026']]);
    expect((await extractText(file, PPTX, options))?.pages).toEqual(['Sanierung der Grundschule am Marktplatz\nMusterstadt\nMärz 2025', '', 'Zeitplan\nBaubeginn 2026']);
    expect((await extractText(file, PPTX, { ...options, maxPages: 2 }))?.pages).toHaveLength(2);
  });

  it('reads an ODT split at page breaks, without comments and deleted text', async () => {
    const file = await odf(
      'text',
      '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>Gestrichen.</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
        '<text:h text:outline-level="1">Sanierung der Grundschule am Marktplatz</text:h>' +
        '<text:p>Stadt<text:s/>Musterstadt<text:tab/>Vorlage<office:annotation><text:p>Bitte prüfen</text:p></office:annotation> 0815/2025</text:p>' +
        '<text:p>Erster Bauabschnitt</text:p><text:soft-page-break/><text:p>Zweiter Bauabschnitt</text:p>' +
        '<text:p text:style-name="P1">Anlage: Lageplan<text:line-break/>Maßstab 1:500</text:p>' +
        '<text:p text:style-name="Anhang">Anhang</text:p>',
      {
        automaticStyles: '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>',
        styles: '<style:style style:name="Seitenwechsel" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style><style:style style:name="Anhang" style:family="paragraph" style:parent-style-name="Seitenwechsel"/>',
      },
    );
    expect(await extractText(file, ODT, options)).toEqual({
      method: 'office',
      pages: ['Sanierung der Grundschule am Marktplatz\nStadt Musterstadt Vorlage 0815/2025\nErster Bauabschnitt', 'Zweiter Bauabschnitt', 'Anlage: Lageplan\nMaßstab 1:500', 'Anhang'],
    });
  });

  it('reads an ODS one page per sheet and an ODP one page per slide, without speaker notes', async () => {
    const row = (...cells: string[]): string => `<table:table-row>${cells.map((c) => (c ? `<table:table-cell><text:p>${c}</text:p></table:table-cell>` : '<table:table-cell/>')).join('')}</table:table-row>`;
    const ods = await odf(
      'spreadsheet',
      `<table:table table:name="Haushalt 2025">${row('Maßnahme', '', 'Betrag')}${row('Sanierung der Grundschule am Marktplatz', '', '1.250.000 €')}</table:table>` +
        `<table:table table:name="Zeitplan">${row('Baubeginn', '2026')}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`,
    );
    expect((await extractText(ods, ODS, options))?.pages).toEqual(['Haushalt 2025\nMaßnahme Betrag\nSanierung der Grundschule am Marktplatz 1.250.000 €', 'Zeitplan\nBaubeginn 2026']);
    const slide = (title: string, notes: string): string =>
      `<draw:page draw:name="${title}"><draw:frame><draw:text-box><text:p>${title}</text:p><text:p>Musterstadt</text:p></draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>${notes}</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>`;
    const odp = await odf('presentation', slide('Sanierung der Grundschule am Marktplatz', 'Nicht vorlesen') + slide('Zeitplan', 'Notiz'));
    expect((await extractText(odp, ODP, options))?.pages).toEqual(['Sanierung der Grundschule am Marktplatz\nMusterstadt', 'Zeitplan\nMusterstadt']);
  });

  it('reads a legacy Word file, also when it is declared as DOCX', async () => {
    const file = doc('Sanierung der Grundschule am Marktplatz\nStadt Musterstadt, Straßenbauamt\n');
    expect(await extractText(file, DOC, options)).toEqual({ method: 'office', pages: ['Sanierung der Grundschule am Marktplatz\nStadt Musterstadt, Straßenbauamt'] });
    expect((await extractText(file, DOCX, options))?.pages).toEqual(['Sanierung der Grundschule am Marktplatz\nStadt Musterstadt, Straßenbauamt']);
  });

  it('reads an OOXML or ODF file by its content when the declared type is another office type', async () => {
    const file = await odf('text', '<text:p>Sanierung der Grundschule am Marktplatz</text:p>');
    expect((await extractText(file, DOCX, options))?.pages).toEqual(['Sanierung der Grundschule am Marktplatz']);
    const word = await docx(para('Musterstadt'));
    expect((await extractText(word, DOC, options))?.pages).toEqual(['Musterstadt']);
  });

  it('rejects broken, foreign and encrypted files with a message', async () => {
    const good = await docx(para('Sanierung der Grundschule am Marktplatz'));
    await expect(extractText(good.subarray(0, good.length - 30), DOCX, options)).rejects.toThrow(/^DOCX could not be read: /);
    await expect(extractText(Buffer.from('Sanierung der Grundschule'), XLSX, options)).rejects.toThrow('XLSX could not be read: the bytes are neither a ZIP nor an OLE compound file');
    await expect(extractText(await zipOf({ 'readme.txt': 'Musterstadt' }), PPTX, options)).rejects.toThrow('PPTX could not be read: the ZIP holds no OOXML or OpenDocument content');
    await expect(extractText(await zipOf({ mimetype: 'application/epub+zip' }), ODT, options)).rejects.toThrow(/^ODT could not be read: it is no OpenDocument/);
    await expect(extractText(await zipOf({ '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]), 'word/document.xml': '<Kaputt' }), DOCX, options)).rejects.toThrow(/main part is a Kaputt/);

    const encrypted = CFB.utils.cfb_new();
    CFB.utils.cfb_add(encrypted, '/EncryptionInfo', Buffer.alloc(64));
    CFB.utils.cfb_add(encrypted, '/EncryptedPackage', Buffer.alloc(5000, 7));
    await expect(extractText(Buffer.from(CFB.write(encrypted, { type: 'buffer' }) as Uint8Array), XLSX, options)).rejects.toThrow('XLSX is password-protected');
    await expect(extractText(await odf('text', '<text:p>x</text:p>', { encrypted: true }), ODT, options)).rejects.toThrow('ODT is password-protected');
    await expect(extractText(doc('Geheim', true), DOC, options)).rejects.toThrow('DOC is password-protected');

    const notWord = CFB.utils.cfb_new();
    CFB.utils.cfb_add(notWord, '/Workbook', Buffer.alloc(5000, 1));
    await expect(extractText(Buffer.from(CFB.write(notWord, { type: 'buffer' }) as Uint8Array), DOC, options)).rejects.toThrow(/^DOC could not be read: /);
    await expect(extractText(doc('Musterstadt'), DOC, { ...options, timeoutMs: 1 })).rejects.toThrow(/longer than 1 ms/);
    // The legacy reader runs out of memory in its own process, not in ours.
    await expect(extractText(loopingDoc(), DOC, options)).rejects.toThrow(/^DOC could not be read: the reader stopped/);
    // And it still works afterwards.
    expect((await extractText(good, DOCX, options))?.pages).toEqual(['Sanierung der Grundschule am Marktplatz']);
  });

  it('refuses files whose XML unpacks beyond the limits, also when the ZIP understates the size', async () => {
    const bomb = await docx(para(`Musterstadt${' '.repeat(2_000_000)}`));
    expect(bomb.length).toBeLessThan(20_000);
    await expect(extractText(bomb, DOCX, { ...options, maxChars: 10_000 })).rejects.toThrow('DOCX could not be read: its XML unpacks to more than 200000 bytes (20 × EXTRACT_MAX_CHARS)');
    await expect(extractText(declareSize(bomb, 'word/document.xml', 1000), DOCX, options)).rejects.toThrow(/^DOCX could not be read: too many bytes/);
    expect((await extractText(bomb, DOCX, options))?.pages).toEqual(['Musterstadt']);
  });
});

describe('office files through the worker into search (PostgreSQL engine)', () => {
  type Ctx = Awaited<ReturnType<typeof startWithBody>>;
  let t: Ctx;
  let worker: Awaited<ReturnType<typeof startSearchWorker>>;
  const base = '/v1/bodies/musterstadt';

  beforeAll(async () => {
    t = await startWithBody({ OUTBOX_POLL_MS: '50' });
    worker = await startSearchWorker(t.config);
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
  });

  const upload = (bytes: Buffer, filename: string) =>
    t.http().post(`${base}/files`).set(...bearer(t.keys.editor)).field('publish', 'true').attach('file', bytes, { filename, contentType: DOCX }).expect(201);
  const status = async (id: string): Promise<{ text_status: string | null; text_error: string | null; page_count: number | null; text: string | null }> =>
    (await t.ds.query(`SELECT text_status, text_error, page_count, text FROM file WHERE id = $1`, [id]))[0];

  it('extracts an uploaded DOCX page by page and finds it', async () => {
    const file = await docx(para('Sanierung der Grundschule am Marktplatz') + para('<w:br w:type="page"/>') + para('Die Turnhalle erhält eine Photovoltaikanlage.'));
    const res = await upload(file, 'grundschule.docx');
    const id = res.body.id as string;
    expect(res.body.mimeType).toBe(DOCX);
    await eventually(async () => (await t.http().get(`${base}/search?q=Photovoltaikanlage`).expect(200)).body.total === 1, 20_000, 'the DOCX in search');
    expect(await status(id)).toMatchObject({ text_status: 'done', text_error: null, page_count: 2, text: 'Sanierung der Grundschule am Marktplatz\fDie Turnhalle erhält eine Photovoltaikanlage.' });
    const found = await t.http().get(`${base}/search?q=Photovoltaikanlage`).expect(200);
    expect(found.body.data[0]).toMatchObject({ type: 'file', id, page: 2 });
  });

  it('records a broken DOCX as failed with the reason', async () => {
    const file = await docx(para('Sanierung der Grundschule am Marktplatz'));
    // The type is recognised from the first entries; the central directory at the end is gone.
    const res = await upload(file.subarray(0, file.length - 40), 'kaputt.docx');
    const id = res.body.id as string;
    await eventually(async () => (await status(id)).text_status === 'failed', 20_000, 'the failure');
    expect((await status(id)).text_error).toMatch(/^DOCX could not be read: /);
  });
});
