import { randomBytes } from 'node:crypto';
import { AccountKeyRing } from '../src/modules/accounts/accounts.crypto';
import { anchor, Offsets, pageAt } from '../src/modules/me/anchoring';
import { indexTokens, keywordToken, matchesAll, queryWords, tagToken } from '../src/modules/me/search-terms';

const PAGES = [
  'Stadt Musterstadt – Die Bürgermeisterin\n\nBeschlussvorlage 0131/2026',
  'Der Rat der Stadt Musterstadt beschließt das Radwegekonzept für die Innenstadt.\nDie Kosten trägt die Stadt.',
  'Anlage: Das Radwegekonzept wird 2027 umgesetzt.',
].join('\f');

const at = (text: string, a: { start?: number; end?: number }): string => [...text].slice(a.start, a.end).join('');

describe('anchoring a quote in a file’s text', () => {
  it('keeps a position that still holds the quote', () => {
    const start = PAGES.indexOf('Radwegekonzept für');
    const a = anchor(PAGES, { exact: 'Radwegekonzept', start, end: start + 14 });
    expect(a).toEqual({ status: 'anchored', start, end: start + 14, page: 2 });
  });

  it('picks, among several exact occurrences, the one whose prefix and suffix match', () => {
    const a = anchor(PAGES, { exact: 'Radwegekonzept', prefix: 'Anlage: Das ', suffix: ' wird 2027' });
    expect(a.status).toBe('anchored');
    expect(a.page).toBe(3);
    expect(at(PAGES, a)).toBe('Radwegekonzept');
    const b = anchor(PAGES, { exact: 'Radwegekonzept', prefix: 'beschließt das ', suffix: ' für die' });
    expect(b.page).toBe(2);
  });

  it('prefers the occurrence nearest a stale position hint when the context says nothing', () => {
    const far = PAGES.lastIndexOf('Radwegekonzept');
    const a = anchor(PAGES, { exact: 'Radwegekonzept', start: far - 3, end: far + 11 });
    expect(a.start).toBe(far);
  });

  it('finds a quote whose line breaks and spaces were re-flowed', () => {
    const a = anchor(PAGES, { exact: 'für die Innenstadt. Die  Kosten' });
    expect(a.status).toBe('anchored');
    expect(at(PAGES, a)).toBe('für die Innenstadt.\nDie Kosten');
  });

  it('re-anchors a slightly edited passage fuzzily, and orphans a passage that is gone', () => {
    const edited = PAGES.replace('das Radwegekonzept für die Innenstadt', 'das überarbeitete Radwegkonzept für die Innenstadt');
    const a = anchor(edited, { exact: 'beschließt das Radwegekonzept für die Innenstadt', prefix: 'Musterstadt ' });
    expect(a.status).toBe('fuzzy');
    expect(a.errors).toBeGreaterThan(0);
    expect(at(edited, a)).toContain('Radwegkonzept für die Innenstadt');
    expect(anchor(edited, { exact: 'Die Verwaltung wird beauftragt, einen Bericht vorzulegen' })).toEqual({ status: 'orphaned' });
    expect(anchor(null, { exact: 'Radwegekonzept' })).toEqual({ status: 'pending' });
  });

  it('counts positions in Unicode code points, as the W3C TextPositionSelector does', () => {
    const text = 'Emoji 😀 vor dem Radweg.';
    const a = anchor(text, { exact: 'Radweg' });
    expect(a.start).toBe([...text].indexOf('R'));
    expect(a.start).toBe(text.indexOf('R') - 1);
    const offsets = new Offsets(text);
    expect(offsets.toUnits(a.start!)).toBe(text.indexOf('R'));
    expect(pageAt('a\fb\fc', 4)).toBe(3);
  });

  it('searches near the page hint first', () => {
    const text = ['Der Radweg am Ring wird verbreitert.', 'Füllseite', 'Der Radweg am Rhein wird verbreitert.'].join('\f');
    const a = anchor(text, { exact: 'Der Radweg am Rinh wird verbreitert.', page: 3 });
    expect(a.status).toBe('fuzzy');
    expect(a.page).toBe(3);
  });
});

describe('blind-index tokens of one’s own notes', () => {
  const keys = new AccountKeyRing([{ id: 'k1', secret: randomBytes(32) }]);
  const a = keys.newDataKey('00000000-0000-4000-8000-00000000000a').key;
  const b = keys.newDataKey('00000000-0000-4000-8000-00000000000b').key;

  it('finds words by their beginnings, with umlauts and ß folded both ways', () => {
    const tokens = new Set(indexTokens(a, 'Die Gebühren für die Straßenreinigung steigen.'));
    for (const q of ['Gebühren', 'gebuehren', 'Gebuhren', 'strasse', 'Straßenrein', 'STEIG']) {
      const words = queryWords(a, q);
      expect({ q, hit: words.every((w) => w.tokens.some((t) => tokens.has(t))) }).toEqual({ q, hit: true });
      expect(matchesAll(words, 'Die Gebühren für die Straßenreinigung steigen.')).toBe(true);
    }
    expect(queryWords(a, 'reinigung').every((w) => w.tokens.some((t) => tokens.has(t)))).toBe(false);
    expect(matchesAll(queryWords(a, 'Gebühren Hundesteuer'), 'Die Gebühren steigen.')).toBe(false);
  });

  it('gives other tokens under another account’s key, and never the word itself', () => {
    const mine = indexTokens(a, 'Radwegekonzept');
    const theirs = indexTokens(b, 'Radwegekonzept');
    expect(mine.some((t) => theirs.includes(t))).toBe(false);
    expect(mine.every((t) => /^-?\d+$/.test(t))).toBe(true);
    expect(tagToken(a, 'Haushalt')).toBe(tagToken(a, ' haushalt '));
    expect(tagToken(a, 'Haushalt')).not.toBe(tagToken(b, 'Haushalt'));
    expect(keywordToken(a, 'body-1', 'Radweg')).not.toBe(keywordToken(a, 'body-2', 'Radweg'));
  });
});
