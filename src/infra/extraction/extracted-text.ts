import type { SearchConfig } from '../../config/config';
import type { ExtractionMethod } from '../../modules/files/file-text';

/** The extraction settings (EXTRACT_*): OCR, tesseract's path, limits of characters and pages, the deadline per file. */
export type ExtractionOptions = SearchConfig['extraction'];

/** What an extractor read from a file's bytes: its text page by page, and how it was read. */
export interface ExtractedText {
  pages: string[];
  method: ExtractionMethod;
}

/** Whitespace of extracted text tidied: runs of blanks to one, at most one empty line. */
export const tidy = (text: string): string =>
  text
    .replace(/\f/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
