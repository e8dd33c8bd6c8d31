import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnumField, PatternField, TextField, UuidField } from '../../../common/dto/fields';
import { PageOf } from '../../../common/pagination/page.dto';
import { RESOURCE_KINDS, ResourceKind } from '../../../common/access/resources';
import { FOLLOW_KINDS, FollowKind } from '../me.entities';
import { ItemStampsDto, NestedField, PersonalListQueryDto, TargetViewDto } from './personal.dto';

export class ObjectRefDto {
  @EnumField(RESOURCE_KINDS, { enumName: 'ResourceKind' })
  type!: ResourceKind;

  @UuidField()
  id!: string;
}

export class CreateBookmarkDto {
  @UuidField({ optional: true, description: 'Your own id for the bookmark' })
  id?: string;

  @NestedField(() => ObjectRefDto, { description: 'Any object you can see' })
  target!: ObjectRefDto;
}

export class BookmarkQueryDto extends PersonalListQueryDto {
  @EnumField(RESOURCE_KINDS, { optional: true, enumName: 'ResourceKind', description: 'Only bookmarks of this kind of object' })
  target_type?: ResourceKind;

  @UuidField({ optional: true, description: 'Only the bookmark of this object (with target_type): is it bookmarked?' })
  target_id?: string;
}

export class BookmarkDto extends ItemStampsDto {
  @ApiProperty({ type: TargetViewDto }) target!: TargetViewDto;
}

export const BookmarkPageDto = PageOf(BookmarkDto, 'BookmarkPage');

export const FOLLOW_TARGETS = ['committee', 'document', 'session'] as const;

export class FollowTargetDto {
  @EnumField(FOLLOW_TARGETS, { enumName: 'FollowTargetType' })
  type!: (typeof FOLLOW_TARGETS)[number];

  @UuidField()
  id!: string;
}

export class CreateFollowDto {
  @UuidField({ optional: true, description: 'Your own id for the follow' })
  id?: string;

  @NestedField(() => FollowTargetDto, { optional: true, description: 'A committee, document or session (or give keyword and body)' })
  target?: FollowTargetDto;

  @TextField({ optional: true, min: 2, max: 100, description: 'A word or phrase matched in the titles of sessions, agenda items, documents and files (stored encrypted)', example: 'Radweg' })
  keyword?: string;

  @PatternField(/^[a-z0-9][a-z0-9-]{0,62}$/, 'body_slug', { optional: true, description: 'The body a keyword is followed in', example: 'musterstadt', max: 63 })
  body?: string;
}

export class FollowQueryDto extends PersonalListQueryDto {
  @EnumField(FOLLOW_KINDS, { optional: true, enumName: 'FollowKind' })
  kind?: FollowKind;
}

export class FollowDto extends ItemStampsDto {
  @ApiProperty({ enum: FOLLOW_KINDS, enumName: 'FollowKind' }) kind!: FollowKind;
  @ApiPropertyOptional({ type: TargetViewDto, description: 'Followed objects' }) target?: TargetViewDto;
  @ApiPropertyOptional({ example: 'Radweg', description: 'Followed keywords' }) keyword?: string;
  @ApiPropertyOptional({ example: 'musterstadt', description: 'The body of a followed keyword' }) body?: string;
}

export const FollowPageDto = PageOf(FollowDto, 'FollowPage');
