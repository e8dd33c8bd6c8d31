import { BoolField, BoolQueryField, DateField, EnumField, IntField, OptionalDateField, TextField, UuidField } from '../../../common/dto/fields';
import { FILE_ROLES, FileRole } from '../file.entity';

/**
 * The form fields of an upload (multipart/form-data, all values are strings). They must
 * come before the `file` part.
 */
export class UploadFileFieldsDto {
  @TextField({ optional: true, max: 500, description: 'Title; defaults to the file name', example: 'Vorlage 0123/2025' })
  name?: string;

  @UuidField({ optional: true, description: 'Attach to this document (at most one parent)' })
  documentId?: string;

  @UuidField({ optional: true, description: 'Attach to this agenda item (at most one parent)' })
  agendaItemId?: string;

  @UuidField({ optional: true, description: 'Attach to this session (at most one parent)' })
  sessionId?: string;

  @EnumField(FILE_ROLES, { optional: true, enumName: 'FileRole', description: 'Default: auxiliary' })
  role?: FileRole;

  @BoolQueryField({ description: 'false: only members and editors of the body see the file (default true)' })
  public?: boolean;

  @DateField({ optional: true })
  date?: string;

  @IntField({ optional: true, text: true, max: 10000, description: 'Order among the files of the parent; default: last' })
  position?: number;

  @BoolQueryField({ description: 'Publish at once (default: create a draft)' })
  publish?: boolean;
}

/** Names of the form fields an upload accepts besides `file`. */
export const UPLOAD_FIELDS: readonly string[] = ['name', 'documentId', 'agendaItemId', 'sessionId', 'role', 'public', 'date', 'position', 'publish'];

export class UpdateFileDto {
  @TextField({ optional: true, max: 500 })
  name?: string;

  @EnumField(FILE_ROLES, { optional: true, enumName: 'FileRole' })
  role?: FileRole;

  @BoolField({ optional: true })
  public?: boolean;

  @OptionalDateField()
  date?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'Move to this document (clear the other parents in the same request)' })
  documentId?: string | null;

  @UuidField({ optional: true, nullable: true })
  agendaItemId?: string | null;

  @UuidField({ optional: true, nullable: true })
  sessionId?: string | null;

  @IntField({ optional: true, max: 10000 })
  position?: number;
}
