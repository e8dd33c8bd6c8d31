import { Transform } from 'class-transformer';
import { BoolQueryField, EnumField, PatternField, TextArrayField, UuidArrayField } from '../../../common/dto/fields';
import type { UpdateSubscriptionDto } from '../dto/newsletter.dto';
import { TOKEN_PATTERN } from '../newsletter.crypto';
import { FREQUENCIES, type Frequency, LANGUAGES, type Language } from '../newsletter.entities';

/** The query of a page's link (the token from the mail), and the form body of its button. */
export class PageTokenDto {
  @PatternField(TOKEN_PATTERN, 'newsletter_token', { max: 43 })
  token!: string;

  /** The page's language, when the reader chose one. */
  @EnumField(LANGUAGES, { optional: true })
  lang?: Language;
}

/** A textarea, one entry per line. */
const lines = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    : value;

/** The manage page's form: a checkbox group arrives as one string when one box is ticked. */
export class ManageFormDto extends PageTokenDto {
  @BoolQueryField()
  all?: boolean;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @UuidArrayField({ optional: true, max: 100 })
  committees?: string[];

  @Transform(lines)
  @TextArrayField({ optional: true, max: 50 })
  documentTypes?: string[];

  @Transform(lines)
  @TextArrayField({ optional: true, max: 50 })
  keywords?: string[];

  @EnumField(FREQUENCIES)
  frequency!: Frequency;

  @EnumField(LANGUAGES)
  language!: Language;
}

export function toUpdate(form: ManageFormDto): UpdateSubscriptionDto {
  return {
    topics: { all: form.all === true, committees: form.committees ?? [], documentTypes: form.documentTypes ?? [], keywords: form.keywords ?? [] },
    frequency: form.frequency,
    language: form.language,
  };
}
