import { fold, normalizeReference, REFERENCE } from './text';

/** A user query, parsed once and handed to whichever engine answers it. */
export interface ParsedQuery {
  /** The query as sent (trimmed). */
  raw: string;
  /** Folded single words that must all match. */
  terms: string[];
  /** Folded words of each quoted phrase, in order. */
  phrases: string[][];
  /** Reference numbers (normalised), matched exactly and ranked first. */
  references: string[];
}

export class QueryError extends Error {}

export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 16;
const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return [...fold(text).matchAll(WORD)].map((m) => m[0]);
}

/**
 * Parses a search query: words, "quoted phrases" and reference numbers ("0123/2025").
 * Throws QueryError with a message fit for a client when the query cannot be searched.
 */
export function parseQuery(input: string): ParsedQuery {
  const raw = input.trim();
  if (!raw) throw new QueryError('q must not be empty');
  if (raw.length > MAX_QUERY_LENGTH) throw new QueryError(`q must be at most ${MAX_QUERY_LENGTH} characters`);
  const quotes = raw.replace(/[„“”]/g, '"');
  if ((quotes.match(/"/g) ?? []).length % 2 === 1) throw new QueryError('q has an unclosed quote (")');
  const terms: string[] = [];
  const phrases: string[][] = [];
  const references: string[] = [];
  const parts = quotes.split('"');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const words = wordsOf(part);
      if (words.length === 1) terms.push(words[0]);
      else if (words.length > 1) phrases.push(words);
      return;
    }
    for (const token of part.split(/\s+/)) {
      const bare = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (!bare) continue;
      if (REFERENCE.test(bare) && /\d/.test(bare)) references.push(normalizeReference(bare));
      else terms.push(...wordsOf(bare));
    }
  });
  const count = terms.length + references.length + phrases.reduce((n, p) => n + p.length, 0);
  if (count === 0) throw new QueryError('q must contain at least one word or number');
  if (count > MAX_WORDS) throw new QueryError(`q may contain at most ${MAX_WORDS} words`);
  return { raw, terms: [...new Set(terms)], phrases, references: [...new Set(references)] };
}

/** All folded words of a query, for marking matches. */
export function queryWords(query: ParsedQuery): string[] {
  return [...query.terms, ...query.phrases.flat(), ...query.references];
}
