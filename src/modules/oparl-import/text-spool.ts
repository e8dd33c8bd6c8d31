import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isObject, Json, JsonObject } from './json';
import { sourceText } from './normalize';

interface Entry {
  offset: number;
  bytes: number;
  modified: number;
}

/** A text in the spool; JSON.stringify reads it back (a batch of rows at a time). */
export class SpooledText {
  constructor(
    private readonly spool: TextSpool,
    private readonly entry: Entry,
  ) {}

  /** Its size in UTF-8 bytes. */
  get bytes(): number {
    return this.entry.bytes;
  }

  toJSON(): string {
    return this.spool.read(this.entry);
  }
}

/** How deep File objects sit in a list entry (Meeting → agendaItem → auxiliaryFile → File). */
const MAX_DEPTH = 4;

const looksLikeFile = (obj: JsonObject): boolean =>
  typeof obj.id === 'string' && (typeof obj.accessUrl === 'string' || typeof obj.downloadUrl === 'string' || (typeof obj.type === 'string' && obj.type.endsWith('/File')));

/**
 * The File.text of a run's files, parked in a temporary file from the moment their page is
 * read until their rows are written: a city's texts run to gigabytes, more than a crawl should
 * hold in memory. The text is taken out of the parsed objects, so pages only keep metadata;
 * the writer reads texts back a batch of rows at a time.
 *
 * One text per file id: the first copy read (embedded copies are read before the file list)
 * unless a later copy is newer by its `modified`. A copy without text never removes the text
 * of another copy: embedded copies often leave it out.
 */
export class TextSpool {
  private readonly entries = new Map<string, Entry>();
  private end = 0;

  private constructor(
    private readonly dir: string,
    private readonly fd: number,
  ) {}

  /** Runs `work` with a fresh spool, which is removed afterwards. */
  static async use<T>(work: (spool: TextSpool) => Promise<T>): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'ratsinfo-import-'));
    const spool = new TextSpool(dir, openSync(join(dir, 'texts'), 'w+'));
    try {
      return await work(spool);
    } finally {
      spool.close();
    }
  }

  /** Takes the text out of every File object in a list entry (any depth up to MAX_DEPTH). */
  takeFrom(value: Json, depth = 0): void {
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) this.takeFrom(item, depth);
      return;
    }
    if (!isObject(value) || depth > MAX_DEPTH) return;
    if ('text' in value && looksLikeFile(value)) this.take(value);
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (typeof child === 'object' && child !== null) this.takeFrom(child, depth + 1);
    }
  }

  private take(file: JsonObject): void {
    const raw = file.text;
    delete file.text;
    const id = file.id as string;
    const modified = typeof file.modified === 'string' ? Date.parse(file.modified) || 0 : 0;
    const known = this.entries.get(id);
    if (known && known.modified >= modified) return;
    const text = sourceText(raw);
    if (text === null) return;
    const bytes = Buffer.from(text, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.end);
    this.entries.set(id, { offset: this.end, bytes: bytes.length, modified });
    this.end += bytes.length;
  }

  /** The text of a file, or null when no copy of it had one. */
  text(fileId: string): SpooledText | null {
    const entry = this.entries.get(fileId);
    return entry ? new SpooledText(this, entry) : null;
  }

  read(entry: Entry): string {
    const buffer = Buffer.alloc(entry.bytes);
    readSync(this.fd, buffer, 0, entry.bytes, entry.offset);
    return buffer.toString('utf8');
  }

  private close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
