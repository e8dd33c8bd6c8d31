import type { ExtractionOptions } from '../extracted-text';
import { readDoc } from './doc';
import { readDocx } from './docx';
import { OfficeError } from './office-error';
import { ODF_KINDS, readOdf } from './odf';
import { ofType, relationships } from './ooxml';
import { readPptx } from './pptx';
import { readXlsx } from './xlsx';
import { rootName } from './xml';
import { Package, XML_BYTES_PER_CHAR } from './zip';

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

const ZIP = Buffer.from('PK\u0003\u0004');
const EMPTY_ZIP = Buffer.from('PK\u0005\u0006');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted OOXML file (an OLE container then) keeps its package in. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

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
