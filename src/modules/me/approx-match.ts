/**
 * Approximate substring search: where does `pattern` occur in `text` with at most `maxErrors`
 * edits (insertions, deletions, substitutions)? Myers' bit-parallel algorithm in its block
 * form (G. Myers, "A fast bit-vector algorithm for approximate string matching based on
 * dynamic programming", J. ACM 46(3), 1999) with Ukkonen's cut-off, so that only the blocks of
 * the pattern that can still match are computed: O(n · k/32) for n characters and k errors.
 * The same algorithm the Hypothesis annotation client uses to re-anchor quotes.
 */
export interface ApproxMatch {
  /** UTF-16 offsets into the text; `end` is exclusive. */
  start: number;
  end: number;
  errors: number;
}

const W = 32;

/** Bit masks per character code of the pattern, one per block of 32 pattern characters. */
function equalities(pattern: string, blocks: number): Map<number, Uint32Array> {
  const peq = new Map<number, Uint32Array>();
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    let masks = peq.get(c);
    if (!masks) peq.set(c, (masks = new Uint32Array(blocks)));
    masks[(i / W) | 0] |= 1 << i % W;
  }
  return peq;
}

/** The end offsets (exclusive) of every substring within `maxErrors` of `pattern`, with their distance. */
export function matchEnds(text: string, pattern: string, maxErrors: number): { end: number; errors: number }[] {
  const m = pattern.length;
  if (m === 0) return [];
  const blocks = Math.ceil(m / W);
  const peq = equalities(pattern, blocks);
  const empty = new Uint32Array(blocks);
  const P = new Uint32Array(blocks);
  const M = new Uint32Array(blocks);
  const score = new Int32Array(blocks);
  const lastBits = m % W === 0 ? W : m % W;
  const high = (b: number): number => (b === blocks - 1 ? 1 << (lastBits - 1) : 1 << (W - 1)) >>> 0;
  const rows = (b: number): number => (b === blocks - 1 ? lastBits : W);

  // Start with only the blocks an alignment within maxErrors can reach (Ukkonen's cut-off).
  let y = Math.max(0, Math.min(blocks - 1, Math.ceil(maxErrors / W) - 1));
  for (let b = 0; b <= y; b++) {
    P[b] = 0xffffffff;
    M[b] = 0;
    score[b] = b === 0 ? rows(0) : score[b - 1] + rows(b);
  }

  const step = (b: number, eq: Uint32Array, hin: number): number => {
    const pv = P[b];
    const mv = M[b];
    const e = (eq[b] | (hin < 0 ? 1 : 0)) >>> 0;
    const xv = (e | mv) >>> 0;
    const xh = ((((e & pv) + pv) >>> 0) ^ pv | e) >>> 0;
    let ph = (mv | ~(xh | pv)) >>> 0;
    let mh = (pv & xh) >>> 0;
    const top = high(b);
    const hout = ph & top ? 1 : mh & top ? -1 : 0;
    ph = (ph << 1) >>> 0;
    mh = (mh << 1) >>> 0;
    if (hin < 0) mh = (mh | 1) >>> 0;
    else if (hin > 0) ph = (ph | 1) >>> 0;
    P[b] = (mh | ~(xv | ph)) >>> 0;
    M[b] = (ph & xv) >>> 0;
    return hout;
  };

  const out: { end: number; errors: number }[] = [];
  for (let j = 0; j < text.length; j++) {
    const eq = peq.get(text.charCodeAt(j)) ?? empty;
    // Row 0 of the matrix is all zeros (a match may start anywhere): no carry into block 0.
    let carry = 0;
    for (let b = 0; b <= y; b++) {
      carry = step(b, eq, carry);
      score[b] += carry;
    }
    // The next block may come into reach.
    if (y < blocks - 1 && score[y] - carry <= maxErrors && (eq[y + 1] & 1 || carry !== 0)) {
      y++;
      P[y] = 0xffffffff;
      M[y] = 0;
      const hout = step(y, eq, carry);
      score[y] = score[y - 1] + rows(y) - carry + hout;
    } else {
      // Blocks whose bottom row is too far off can be dropped.
      while (y > 0 && score[y] >= maxErrors + W) y--;
    }
    if (y === blocks - 1 && score[y] <= maxErrors) out.push({ end: j + 1, errors: score[y] });
  }
  return out;
}

const reverse = (s: string): string => s.split('').reverse().join('');

/**
 * The best matches of `pattern` in `text`: every local minimum of the edit distance (one per
 * run of adjacent end positions), at most `limit` of them, fewest errors first.
 */
export function approxSearch(text: string, pattern: string, maxErrors: number, limit = 50): ApproxMatch[] {
  const ends = matchEnds(text, pattern, maxErrors);
  // Adjacent ends describe the same place; keep the best end of each run.
  const best: { end: number; errors: number }[] = [];
  let previous = -2;
  for (const e of ends) {
    const last = best[best.length - 1];
    if (last && e.end === previous + 1) {
      if (e.errors < last.errors) best[best.length - 1] = e;
    } else {
      best.push(e);
    }
    previous = e.end;
  }
  best.sort((a, b) => a.errors - b.errors || a.end - b.end);
  const rPattern = reverse(pattern);
  return best.slice(0, limit).map(({ end, errors }) => {
    // Where does the best alignment ending at `end` start? Match the reversed pattern
    // backwards from `end` and take the longest span with the same distance.
    const from = Math.max(0, end - pattern.length - errors);
    const starts = matchEnds(reverse(text.slice(from, end)), rPattern, errors);
    const exact = starts.filter((s) => s.errors === errors);
    const span = exact.length ? exact[exact.length - 1].end : pattern.length;
    return { start: Math.max(from, end - span), end, errors };
  });
}

/** Edit distance between two short strings (prefix and suffix context), for scoring. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
