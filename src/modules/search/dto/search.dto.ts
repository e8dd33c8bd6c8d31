import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageLinksDto } from '../../../common/pagination/page.dto';
import { SEARCH_TYPES } from '../../../infra/search/engine';
import { NullableDateProperty } from '../../../common/dto/fields';

export class SearchHitDto {
  @ApiProperty({ enum: SEARCH_TYPES, enumName: 'SearchHitType', example: 'document' }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'musterstadt', description: 'Slug of the body the hit belongs to' }) body!: string;
  @ApiProperty({ example: 'Radwegekonzept Innenstadt – Beschluss des Maßnahmenprogramms' }) title!: string;
  @ApiProperty({
    example: '…das <mark>Radwegekonzept</mark> Innenstadt in der als Anlage beigefügten Fassung…',
    description: 'HTML-escaped excerpt; matches are wrapped in <mark>',
  })
  snippet!: string;
  @NullableDateProperty('2025-03-04') date!: string | null;
  @ApiProperty({ example: '/v1/bodies/musterstadt/documents/5f0c…', description: 'Path of the resource in this API' }) path!: string;
  @ApiProperty({ example: 'http://localhost:3000/v1/bodies/musterstadt/documents/5f0c…' }) url!: string;
  @ApiProperty({ description: 'false for non-public (nichtöffentliche) content, seen by members only' }) public!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, example: '0123/2025' }) reference?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Files: the page the snippet comes from', example: 3 }) page?: number | null;
}

export class FacetValueDto {
  @ApiProperty({ example: 'document' }) value!: string;
  @ApiPropertyOptional({ example: 'Ausschuss für Umwelt und Verkehr', description: 'Committees: the name' }) label?: string;
  @ApiProperty({ example: 12 }) count!: number;
}

/** Only the facets asked for (`facets`, default all) are present. */
export class SearchFacetsDto {
  @ApiPropertyOptional({ type: [FacetValueDto] }) type?: FacetValueDto[];
  @ApiPropertyOptional({ type: [FacetValueDto] }) committee?: FacetValueDto[];
  @ApiPropertyOptional({ type: [FacetValueDto] }) documentType?: FacetValueDto[];
  @ApiPropertyOptional({ type: [FacetValueDto] }) year?: FacetValueDto[];
}

export class SearchPageDto {
  @ApiProperty({ type: [SearchHitDto] }) data!: SearchHitDto[];
  @ApiProperty({
    example: 42,
    description: 'Number of hits (records, not pages of text). Exact for specific queries; for very common words it counts the best ~1,000 candidates only, as do the facets.',
  })
  total!: number;
  @ApiProperty({ type: SearchFacetsDto }) facets!: SearchFacetsDto;
  @ApiProperty({ type: PageLinksDto }) links!: PageLinksDto;
}

export class SuggestionDto {
  @ApiProperty({ example: 'Radwegekonzept Innenstadt – Beschluss des Maßnahmenprogramms' }) text!: string;
  @ApiProperty({ enum: SEARCH_TYPES, enumName: 'SearchHitType' }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'musterstadt' }) body!: string;
  @ApiProperty({ example: '/v1/bodies/musterstadt/documents/5f0c…' }) path!: string;
}

export class SuggestListDto {
  @ApiProperty({ type: [SuggestionDto] }) data!: SuggestionDto[];
}
