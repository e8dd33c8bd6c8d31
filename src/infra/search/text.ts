/**
 * German text normalisation shared by both engines, the indexer and the snippet marker.
 * Documents and queries go through the same `fold`, so "Straße"/"Strasse",
 * "Übergang"/"Uebergang"/"Ubergang" and "Gebühren"/"Gebuehren" meet in one form.
 */
const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Compatibility forms unified (ligatures such as ﬁ from PDFs, full-width letters), lowercase,
 * ß → ss, umlauts and spelled-out umlauts (ae/oe/ue) → a/o/u, other accents removed.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[äÄ]/g, 'a')
    .replace(/[öÖ]/g, 'o')
    .replace(/[üÜ]/g, 'u')
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .replace(/(?<![aeiouy])([aou])e/g, '$1');
}

const WORD_CACHE_SIZE = 100_000;
const foldedWords = new Map<string, string>();

/**
 * `fold` of a single word, remembered: the words of council texts repeat from hit to hit and
 * from search to search, and folding each anew was the largest cost of marking snippets.
 */
export function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    if (foldedWords.size >= WORD_CACHE_SIZE) foldedWords.clear();
    folded = fold(word);
    foldedWords.set(word, folded);
  }
  return folded;
}

/** A reference number such as "0123/2025", "V-12/2024" or "2025/0262-1". */
export const REFERENCE = /^(?:[\p{L}]{1,5}[- ]?)?\d{1,6}[/.-]\d{2,6}(?:[/.-]\d{1,4})?$/u;

/** Canonical form of a reference number for exact comparison. */
export function normalizeReference(reference: string): string {
  return fold(reference.trim()).replace(/\s+/g, '');
}

/** Words of a text for the typo lexicon: folded, letters only, 4–40 characters. */
export function lexiconWords(text: string, into: Set<string>): void {
  for (const match of fold(text).matchAll(/\p{L}{4,40}/gu)) into.add(match[0]);
}

/** Number of typos a word of this length may carry (as Meilisearch counts them). */
export function allowedTypos(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let before = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** Splits a text into pieces of about `size` characters at paragraph, sentence or word ends. */
export function chunkText(text: string, size = 2000): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > size) {
    const window = rest.slice(0, size + 200);
    let cut = window.lastIndexOf('\n\n', size);
    if (cut < size / 2) cut = Math.max(window.lastIndexOf('. ', size), window.lastIndexOf('\n', size));
    if (cut < size / 2) cut = window.lastIndexOf(' ', size);
    if (cut < size / 2) cut = size;
    chunks.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}
