import { ApiProperty } from '@nestjs/swagger';
import { LegislativeTermRefDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { DateTimeProperty, NullableTextProperty } from '../../../common/dto/fields';

export class BodyContactDto {
  @NullableTextProperty('Ratsbüro der Stadt Musterstadt') name!: string | null;
  @NullableTextProperty('ratsbuero@musterstadt.example') email!: string | null;
}

/** A city, district or county: the tenant every other resource belongs to. */
export class BodyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'musterstadt', description: 'Used in every URL of the body' }) slug!: string;
  @ApiProperty({ example: 'Stadt Musterstadt' }) name!: string;
  @NullableTextProperty('Musterstadt') shortName!: string | null;
  @NullableTextProperty('https://www.musterstadt.example') website!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://creativecommons.org/licenses/by/4.0/', description: 'Licence of the open data' }) license!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '09999999', description: 'Amtlicher Gemeindeschlüssel (8 digits)' }) ags!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '099999999999', description: 'Regionalschlüssel (12 digits)' }) rgs!: string | null;
  @NullableTextProperty('Kreisfreie Stadt') classification!: string | null;
  @ApiProperty({ type: BodyContactDto }) contact!: BodyContactDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "URL templates of pages on the city's own website; `{id}` stands for the resource id",
    example: { session: 'https://www.musterstadt.example/rat/sitzung/{id}' },
  })
  webUrlTemplates!: Record<string, string>;
  @DateTimeProperty({ example: '2025-01-15T10:00:00+01:00' }) created!: string;
  @DateTimeProperty({ example: '2025-02-03T14:05:10+01:00' }) modified!: string;
}

export class BodyDetailDto extends BodyDto {
  @ApiProperty({ type: [LegislativeTermRefDto], description: 'Legislative terms the caller may see, by start date' })
  legislativeTerms!: LegislativeTermRefDto[];
}

export const BodyPageDto = PageOf(BodyDto, 'BodyPage');
