import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IntegerFromText } from '../../../common/dto/fields';
import { PageLinksDto } from '../../../common/pagination/page.dto';
import { ITEM_KINDS } from '../items';

export const SYNC_MAX = 1000;

export class SyncQueryDto {
  @ApiPropertyOptional({ description: 'Changes per page', minimum: 1, maximum: SYNC_MAX, default: 500 })
  @IsOptional()
  @IntegerFromText()
  @IsInt()
  @Min(1)
  @Max(SYNC_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'From `links.next` of the last sync; without it everything you hold (no deletions)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class SyncChangeDto {
  @ApiProperty({ example: '1042', description: 'Position in your sync feed (increasing)' }) position!: string;
  @ApiProperty({ enum: ITEM_KINDS, enumName: 'ItemKind' }) kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 4 }) version!: number;
  @ApiProperty({ description: 'A tombstone: the item was deleted (on any device)' }) deleted!: boolean;
  @ApiPropertyOptional({ description: 'The item now, as GET /v1/me/{kind}s/{id} answers it (absent for deletions)', type: 'object', additionalProperties: true })
  item?: Record<string, unknown>;
}

export class SyncPageDto {
  @ApiProperty({ type: [SyncChangeDto] }) data!: SyncChangeDto[];
  @ApiProperty({ type: PageLinksDto, description: '`next` is always present: store it and sync from it later; an empty page means you are up to date' }) links!: PageLinksDto;
}
