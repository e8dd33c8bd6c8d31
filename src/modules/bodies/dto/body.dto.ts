import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/page.dto';
import { DateTimeProperty } from '../../../common/dto/fields';

export class BodyContactDto {
  @ApiProperty({ nullable: true, type: String, example: 'Ratsbüro der Stadt Musterstadt' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'ratsbuero@musterstadt.example' }) email!: string | null;
}

export class LegislativeTermRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Wahlperiode 2025–2030' }) name!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2025-11-01' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2030-10-31' }) endDate!: string | null;
}

/** A city, district or county: the tenant every other resource belongs to. */
export class BodyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'musterstadt', description: 'Used in every URL of the body' }) slug!: string;
  @ApiProperty({ example: 'Stadt Musterstadt' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Musterstadt' }) shortName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://www.musterstadt.example' }) website!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://creativecommons.org/licenses/by/4.0/', description: 'Licence of the open data' }) license!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '09999999', description: 'Amtlicher Gemeindeschlüssel (8 digits)' }) ags!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '099999999999', description: 'Regionalschlüssel (12 digits)' }) rgs!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Kreisfreie Stadt' }) classification!: string | null;
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
