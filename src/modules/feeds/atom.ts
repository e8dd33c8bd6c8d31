/**
 * A small Atom (RFC 4287) writer. Text is escaped for XML and stripped of the characters
 * XML 1.0 cannot carry (control characters, lone surrogates), so that any text from a
 * council's data makes a well-formed feed.
 */
export interface AtomEntry {
  /** A permanent IRI: the same entry keeps it forever (e.g. `urn:uuid:…`). */
  id: string;
  title: string;
  /** RFC 3339, UTC (`…Z`): the last change a reader of the feed could see. */
  updated: string;
  published?: string | null;
  /** The page about the entry (the city's website, or this API). */
  link: string;
  summary?: string | null;
  /** Plain text, rendered as an escaped `text` content. */
  content?: string | null;
  categories?: { term: string; label?: string }[];
}

export interface AtomFeed {
  /** A permanent IRI of the feed: its canonical URL. */
  id: string;
  title: string;
  subtitle?: string;
  /** Where the feed itself is fetched. */
  self: string;
  /** A web page with the same content, if there is one. */
  alternate?: string | null;
  /** Who publishes it: the body (the city). */
  author: string;
  entries: AtomEntry[];
}

/** The `updated` of a feed without entries: a fixed instant, so the feed stays byte-identical. */
const EPOCH = '1970-01-01T00:00:00Z';

// Everything XML 1.0 does not allow in text: C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const element = (name: string, text: string, attrs = ''): string => `<${name}${attrs}>${xmlText(text)}</${name}>`;

function entryXml(entry: AtomEntry): string {
  const lines = [
    '  <entry>',
    `    ${element('id', entry.id)}`,
    `    ${element('title', entry.title, ' type="text"')}`,
    `    ${element('updated', entry.updated)}`,
  ];
  if (entry.published) lines.push(`    ${element('published', entry.published)}`);
  lines.push(`    <link rel="alternate" href="${xmlText(entry.link)}"/>`);
  for (const category of entry.categories ?? []) {
    lines.push(`    <category term="${xmlText(category.term)}"${category.label ? ` label="${xmlText(category.label)}"` : ''}/>`);
  }
  if (entry.summary) lines.push(`    ${element('summary', entry.summary, ' type="text"')}`);
  if (entry.content) lines.push(`    ${element('content', entry.content, ' type="text"')}`);
  lines.push('  </entry>');
  return lines.join('\n');
}

/** The feed as XML; `updated` is the latest entry's (so an unchanged feed is byte-identical). */
export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), EPOCH);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">',
    `  ${element('id', feed.id)}`,
    `  ${element('title', feed.title, ' type="text"')}`,
    ...(feed.subtitle ? [`  ${element('subtitle', feed.subtitle, ' type="text"')}`] : []),
    `  ${element('updated', updated)}`,
    `  <author>${element('name', feed.author)}</author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    ...(feed.alternate ? [`  <link rel="alternate" href="${xmlText(feed.alternate)}"/>`] : []),
    '  <generator>Ratsinfo backend</generator>',
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
