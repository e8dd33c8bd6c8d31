/** The languages problem details are written in; the first is the default. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'de';

/** Longer headers are not read at all: no browser sends one, and parsing it would only cost time. */
const MAX_HEADER_LENGTH = 1024;
/** Language ranges read from one header; later ones are ignored. */
const MAX_RANGES = 32;
const RANGE = /^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
const WEIGHT = /^[qQ]=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The language to answer in by `Accept-Language` (RFC 9110 §12.5.4): the supported language of
 * the highest q-value (`de-DE` and `en-GB` count as `de` and `en`; on a tie the earlier one).
 * German when the header is absent, names only `*` or unsupported languages, or is malformed
 * or oversized; never an error.
 */
export function languageOf(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || value.length > MAX_HEADER_LENGTH) return DEFAULT_LANGUAGE;
  let best: { language: Language; q: number } | null = null;
  for (const part of value.split(',').slice(0, MAX_RANGES)) {
    const [range, ...parameters] = part.split(';').map((s) => s.trim());
    if (!RANGE.test(range)) continue;
    let q = 1;
    for (const parameter of parameters) {
      // A malformed weight (`q=2`, `q=abc`) makes the range count as not acceptable.
      if (/^q=/i.test(parameter)) q = Number(WEIGHT.exec(parameter)?.[1] ?? 0);
    }
    const primary = range.split('-')[0].toLowerCase();
    const language = primary === '*' ? DEFAULT_LANGUAGE : LANGUAGES.find((l) => l === primary);
    if (language && q > 0 && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
