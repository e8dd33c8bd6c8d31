import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DateTimeProperty, NullableDateProperty, NullableTextProperty } from './fields';

/** Small embedded views of related records, shared by the detail responses. */
export class CommitteeRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ausschuss für Umwelt und Verkehr' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'UVA' }) shortName!: string | null;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr. Erika Mustermann' }) name!: string;
}

export class DocumentRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Radwegekonzept Innenstadt' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: '0123/2025' }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Beschlussvorlage' }) type!: string | null;
  @ApiProperty({ example: true }) public!: boolean;
}

export class FileRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Vorlage 0123/2025' }) name!: string;
  @ApiProperty({ example: 'vorlage-0123-2025.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) mimeType!: string;
  @ApiProperty({ example: 48213 }) size!: number;
  @ApiProperty({ example: 'main', enum: ['main', 'auxiliary', 'resolution', 'invitation', 'results_protocol', 'verbatim_protocol'] }) role!: string;
  @ApiProperty({ description: 'Inline view of the bytes', example: 'http://localhost:3000/v1/bodies/musterstadt/files/8d0c…/content' }) accessUrl!: string;
  @ApiProperty({ description: 'Download as attachment', example: 'http://localhost:3000/v1/bodies/musterstadt/files/8d0c…/content?download=1' }) downloadUrl!: string;
}

export class LocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Rathaus, Ratssaal' }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Marktplatz 1' }) streetAddress!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Raum 101' }) room!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '12345' }) postalCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) subLocality!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Musterstadt' }) locality!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'GeoJSON Feature, coordinates [lon, lat]' })
  geojson!: Record<string, unknown> | null;
}

/** Stamps every resource carries. */
export class StampsDto {
  @ApiProperty({ description: 'False for drafts, which only editors see', example: true }) published!: boolean;
  @DateTimeProperty({ example: '2025-02-01T09:30:00+01:00' }) created!: string;
  @DateTimeProperty({ example: '2025-02-03T14:05:10+01:00' }) modified!: string;
}

export class LegislativeTermRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Wahlperiode 2025–2030' }) name!: string;
  @NullableDateProperty('2025-11-01') startDate!: string | null;
  @NullableDateProperty('2030-10-31') endDate!: string | null;
}

/** The terms of a seat, in every view of a membership (`membershipTerms` in src/common/sql/refs.sql.ts). */
export class MembershipTermsDto {
  @NullableTextProperty('Vorsitzende') role!: string | null;
  @ApiProperty({ example: true }) votingRight!: boolean;
  @ApiProperty({ type: CommitteeRefDto, nullable: true, description: 'The faction the seat is held for' }) onBehalfOf!: CommitteeRefDto | null;
  @NullableDateProperty('2025-11-01') startDate!: string | null;
  @NullableDateProperty(null) endDate!: string | null;
}
