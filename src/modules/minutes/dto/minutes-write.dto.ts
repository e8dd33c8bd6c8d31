import { EnumField, UuidField } from '../../../common/dto/fields';
import { MINUTES_KINDS, MinutesKind } from '../minutes.entity';

export class CreateMinutesDto {
  @UuidField({ description: 'The session the minutes record' })
  sessionId!: string;

  @EnumField(MINUTES_KINDS, { optional: true, enumName: 'MinutesKind', description: 'Default: results' })
  kind?: MinutesKind;

  @UuidField({ optional: true, nullable: true, description: 'A file of this body holding the minutes' })
  fileId?: string | null;
}

export class UpdateMinutesDto {
  @EnumField(MINUTES_KINDS, { optional: true, enumName: 'MinutesKind' })
  kind?: MinutesKind;

  @UuidField({ optional: true, nullable: true })
  fileId?: string | null;
}
