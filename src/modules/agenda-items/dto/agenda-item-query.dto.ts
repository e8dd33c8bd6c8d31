import { UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class AgendaItemQueryDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Only the agenda of this session, in agenda order' })
  session?: string;
}
