import { ApiPropertyOptional } from '@nestjs/swagger';
import { IntegerFromText } from '../dto/fields';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Query parameters every list accepts. */
export class ListQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Page size', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @IntegerFromText()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from `links.next` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Only rows created or changed at or after this instant (ISO 8601 with offset), for incremental sync',
    example: '2025-01-01T00:00:00+01:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  modified_since?: string;
}
