import { approxSearch, editDistance, matchEnds } from '../src/modules/me/approx-match';

/** The textbook dynamic programme: minimal distance of the pattern to a substring ending at each offset. */
function naiveEnds(text: string, pattern: string, maxErrors: number): { end: number; errors: number }[] {
  let col = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  const out: { end: number; errors: number }[] = [];
  for (let j = 0; j < text.length; j++) {
    const next = [0];
    for (let i = 1; i <= pattern.length; i++) {
      next[i] = Math.min(col[i] + 1, next[i - 1] + 1, col[i - 1] + (pattern[i - 1] === text[j] ? 0 : 1));
    }
    col = next;
    if (col[pattern.length] <= maxErrors) out.push({ end: j + 1, errors: col[pattern.length] });
  }
  return out;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(rnd: () => number, s: string, edits: number, alphabet: string): string {
  let out = s;
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rnd() * (out.length + 1));
    const c = alphabet[Math.floor(rnd() * alphabet.length)];
    const op = Math.floor(rnd() * 3);
    out = op === 0 ? out.slice(0, i) + c + out.slice(i) : op === 1 ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + c + out.slice(i + 1);
  }
  return out;
}

describe('approximate matching (Myers, block-based)', () => {
  it('finds exactly the end offsets and distances that the dynamic programme finds, for short and multi-block patterns', () => {
    const rnd = random(42);
    const alphabet = 'abcde fgh';
    for (let round = 0; round < 300; round++) {
      const m = 1 + Math.floor(rnd() * (round % 3 === 0 ? 100 : 40));
      const pattern = Array.from({ length: m }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const filler = Array.from({ length: 50 + Math.floor(rnd() * 200) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const text = filler.slice(0, 40) + mutate(rnd, pattern, Math.floor(rnd() * 4), alphabet) + filler.slice(40);
      const k = Math.floor(rnd() * Math.min(m, 12));
      expect({ round, ends: matchEnds(text, pattern, k) }).toEqual({ round, ends: naiveEnds(text, pattern, k) });
    }
  });

  it('locates a changed quote with its start, end and number of errors', () => {
    const text = 'Der Rat beschließt das Radwegekonzept für die Innenstadt. Die Kosten trägt die Stadt.';
    const [best] = approxSearch(text, 'beschliesst das Radwegkonzept', 6);
    expect(best.errors).toBe(3);
    expect(text.slice(best.start, best.end)).toBe('beschließt das Radwegekonzept');
    expect(approxSearch(text, 'völlig anderer Satz ohne Bezug', 5)).toEqual([]);
  });

  it('measures the edit distance of short strings', () => {
    expect(editDistance('Haushalt', 'Haushalt')).toBe(0);
    expect(editDistance('Haushalt', 'Hausalt')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
