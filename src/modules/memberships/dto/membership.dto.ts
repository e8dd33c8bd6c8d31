import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { CommitteeRefDto, MembershipTermsDto, PersonRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';

export class MembershipDto extends IntersectionType(MembershipTermsDto, StampsDto) {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonRefDto }) person!: PersonRefDto;
  @ApiProperty({ type: CommitteeRefDto }) committee!: CommitteeRefDto;
}

export const MembershipPageDto = PageOf(MembershipDto, 'MembershipPage');
