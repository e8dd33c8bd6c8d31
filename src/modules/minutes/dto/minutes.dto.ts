import { ApiProperty } from '@nestjs/swagger';
import { FileRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { SessionRefDto } from '../../agenda-items/dto/agenda-item.dto';
import { MINUTES_KINDS, MINUTES_STATUSES } from '../minutes.entity';
import { DateTimeProperty } from '../../../common/dto/fields';

/** Niederschrift of a session. Members of the body see approved minutes, everyone else only published ones. */
export class MinutesDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MINUTES_KINDS, enumName: 'MinutesKind', example: 'results', description: 'Ergebnisprotokoll or Wortprotokoll' }) kind!: string;
  @ApiProperty({ enum: MINUTES_STATUSES, enumName: 'MinutesStatus', example: 'published' }) status!: string;
  @DateTimeProperty({ nullable: true, example: '2025-03-18T10:15:00+01:00' }) approvedAt!: string | null;
  @ApiProperty({ type: SessionRefDto }) session!: SessionRefDto;
  @ApiProperty({ type: FileRefDto, nullable: true, description: 'The document of the minutes, when the caller may see it' }) file!: FileRefDto | null;
}

export const MinutesPageDto = PageOf(MinutesDto, 'MinutesPage');
