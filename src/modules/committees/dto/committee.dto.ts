import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, LocationDto, PersonRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { COMMITTEE_KINDS } from '../committee.entity';

export class CommitteeDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ausschuss für Umwelt und Verkehr' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'UVA' }) shortName!: string | null;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind', example: 'committee' }) kind!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Ausschuss' }) classification!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2025-11-01' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: null }) endDate!: string | null;
  @ApiProperty({ type: CommitteeRefDto, nullable: true, description: 'The committee this one belongs to, e.g. the council' }) parent!: CommitteeRefDto | null;
  @ApiProperty({ type: LocationDto, nullable: true }) location!: LocationDto | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://www.musterstadt.example/rat/uva' }) website!: string | null;
}

export class CommitteeMemberDto {
  @ApiProperty({ format: 'uuid' }) membershipId!: string;
  @ApiProperty({ type: PersonRefDto }) person!: PersonRefDto;
  @ApiProperty({ nullable: true, type: String, example: 'Vorsitzende' }) role!: string | null;
  @ApiProperty({ example: true }) votingRight!: boolean;
  @ApiProperty({ type: CommitteeRefDto, nullable: true, description: 'The faction the seat is held for' }) onBehalfOf!: CommitteeRefDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2025-11-01' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: null }) endDate!: string | null;
}

export class CommitteeDetailDto extends CommitteeDto {
  @ApiProperty({ type: [CommitteeMemberDto], description: 'Current members (no end date, or one today or later), by name' })
  members!: CommitteeMemberDto[];
}

export const CommitteePageDto = PageOf(CommitteeDto, 'CommitteePage');
