import { EnumField, OptionalDateField, PatternField, PublishField, TextField, UuidField } from '../../../common/dto/fields';
import { COMMITTEE_KINDS, CommitteeKind } from '../committee.entity';

/** An absolute http(s) URL. */
export const WEB_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export class CreateCommitteeDto {
  @TextField({ max: 300, example: 'Ausschuss für Umwelt und Verkehr' })
  name!: string;

  @TextField({ optional: true, nullable: true, max: 50, example: 'UVA' })
  shortName?: string | null;

  @EnumField(COMMITTEE_KINDS, { enumName: 'CommitteeKind', example: 'committee' })
  kind!: CommitteeKind;

  @TextField({ optional: true, nullable: true, max: 200, example: 'Ausschuss' })
  classification?: string | null;

  @OptionalDateField('2025-11-01')
  startDate?: string | null;

  @OptionalDateField('2030-10-31')
  endDate?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'The committee this one belongs to' })
  parentId?: string | null;

  @UuidField({ optional: true, nullable: true })
  locationId?: string | null;

  @PatternField(WEB_URL, 'http_url', { optional: true, nullable: true, max: 2000, example: 'https://www.musterstadt.example/rat/uva' })
  website?: string | null;

  @PublishField()
  publish?: boolean;
}

export class UpdateCommitteeDto {
  @TextField({ optional: true, max: 300 })
  name?: string;

  @TextField({ optional: true, nullable: true, max: 50 })
  shortName?: string | null;

  @EnumField(COMMITTEE_KINDS, { optional: true, enumName: 'CommitteeKind' })
  kind?: CommitteeKind;

  @TextField({ optional: true, nullable: true, max: 200 })
  classification?: string | null;

  @OptionalDateField()
  startDate?: string | null;

  @OptionalDateField()
  endDate?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'The committee this one belongs to; must not be itself or one below it' })
  parentId?: string | null;

  @UuidField({ optional: true, nullable: true })
  locationId?: string | null;

  @PatternField(WEB_URL, 'http_url', { optional: true, nullable: true, max: 2000 })
  website?: string | null;
}
