import { BoolField, DateTimeField, IntField, PublishField, TextField, UuidField } from '../../../common/dto/fields';

export class CreateAgendaItemDto {
  @UuidField({ description: 'The session whose agenda the item belongs to' })
  sessionId!: string;

  @TextField({ optional: true, nullable: true, max: 50, example: 'Ö 3.1' })
  number?: string | null;

  @IntField({ optional: true, max: 10000, description: '0-based position in the agenda (shown as `order`); default: after the last item', example: 4 })
  position?: number;

  @TextField({ max: 1000, example: 'Radwegekonzept Innenstadt' })
  name!: string;

  @BoolField({ optional: true, description: 'False for a non-public (nichtöffentlich) item; default true' })
  public?: boolean;

  @TextField({ optional: true, nullable: true, max: 1000, example: 'einstimmig beschlossen' })
  result?: string | null;

  @TextField({ optional: true, nullable: true, multiline: true, max: 100000, example: 'Der Rat der Stadt Musterstadt beschließt das Radwegekonzept Innenstadt.' })
  resolutionText?: string | null;

  @DateTimeField({ optional: true, nullable: true, example: '2025-03-04T18:40:00+01:00' })
  start?: string | null;

  @DateTimeField({ optional: true, nullable: true, example: '2025-03-04T19:05:00+01:00' })
  end?: string | null;

  @PublishField()
  publish?: boolean;
}

export class UpdateAgendaItemDto {
  @UuidField({ optional: true, description: 'Move the item to another session (to its end unless `position` is given)' })
  sessionId?: string;

  @TextField({ optional: true, nullable: true, max: 50 })
  number?: string | null;

  @IntField({ optional: true, max: 10000 })
  position?: number;

  @TextField({ optional: true, max: 1000 })
  name?: string;

  @BoolField({ optional: true })
  public?: boolean;

  @TextField({ optional: true, nullable: true, max: 1000 })
  result?: string | null;

  @TextField({ optional: true, nullable: true, multiline: true, max: 100000 })
  resolutionText?: string | null;

  @DateTimeField({ optional: true, nullable: true })
  start?: string | null;

  @DateTimeField({ optional: true, nullable: true })
  end?: string | null;
}
