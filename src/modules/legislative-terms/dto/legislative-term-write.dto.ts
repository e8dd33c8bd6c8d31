import { BoolField, DateField, TextField } from '../../../common/dto/fields';

export class CreateLegislativeTermDto {
  @TextField({ max: 200, example: 'Wahlperiode 2025–2030' })
  name!: string;

  @DateField({ optional: true, nullable: true, example: '2025-11-01' })
  startDate?: string | null;

  @DateField({ optional: true, nullable: true, example: '2030-10-31' })
  endDate?: string | null;

  @BoolField({ optional: true, description: 'Publish at once (default: create a draft)' })
  publish?: boolean;
}

export class UpdateLegislativeTermDto {
  @TextField({ optional: true, max: 200 })
  name?: string;

  @DateField({ optional: true, nullable: true })
  startDate?: string | null;

  @DateField({ optional: true, nullable: true })
  endDate?: string | null;
}
