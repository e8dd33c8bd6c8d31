import { BoolField, OptionalDateField, PublishField, TextField, UuidField } from '../../../common/dto/fields';

export class CreateMembershipDto {
  @UuidField()
  personId!: string;

  @UuidField()
  committeeId!: string;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Vorsitzende' })
  role?: string | null;

  @BoolField({ optional: true, description: 'Default: true' })
  votingRight?: boolean;

  @UuidField({ optional: true, nullable: true, description: 'The faction (a committee) the seat is held for' })
  onBehalfOfId?: string | null;

  @OptionalDateField('2025-11-01')
  startDate?: string | null;

  @OptionalDateField('2030-10-31')
  endDate?: string | null;

  @PublishField()
  publish?: boolean;
}

export class UpdateMembershipDto {
  @UuidField({ optional: true })
  personId?: string;

  @UuidField({ optional: true })
  committeeId?: string;

  @TextField({ optional: true, nullable: true, max: 200 })
  role?: string | null;

  @BoolField({ optional: true })
  votingRight?: boolean;

  @UuidField({ optional: true, nullable: true })
  onBehalfOfId?: string | null;

  @OptionalDateField()
  startDate?: string | null;

  @OptionalDateField()
  endDate?: string | null;
}
