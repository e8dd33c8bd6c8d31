import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { DateTimeProperty, EnumField, IsText, PatternField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

/** Longest note (Markdown), in characters. */
export const TEXT_MAX = 20_000;
export const TAGS_MAX = 20;
export const TAG_MAX = 50;

/** Tags of a note or marking: at most 20, each 1–50 characters; compared case-insensitively. */
export function TagsField(options: { optional?: boolean } = {}): PropertyDecorator {
  const api = options.optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    api({ type: [String], maxItems: TAGS_MAX, description: `At most ${TAGS_MAX} tags of 1–${TAG_MAX} characters (stored encrypted; compared case-insensitively)`, example: ['Haushalt', 'Rückfrage'] }),
    ...(options.optional ? [ValidateIf((_: unknown, v: unknown) => v !== undefined)] : []),
    IsArray(),
    ArrayMaxSize(TAGS_MAX),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(TAG_MAX, { each: true }),
    IsText('line', { each: true }),
  );
}

/** A nested object field validated by its class. */
export function NestedField(type: () => new () => object, options: { optional?: boolean; nullable?: boolean; description?: string } = {}): PropertyDecorator {
  const api = options.optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    api({ type: type(), description: options.description, nullable: options.nullable || undefined }),
    ...(options.optional || options.nullable ? [ValidateIf((_: unknown, v: unknown) => v !== undefined && !(options.nullable && v === null))] : []),
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}

export const FORMATS = ['json', 'jsonld'] as const;
export type Format = (typeof FORMATS)[number];

/** Query parameters of the lists of one's own items. */
export class PersonalListQueryDto extends ListQueryDto {
  @PatternField(/^[a-z0-9][a-z0-9-]{0,62}$/, 'body_slug', { optional: true, description: 'Only items about objects of this body', example: 'musterstadt', max: 63 })
  body?: string;
}

/** `format=jsonld` answers W3C Web Annotations instead of this API's JSON. */
export class FormatQueryDto {
  @EnumField(FORMATS, {
    optional: true,
    enumName: 'AnnotationFormat',
    description: '`json` (default) or `jsonld`: W3C Web Annotation Data Model (application/ld+json; profile="http://www.w3.org/ns/anno.jsonld")',
  })
  format?: Format;
}

/** What an item points at, as the account sees it now. */
export class TargetViewDto {
  @ApiProperty({ example: 'document' }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ example: 3, description: 'Page of a file (1-based)' }) page?: number;
  @ApiProperty({ description: 'false when the object is deleted or no longer visible to you: then nothing but its id is shown' }) available!: boolean;
  @ApiPropertyOptional({ example: 'musterstadt' }) body?: string;
  @ApiPropertyOptional({ example: '0123/2026 Radwegekonzept Innenstadt' }) title?: string;
  @ApiPropertyOptional({ example: 'http://localhost:3000/v1/bodies/musterstadt/documents/3f0e…' }) url?: string;
}

/** Every personal item carries these. */
export class ItemStampsDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client or by the server' }) id!: string;
  @ApiProperty({ example: 3, description: 'Counts changes; the ETag is `"<version>"`; send it as If-Match to change or delete' }) version!: number;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) createdAt!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) modifiedAt!: string;
}
