import { allowedTypos, editDistance, foldWord } from './text';

const TOKEN = /[\p{L}\p{N}]+(?:[/.-][\p{L}\p{N}]+)*/gu;

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a folded word of a text matches a folded query word the way the engines match it:
 * exactly, as a prefix (compounds: "Radweg" in "Radwegekonzept"), as an inflection (shared
 * stem) or with a typo.
 */
export function foldedMatches(w: string, term: string): boolean {
  if (w === term) return true;
  if (term.length >= 3 && w.startsWith(term)) return true;
  const shared = commonPrefix(w, term);
  if (shared >= 4 && shared >= Math.min(w.length, term.length) - 2) return true;
  const typos = allowedTypos(term.length);
  // A typo in the first letter is not tolerated (Meilisearch counts it as two).
  if (typos === 0 || w[0] !== term[0] || /^\d+$/.test(term)) return false;
  if (Math.abs(w.length - term.length) <= typos && editDistance(w, term, typos) <= typos) return true;
  return w.length > term.length + 2 && editDistance(w.slice(0, term.length), term, typos) <= typos;
}

export function wordMatches(word: string, term: string): boolean {
  return foldedMatches(foldWord(word), term);
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Whether a word of a text matches any of the folded query terms; remembers its answers (make one per search). */
export type WordMatcher = (word: string) => boolean;

export function wordMatcher(terms: string[]): WordMatcher {
  const seen = new Map<string, boolean>();
  // A token joined by hyphens or slashes matches as a whole ("0123/2025") or by any of its
  // parts ("IP-Telefonverträgen" for "Telefonverträgen").
  return (word) => {
    let hit = seen.get(word);
    if (hit === undefined) {
      const folded = foldWord(word);
      const parts = folded.split(/[/.-]/);
      hit = terms.some((term) => foldedMatches(folded, term) || (parts.length > 1 && parts.some((part) => foldedMatches(part, term))));
      seen.set(word, hit);
    }
    return hit;
  };
}

/**
 * A short excerpt of `text` around the densest cluster of matches, HTML-escaped, with the
 * matching words wrapped in `<mark>`. Without a match it is the start of the text. `terms`:
 * the folded query words, or a matcher made from them once for all hits of a search.
 */
export function snippet(text: string, terms: string[] | WordMatcher, length = 240): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  const matches = typeof terms === 'function' ? terms : terms.length ? wordMatcher(terms) : null;
  const hits: { start: number; end: number; word: string }[] = [];
  if (matches) for (const m of clean.matchAll(TOKEN)) if (matches(m[0])) hits.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  let from = 0;
  if (hits.length) {
    // The window (starting at a match) with the most matches, distinct words counting double:
    // one pass with a sliding end and counts of the words inside.
    let best = 0;
    let bestScore = -1;
    const inside = new Map<string, number>();
    const words = hits.map((h) => h.word.toLowerCase());
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j].end - hits[i].start < length - 40) {
        inside.set(words[j], (inside.get(words[j]) ?? 0) + 1);
        j++;
      }
      const score = j - i + inside.size * 2;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
      const left = (inside.get(words[i]) ?? 1) - 1;
      if (left) inside.set(words[i], left);
      else inside.delete(words[i]);
    }
    from = Math.max(0, hits[best].start - 50);
    if (from > 0) {
      const space = clean.indexOf(' ', from);
      from = space >= 0 && space < hits[best].start ? space + 1 : hits[best].start;
    }
  }
  let to = Math.min(clean.length, from + length);
  if (to < clean.length) {
    const space = clean.lastIndexOf(' ', to);
    if (space > from + length / 2) to = space;
  }
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue;
    out += escape(clean.slice(at, hit.start)) + '<mark>' + escape(hit.word) + '</mark>';
    at = hit.end;
  }
  out += escape(clean.slice(at, to));
  return to < clean.length ? out + '…' : out;
}
