import { IntersectionType } from '@nestjs/swagger';
import { LocationDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';

/** A location as its own resource: the embedded view plus the stamps. */
export class LocationDetailDto extends IntersectionType(LocationDto, StampsDto) {}

export const LocationPageDto = PageOf(LocationDetailDto, 'LocationPage');
