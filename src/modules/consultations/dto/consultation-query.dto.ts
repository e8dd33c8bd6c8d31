import { UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class ConsultationQueryDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Only consultations of this document' })
  document?: string;

  @UuidField({ optional: true, description: 'Only consultations under this agenda item' })
  agenda_item?: string;

  @UuidField({ optional: true, description: 'Only consultations at this session' })
  session?: string;

  @UuidField({ optional: true, description: 'Only consultations in this committee' })
  committee?: string;
}
