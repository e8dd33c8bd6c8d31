import type { BookmarkDto, FollowDto } from './dto/bookmark.dto';
import type { MarkingDto } from './dto/marking.dto';
import type { NoteDto } from './dto/note.dto';
import type { TargetViewDto } from './dto/personal.dto';
import type { MarkingColor } from './me.entities';

/**
 * The W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) view of one's
 * items, for tools that speak it (Hypothesis among them): notes are `commenting`, markings
 * `highlighting` with a TextQuoteSelector, a TextPositionSelector and the page as an RFC 3778
 * fragment, bookmarks `bookmarking`; follows are bookmarks tagged `follow`. An object the
 * account can no longer see is named by its id only (`urn:uuid:…`).
 */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNOTATION_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8';
const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778';

/** Highlight colours as CSS, for the annotation's stylesheet. */
export const COLOR_CSS: Record<MarkingColor, string> = {
  yellow: '#fff59d',
  green: '#c5e1a5',
  blue: '#90caf9',
  pink: '#f8bbd0',
  orange: '#ffcc80',
  purple: '#ce93d8',
};

type Json = Record<string, unknown>;

const source = (t: TargetViewDto, content = false): string => (t.url ? (content ? `${t.url}/content` : t.url) : `urn:uuid:${t.id}`);

const stamps = (publicUrl: string, path: string, item: { id: string; createdAt: string; modifiedAt: string }): Json => ({
  '@context': ANNOTATION_CONTEXT,
  id: `${publicUrl}/v1/me/${path}/${item.id}`,
  type: 'Annotation',
  created: item.createdAt,
  modified: item.modifiedAt,
});

const tagBodies = (tags: string[]): Json[] => tags.map((value) => ({ type: 'TextualBody', value, purpose: 'tagging' }));

const pageSelector = (page: number): Json => ({ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT, value: `page=${page}` });

export function noteAnnotation(publicUrl: string, note: NoteDto): Json {
  return {
    ...stamps(publicUrl, 'notes', note),
    motivation: 'commenting',
    body: [{ type: 'TextualBody', value: note.text, format: 'text/markdown', purpose: 'commenting' }, ...tagBodies(note.tags)],
    target: note.target.page ? { source: source(note.target, note.target.type === 'file'), selector: pageSelector(note.target.page) } : source(note.target),
  };
}

export function markingAnnotation(publicUrl: string, marking: MarkingDto): Json {
  const selectors: Json[] = [{ type: 'TextQuoteSelector', exact: marking.quote.exact, ...(marking.quote.prefix ? { prefix: marking.quote.prefix } : {}), ...(marking.quote.suffix ? { suffix: marking.quote.suffix } : {}) }];
  const { anchor } = marking;
  const position = anchor.start !== undefined && anchor.end !== undefined ? { start: anchor.start, end: anchor.end } : marking.position;
  if (position) selectors.push({ type: 'TextPositionSelector', start: position.start, end: position.end });
  const page = anchor.page ?? marking.page;
  if (page) selectors.push(pageSelector(page));
  return {
    ...stamps(publicUrl, 'markings', marking),
    motivation: 'highlighting',
    ...(marking.note !== null || marking.tags.length
      ? { body: [...(marking.note !== null ? [{ type: 'TextualBody', value: marking.note, format: 'text/markdown', purpose: 'commenting' }] : []), ...tagBodies(marking.tags)] }
      : {}),
    target: { source: source(marking.file, true), selector: selectors, styleClass: marking.color },
    stylesheet: { type: 'CssStylesheet', value: `.${marking.color} { background-color: ${COLOR_CSS[marking.color]}; }` },
  };
}

export function bookmarkAnnotation(publicUrl: string, bookmark: BookmarkDto): Json {
  return { ...stamps(publicUrl, 'bookmarks', bookmark), motivation: 'bookmarking', target: source(bookmark.target) };
}

export function followAnnotation(publicUrl: string, follow: FollowDto): Json {
  const tag = { type: 'TextualBody', value: 'follow', purpose: 'tagging' };
  if (follow.target) return { ...stamps(publicUrl, 'follows', follow), motivation: 'bookmarking', body: [tag], target: source(follow.target) };
  return {
    ...stamps(publicUrl, 'follows', follow),
    motivation: 'bookmarking',
    body: [tag, { type: 'TextualBody', value: follow.keyword, purpose: 'describing' }],
    target: `${publicUrl}/v1/bodies/${follow.body ?? ''}`,
  };
}

/** A page of annotations (W3C AnnotationPage), with the list's links. */
export function annotationPage(links: { self: string; next?: string }, items: Json[]): Json {
  return { '@context': ANNOTATION_CONTEXT, id: links.self, type: 'AnnotationPage', ...(links.next ? { next: links.next } : {}), items: items.map(withoutContext) };
}

/** The items of a page or collection share its context. */
export function withoutContext(annotation: Json): Json {
  const { '@context': _context, ...rest } = annotation;
  return rest;
}
