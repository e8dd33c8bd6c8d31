import { BoolField, IntField, PublishField, TextField, UuidField } from '../../../common/dto/fields';

export class CreateConsultationDto {
  @UuidField({ description: 'The document being consulted' })
  documentId!: string;

  @UuidField({ optional: true, nullable: true, description: 'The agenda item; its session becomes `sessionId` unless given' })
  agendaItemId?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'The session; must be the agenda item’s session when both are given' })
  sessionId?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'The committee consulting the document' })
  committeeId?: string | null;

  @TextField({ optional: true, nullable: true, max: 100, example: 'Vorberatung' })
  role?: string | null;

  @BoolField({ optional: true, description: 'True when this consultation decides the matter; default false' })
  authoritative?: boolean;

  @IntField({ optional: true, max: 10000, description: 'Order within the Beratungsfolge (shown as `order`); default: after the last one', example: 1 })
  position?: number;

  @PublishField()
  publish?: boolean;
}

export class UpdateConsultationDto {
  @UuidField({ optional: true })
  documentId?: string;

  @UuidField({ optional: true, nullable: true, description: 'Setting it without `sessionId` also moves the consultation to the item’s session' })
  agendaItemId?: string | null;

  @UuidField({ optional: true, nullable: true })
  sessionId?: string | null;

  @UuidField({ optional: true, nullable: true })
  committeeId?: string | null;

  @TextField({ optional: true, nullable: true, max: 100 })
  role?: string | null;

  @BoolField({ optional: true })
  authoritative?: boolean;

  @IntField({ optional: true, max: 10000 })
  position?: number;
}
