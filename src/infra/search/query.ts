import { fold, normalizeReference, REFERENCE } from './text';

/** A user query, parsed once and handed to whichever engine answers it. */
export interface ParsedQuery {
  /** The query as sent (trimmed, cut to MAX_QUERY_LENGTH). */
  raw: string;
  /** Folded single words that must all match. */
  terms: string[];
  /** Folded words of each quoted phrase, in order. */
  phrases: string[][];
  /** Reference numbers (normalised), matched exactly and ranked first. */
  references: string[];
}

/** Characters of a query that are read; the rest of a longer input is ignored. */
export const MAX_QUERY_LENGTH = 200;
/** Words (and numbers) of a query that are searched; further ones are ignored. */
export const MAX_QUERY_WORDS = 16;
/** Longest input the API accepts in `q` at all (what a search box can send); it is cut to MAX_QUERY_LENGTH. */
export const MAX_QUERY_INPUT = 4000;

const WORD = /[\p{L}\p{N}]+/gu;
/** Quotation marks people type: straight, German „…“ and ‚…‘ are not quotes (‘ ’ are apostrophes too), English “…”, French «…». */
const QUOTES = /[„“”«»‟″〝〞＂]/g;
/** Boolean operators from other search engines, which this one does not need: all words must match anyway. */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'UND', 'ODER', 'NICHT']);

function wordsOf(text: string): string[] {
  return [...fold(text).matchAll(WORD)].map((m) => m[0]);
}

/**
 * Parses what someone typed into a search box: words, "quoted phrases" and reference numbers
 * ("0123/2025"). It never fails: an unbalanced quote is read as if it were not there, stray
 * operators and punctuation are skipped, overlong input is cut to its first
 * MAX_QUERY_LENGTH characters and MAX_QUERY_WORDS words. A query without any word or number
 * has no terms at all, and finds nothing.
 */
export function parseQuery(input: string): ParsedQuery {
  const raw = input.normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
  let quoted = raw.replace(QUOTES, '"');
  // An odd number of quotes: the last one opens nothing.
  if ((quoted.match(/"/g) ?? []).length % 2 === 1) {
    const last = quoted.lastIndexOf('"');
    quoted = `${quoted.slice(0, last)} ${quoted.slice(last + 1)}`;
  }
  const terms: string[] = [];
  const phrases: string[][] = [];
  const references: string[] = [];
  let budget = MAX_QUERY_WORDS;
  const take = (words: string[]): string[] => {
    const taken = words.slice(0, Math.max(0, budget));
    budget -= taken.length;
    return taken;
  };
  quoted.split('"').forEach((part, i) => {
    if (i % 2 === 1) {
      const words = take(wordsOf(part));
      if (words.length === 1) terms.push(words[0]);
      else if (words.length > 1) phrases.push(words);
      return;
    }
    for (const token of part.split(' ')) {
      if (OPERATORS.has(token)) continue;
      const bare = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (!bare) continue;
      if (REFERENCE.test(bare) && /\d/.test(bare)) references.push(...take([normalizeReference(bare)]));
      else terms.push(...take(wordsOf(bare)));
    }
  });
  return { raw, terms: [...new Set(terms)], phrases, references: [...new Set(references)] };
}

/** Whether a parsed query has anything to search for. */
export function isSearchable(query: ParsedQuery): boolean {
  return query.terms.length + query.phrases.length + query.references.length > 0;
}

/** All folded words of a query, for marking matches. */
export function queryWords(query: ParsedQuery): string[] {
  return [...query.terms, ...query.phrases.flat(), ...query.references];
}
