import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IntField, TextField, UuidField } from '../../../common/dto/fields';
import { PageOf } from '../../../common/pagination/page.dto';
import { NOTE_TARGETS, NoteTargetType } from '../me.entities';
import { Format, FORMATS, ItemStampsDto, NestedField, PersonalListQueryDto, TagsField, TargetViewDto, TEXT_MAX } from './personal.dto';

export class NoteTargetDto {
  @EnumField(NOTE_TARGETS, { enumName: 'NoteTargetType', description: 'What the note is about' })
  type!: NoteTargetType;

  @UuidField({ description: 'Id of the session, agenda item, document, file or committee' })
  id!: string;

  @IntField({ optional: true, min: 1, max: 100_000, description: 'Page of a file (files only)' })
  page?: number;
}

export class CreateNoteDto {
  @UuidField({ optional: true, description: 'Your own id for the note (idempotent: sending the same note again answers the stored one)' })
  id?: string;

  @NestedField(() => NoteTargetDto)
  target!: NoteTargetDto;

  @TextField({ max: TEXT_MAX, multiline: true, description: 'Markdown (stored encrypted)', example: 'Nachfragen: **Kosten** der Querungshilfen?' })
  text!: string;

  @TagsField({ optional: true })
  tags?: string[];
}

export class UpdateNoteDto {
  @TextField({ optional: true, max: TEXT_MAX, multiline: true, description: 'Markdown (stored encrypted)' })
  text?: string;

  @TagsField({ optional: true })
  tags?: string[];

  @IntField({ optional: true, nullable: true, min: 1, max: 100_000, description: 'Page of a file; null removes it' })
  page?: number | null;
}

export class NoteQueryDto extends PersonalListQueryDto {
  @EnumField(NOTE_TARGETS, { optional: true, enumName: 'NoteTargetType', description: 'Only notes on this kind of object' })
  target_type?: NoteTargetType;

  @UuidField({ optional: true, description: 'Only notes on this object (with target_type)' })
  target_id?: string;

  @TextField({ optional: true, max: 50, description: 'Only notes with this tag' })
  tag?: string;

  @TextField({ optional: true, max: 200, description: 'Search your notes: every word must start a word of the note (case, umlauts and ß folded)' })
  q?: string;

  @EnumField(FORMATS, { optional: true, enumName: 'AnnotationFormat', description: '`jsonld`: a W3C AnnotationPage of the notes' })
  format?: Format;
}

export class NoteDto extends ItemStampsDto {
  @ApiProperty({ type: TargetViewDto }) target!: TargetViewDto;
  @ApiProperty({ example: 'Nachfragen: **Kosten** der Querungshilfen?' }) text!: string;
  @ApiProperty({ type: [String], example: ['Haushalt'] }) tags!: string[];
}

export const NotePageDto = PageOf(NoteDto, 'NotePage');
