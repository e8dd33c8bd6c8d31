import * as yauzl from 'yauzl';

// ZIP containers (OOXML and ODF), read without trusting the sizes they declare.

/**
 * The XML read from one file may unpack to at most this many bytes per character of
 * EXTRACT_MAX_CHARS (markup is most of it); more is refused as a zip bomb.
 */
export const XML_BYTES_PER_CHAR = 20;
/** More entries than this in a ZIP is no office document. */
const MAX_ENTRIES = 50_000;

/** The entries of a ZIP, read one by one within a budget of unpacked bytes. */
export class Package {
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
