import { ApiProperty } from '@nestjs/swagger';
import { StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';

export class LegislativeTermDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Wahlperiode 2025–2030' }) name!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2025-11-01' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2030-10-31' }) endDate!: string | null;
}

export const LegislativeTermPageDto = PageOf(LegislativeTermDto, 'LegislativeTermPage');
