import { IsEmail, Matches } from 'class-validator';
import { BoolField, TextArrayField, TextField, UuidField } from '../../../common/dto/fields';
import { validatorMessage } from '../../../common/http/problem-texts';

const PHONE = /^\+?[0-9][0-9 ()/-]{2,39}$/;

/**
 * Contact data is personal data: send only what the person agreed to publish. It is shown
 * exactly as stored.
 */
export class CreatePersonDto {
  @TextField({ max: 300, example: 'Dr. Erika Mustermann', description: 'The name as displayed' })
  name!: string;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Mustermann' })
  familyName?: string | null;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Erika' })
  givenName?: string | null;

  @TextField({ optional: true, nullable: true, max: 50, example: 'Frau' })
  formOfAddress?: string | null;

  @TextField({ optional: true, nullable: true, max: 50 })
  affix?: string | null;

  @TextArrayField({ optional: true, max: 10, example: ['Dr.'] })
  title?: string[];

  @TextField({ optional: true, nullable: true, max: 50, example: 'female' })
  gender?: string | null;

  @TextArrayField({ optional: true, max: 10, example: ['erika.mustermann@rat.musterstadt.example'] })
  @IsEmail({}, { each: true, message: validatorMessage('not_emails') })
  email?: string[];

  @TextArrayField({ optional: true, max: 10, example: ['+49 1234 5678-90'] })
  @Matches(PHONE, { each: true, message: validatorMessage('phone_numbers') })
  phone?: string[];

  @TextArrayField({ optional: true, max: 20, example: ['Ratsmitglied'] })
  status?: string[];

  @TextField({ optional: true, nullable: true, multiline: true, max: 10000 })
  life?: string | null;

  @TextField({ optional: true, nullable: true, max: 500 })
  lifeSource?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'Contact address' })
  locationId?: string | null;

  @BoolField({ optional: true, description: 'Publish at once (default: create a draft)' })
  publish?: boolean;
}

export class UpdatePersonDto {
  @TextField({ optional: true, max: 300 })
  name?: string;

  @TextField({ optional: true, nullable: true, max: 200 })
  familyName?: string | null;

  @TextField({ optional: true, nullable: true, max: 200 })
  givenName?: string | null;

  @TextField({ optional: true, nullable: true, max: 50 })
  formOfAddress?: string | null;

  @TextField({ optional: true, nullable: true, max: 50 })
  affix?: string | null;

  @TextArrayField({ optional: true, max: 10 })
  title?: string[];

  @TextField({ optional: true, nullable: true, max: 50 })
  gender?: string | null;

  @TextArrayField({ optional: true, max: 10, description: 'Replaces the stored addresses; [] removes them' })
  @IsEmail({}, { each: true, message: validatorMessage('not_emails') })
  email?: string[];

  @TextArrayField({ optional: true, max: 10, description: 'Replaces the stored numbers; [] removes them' })
  @Matches(PHONE, { each: true, message: validatorMessage('phone_numbers') })
  phone?: string[];

  @TextArrayField({ optional: true, max: 20 })
  status?: string[];

  @TextField({ optional: true, nullable: true, multiline: true, max: 10000 })
  life?: string | null;

  @TextField({ optional: true, nullable: true, max: 500 })
  lifeSource?: string | null;

  @UuidField({ optional: true, nullable: true })
  locationId?: string | null;
}
