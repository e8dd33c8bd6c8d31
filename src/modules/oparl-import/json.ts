/**
 * Tolerant decoding of OParl responses. Real systems send a BOM, Latin-1 instead of UTF-8,
 * or raw control characters inside JSON strings (invalid JSON); all of that is repaired here.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/** Decodes bytes as UTF-8, falling back to Windows-1252 when they are not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = latin1.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Escapes raw control characters inside JSON strings; leaves everything else as it is. */
export function escapeControlCharacters(text: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (inString && code < 0x20) {
      out += code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : code === 0x09 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`;
      escaped = false;
      continue;
    }
    out += ch;
    if (escaped) escaped = false;
    else if (ch === '\\' && inString) escaped = true;
    else if (ch === '"') inString = !inString;
  }
  return out;
}

/** Parses a response body; repairs control characters when plain parsing fails. */
export function parseJson(bytes: Uint8Array): Json {
  const text = decodeText(bytes);
  try {
    return JSON.parse(text) as Json;
  } catch {
    return JSON.parse(escapeControlCharacters(text)) as Json;
  }
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
