import { createHash } from 'node:crypto';
import { indexPages } from '../../src/infra/search/layout';
import { fold } from '../../src/infra/search/text';

/**
 * Queries derived from a real city's own data, so that nobody picks them to suit the engines:
 * rare words from inside the texts of its files, long compounds, words its PDFs hyphenated
 * across a line break, reference numbers, umlauts typed as ae/oe/ue, and misspellings. Each
 * case names the document (Vorlage) that a search must find — itself or one of its files.
 */
export type RealKind = 'rare word' | 'compound' | 'hyphenated' | 'reference' | 'umlaut' | 'typo';

export interface RealCase {
  kind: RealKind;
  q: string;
  /** The document whose text (or reference) the query comes from. */
  documentId: string;
  /** Where the query comes from, for the report. */
  source: string;
}

export interface RealFile {
  documentId: string;
  text: string;
}

export interface RealDocument {
  id: string;
  name: string;
  reference: string | null;
}

/** How many cases of each kind are drawn. */
export const REAL_CASE_COUNTS: Record<RealKind, number> = { 'rare word': 40, compound: 8, hyphenated: 8, reference: 12, umlaut: 8, typo: 6 };

const WORD = /\p{Lu}\p{Ll}{7,}/gu;
/** A word broken by a hyphen at a line end whose second half is lower case: a hyphenated word. */
const HYPHENATED = /(?<![\p{L}-])(\p{L}{3,})-\n(\p{Ll}{3,})(?!\p{L})/gu;

/** A stable order that favours no engine: by a hash of the value. */
const byHash = <T>(items: T[], key: (item: T) => string): T[] =>
  items
    .map((item) => ({ item, h: createHash('sha1').update(key(item)).digest('hex') }))
    .sort((a, b) => a.h.localeCompare(b.h))
    .map((x) => x.item);

const spellOutUmlauts = (word: string): string =>
  word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');

/** One typo: two neighbouring letters in the middle swapped (the commonest slip). */
function misspell(word: string): string | null {
  const i = Math.floor(word.length / 2);
  if (word[i] === word[i + 1]) return null;
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/**
 * Draws the cases from the files' texts and the documents: a word counts as rare when the
 * texts of exactly one document contain it (in any inflection the index would fold together
 * is not checked: a rare word's only document must still be found) and no title contains it.
 */
export function deriveRealCases(files: RealFile[], documents: RealDocument[]): RealCase[] {
  const owners = new Map<string, Set<string>>();
  const spelling = new Map<string, string>();
  const hyphenated = new Map<string, { joined: string; documentId: string }>();
  const textOf = new Map<string, string>();
  for (const file of files) {
    const clean = indexPages(file.text).join('\n');
    textOf.set(file.documentId, `${textOf.get(file.documentId) ?? ''}\n${clean}`);
    for (const match of clean.matchAll(/\p{L}+/gu)) {
      const folded = fold(match[0]);
      let set = owners.get(folded);
      if (!set) owners.set(folded, (set = new Set()));
      set.add(file.documentId);
    }
    for (const match of file.text.matchAll(WORD)) if (!spelling.has(fold(match[0]))) spelling.set(fold(match[0]), match[0]);
    for (const match of file.text.replace(/\r\n?/g, '\n').matchAll(HYPHENATED)) {
      const joined = match[1] + match[2];
      if (joined.length >= 10 && !/^\p{Ll}/u.test(match[1])) hyphenated.set(fold(joined), { joined, documentId: file.documentId });
    }
  }
  const inTitles = new Set<string>();
  for (const d of documents) for (const match of d.name.matchAll(/\p{L}+/gu)) inTitles.add(fold(match[0]));
  const rare = [...spelling.entries()]
    .filter(([folded]) => owners.get(folded)?.size === 1 && !inTitles.has(folded))
    .map(([folded, word]) => ({ folded, word, documentId: [...(owners.get(folded) as Set<string>)][0] }));

  const cases: RealCase[] = [];
  const usedDocuments = new Set<string>();
  const usedWords = new Set<string>();
  const draw = (kind: RealKind, candidates: { q: string; documentId: string; source: string; word: string }[]): void => {
    let left = REAL_CASE_COUNTS[kind];
    for (const c of byHash(candidates, (x) => `${kind}:${x.q}`)) {
      if (left === 0) break;
      if (usedDocuments.has(c.documentId) || usedWords.has(c.word)) continue;
      usedDocuments.add(c.documentId);
      usedWords.add(c.word);
      cases.push({ kind, q: c.q, documentId: c.documentId, source: c.source });
      left--;
    }
  };
  const plain = (r: (typeof rare)[number]): boolean => /^\p{L}+$/u.test(r.word) && r.word.length <= 30;
  draw('rare word', rare.filter((r) => plain(r) && r.word.length < 18).map((r) => ({ q: r.word, documentId: r.documentId, source: 'text', word: r.folded })));
  draw('compound', rare.filter((r) => plain(r) && r.word.length >= 18).map((r) => ({ q: r.word, documentId: r.documentId, source: 'text', word: r.folded })));
  draw(
    'hyphenated',
    [...hyphenated.entries()]
      .filter(([folded, h]) => owners.get(folded)?.size === 1 && !inTitles.has(folded) && textOf.get(h.documentId)?.includes(h.joined))
      .map(([folded, h]) => ({ q: h.joined, documentId: h.documentId, source: 'joined across a line break', word: folded })),
  );
  draw(
    'umlaut',
    rare.filter((r) => plain(r) && /[äöüÄÖÜ]/.test(r.word)).map((r) => ({ q: spellOutUmlauts(r.word), documentId: r.documentId, source: r.word, word: r.folded })),
  );
  draw(
    'typo',
    rare
      .filter((r) => plain(r) && r.word.length >= 10 && !/[äöüÄÖÜß]/.test(r.word))
      .flatMap((r) => {
        const q = misspell(r.word);
        return q ? [{ q, documentId: r.documentId, source: r.word, word: r.folded }] : [];
      }),
  );
  usedDocuments.clear();
  draw(
    'reference',
    documents.filter((d) => d.reference && /^\d{4}\/\d{4}$/.test(d.reference)).map((d) => ({ q: d.reference as string, documentId: d.id, source: d.name, word: d.reference as string })),
  );
  return cases;
}
