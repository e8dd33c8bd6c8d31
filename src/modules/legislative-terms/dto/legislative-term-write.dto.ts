import { OptionalDateField, PublishField, TextField } from '../../../common/dto/fields';

export class CreateLegislativeTermDto {
  @TextField({ max: 200, example: 'Wahlperiode 2025–2030' })
  name!: string;

  @OptionalDateField('2025-11-01')
  startDate?: string | null;

  @OptionalDateField('2030-10-31')
  endDate?: string | null;

  @PublishField()
  publish?: boolean;
}

export class UpdateLegislativeTermDto {
  @TextField({ optional: true, max: 200 })
  name?: string;

  @OptionalDateField()
  startDate?: string | null;

  @OptionalDateField()
  endDate?: string | null;
}
