import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, ValidateIf, ValidateNested } from 'class-validator';
import { PatternField, TextField } from '../../../common/dto/fields';
import { WebUrlTemplatesField } from './web-url-templates.field';

export const BODY_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const URL_MESSAGE = 'http_url';

export class BodyContactInputDto {
  @TextField({ optional: true, nullable: true, max: 200, example: 'Ratsbüro der Stadt Musterstadt' })
  name?: string | null;

  @TextField({ optional: true, nullable: true, max: 254, example: 'ratsbuero@musterstadt.example' })
  @IsEmail()
  email?: string | null;
}

/** `contact`: absent leaves it, null clears it, an object sets the fields it names. */
function ContactField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: BodyContactInputDto, nullable: true }),
    ValidateIf((_, v) => v !== undefined && v !== null),
    IsObject(),
    ValidateNested(),
    Type(() => BodyContactInputDto),
  );
}

export class CreateBodyDto {
  @PatternField(BODY_SLUG, 'slug_chars', {
    max: 63,
    example: 'musterstadt',
    description: 'Permanent: part of every URL of the body',
  })
  slug!: string;

  @TextField({ max: 300, example: 'Stadt Musterstadt' })
  name!: string;

  @TextField({ optional: true, nullable: true, max: 100, example: 'Musterstadt' })
  shortName?: string | null;

  @PatternField(HTTP_URL, URL_MESSAGE, { optional: true, nullable: true, max: 2000, example: 'https://www.musterstadt.example' })
  website?: string | null;

  @PatternField(HTTP_URL, URL_MESSAGE, { optional: true, nullable: true, max: 2000, example: 'https://creativecommons.org/licenses/by/4.0/' })
  license?: string | null;

  @PatternField(/^\d{8}$/, 'municipality_key', { optional: true, nullable: true, max: 8, example: '09999999' })
  ags?: string | null;

  @PatternField(/^\d{12}$/, 'regional_key', { optional: true, nullable: true, max: 12, example: '099999999999' })
  rgs?: string | null;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Kreisfreie Stadt' })
  classification?: string | null;

  @ContactField()
  contact?: BodyContactInputDto | null;

  @WebUrlTemplatesField()
  webUrlTemplates?: Record<string, string>;
}

/** The slug cannot change: it is part of every URL, feed and subscription of the body. */
export class UpdateBodyDto {
  @TextField({ optional: true, max: 300 })
  name?: string;

  @TextField({ optional: true, nullable: true, max: 100 })
  shortName?: string | null;

  @PatternField(HTTP_URL, URL_MESSAGE, { optional: true, nullable: true, max: 2000 })
  website?: string | null;

  @PatternField(HTTP_URL, URL_MESSAGE, { optional: true, nullable: true, max: 2000 })
  license?: string | null;

  @PatternField(/^\d{8}$/, 'municipality_key', { optional: true, nullable: true, max: 8 })
  ags?: string | null;

  @PatternField(/^\d{12}$/, 'regional_key', { optional: true, nullable: true, max: 12 })
  rgs?: string | null;

  @TextField({ optional: true, nullable: true, max: 200 })
  classification?: string | null;

  @ContactField()
  contact?: BodyContactInputDto | null;

  @WebUrlTemplatesField()
  webUrlTemplates?: Record<string, string>;
}
