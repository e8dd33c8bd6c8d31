import { approxSearch, editDistance } from './approx-match';

/**
 * Where a marking sits in a file's text, found again after the text changed: the approach of
 * the Hypothesis annotation client. In order:
 *  1. the position hint, when the text there still is the quote;
 *  2. every exact occurrence of the quote (runs of white space may differ), the best by
 *     prefix, suffix and nearness to the hint;
 *  3. approximate matches within a tolerance of a quarter of the quote's length (first near
 *     the hint or on the given page, then anywhere), scored the same way.
 * Nothing found: the marking is orphaned (kept, and flagged).
 *
 * The text is a file's extracted text, pages separated by form feeds. Positions are counted
 * in Unicode code points from the start of the whole text, as the W3C TextPositionSelector
 * defines them; pages are 1-based.
 */
export interface QuoteTarget {
  exact: string;
  prefix?: string | null;
  suffix?: string | null;
  /** Position hint (code points). */
  start?: number | null;
  end?: number | null;
  /** Page hint (1-based). */
  page?: number | null;
}

export type AnchorStatus = 'anchored' | 'fuzzy' | 'orphaned' | 'pending';

export interface Anchor {
  status: AnchorStatus;
  start?: number;
  end?: number;
  page?: number;
  /** Edits between the quote and the text found (fuzzy anchors). */
  errors?: number;
}

/** The share of a quote's characters that may differ in an approximate match. */
export const TOLERANCE = 0.25;
const MAX_ERRORS = 256;
const MIN_FUZZY_LENGTH = 4;
/** Characters searched around a hint before the whole text is. */
const NEAR = 20_000;
const PAGE_BREAK = '\f';

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Code point offsets ⇄ UTF-16 offsets (the same unless the text has characters beyond the BMP). */
export class Offsets {
  private readonly simple: boolean;

  constructor(private readonly text: string) {
    this.simple = !/[\uD800-\uDFFF]/.test(text);
  }

  toUnits(codePoints: number): number {
    if (this.simple) return Math.min(codePoints, this.text.length);
    let units = 0;
    for (let cp = 0; cp < codePoints && units < this.text.length; cp++) units += (this.text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
    return units;
  }

  toCodePoints(units: number): number {
    if (this.simple) return units;
    let cps = 0;
    for (let u = 0; u < units; cps++) u += (this.text.codePointAt(u) ?? 0) > 0xffff ? 2 : 1;
    return cps;
  }
}

/** 1-based page of a UTF-16 offset. */
export function pageAt(text: string, offset: number): number {
  let page = 1;
  for (let i = text.indexOf(PAGE_BREAK); i !== -1 && i < offset; i = text.indexOf(PAGE_BREAK, i + 1)) page++;
  return page;
}

/** UTF-16 range of a 1-based page, or null when the text has no such page. */
function pageRange(text: string, page: number): { from: number; to: number } | null {
  let from = 0;
  for (let p = 1; p < page; p++) {
    const next = text.indexOf(PAGE_BREAK, from);
    if (next === -1) return null;
    from = next + 1;
  }
  const end = text.indexOf(PAGE_BREAK, from);
  return { from, to: end === -1 ? text.length : end };
}

/** 1 for identical context, falling towards 0 with every edit. */
function similarity(actual: string, expected: string): number {
  if (!expected.length) return 1;
  return Math.max(0, 1 - editDistance(actual, expected) / expected.length);
}

export function anchor(text: string | null | undefined, target: QuoteTarget): Anchor {
  if (text === null || text === undefined) return { status: 'pending' };
  const exact = target.exact;
  if (!exact.length || !text.length) return { status: 'orphaned' };
  const offsets = new Offsets(text);
  const hintStart = typeof target.start === 'number' ? offsets.toUnits(target.start) : null;
  const hintEnd = typeof target.end === 'number' ? offsets.toUnits(target.end) : null;
  const page = target.page ? pageRange(text, target.page) : null;
  const hint = hintStart ?? page?.from ?? null;
  const found = (c: Candidate, status: AnchorStatus): Anchor => ({
    status,
    start: offsets.toCodePoints(c.start),
    end: offsets.toCodePoints(c.end),
    page: pageAt(text, c.start),
    ...(status === 'fuzzy' ? { errors: c.errors } : {}),
  });

  // 1. The position still holds the quote.
  if (hintStart !== null && hintEnd !== null && text.slice(hintStart, hintEnd) === exact) {
    return found({ start: hintStart, end: hintEnd, errors: 0 }, 'anchored');
  }

  const score = (c: Candidate): number => {
    const prefix = target.prefix ? similarity(text.slice(Math.max(0, c.start - target.prefix.length), c.start), target.prefix) : 1;
    const suffix = target.suffix ? similarity(text.slice(c.end, c.end + target.suffix.length), target.suffix) : 1;
    const position = hint === null ? 1 : 1 - Math.abs(c.start - hint) / text.length;
    const quote = 1 - c.errors / exact.length;
    return (WEIGHTS.quote * quote + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position) / (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position);
  };
  const best = (candidates: Candidate[]): Candidate => candidates.reduce((a, b) => (score(b) > score(a) ? b : a));

  // 2. Exact occurrences; white space may have been re-flowed (line breaks, double spaces).
  const pattern = exact.trim().split(/\s+/).map(escape).join('\\s+');
  if (pattern) {
    const exactMatches: Candidate[] = [];
    const re = new RegExp(pattern, 'g');
    for (let m = re.exec(text); m && exactMatches.length < 1000; m = re.exec(text)) {
      exactMatches.push({ start: m.index, end: m.index + m[0].length, errors: 0 });
      if (m[0].length === 0) re.lastIndex++;
    }
    if (exactMatches.length) return found(best(exactMatches), 'anchored');
  }

  // 3. Approximate matches, near the hint first.
  if ([...exact].length < MIN_FUZZY_LENGTH) return { status: 'orphaned' };
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length * TOLERANCE));
  const regions: { from: number; to: number }[] = [];
  if (page) regions.push({ from: Math.max(0, page.from - exact.length), to: Math.min(text.length, page.to + exact.length) });
  if (hint !== null) regions.push({ from: Math.max(0, hint - NEAR), to: Math.min(text.length, hint + exact.length + NEAR) });
  regions.push({ from: 0, to: text.length });
  for (const region of regions) {
    const matches = approxSearch(text.slice(region.from, region.to), exact, maxErrors).map((c) => ({ ...c, start: c.start + region.from, end: c.end + region.from }));
    if (matches.length) return found(best(matches), 'fuzzy');
  }
  return { status: 'orphaned' };
}
