import { BoolQueryField, UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class MembershipQueryDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Only memberships of this person' })
  person?: string;

  @UuidField({ optional: true, description: 'Only memberships in this committee' })
  committee?: string;

  @BoolQueryField({ description: 'true: only current memberships (no end date, or one today or later); false: only ended ones' })
  current?: boolean;
}
