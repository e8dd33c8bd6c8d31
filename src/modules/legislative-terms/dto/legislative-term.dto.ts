import { IntersectionType } from '@nestjs/swagger';
import { LegislativeTermRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';

export class LegislativeTermDto extends IntersectionType(LegislativeTermRefDto, StampsDto) {}

export const LegislativeTermPageDto = PageOf(LegislativeTermDto, 'LegislativeTermPage');
