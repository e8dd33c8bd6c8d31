import type { FieldError } from './problem';
import type { Params } from './problem-texts';

/**
 * What text the API accepts. Control characters (Unicode category Cc: U+0000–U+001F,
 * U+007F–U+009F) are refused everywhere, with one exception: multi-line text (descriptions,
 * notes, resolution texts, quotes from a file's text) may hold tab, line feed, carriage
 * return and form feed (which separates the pages of a file's text). Text must also be
 * well-formed UTF-16: a lone surrogate (`"\ud800"` in JSON) has no UTF-8 form, and
 * PostgreSQL refuses it in JSON.
 */
export type TextKind = 'line' | 'multiline';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON Schema pattern of each kind of text, for the OpenAPI spec. */
export const TEXT_PATTERNS: Record<TextKind, string> = {
  line: '^[^\\u0000-\\u001f\\u007f-\\u009f]*$',
  multiline: '^[^\\u0000-\\u0008\\u000b\\u000e-\\u001f\\u007f-\\u009f]*$',
};

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is not acceptable text of this kind (e.g. control characters, with the first found), or null. */
export function textProblem(text: string, kind: TextKind): TextProblem | null {
  const control = (kind === 'line' ? CONTROL : CONTROL_BUT_LINES).exec(text);
  if (control) return { text: kind === 'line' ? 'control_characters' : 'control_characters_multiline', params: { char: codePoint(control[0]) } };
  return LONE_SURROGATE.test(text) ? { text: 'lone_surrogate' } : null;
}

export interface TextProblem {
  text: 'control_characters' | 'control_characters_multiline' | 'lone_surrogate';
  params?: Params;
}

/** The same problem in a field name. */
const NAME_PROBLEMS = { control_characters: 'name_control_characters', control_characters_multiline: 'name_control_characters', lone_surrogate: 'name_lone_surrogate' } as const;

/** Field names that would reach an object's prototype in code that copies fields naively. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first string in a parsed request part (query, path parameters, JSON body) that is not
 * acceptable text, named by its path (`contact.name`, `tags.2`). String values are checked as
 * `kind`, object keys as single-line text and never `__proto__`, `constructor` or `prototype`
 * (a bad key is reported at its parent, named `root` at the top, and never echoed). Walks at
 * most `maxDepth` levels: the JSON parser refuses deeper bodies.
 */
export function findBadText(value: unknown, kind: TextKind, root: string, field = '', maxDepth = 64): FieldError | null {
  const name = field || root;
  if (typeof value === 'string') {
    const problem = textProblem(value, kind);
    return problem ? { field: name, ...problem } : null;
  }
  if (typeof value !== 'object' || value === null || maxDepth <= 0) return null;
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (!isArray && PROTOTYPE_KEYS.has(key)) return { field: name, text: 'name_not_allowed', params: { name: key } };
    const keyProblem = isArray ? null : textProblem(key, 'line');
    if (keyProblem) return { field: name, text: NAME_PROBLEMS[keyProblem.text], params: keyProblem.params };
    const found = findBadText(item, kind, root, field ? `${field}.${key}` : key, maxDepth - 1);
    if (found) return found;
  }
  return null;
}
