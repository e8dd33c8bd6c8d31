// XML of office files: a tokenizer is all that text extraction needs. It expands no entities
// but the five predefined ones and character references, so entity bombs and external
// entities are moot.

export interface Tag {
  /** Local name, without the namespace prefix. */
  name: string;
  attrs: string;
  /** An end tag. */
  end: boolean;
  /** An empty-element tag (`<x/>`): a start and an end at once. */
  empty: boolean;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Calls `tag` for every start, end and empty-element tag, `text` for character data, until
 * `tag` returns true. A plain scan (no backtracking), so malformed XML costs linear time too.
 */
export function walk(xml: string, tag: (tag: Tag) => boolean | void, text: (text: string) => void = () => undefined): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt !== i) text(decode(xml.slice(i, lt === -1 ? n : lt)));
    if (lt === -1) return;
    let close: string;
    if (xml.startsWith('<!--', lt)) close = '-->';
    else if (xml.startsWith('<![CDATA[', lt)) close = ']]>';
    else close = '>';
    const gt = xml.indexOf(close, lt + 1);
    const stop = gt === -1 ? n : gt;
    i = gt === -1 ? n : gt + close.length;
    if (close === ']]>') {
      text(xml.slice(lt + 9, stop));
      continue;
    }
    const body = xml.slice(lt + 1, stop);
    const name = /^\/?([\w.:-]+)/.exec(body);
    if (close !== '>' || !name) continue;
    const end = body[0] === '/';
    const empty = !end && body.endsWith('/');
    const attrs = body.slice(name[0].length, empty ? -1 : undefined);
    if (tag({ name: name[1].slice(name[1].lastIndexOf(':') + 1), attrs, end, empty })) return;
  }
}

const attrPatterns = new Map<string, RegExp>();

/** An attribute by local name (any prefix), or by `prefix:name` when one is given. */
export function attr(attrs: string, name: string): string | null {
  let pattern = attrPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name.includes(':') ? '' : '(?:[\\w.-]+:)?'}${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, pattern);
  }
  const m = pattern.exec(attrs);
  return m ? decode(m[1] ?? m[2]) : null;
}

/** The relationship id of an element (`r:id`, whatever the prefix). */
export const relId = (attrs: string): string | null => /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs)?.slice(1).find((v) => v !== undefined) ?? null;

/** The local name of the root element. */
export function rootName(xml: string): string | undefined {
  let root: string | undefined;
  walk(xml, (t) => {
    root = t.name;
    return true;
  });
  return root;
}
