import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, PersonRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';

export class MembershipDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonRefDto }) person!: PersonRefDto;
  @ApiProperty({ type: CommitteeRefDto }) committee!: CommitteeRefDto;
  @ApiProperty({ nullable: true, type: String, example: 'Vorsitzende' }) role!: string | null;
  @ApiProperty({ example: true }) votingRight!: boolean;
  @ApiProperty({ type: CommitteeRefDto, nullable: true, description: 'The faction the seat is held for' }) onBehalfOf!: CommitteeRefDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2025-11-01' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: null }) endDate!: string | null;
}

export const MembershipPageDto = PageOf(MembershipDto, 'MembershipPage');
