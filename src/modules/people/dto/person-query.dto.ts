import { BoolQueryField, UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class PersonQueryDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Only people with a membership in this committee' })
  committee?: string;

  @BoolQueryField({
    description:
      'true: only people with a current membership (no end date, or one today or later) in `committee`, or in any committee when none is given; ' +
      'false: only people without one',
  })
  current?: boolean;
}
