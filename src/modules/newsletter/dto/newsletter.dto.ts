import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { BoolField, DateTimeProperty, EnumField, PatternField, TextArrayField, UuidArrayField } from '../../../common/dto/fields';
import { TOKEN_PATTERN } from '../newsletter.crypto';
import { FREQUENCIES, Frequency, LANGUAGES, Language, SUBSCRIPTION_STATUSES, SubscriptionStatus } from '../newsletter.entities';

/** What a subscriber follows. `all` means everything the body publishes. */
export class TopicsDto {
  @BoolField({ optional: true, description: 'Everything the body publishes' })
  all?: boolean;

  @UuidArrayField({ optional: true, max: 100, description: 'Committees to follow (sessions, agendas, documents, minutes, results)' })
  committees?: string[];

  @TextArrayField({ optional: true, max: 50, description: 'Document types to follow, e.g. "Beschlussvorlage"' })
  documentTypes?: string[];

  @TextArrayField({ optional: true, max: 50, description: 'Keywords matched in titles (case-insensitive)' })
  keywords?: string[];
}

function TopicsField(optional: boolean): PropertyDecorator {
  const api = optional ? ApiPropertyOptional : ApiProperty;
  return applyDecorators(
    api({ type: TopicsDto }),
    ...(optional ? [ValidateIf((_: unknown, v: unknown) => v !== undefined)] : []),
    IsObject(),
    ValidateNested(),
    Type(() => TopicsDto),
  );
}

export class SubscribeDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'erika.mustermann@musterstadt.example' })
  @MaxLength(254)
  @IsEmail({ allow_display_name: false, require_tld: true })
  email!: string;

  @TopicsField(false)
  topics!: TopicsDto;

  @EnumField(FREQUENCIES, { enumName: 'NewsletterFrequency', description: 'immediate (batched within a short window), daily or weekly' })
  frequency!: Frequency;

  @EnumField(LANGUAGES, { enumName: 'NewsletterLanguage' })
  language!: Language;
}

export class TokenDto {
  @PatternField(TOKEN_PATTERN, 'newsletter_token', { max: 43 })
  token!: string;
}

export class UpdateSubscriptionDto {
  @TopicsField(true)
  topics?: TopicsDto;

  @EnumField(FREQUENCIES, { optional: true, enumName: 'NewsletterFrequency' })
  frequency?: Frequency;

  @EnumField(LANGUAGES, { optional: true, enumName: 'NewsletterLanguage' })
  language?: Language;
}

export class AcceptedDto {
  @ApiProperty({ example: 'accepted' })
  status!: 'accepted';

  @ApiProperty({ example: 'If the address can receive mail, a confirmation link is on its way.' })
  detail!: string;
}

export class TopicsViewDto {
  @ApiProperty()
  all!: boolean;

  @ApiProperty({ type: [String], format: 'uuid' })
  committees!: string[];

  @ApiProperty({ type: [String] })
  documentTypes!: string[];

  @ApiProperty({ type: [String] })
  keywords!: string[];
}

export class SubscriptionDto {
  @ApiProperty({ example: 'erika.mustermann@musterstadt.example' })
  email!: string;

  @ApiProperty({ enum: SUBSCRIPTION_STATUSES, enumName: 'NewsletterSubscriptionStatus' })
  status!: SubscriptionStatus;

  @ApiProperty({ enum: FREQUENCIES, enumName: 'NewsletterFrequency' })
  frequency!: Frequency;

  @ApiProperty({ enum: LANGUAGES, enumName: 'NewsletterLanguage' })
  language!: Language;

  @ApiProperty({ type: TopicsViewDto })
  topics!: TopicsViewDto;

  @DateTimeProperty()
  createdAt!: string;

  @DateTimeProperty({ nullable: true })
  confirmedAt!: string | null;
}

export class ConfirmedDto extends SubscriptionDto {
  @ApiProperty({
    description:
      'Token for managing the subscription (header X-Newsletter-Token; newsletter mails link to the manage page with a current one). It expires, and every confirmation replaces it.',
  })
  manageToken!: string;

  @DateTimeProperty({ description: 'When the manage token stops working' })
  manageTokenExpiresAt!: string;
}

export class ConsentRecordDto {
  @ApiProperty()
  action!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;

  @DateTimeProperty()
  at!: string;
}

export class DeliveryRecordDto {
  @ApiProperty({ enum: ['confirm', 'digest'] })
  kind!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty()
  messageId!: string;

  @DateTimeProperty()
  createdAt!: string;

  @DateTimeProperty({ nullable: true })
  sentAt!: string | null;
}

export class SubscriptionExportDto {
  @ApiProperty({ type: SubscriptionDto })
  subscription!: SubscriptionDto;

  @ApiProperty({ type: [ConsentRecordDto] })
  consent!: ConsentRecordDto[];

  @ApiProperty({ type: [DeliveryRecordDto] })
  deliveries!: DeliveryRecordDto[];
}

/** An http(s) URL of the city's website with the placeholder `{token}`. */
const TEMPLATE = /^https?:\/\/[^\s{}]+\{token\}[^\s{}]*$/;
const TEMPLATE_MESSAGE = 'url_with_placeholder';
const TEMPLATE_PARAMS = { placeholder: '{token}' };

export class NewsletterSettingsDto {
  @PatternField(TEMPLATE, TEMPLATE_MESSAGE, { params: TEMPLATE_PARAMS, optional: true, nullable: true, max: 500, example: 'https://www.musterstadt.example/newsletter/bestaetigen?token={token}' })
  confirmUrlTemplate?: string | null;

  @PatternField(TEMPLATE, TEMPLATE_MESSAGE, { params: TEMPLATE_PARAMS, optional: true, nullable: true, max: 500, example: 'https://www.musterstadt.example/newsletter/verwalten?token={token}' })
  manageUrlTemplate?: string | null;

  @PatternField(TEMPLATE, TEMPLATE_MESSAGE, {
    params: TEMPLATE_PARAMS,
    optional: true,
    nullable: true,
    max: 500,
    example: 'https://www.musterstadt.example/newsletter/abbestellen?token={token}',
    description: 'The page of the unsubscribe link in mails; it posts the token (which can only unsubscribe) to …/newsletter/unsubscribe',
  })
  unsubscribeUrlTemplate?: string | null;

  @PatternField(/^[^\r\n"<>]{1,100}$/, 'sender_name', { optional: true, nullable: true, max: 100, example: 'Stadt Musterstadt' })
  senderName?: string | null;
}

export class UnsubscribeQueryDto {
  @PatternField(TOKEN_PATTERN, 'newsletter_token', { optional: true, max: 43 })
  token?: string;
}
