import { isObject, Json, JsonObject } from './json';

/**
 * Value repair for what real OParl systems send: placeholders such as "N/A" or " ",
 * no-break spaces, stray control characters, mojibake, file extensions as MIME types,
 * date-times where dates belong and GeoJSON coordinates in the wrong order.
 */

const PLACEHOLDERS = new Set(['', 'n/a', 'n.a.', 'n. a.', '-', '--', 'null', 'undefined', 'keine angabe']);
const ODD_SPACES = /[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Half of a UTF-16 surrogate pair (JSON can carry one as an escape); PostgreSQL refuses it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MOJIBAKE = /[\u00c2\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;
/** Characters Windows-1252 puts at 0x80–0x9F. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Repairs UTF-8 that was decoded as Windows-1252 somewhere on the way ("HÃ¼rtgenwald"). */
export function repairMojibake(value: string): string {
  if (!MOJIBAKE.test(value)) return value;
  const bytes: number[] = [];
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    const high = CP1252_HIGH.indexOf(ch);
    if (high >= 0) bytes.push(0x80 + high);
    else if (code <= 0xff) bytes.push(code);
    else return value;
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return value;
  }
}

/** A trimmed, cleaned string, or null for missing values and placeholders. */
export function text(value: Json | undefined): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const cleaned = repairMojibake(value).replace(ODD_SPACES, ' ').replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd').replace(/\r\n?/g, '\n').trim();
  return PLACEHOLDERS.has(cleaned.toLowerCase()) ? null : cleaned;
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

/**
 * A file's text as its source delivered it (OParl File.text), changed only where it must be:
 * line ends become \n; control characters other than tab, line feed and form feed (a page
 * break) are dropped, and broken UTF-16 becomes U+FFFD (PostgreSQL refuses both). Layout
 * noise stays: the search index deals with it. Null when there is no visible character.
 */
export function sourceText(value: Json | undefined): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/\r\n?/g, '\n').replace(TEXT_CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
  return /\S/.test(cleaned) ? cleaned : null;
}

export function texts(value: Json | undefined): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => text(v)).filter((v): v is string => v !== null);
}

/** An http(s) URL, or null. */
export function url(value: Json | undefined): string | null {
  const t = text(value);
  if (!t) return null;
  try {
    const parsed = new URL(t);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? t : null;
  } catch {
    return null;
  }
}

/** The URL of a reference, whether it is given as a URL or as an embedded object. */
export function ref(value: Json | undefined): string | null {
  if (isObject(value)) return url(value.id);
  return url(value);
}

export function refs(value: Json | undefined): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => ref(v)).filter((v): v is string => v !== null);
}

/** Embedded objects; a single object where an array belongs is accepted too. */
export function objects(value: Json | undefined): JsonObject[] {
  if (isObject(value)) return [value];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** A plain date (yyyy-mm-dd); a date-time is cut to its date, as written. */
export function date(value: Json | undefined): string | null {
  const t = text(value);
  const m = t ? DATE.exec(t) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A date-time as PostgreSQL reads it (without an offset it is taken as local time); a bare date is midnight. */
export function dateTime(value: Json | undefined): string | null {
  const t = text(value);
  if (!t) return null;
  if (DATE_TIME.test(t)) return date(t) ? t.replace(' ', 'T') : null;
  const d = date(t);
  return d && t.length === 10 ? `${d}T00:00:00` : null;
}

export function bool(value: Json | undefined, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  return fallback;
}

export function integer(value: Json | undefined): number | null {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
  txt: 'text/plain',
  htm: 'text/html',
  html: 'text/html',
  xml: 'application/xml',
  csv: 'text/csv',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  zip: 'application/zip',
  msg: 'application/vnd.ms-outlook',
  eml: 'message/rfc822',
};

const MIME_ALIASES: Record<string, string> = {
  'application/octetstream': 'application/octet-stream',
  'application/x-pdf': 'application/pdf',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

export function extensionOf(fileName: string | null): string | null {
  const m = fileName ? /\.([a-z0-9]{1,5})$/i.exec(fileName) : null;
  return m ? m[1].toLowerCase() : null;
}

/** A real MIME type: "pdf" becomes application/pdf; unknown values fall back to the file name. */
export function mimeType(value: Json | undefined, fileName: string | null): string {
  const t = text(value)?.toLowerCase().split(';')[0].trim() ?? null;
  if (t && MIME_ALIASES[t]) return MIME_ALIASES[t];
  if (t && MIME.test(t) && t !== 'application/octet-stream') return t;
  const byValue = t ? MIME_BY_EXTENSION[t.replace(/^\./, '')] : undefined;
  if (byValue) return byValue;
  const ext = extensionOf(fileName);
  return (ext && MIME_BY_EXTENSION[ext]) ?? 'application/octet-stream';
}

/** The file extension a MIME type usually has, for file names made up from a name. */
export function extensionFor(mime: string): string | null {
  const found = Object.entries(MIME_BY_EXTENSION).find(([, m]) => m === mime);
  return found ? found[0] : null;
}

const inGermanyLat = (n: number): boolean => n >= 46 && n <= 56;
const inGermanyLon = (n: number): boolean => n >= 4 && n <= 17;

/** Swaps a Point's coordinates when they are plainly [lat, lon] (German places). */
function fixPoint(coordinates: Json): Json {
  if (!Array.isArray(coordinates) || coordinates.length < 2) return coordinates;
  const [a, b] = coordinates;
  if (typeof a !== 'number' || typeof b !== 'number') return coordinates;
  return inGermanyLat(a) && inGermanyLon(b) && !(inGermanyLat(b) && inGermanyLon(a)) ? [b, a, ...coordinates.slice(2)] : coordinates;
}

/** A GeoJSON Feature with [lon, lat] points; a bare geometry is wrapped. */
export function geojson(value: Json | undefined): JsonObject | null {
  if (!isObject(value)) return null;
  const feature: JsonObject = value.type === 'Feature' ? { ...value } : { type: 'Feature', geometry: value, properties: {} };
  const geometry = feature.geometry;
  if (!isObject(geometry)) return null;
  feature.geometry = geometry.type === 'Point' ? { ...geometry, coordinates: fixPoint(geometry.coordinates ?? null) } : geometry;
  if (!isObject(feature.properties ?? null)) feature.properties = {};
  return feature;
}

/** Amtlicher Gemeindeschlüssel with its leading zero restored (8 digits). */
export function ags(value: Json | undefined): string | null {
  const t = text(value)?.replace(/\s/g, '') ?? null;
  if (!t || !/^\d+$/.test(t)) return null;
  return t.length === 7 ? `0${t}` : t;
}

export function rgs(value: Json | undefined): string | null {
  const t = text(value)?.replace(/\s/g, '') ?? null;
  if (!t || !/^\d+$/.test(t)) return null;
  return t.length === 11 ? `0${t}` : t;
}
