import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, DocumentRefDto, FileRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { DateTimeProperty, NullableTextProperty } from '../../../common/dto/fields';

/** `{ id, name, start }` of the session a record belongs to. */
export class SessionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '12. Sitzung des Rates der Stadt Musterstadt' }) name!: string;
  @DateTimeProperty() start!: string;
}

/** `{ id, number, name }` of an agenda item. */
export class AgendaItemRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @NullableTextProperty('Ö 3.1') number!: string | null;
  @ApiProperty({ example: 'Radwegekonzept Innenstadt' }) name!: string;
}

export class AgendaItemDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Ö 3.1', description: 'Displayed number' }) number!: string | null;
  @ApiProperty({ example: 4, description: '0-based position in the agenda of the session' }) order!: number;
  @ApiProperty({ example: 'Radwegekonzept Innenstadt' }) name!: string;
  @ApiProperty({ example: true, description: 'False for non-public (nichtöffentlich) items, which only members and editors of the body see' }) public!: boolean;
  @NullableTextProperty('einstimmig beschlossen') result!: string | null;
  @NullableTextProperty('Der Rat der Stadt Musterstadt beschließt das Radwegekonzept Innenstadt.')
  resolutionText!: string | null;
  @DateTimeProperty({ nullable: true, example: '2025-03-04T18:40:00+01:00' }) start!: string | null;
  @DateTimeProperty({ nullable: true, example: '2025-03-04T19:05:00+01:00' }) end!: string | null;
  @ApiProperty({ type: SessionRefDto }) session!: SessionRefDto;
}

export class AgendaItemConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @NullableTextProperty('Entscheidung') role!: string | null;
  @ApiProperty({ example: true }) authoritative!: boolean;
  @ApiProperty({ type: CommitteeRefDto, nullable: true }) committee!: CommitteeRefDto | null;
  @ApiProperty({ type: DocumentRefDto }) document!: DocumentRefDto;
}

export class AgendaItemDetailDto extends AgendaItemDto {
  @ApiProperty({ type: [DocumentRefDto], description: 'Documents consulted under this item, as far as the caller may see them' }) documents!: DocumentRefDto[];
  @ApiProperty({ type: [FileRefDto] }) files!: FileRefDto[];
  @ApiProperty({ type: [AgendaItemConsultationDto] }) consultations!: AgendaItemConsultationDto[];
}

export const AgendaItemPageDto = PageOf(AgendaItemDto, 'AgendaItemPage');
