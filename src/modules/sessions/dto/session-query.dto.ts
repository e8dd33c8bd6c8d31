import { BoolQueryField, DateOrDateTimeField, EnumField, UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { SESSION_STATES, SessionState } from '../session.entity';

export class SessionQueryDto extends ListQueryDto {
  @DateOrDateTimeField({ optional: true, description: 'Sessions starting on or after this date or instant' })
  from?: string;

  @DateOrDateTimeField({ optional: true, description: 'Sessions starting on or before this date (whole day) or instant', example: '2025-03-31' })
  to?: string;

  @UuidField({ optional: true, description: 'Only sessions of this committee' })
  committee?: string;

  @EnumField(SESSION_STATES, { optional: true, enumName: 'SessionState' })
  state?: SessionState;

  @BoolQueryField({ description: 'true: only cancelled sessions; false: only those taking place' })
  cancelled?: boolean;
}
