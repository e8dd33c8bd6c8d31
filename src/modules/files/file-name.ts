import { extname } from 'node:path';

/**
 * Characters that show nothing themselves but change what a reader sees: controls (Unicode
 * category Cc), format characters (Cf: the bidi controls U+202A–U+202E and U+2066–U+2069
 * that make "Vorlage‮fdp.exe" read as "Vorlageexe.pdf", the marks U+200E/U+200F, zero-width
 * characters, soft hyphens), and the line and paragraph separators U+2028/U+2029.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** The text without invisible characters (see INVISIBLE); umlauts, spaces and all else stay. */
export function withoutInvisibles(value: string): string {
  return value.replace(INVISIBLE, '');
}

/**
 * A file name safe to store and to put in Content-Disposition: its last path segment, NFC,
 * without invisible characters, at most 255 characters (keeping the extension). Empty when
 * nothing of it is left.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = withoutInvisibles(last.normalize('NFC')).trim();
  const name = cleaned === '.' || cleaned === '..' ? '' : cleaned;
  if (name.length <= 255) return name;
  const ext = extname(name).slice(0, 16);
  return name.slice(0, 255 - ext.length) + ext;
}

/**
 * The name of an uploaded file, cleaned (see cleanFileName), or `fallback`. Browsers send `"`,
 * CR and LF in multipart file names as `%22`, `%0D`, `%0A` (WHATWG HTML); those are undone first.
 */
export function safeFileName(raw: string | undefined, fallback: string): string {
  const unescaped = (raw ?? '').replace(/%22/gi, '"').replace(/%0[ad]/gi, '');
  return cleanFileName(unescaped) || fallback;
}
