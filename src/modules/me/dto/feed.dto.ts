import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DateTimeProperty, IntegerFromText, PatternField } from '../../../common/dto/fields';
import { PageLinksDto } from '../../../common/pagination/page.dto';

export class FeedQueryDto {
  @ApiPropertyOptional({ description: 'Items per page', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @IntegerFromText()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'From `links.next`; without it the feed starts after your read marker' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class FeedReasonDto {
  @ApiProperty({ format: 'uuid', description: 'The follow that matched' }) follow!: string;
  @ApiProperty({ enum: ['committee', 'document', 'session', 'keyword'] }) kind!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The followed object' }) id?: string;
  @ApiPropertyOptional({ example: 'Radweg' }) keyword?: string;
}

export class FeedItemDto {
  @ApiProperty({ example: '18342', description: 'Position in the change feed; mark read up to it with PUT /v1/me/feed/read-marker' }) position!: string;
  @DateTimeProperty({ example: '2026-03-04T18:00:00+01:00' }) occurred!: string;
  @ApiProperty({ enum: ['created', 'updated', 'deleted'], description: 'As you see it: a record that you can no longer see is "deleted"' }) action!: string;
  @ApiProperty({ example: 'agenda-item' }) resource!: string;
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiPropertyOptional({ example: 'musterstadt' }) body?: string;
  @ApiPropertyOptional({ example: 'Ö 3 Radwegekonzept Innenstadt' }) title?: string;
  @ApiPropertyOptional({ description: 'Where to fetch the record (absent when you can no longer see it)' }) url?: string;
  @ApiProperty({ type: [FeedReasonDto], description: 'Which of your follows it concerns' }) because!: FeedReasonDto[];
}

export class FeedPageDto {
  @ApiProperty({ type: [FeedItemDto] }) data!: FeedItemDto[];
  @ApiProperty({ type: PageLinksDto, description: '`next` is always present: poll it' }) links!: PageLinksDto;
  @ApiProperty({ example: '18000', description: 'Your read marker (shared by your devices)' }) readMarker!: string;
}

export class ReadMarkerDto {
  @PatternField(/^\d{1,18}$/, 'feed_position', { description: 'The position of the last item you have shown', example: '18342', max: 18 })
  position!: string;
}

export class ReadMarkerViewDto {
  @ApiProperty({ example: '18342' }) readMarker!: string;
}
