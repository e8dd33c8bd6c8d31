import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { CommitteeRefDto, DocumentRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { AgendaItemRefDto, SessionRefDto } from '../../agenda-items/dto/agenda-item.dto';

/** A consultation as its document lists it (Beratungsfolge). */
export class DocumentConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Vorberatung', description: 'e.g. Vorberatung, Entscheidung, Kenntnisnahme' }) role!: string | null;
  @ApiProperty({ example: false, description: 'True when this consultation decides the matter' }) authoritative!: boolean;
  @ApiProperty({ type: CommitteeRefDto, nullable: true }) committee!: CommitteeRefDto | null;
  @ApiProperty({ type: SessionRefDto, nullable: true }) session!: SessionRefDto | null;
  @ApiProperty({ type: AgendaItemRefDto, nullable: true }) agendaItem!: AgendaItemRefDto | null;
}

/** Beratung: a document before a committee, possibly under an agenda item of a session. */
export class ConsultationDto extends IntersectionType(DocumentConsultationDto, StampsDto) {
  @ApiProperty({ example: 0, description: 'Order within the Beratungsfolge of the document' }) order!: number;
  @ApiProperty({ type: DocumentRefDto }) document!: DocumentRefDto;
}

export const ConsultationPageDto = PageOf(ConsultationDto, 'ConsultationPage');
