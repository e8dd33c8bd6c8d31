import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/page.dto';

export class ExportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time', description: 'When the export was built (ISO 8601)', example: '2026-12-06T03:00:00.000Z' })
  generatedAt!: string;

  @ApiProperty({ description: 'Bytes of the zip archive', example: 48213 })
  size!: number;

  @ApiProperty({ description: 'SHA-256 of the zip archive (hex)', example: 'a3f5…' })
  sha256!: string;

  @ApiProperty({
    description: 'Rows per file: `oparl/<type>` for the JSON Lines files, the table name for CSV and SQLite',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'oparl/meeting': 120, sessions: 120, documents: 840 },
  })
  counts!: Record<string, number>;

  @ApiProperty({ description: 'Where to download the zip archive', example: 'http://localhost:3000/v1/bodies/musterstadt/exports/0b6c…' })
  url!: string;
}

export const ExportPageDto = PageOf(ExportDto, 'ExportPageDto');
