import { BoolQueryField, EnumField, PatternField, UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export const MIME_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

export class FileQueryDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Only files of this document' })
  document?: string;

  @UuidField({ optional: true, description: 'Only files of this agenda item' })
  agenda_item?: string;

  @UuidField({ optional: true, description: 'Only files of this session' })
  session?: string;

  @PatternField(MIME_TYPE, 'mime_type', { optional: true, max: 100, example: 'application/pdf' })
  mime_type?: string;
}

export class FileDetailQueryDto {
  @EnumField(['text'], { optional: true, description: '`text` adds the extracted text, which can be large' })
  include?: 'text';
}

export class FileContentQueryDto {
  @BoolQueryField({ description: 'true: send as an attachment (download) instead of inline' })
  download?: boolean;
}
