/**
 * The layout of printed documents, undone before their text is indexed: pages found where a
 * text does not mark them, page numbers, running headers and footers, and words hyphenated
 * across line breaks. The stored text stays as it came (from the PDF or the source system);
 * only what the index and the snippets see is cleaned, so that layout neither ranks nor
 * shows up in excerpts, and "Planung" is found where the PDF printed "Pla-" and "nung".
 */

const PAGE_BREAK = '\f';

/**
 * A line that is only a page number: "– 2 –", "- 3 -", "Seite 4", "Seite 4 von 9". (Not "4/9":
 * that is also how reference numbers such as 2024/0123 look.)
 */
const PAGE_NUMBER = /^(?:[-–—]\s*(\d{1,4})\s*[-–—]|(?:seite|page|blatt)\s+(\d{1,4})(?:\s*(?:von|of|\/)\s*\d{1,4})?)$/i;

function pageNumberOf(line: string): number | null {
  const match = PAGE_NUMBER.exec(line.trim());
  return match ? Number(match[1] ?? match[2]) : null;
}

/**
 * Splits a text without form feeds at its page-number lines, when they count up one by one
 * ("– 2 –", "– 3 –" … at the top of each page, or "Seite 1 von 3" … at the bottom). Texts
 * whose numbers do not form such a run stay one page.
 */
function splitAtPageNumbers(text: string): string[] {
  const lines = text.split('\n');
  const marks: { line: number; n: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = pageNumberOf(lines[i]);
    if (n === null) continue;
    const expected = marks.length ? marks[marks.length - 1].n + 1 : null;
    if (expected === null ? n === 1 || n === 2 : n === expected) marks.push({ line: i, n });
  }
  if (marks.length === 0) return [text];
  // Numbers starting at 2 head their page (the first page has none); starting at 1 they close it.
  const heads = marks[0].n === 2;
  const pages: string[] = [];
  let from = 0;
  for (const mark of marks) {
    const cut = heads ? mark.line : mark.line + 1;
    if (cut > from) pages.push(lines.slice(from, cut).join('\n'));
    from = cut;
  }
  if (from < lines.length) pages.push(lines.slice(from).join('\n'));
  return pages;
}

/** A line's shape for spotting repeats: digits count as one (page numbers, dates in footers differ). */
const shape = (line: string): string => line.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ');

/** Lines within this many of a page's top or bottom are candidates for running headers and footers. */
const EDGE_LINES = 3;

/**
 * Running headers and footers: lines near the top or bottom that recur on most pages (at
 * least three pages, and at least 60 % of them). They are kept on the first page they
 * appear on and dropped from the others.
 */
function dropRunningLines(pages: string[][]): string[][] {
  if (pages.length < 3) return pages;
  const seenOn = new Map<string, number>();
  for (const lines of pages) {
    const edges = new Set<string>();
    const filled = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim());
    for (const { l } of [...filled.slice(0, EDGE_LINES), ...filled.slice(-EDGE_LINES)]) edges.add(shape(l));
    for (const s of edges) seenOn.set(s, (seenOn.get(s) ?? 0) + 1);
  }
  const running = new Set([...seenOn].filter(([s, n]) => s && n >= 3 && n >= pages.length * 0.6).map(([s]) => s));
  if (running.size === 0) return pages;
  const kept = new Set<string>();
  return pages.map((lines) =>
    lines.filter((line) => {
      const s = shape(line);
      if (!running.has(s)) return true;
      if (kept.has(s)) return false;
      kept.add(s);
      return true;
    }),
  );
}

/** Words after a trailing hyphen that mean the hyphen was a real one ("Bus- und Bahnverkehr"). */
const KEEPS_HYPHEN = /^(und|oder|bzw|sowie|bis|als|noch|wie)\b/;

/**
 * Joins words hyphenated across a line break: "Pla-\nnung" → "Planung"; "Nord-\nSüd" keeps its
 * hyphen ("Nord-Süd"); "Bus- \nund Bahn" keeps hyphen and space. Soft hyphens are removed.
 */
export function dehyphenate(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/(\p{L})-[ \t]*\n[ \t]*(\p{L}+)/gu, (whole, before: string, after: string) => {
    if (KEEPS_HYPHEN.test(after)) return `${before}- ${after}`;
    return /^\p{Ll}/u.test(after) ? `${before}${after}` : `${before}-${after}`;
  });
}

/**
 * The pages of a file's text as the index should see them: split at form feeds (or at
 * counted page numbers when there are none), without page-number lines and running headers
 * and footers, with hyphenated words joined. Page i of the result is page i + 1 of the file.
 */
export function indexPages(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const raw = normalized.includes(PAGE_BREAK) ? normalized.split(PAGE_BREAK) : splitAtPageNumbers(normalized);
  const lines = raw.map((page) => page.split('\n').filter((line) => pageNumberOf(line) === null));
  return dropRunningLines(lines).map((page) => dehyphenate(page.join('\n')).trim());
}
