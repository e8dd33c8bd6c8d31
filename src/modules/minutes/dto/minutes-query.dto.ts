import { EnumField, UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { MINUTES_KINDS, MINUTES_STATUSES, MinutesKind, MinutesStatus } from '../minutes.entity';

export class MinutesQueryDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Only minutes of this session' })
  session?: string;

  @EnumField(MINUTES_STATUSES, { optional: true, enumName: 'MinutesStatus' })
  status?: MinutesStatus;

  @EnumField(MINUTES_KINDS, { optional: true, enumName: 'MinutesKind' })
  kind?: MinutesKind;
}
