import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/page.dto';
import { RESOURCE_KINDS } from '../../../common/access/resources';
import { DateTimeProperty } from '../../../common/dto/fields';

export class ChangeDto {
  @ApiProperty({ description: 'Position in the feed (increasing)', example: '18342' }) id!: string;
  @ApiProperty({ enum: RESOURCE_KINDS, example: 'session' }) resource!: string;
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty({
    enum: ['created', 'updated', 'deleted'],
    description: 'As the caller sees it: a record that became visible to you is "created", one that you can no longer see is "deleted"',
  })
  action!: string;
  @DateTimeProperty() occurred!: string;
  @ApiProperty({ description: 'Where to fetch the record (absent for deletions)', example: 'http://localhost:3000/v1/bodies/musterstadt/sessions/3f0e…', required: false })
  url?: string;
}

export const ChangePageDto = PageOf(ChangeDto, 'ChangePage');
