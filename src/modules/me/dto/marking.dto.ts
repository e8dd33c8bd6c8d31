import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnumField, IntField, TextField, UuidField } from '../../../common/dto/fields';
import { PageOf } from '../../../common/pagination/page.dto';
import { ANCHOR_STATUSES, MARKING_COLORS, MarkingColor } from '../me.entities';
import { Format, FORMATS, ItemStampsDto, NestedField, PersonalListQueryDto, TagsField, TargetViewDto, TEXT_MAX } from './personal.dto';

export const QUOTE_MAX = 5000;
export const CONTEXT_MAX = 200;
const POSITION_MAX = 100_000_000;

/** W3C TextQuoteSelector: the marked text and a little text around it. */
export class TextQuoteDto {
  @TextField({ max: QUOTE_MAX, multiline: true, description: 'The marked text, as shown', example: 'Querungshilfen an allen Knotenpunkten' })
  exact!: string;

  @TextField({ optional: true, min: 0, max: CONTEXT_MAX, multiline: true, description: 'Text just before it (about 32 characters)', example: 'Der Rat beschließt ' })
  prefix?: string;

  @TextField({ optional: true, min: 0, max: CONTEXT_MAX, multiline: true, description: 'Text just after it (about 32 characters)', example: ' bis Ende 2027.' })
  suffix?: string;
}

/** W3C TextPositionSelector: Unicode code points from the start of the file's text (pages joined by form feeds). */
export class TextPositionDto {
  @IntField({ min: 0, max: POSITION_MAX, description: 'First character (code point, 0-based)' })
  start!: number;

  @IntField({ min: 0, max: POSITION_MAX, description: 'Character after the last one' })
  end!: number;
}

export class CreateMarkingDto {
  @UuidField({ optional: true, description: 'Your own id for the marking (idempotent: sending the same marking again answers the stored one)' })
  id?: string;

  @UuidField({ description: 'The file whose text is marked' })
  fileId!: string;

  @NestedField(() => TextQuoteDto)
  quote!: TextQuoteDto;

  @NestedField(() => TextPositionDto, { optional: true, description: 'Where the quote was, as a hint' })
  position?: TextPositionDto;

  @IntField({ optional: true, min: 1, max: 100_000, description: 'The page (1-based), as a hint' })
  page?: number;

  @EnumField(MARKING_COLORS, { optional: true, enumName: 'MarkingColor', description: 'Default yellow' })
  color?: MarkingColor;

  @TextField({ optional: true, max: TEXT_MAX, multiline: true, description: 'A note on the marking (Markdown, stored encrypted)' })
  note?: string;

  @TagsField({ optional: true })
  tags?: string[];
}

export class UpdateMarkingDto {
  @NestedField(() => TextQuoteDto, { optional: true, description: 'A new selection (re-anchored at once)' })
  quote?: TextQuoteDto;

  @NestedField(() => TextPositionDto, { optional: true, nullable: true })
  position?: TextPositionDto | null;

  @IntField({ optional: true, nullable: true, min: 1, max: 100_000 })
  page?: number | null;

  @EnumField(MARKING_COLORS, { optional: true, enumName: 'MarkingColor' })
  color?: MarkingColor;

  @TextField({ optional: true, nullable: true, max: TEXT_MAX, multiline: true, description: 'null removes the note' })
  note?: string | null;

  @TagsField({ optional: true })
  tags?: string[];
}

export class MarkingQueryDto extends PersonalListQueryDto {
  @UuidField({ optional: true, description: 'Only markings in this file' })
  file_id?: string;

  @EnumField(ANCHOR_STATUSES, { optional: true, enumName: 'AnchorStatus', description: 'e.g. `orphaned`: markings whose quote the current text no longer holds' })
  status?: (typeof ANCHOR_STATUSES)[number];

  @TextField({ optional: true, max: 50, description: 'Only markings with this tag' })
  tag?: string;

  @TextField({ optional: true, max: 200, description: 'Search the quotes and notes of your markings' })
  q?: string;

  @EnumField(FORMATS, { optional: true, enumName: 'AnnotationFormat', description: '`jsonld`: a W3C AnnotationPage of the markings' })
  format?: Format;
}

export class AnchorDto {
  @ApiProperty({
    enum: ANCHOR_STATUSES,
    enumName: 'AnchorStatus',
    description:
      '`anchored`: the quote is in the current text; `fuzzy`: a close match is (the text changed a little); `orphaned`: the current text no longer holds it (kept, nothing lost); `pending`: the file has no text yet',
  })
  status!: string;
  @ApiPropertyOptional({ example: 1200, description: 'Code points, in the current text' }) start?: number;
  @ApiPropertyOptional({ example: 1236 }) end?: number;
  @ApiPropertyOptional({ example: 3 }) page?: number;
  @ApiPropertyOptional({ example: 2, description: 'Edits between the quote and the text found (fuzzy only)' }) errors?: number;
}

export class TextQuoteViewDto {
  @ApiProperty() exact!: string;
  @ApiPropertyOptional() prefix?: string;
  @ApiPropertyOptional() suffix?: string;
}

export class TextPositionViewDto {
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
}

export class MarkingDto extends ItemStampsDto {
  @ApiProperty({ type: TargetViewDto, description: 'The file (type `file`)' }) file!: TargetViewDto;
  @ApiProperty({ type: TextQuoteViewDto }) quote!: TextQuoteViewDto;
  @ApiPropertyOptional({ type: TextPositionViewDto, description: 'As you gave it' }) position?: TextPositionViewDto;
  @ApiPropertyOptional({ description: 'As you gave it' }) page?: number;
  @ApiProperty({ type: AnchorDto, description: 'Where the quote is in the file’s current text' }) anchor!: AnchorDto;
  @ApiProperty({ enum: MARKING_COLORS, enumName: 'MarkingColor' }) color!: MarkingColor;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
}

export const MarkingPageDto = PageOf(MarkingDto, 'MarkingPage');
