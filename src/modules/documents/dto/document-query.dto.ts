import { DateField, TextField, UuidField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class DocumentQueryDto extends ListQueryDto {
  @TextField({ optional: true, max: 100, description: 'Only documents of this type (Vorlagenart)', example: 'Beschlussvorlage' })
  type?: string;

  @UuidField({ optional: true, description: 'Only documents consulted in this committee' })
  committee?: string;

  @DateField({ optional: true, description: 'Only documents dated on or after this day', example: '2025-01-01' })
  date_from?: string;

  @DateField({ optional: true, description: 'Only documents dated on or before this day', example: '2025-12-31' })
  date_to?: string;

  @TextField({ optional: true, max: 50, description: 'The document with exactly this reference (Drucksachen-Nummer)', example: '0123/2025' })
  reference?: string;
}
