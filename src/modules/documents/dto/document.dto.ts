import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, DocumentRefDto, FileRefDto, PersonRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { DocumentConsultationDto } from '../../consultations/dto/consultation.dto';

export class DocumentDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Radwegekonzept Innenstadt' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: '0123/2025', description: 'Drucksachen-Nummer' }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Beschlussvorlage', description: 'Vorlagenart' }) type!: string | null;
  @ApiProperty({ format: 'date', example: '2025-02-01' }) date!: string;
  @ApiProperty({ example: true, description: 'False for non-public documents, which only members and editors of the body see' }) public!: boolean;
}

export class DocumentOriginatorsDto {
  @ApiProperty({ type: [PersonRefDto] }) people!: PersonRefDto[];
  @ApiProperty({ type: [CommitteeRefDto], example: [{ id: '3f2a0c4e-8b1d-4c2e-9a7f-1b2c3d4e5f60', name: 'Fraktion Musterpartei', shortName: 'MP' }] })
  committees!: CommitteeRefDto[];
}

export class DocumentDetailDto extends DocumentDto {
  @ApiProperty({ type: DocumentOriginatorsDto, description: 'Who submitted the document (Urheber)' }) originators!: DocumentOriginatorsDto;
  @ApiProperty({ type: [CommitteeRefDto], description: 'Federführung' }) underDirectionOf!: CommitteeRefDto[];
  @ApiProperty({ type: [DocumentRefDto], description: 'Related documents the caller may see' }) relatedDocuments!: DocumentRefDto[];
  @ApiProperty({ type: DocumentRefDto, nullable: true, description: 'The document this one belongs to, e.g. the original of an amendment' })
  superordinatedDocument!: DocumentRefDto | null;
  @ApiProperty({ type: [DocumentRefDto], description: 'Documents that belong to this one, e.g. amendments' }) subordinatedDocuments!: DocumentRefDto[];
  @ApiProperty({ type: [FileRefDto] }) files!: FileRefDto[];
  @ApiProperty({ type: [DocumentConsultationDto], description: 'Beratungsfolge' }) consultations!: DocumentConsultationDto[];
}

export const DocumentPageDto = PageOf(DocumentDto, 'DocumentPage');
