import { applyDecorators } from '@nestjs/common';
import { IsEmail, Matches } from 'class-validator';
import { PublishField, TextArrayField, TextField, UuidField } from '../../../common/dto/fields';
import { validatorMessage } from '../../../common/http/problem-texts';

const PHONE = /^\+?[0-9][0-9 ()/-]{2,39}$/;

// Fields a create and an update share, with their limits.
type Docs = { example?: string[]; description?: string };
const EmailsField = (docs: Docs): PropertyDecorator =>
  applyDecorators(IsEmail({}, { each: true, message: validatorMessage('not_emails') }), TextArrayField({ optional: true, max: 10, ...docs }));
const PhonesField = (docs: Docs): PropertyDecorator => applyDecorators(Matches(PHONE, { each: true, message: validatorMessage('phone_numbers') }), TextArrayField({ optional: true, max: 10, ...docs }));
const StatusField = (example?: string[]): PropertyDecorator => TextArrayField({ optional: true, max: 20, example });
const LifeField = (): PropertyDecorator => TextField({ optional: true, nullable: true, multiline: true, max: 10000 });
const LifeSourceField = (): PropertyDecorator => TextField({ optional: true, nullable: true, max: 500 });

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

  @EmailsField({ example: ['erika.mustermann@rat.musterstadt.example'] })
  email?: string[];

  @PhonesField({ example: ['+49 1234 5678-90'] })
  phone?: string[];

  @StatusField(['Ratsmitglied'])
  status?: string[];

  @LifeField()
  life?: string | null;

  @LifeSourceField()
  lifeSource?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'Contact address' })
  locationId?: string | null;

  @PublishField()
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

  @EmailsField({ description: 'Replaces the stored addresses; [] removes them' })
  email?: string[];

  @PhonesField({ description: 'Replaces the stored numbers; [] removes them' })
  phone?: string[];

  @StatusField()
  status?: string[];

  @LifeField()
  life?: string | null;

  @LifeSourceField()
  lifeSource?: string | null;

  @UuidField({ optional: true, nullable: true })
  locationId?: string | null;
}
