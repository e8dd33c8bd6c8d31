import type { DataKey } from '../accounts/accounts.crypto';
import { Problem } from '../../common/http/problem';

/**
 * Words for the blind index of an account's own notes and markings. The database never holds
 * a word: only keyed tokens (see DataKey.token) of the words' prefixes, so a search for
 * "Radweg" finds "Radwegekonzept". German is folded both ways (ä → ae and ä → a, ß → ss), as
 * the public search does, so "Gebühren", "Gebuehren" and "Strasse" find what they should.
 */
export const MIN_PREFIX = 2;
export const MAX_PREFIX = 12;
/** Tokens kept per note or marking; a very long text is searchable by its first distinct words. */
export const MAX_TOKENS = 6000;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** The spellings a word is found by: German transliteration and plain letters. */
export function variants(word: string): string[] {
  const lower = word.normalize('NFC').toLowerCase();
  const german = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFD').replace(MARKS, '');
  const plain = lower.replace(/ß/g, 'ss').normalize('NFD').replace(MARKS, '');
  return german === plain ? [german] : [german, plain];
}

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

const term = (prefix: string): string => `w:${prefix}`;

/** The tokens of a text (deduplicated, at most MAX_TOKENS). */
export function indexTokens(key: DataKey, ...texts: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  outer: for (const text of texts) {
    if (!text) continue;
    for (const word of words(text)) {
      for (const v of variants(word)) {
        const chars = [...v];
        for (let n = MIN_PREFIX; n <= Math.min(chars.length, MAX_PREFIX); n++) {
          terms.add(term(chars.slice(0, n).join('')));
          if (terms.size >= MAX_TOKENS) break outer;
        }
      }
    }
  }
  return [...terms].map((t) => key.token(t));
}

/** One query word: the tokens of its spellings (any may match) and the spellings themselves. */
export interface QueryWord {
  tokens: string[];
  spellings: string[];
}

/** The words of a query that can be looked up (MIN_PREFIX letters or more). */
export function queryWords(key: DataKey, q: string): QueryWord[] {
  const out: QueryWord[] = [];
  const seen = new Set<string>();
  for (const word of words(q)) {
    const spellings = variants(word).filter((v) => [...v].length >= MIN_PREFIX);
    if (!spellings.length || seen.has(spellings[0])) continue;
    seen.add(spellings[0]);
    out.push({ spellings, tokens: [...new Set(spellings.map((s) => key.token(term([...s].slice(0, MAX_PREFIX).join('')))))] });
  }
  return out;
}

/** The filters of a list of notes or markings that go through keyed tokens: `tag`, the words of `q`, and the plain ones. */
export interface SealedFilters {
  tagToken: string | undefined;
  search: string[][];
  modifiedSince: string | undefined;
  cursor: string | undefined;
}

/**
 * The query words of `q` and the filters of a list of notes or markings; a `q` without a word
 * that can be looked up is a 400.
 */
export function sealedFilters(key: DataKey, query: { q?: string; tag?: string; modified_since?: string; cursor?: string }): { words: QueryWord[]; filters: SealedFilters } {
  const found = query.q !== undefined ? queryWords(key, query.q) : [];
  if (query.q !== undefined && !found.length) throw Problem.invalid([{ field: 'q', text: 'search_word_missing' }]);
  const filters = { tagToken: query.tag ? tagToken(key, query.tag) : undefined, search: found.map((w) => w.tokens), modifiedSince: query.modified_since, cursor: query.cursor };
  return { words: found, filters };
}

/**
 * Whether the decrypted texts hold every query word as the start of a word. Tokens are
 * truncated hashes and prefixes are cut at MAX_PREFIX, so the index answers "maybe"; this
 * answers for sure.
 */
export function matchesAll(query: QueryWord[], ...texts: (string | null | undefined)[]): boolean {
  const have = new Set<string>();
  for (const text of texts) if (text) for (const word of words(text)) for (const v of variants(word)) have.add(v);
  const list = [...have];
  return query.every((q) => q.spellings.some((s) => list.some((w) => w.startsWith(s))));
}

/** The token of a tag (tags compare case-insensitively). */
export function tagToken(key: DataKey, tag: string): string {
  return key.token(`t:${normalizeTag(tag)}`);
}

export function normalizeTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The token of a followed keyword in one body. */
export function keywordToken(key: DataKey, bodyId: string, keyword: string): string {
  return key.token(`k:${bodyId}:${variants(keyword.trim().replace(/\s+/g, ' '))[0]}`);
}
