import { BoolQueryField, EnumField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { COMMITTEE_KINDS, CommitteeKind } from '../committee.entity';

export class CommitteeQueryDto extends ListQueryDto {
  @EnumField(COMMITTEE_KINDS, { optional: true, enumName: 'CommitteeKind' })
  kind?: CommitteeKind;

  @BoolQueryField({ description: 'true: only committees without an end date or ending today or later; false: only dissolved ones' })
  current?: boolean;
}
