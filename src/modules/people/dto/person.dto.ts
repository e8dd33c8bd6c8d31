import { ApiProperty } from '@nestjs/swagger';
import { CommitteeRefDto, LocationDto, MembershipTermsDto, StampsDto } from '../../../common/dto/refs.dto';
import { PageOf } from '../../../common/pagination/page.dto';
import { NullableTextProperty } from '../../../common/dto/fields';

/** Contact data is personal data: what is shown is exactly what the city stored for publication. */
export class PersonDto extends StampsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr. Erika Mustermann' }) name!: string;
  @NullableTextProperty('Mustermann') familyName!: string | null;
  @NullableTextProperty('Erika') givenName!: string | null;
  @NullableTextProperty('Frau') formOfAddress!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Name affix, e.g. "von"' }) affix!: string | null;
  @ApiProperty({ type: [String], example: ['Dr.'] }) title!: string[];
  @NullableTextProperty('female') gender!: string | null;
  @ApiProperty({ type: [String], example: ['erika.mustermann@rat.musterstadt.example'] }) email!: string[];
  @ApiProperty({ type: [String], example: ['+49 1234 5678-90'] }) phone!: string[];
  @ApiProperty({ type: [String], example: ['Ratsmitglied'] }) status!: string[];
  @NullableTextProperty('Jahrgang 1970, Diplom-Ingenieurin') life!: string | null;
  @NullableTextProperty('Angaben der Fraktion') lifeSource!: string | null;
  @ApiProperty({ type: LocationDto, nullable: true, description: 'Contact address' }) location!: LocationDto | null;
}

export class PersonMembershipDto extends MembershipTermsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: CommitteeRefDto }) committee!: CommitteeRefDto;
  @NullableTextProperty('Mitglied') override role!: string | null;
}

export class PersonDetailDto extends PersonDto {
  @ApiProperty({ type: [PersonMembershipDto], description: 'All memberships, current and past, the latest start first' })
  memberships!: PersonMembershipDto[];
}

export const PersonPageDto = PageOf(PersonDto, 'PersonPage');
