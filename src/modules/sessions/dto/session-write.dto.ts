import { BoolField, DateTimeField, EnumField, PublishField, TextField, UuidArrayField, UuidField } from '../../../common/dto/fields';
import { SESSION_STATES, SessionState } from '../session.entity';

export class CreateSessionDto {
  @TextField({ max: 500, example: '12. Sitzung des Rates der Stadt Musterstadt' })
  name!: string;

  @EnumField(SESSION_STATES, { optional: true, enumName: 'SessionState' })
  state?: SessionState;

  @BoolField({ optional: true })
  cancelled?: boolean;

  @DateTimeField()
  start!: string;

  @DateTimeField({ optional: true, nullable: true, example: '2025-03-04T21:30:00+01:00' })
  end?: string | null;

  @UuidField({ optional: true, nullable: true })
  locationId?: string | null;

  @UuidArrayField({ optional: true, max: 20, description: 'Committees of the session, the lead committee first' })
  committeeIds?: string[];

  @PublishField()
  publish?: boolean;
}

export class UpdateSessionDto {
  @TextField({ optional: true, max: 500 })
  name?: string;

  @EnumField(SESSION_STATES, { optional: true, enumName: 'SessionState' })
  state?: SessionState;

  @BoolField({ optional: true })
  cancelled?: boolean;

  @DateTimeField({ optional: true })
  start?: string;

  @DateTimeField({ optional: true, nullable: true })
  end?: string | null;

  @UuidField({ optional: true, nullable: true })
  locationId?: string | null;

  @UuidArrayField({ optional: true, max: 20 })
  committeeIds?: string[];
}
