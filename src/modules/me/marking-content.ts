import { createHash } from 'node:crypto';
import type { DataKey } from '../accounts/accounts.crypto';
import { Anchor, anchor } from './anchoring';
import { itemAad } from './items';
import type { MarkingWrite } from './markings.repository';
import type { MarkingColor } from './me.entities';
import { indexTokens, tagToken } from './search-terms';

/** What is sealed in `me_marking.content`: the selectors as given, the current anchor, note and tags. */
export interface MarkingContent {
  quote: { exact: string; prefix?: string; suffix?: string };
  position?: { start: number; end: number };
  page?: number;
  anchor: Anchor;
  note: string | null;
  tags: string[];
}

/** Identifies the text an anchor was computed on. */
export function textHash(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Anchors a marking's selectors in a file's current text. */
export function anchorIn(text: string | null, content: Pick<MarkingContent, 'quote' | 'position' | 'page'>): Anchor {
  return anchor(text, { ...content.quote, start: content.position?.start, end: content.position?.end, page: content.page });
}

/** The columns of a marking for its content: sealed, with its tokens (the quote and the note are searchable). */
export function markingColumns(key: DataKey, accountId: string, id: string, color: MarkingColor, content: MarkingContent, text: string | null): MarkingWrite {
  return {
    color,
    anchorStatus: content.anchor.status,
    anchorTextHash: textHash(text),
    content: key.sealJson(itemAad('marking', accountId, id), content),
    tagTokens: content.tags.map((t) => tagToken(key, t)),
    searchTokens: indexTokens(key, content.quote.exact, content.note, ...content.tags),
  };
}

