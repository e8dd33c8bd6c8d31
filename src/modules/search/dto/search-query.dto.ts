import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DateField, EnumField, IntField, PatternField, TextField, UuidField } from '../../../common/dto/fields';
import { SEARCH_TYPES } from '../../../infra/search/engine';
import { MAX_QUERY_INPUT, MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from '../../../infra/search/query';

export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export const MAX_SEARCH_LIMIT = 50;

const TYPE_LIST = new RegExp(`^(${SEARCH_TYPES.join('|')})(,(${SEARCH_TYPES.join('|')}))*$`);
/** Facet names as the API spells them. */
export const SEARCH_FACETS = ['type', 'committee', 'document_type', 'year'] as const;
const FACET_LIST = new RegExp(`^(none|(${SEARCH_FACETS.join('|')})(,(${SEARCH_FACETS.join('|')}))*)$`);
const SLUG_LIST = /^[a-z0-9][a-z0-9-]{0,62}(,[a-z0-9][a-z0-9-]{0,62}){0,19}$/;

export class SearchQueryDto {
  @TextField({
    min: 0,
    max: MAX_QUERY_INPUT,
    description:
      'What was typed: words, "quoted phrases" and reference numbers (e.g. 0123/2025). Any text is accepted: unbalanced quotes and ' +
      `stray punctuation or operators are ignored, only the first ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_WORDS} words are searched, ` +
      'and text without a word or number finds nothing.',
    example: 'Radwegekonzept',
  })
  q!: string;

  @PatternField(TYPE_LIST, 'list_of', {
    params: { values: SEARCH_TYPES.join(', ') },
    optional: true,
    description: `Only hits of these types (comma-separated): ${SEARCH_TYPES.join(', ')}`,
    example: 'document,file',
  })
  type?: string;

  @UuidField({ optional: true, description: 'Only hits about this committee (documents it consults or authored, its sessions …)' })
  committee?: string;

  @TextField({ optional: true, max: 200, description: 'Only documents (and their files) of this document type', example: 'Beschlussvorlage' })
  document_type?: string;

  @DateField({ optional: true, description: 'Hits dated on or after this day', example: '2025-01-01' })
  date_from?: string;

  @DateField({ optional: true, description: 'Hits dated on or before this day', example: '2025-12-31' })
  date_to?: string;

  @EnumField(SEARCH_SORTS, { optional: true, enumName: 'SearchSort', description: 'relevance (default) or newest first' })
  sort?: (typeof SEARCH_SORTS)[number];

  @IntField({ optional: true, text: true, min: 1, max: MAX_SEARCH_LIMIT, description: 'Hits per page (default 20)', example: 20 })
  limit?: number;

  @PatternField(FACET_LIST, 'none_or_list_of', {
    params: { values: SEARCH_FACETS.join(', ') },
    optional: true,
    description:
      `Facets to count (comma-separated: ${SEARCH_FACETS.join(', ')}), or \`none\`. Default: all. ` +
      'Counting costs the engine work: ask for the facets you show, e.g. on the first page only.',
    example: 'type,year',
  })
  facets?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from `links.next` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class MultiSearchQueryDto extends SearchQueryDto {
  @PatternField(SLUG_LIST, 'body_slug_list', { description: 'Slugs of the bodies to search', example: 'musterstadt,andersdorf', max: 1300 })
  bodies!: string;
}

export class SuggestQueryDto {
  @TextField({ min: 0, max: MAX_QUERY_INPUT, description: 'What was typed so far (the first 100 characters are read; text without a letter or digit suggests nothing)', example: 'Radw' })
  q!: string;

  @IntField({ optional: true, text: true, min: 1, max: 20, description: 'Suggestions (default 8)', example: 8 })
  limit?: number;
}

export class MultiSuggestQueryDto extends SuggestQueryDto {
  @PatternField(SLUG_LIST, 'body_slug_list', { description: 'Slugs of the bodies to search', example: 'musterstadt', max: 1300 })
  bodies!: string;
}
