/** How the worker reads text from a file's bytes (see src/infra/extraction/ and src/modules/search/text-extractor.ts). */
export const EXTRACTION_METHODS = ['text-layer', 'ocr', 'office', 'plain'] as const;
export type ExtractionMethod = (typeof EXTRACTION_METHODS)[number];

/**
 * Where a file's `text` came from: `source` is the text an import source delivered with the
 * file (OParl File.text); the others are the extraction methods that read it from the bytes.
 */
export const TEXT_ORIGINS = ['source', ...EXTRACTION_METHODS] as const;
export type TextOrigin = (typeof TEXT_ORIGINS)[number];

/** SQL: the text of row `alias` was extracted from its bytes (and so outranks a source's text). */
export const extractedTextSql = (alias: string): string => `(${alias}.text_origin IS NOT NULL AND ${alias}.text_origin <> 'source')`;

export type ExtractionStatus = 'done' | 'empty' | 'unsupported' | 'failed';

/**
 * SQL over `file`: the file has stored bytes whose text is still to be extracted (never
 * extracted, or extracted from other bytes). The predicate of the partial index
 * `ix_file_text_pending`, which keeps finding such files cheap however many files are done.
 */
export const TEXT_PENDING_SQL = 'deleted_at IS NULL AND storage_key IS NOT NULL AND (text_status IS NULL OR text_source_sha512 IS DISTINCT FROM sha512)';

/** What the live files of a body (or of all bodies) have as text. */
export interface FileTextCounts {
  files: number;
  /** Files whose text is their import source's File.text. */
  source: number;
  /** Files whose text was extracted from their bytes, ... */
  extracted: number;
  /** ... by extraction method. */
  methods: Partial<Record<ExtractionMethod, number>>;
  /** Files without text. */
  none: number;
  /** Files with stored bytes whose extraction is still to come (the worker's `extract` queue). */
  pendingExtraction: number;
  /** Files without stored bytes (imported files whose bytes were not downloaded). */
  withoutBytes: number;
  /** The outcome of the last extraction of files with stored bytes. */
  extraction: Partial<Record<ExtractionStatus, number>>;
}

interface CountRow {
  origin: string | null;
  status: string | null;
  stored: boolean;
  pending: boolean;
  n: number;
}

/** Counts file text by origin and extraction state; `query` runs SQL on PostgreSQL. */
export async function countFileText(query: (sql: string, params: unknown[]) => Promise<CountRow[]>, bodyId: string | null): Promise<FileTextCounts> {
  const rows = await query(
    `SELECT text_origin::text AS origin, text_status AS status, storage_key IS NOT NULL AS stored,
        (storage_key IS NOT NULL AND (text_status IS NULL OR text_source_sha512 IS DISTINCT FROM sha512)) AS pending, count(*)::int AS n
     FROM file WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR body_id = $1) GROUP BY 1, 2, 3, 4`,
    [bodyId],
  );
  const counts: FileTextCounts = { files: 0, source: 0, extracted: 0, methods: {}, none: 0, pendingExtraction: 0, withoutBytes: 0, extraction: {} };
  for (const row of rows) {
    counts.files += row.n;
    if (row.origin === 'source') counts.source += row.n;
    else if (row.origin) {
      counts.extracted += row.n;
      const method = row.origin as ExtractionMethod;
      counts.methods[method] = (counts.methods[method] ?? 0) + row.n;
    } else counts.none += row.n;
    if (!row.stored) counts.withoutBytes += row.n;
    else if (row.pending) counts.pendingExtraction += row.n;
    else if (row.status) {
      const status = row.status as ExtractionStatus;
      counts.extraction[status] = (counts.extraction[status] ?? 0) + row.n;
    }
  }
  return counts;
}

const listed = (record: Partial<Record<string, number>>): string =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

/** One line on the files' text, e.g. for the import summary. */
export function describeFileText(c: FileTextCounts): string {
  const methods = c.extracted ? ` (${listed(c.methods)})` : '';
  const pending = c.pendingExtraction ? `; ${c.pendingExtraction} with stored bytes waiting for extraction` : '';
  return `${c.files - c.none} of ${c.files} files have text: ${c.source} from the source, ${c.extracted} extracted from the bytes${methods}; ${c.none} without text${pending}`;
}

/** A second line for operators: how extraction from the stored bytes went. */
export function describeExtraction(c: FileTextCounts): string {
  const outcomes = listed(c.extraction);
  return `extraction from stored bytes: ${outcomes || 'none yet'}; ${c.pendingExtraction} pending; ${c.withoutBytes} files without stored bytes`;
}
