import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, DocumentRefDto, FileRefDto, LocationDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { SESSION_STATES } from '../session.entity';
import { DateTimeProperty, NullableTextProperty } from '../../../common/dto/fields';

export class SessionDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '12. Sitzung des Rates der Stadt Musterstadt' }) name!: string;
  @ApiProperty({ enum: SESSION_STATES, enumName: 'SessionState', example: 'scheduled' }) state!: string;
  @ApiProperty({ example: false }) cancelled!: boolean;
  @DateTimeProperty() start!: string;
  @DateTimeProperty({ nullable: true, example: '2025-03-04T21:30:00+01:00' }) end!: string | null;
  @ApiProperty({ type: LocationDto, nullable: true }) location!: LocationDto | null;
  @ApiProperty({ type: [CommitteeRefDto], description: 'The lead committee first' }) committees!: CommitteeRefDto[];
}

export class SessionAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @NullableTextProperty('Ö 3.1') number!: string | null;
  @ApiProperty({ example: 4, description: '0-based position in the agenda' }) order!: number;
  @ApiProperty({ example: 'Radwegekonzept Innenstadt' }) name!: string;
  @ApiProperty({ example: true }) public!: boolean;
  @NullableTextProperty('einstimmig beschlossen') result!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolutionText!: string | null;
  @ApiProperty({ type: [DocumentRefDto] }) documents!: DocumentRefDto[];
  @ApiProperty({ type: [FileRefDto] }) files!: FileRefDto[];
}

export class SessionMinutesDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['results', 'verbatim'] }) kind!: string;
  @ApiProperty({ enum: ['draft', 'approved', 'published'] }) status!: string;
  @ApiProperty({ type: FileRefDto, nullable: true }) file!: FileRefDto | null;
}

export class SessionDetailDto extends SessionDto {
  @ApiProperty({ type: [SessionAgendaItemDto], description: 'The agenda as the caller may see it' }) agendaItems!: SessionAgendaItemDto[];
  @ApiProperty({ type: [FileRefDto], description: 'Invitation and other session files' }) files!: FileRefDto[];
  @ApiProperty({ type: [SessionMinutesDto] }) minutes!: SessionMinutesDto[];
}

export const SessionPageDto = PageOf(SessionDto, 'SessionPage');
