import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, LocationDto, MembershipTermsDto, PersonRefDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { COMMITTEE_KINDS } from '../committee.entity';
import { NullableDateProperty, NullableTextProperty } from '../../../common/dto/fields';

export class CommitteeDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ausschuss für Umwelt und Verkehr' }) name!: string;
  @NullableTextProperty('UVA') shortName!: string | null;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind', example: 'committee' }) kind!: string;
  @NullableTextProperty('Ausschuss') classification!: string | null;
  @NullableDateProperty('2025-11-01') startDate!: string | null;
  @NullableDateProperty(null) endDate!: string | null;
  @ApiProperty({ type: CommitteeRefDto, nullable: true, description: 'The committee this one belongs to, e.g. the council' }) parent!: CommitteeRefDto | null;
  @ApiProperty({ type: LocationDto, nullable: true }) location!: LocationDto | null;
  @NullableTextProperty('https://www.musterstadt.example/rat/uva') website!: string | null;
}

export class CommitteeMemberDto extends MembershipTermsDto {
  @ApiProperty({ format: 'uuid' }) membershipId!: string;
  @ApiProperty({ type: PersonRefDto }) person!: PersonRefDto;
}

export class CommitteeDetailDto extends CommitteeDto {
  @ApiProperty({ type: [CommitteeMemberDto], description: 'Current members (no end date, or one today or later), by name' })
  members!: CommitteeMemberDto[];
}

export const CommitteePageDto = PageOf(CommitteeDto, 'CommitteePage');
