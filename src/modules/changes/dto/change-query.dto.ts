import { EnumField } from '../../../common/dto/fields';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { RESOURCE_KINDS, ResourceKind } from '../../../common/access/resources';

export class ChangeQueryDto extends ListQueryDto {
  @EnumField(RESOURCE_KINDS, { optional: true, enumName: 'ResourceKind', description: 'Only changes of this resource type' })
  resource?: ResourceKind;
}
