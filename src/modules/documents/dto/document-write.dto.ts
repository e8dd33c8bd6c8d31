import { BoolField, DateField, PatternField, PublishField, TextField, UuidArrayField, UuidField } from '../../../common/dto/fields';

export const REFERENCE_PATTERN = /^[\w./ -]{1,50}$/;
const REFERENCE_MESSAGE = 'document_reference';

export class CreateDocumentDto {
  @TextField({ max: 1000, example: 'Radwegekonzept Innenstadt' })
  name!: string;

  @PatternField(REFERENCE_PATTERN, REFERENCE_MESSAGE, { optional: true, nullable: true, max: 50, example: '0123/2025', description: 'Drucksachen-Nummer' })
  reference?: string | null;

  @TextField({ optional: true, nullable: true, max: 100, example: 'Beschlussvorlage', description: 'Vorlagenart' })
  documentType?: string | null;

  @DateField({ optional: true, description: 'Date of the document; default: today', example: '2025-02-01' })
  date?: string;

  @BoolField({ optional: true, description: 'False for a non-public document; default true' })
  public?: boolean;

  @UuidArrayField({ optional: true, max: 50, description: 'People who submitted the document' })
  originatorPersonIds?: string[];

  @UuidArrayField({ optional: true, max: 50, description: 'Committees or factions that submitted the document' })
  originatorCommitteeIds?: string[];

  @UuidArrayField({ optional: true, max: 20, description: 'Committees in charge (Federführung)' })
  underDirectionOfIds?: string[];

  @UuidArrayField({ optional: true, max: 100, description: 'Related documents' })
  relatedDocumentIds?: string[];

  @UuidField({ optional: true, nullable: true, description: 'The document this one belongs to' })
  superordinatedDocumentId?: string | null;

  @PublishField()
  publish?: boolean;
}

export class UpdateDocumentDto {
  @TextField({ optional: true, max: 1000 })
  name?: string;

  @PatternField(REFERENCE_PATTERN, REFERENCE_MESSAGE, { optional: true, nullable: true, max: 50, example: '0123/2025' })
  reference?: string | null;

  @TextField({ optional: true, nullable: true, max: 100 })
  documentType?: string | null;

  @DateField({ optional: true })
  date?: string;

  @BoolField({ optional: true })
  public?: boolean;

  @UuidArrayField({ optional: true, max: 50 })
  originatorPersonIds?: string[];

  @UuidArrayField({ optional: true, max: 50 })
  originatorCommitteeIds?: string[];

  @UuidArrayField({ optional: true, max: 20 })
  underDirectionOfIds?: string[];

  @UuidArrayField({ optional: true, max: 100 })
  relatedDocumentIds?: string[];

  @UuidField({ optional: true, nullable: true })
  superordinatedDocumentId?: string | null;
}
