import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, LocationDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';

/** Contact data is personal data: what is shown is exactly what the city stored for publication. */
export class PersonDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr. Erika Mustermann' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Mustermann' }) familyName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Erika' }) givenName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Frau' }) formOfAddress!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Name affix, e.g. "von"' }) affix!: string | null;
  @ApiProperty({ type: [String], example: ['Dr.'] }) title!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'female' }) gender!: string | null;
  @ApiProperty({ type: [String], example: ['erika.mustermann@rat.musterstadt.example'] }) email!: string[];
  @ApiProperty({ type: [String], example: ['+49 1234 5678-90'] }) phone!: string[];
  @ApiProperty({ type: [String], example: ['Ratsmitglied'] }) status!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'Jahrgang 1970, Diplom-Ingenieurin' }) life!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Angaben der Fraktion' }) lifeSource!: string | null;
  @ApiProperty({ type: LocationDto, nullable: true, description: 'Contact address' }) location!: LocationDto | null;
}

export class PersonMembershipDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: CommitteeRefDto }) committee!: CommitteeRefDto;
  @ApiProperty({ nullable: true, type: String, example: 'Mitglied' }) role!: string | null;
  @ApiProperty({ example: true }) votingRight!: boolean;
  @ApiProperty({ type: CommitteeRefDto, nullable: true, description: 'The faction the seat is held for' }) onBehalfOf!: CommitteeRefDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2025-11-01' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: null }) endDate!: string | null;
}

export class PersonDetailDto extends PersonDto {
  @ApiProperty({ type: [PersonMembershipDto], description: 'All memberships, current and past, the latest start first' })
  memberships!: PersonMembershipDto[];
}

export const PersonPageDto = PageOf(PersonDto, 'PersonPage');
