import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { FILE_ROLES } from '../file.entity';
import { TEXT_ORIGINS } from '../file-text';
import { NullableDateProperty, NullableTextProperty } from '../../../common/dto/fields';

/** A file's metadata; the bytes are at `accessUrl`. */
export class FileDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Vorlage 0123/2025' }) name!: string;
  @ApiProperty({ example: 'vorlage-0123-2025.pdf', description: 'File name for downloads' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf', description: 'Recognised from the bytes, not taken from the uploader' }) mimeType!: string;
  @ApiProperty({ example: 48213, description: 'Size in bytes' }) size!: number;
  @ApiProperty({ nullable: true, type: String, example: 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e', description: 'Lowercase hex SHA-512 of the bytes; null for imported files whose bytes were not fetched' })
  sha512!: string | null;
  @NullableDateProperty('2025-02-01') date!: string | null;
  @ApiProperty({ enum: FILE_ROLES, enumName: 'FileRole', example: 'main' }) role!: string;
  @ApiProperty({ example: true, description: 'False for non-public files, which only members and editors of the body see' }) public!: boolean;
  @ApiProperty({ example: 0, description: 'Order among the files of the same parent' }) position!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The document (Vorlage) the file belongs to' }) documentId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The agenda item the file belongs to' }) agendaItemId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The session the file belongs to' }) sessionId!: string | null;
  @NullableTextProperty('https://creativecommons.org/licenses/by/4.0/') license!: string | null;
  @ApiProperty({ description: 'The bytes, shown inline', example: 'http://localhost:3000/v1/bodies/musterstadt/files/8d0c…/content' }) accessUrl!: string;
  @ApiProperty({ description: 'The bytes, as a download', example: 'http://localhost:3000/v1/bodies/musterstadt/files/8d0c…/content?download=1' })
  downloadUrl!: string;
  @ApiProperty({
    type: String,
    enum: TEXT_ORIGINS,
    enumName: 'FileTextOrigin',
    nullable: true,
    example: 'text-layer',
    description:
      'Where the file\'s text (`include=text`, search) comes from: `source` for the text the system it was imported from delivered (OParl File.text), otherwise how it was read from the bytes (`text-layer` of a PDF, `ocr`, `office` documents, `plain` text); null while the file has no text',
  })
  textOrigin!: string | null;
}

export class FileDetailDto extends FileDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The file\'s text (see `textOrigin`); only with `include=text`, null while it has none' })
  text?: string | null;
}

export const FilePageDto = PageOf(FileDto, 'FilePage');
