import { ApiProperty } from '@nestjs/swagger';
import { DateTimeProperty, EnumField, IntField, TextArrayField, TextField } from '../../../common/dto/fields';
import { PageOf } from '../../../common/pagination/page.dto';

export const WEBHOOK_AUDIENCES = ['public', 'member', 'staff'] as const;
export type WebhookAudience = (typeof WEBHOOK_AUDIENCES)[number];

const URL_DESCRIPTION = 'Where deliveries are POSTed: an https URL (http only when the server allows it) of a public address (private networks only when the server allows them). Redirects are not followed.';
const TYPES_DESCRIPTION =
  'Event types: `*` (all), `<resource>.*` or `<resource>.<action>`, e.g. `session.created`, `document.*`. Resources: legislative-term, location, committee, person, membership, session, agenda-item, document, consultation, file, minutes; actions: created, updated, deleted, published, unpublished.';
const AUDIENCE_DESCRIPTION =
  'What the subscriber may see, as on the change feed: `public` (default; changes of non-public records are not sent, a record that became non-public is `deleted` for it), `member` (non-public records too) or `staff` (drafts too).';

export class CreateWebhookDto {
  @TextField({ max: 2000, description: URL_DESCRIPTION, example: 'https://apps.musterstadt.de/hooks/ratsinfo' })
  url!: string;

  @TextArrayField({ max: 50, description: TYPES_DESCRIPTION, example: ['session.*', 'document.created'] })
  eventTypes!: string[];

  @EnumField(WEBHOOK_AUDIENCES, { optional: true, description: AUDIENCE_DESCRIPTION, enumName: 'WebhookAudience' })
  audience?: WebhookAudience;

  @TextField({ optional: true, nullable: true, max: 500, description: 'A note for the people who manage it' })
  description?: string | null;
}

export class UpdateWebhookDto {
  @TextField({ optional: true, max: 2000, description: URL_DESCRIPTION })
  url?: string;

  @TextArrayField({ optional: true, max: 50, description: TYPES_DESCRIPTION })
  eventTypes?: string[];

  @EnumField(WEBHOOK_AUDIENCES, { optional: true, description: AUDIENCE_DESCRIPTION, enumName: 'WebhookAudience' })
  audience?: WebhookAudience;

  @TextField({ optional: true, nullable: true, max: 500, description: 'A note for the people who manage it (null clears)' })
  description?: string | null;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://apps.musterstadt.de/hooks/ratsinfo' })
  url!: string;

  @ApiProperty({ type: [String], example: ['session.*'] })
  eventTypes!: string[];

  @ApiProperty({ enum: WEBHOOK_AUDIENCES, enumName: 'WebhookAudience' })
  audience!: WebhookAudience;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ description: 'False after repeated failures (see `disabledReason`) until re-enabled' })
  enabled!: boolean;

  @ApiProperty({ type: String, nullable: true, example: '5 consecutive messages failed on every attempt; last error: HTTP 500' })
  disabledReason!: string | null;

  @DateTimeProperty({ nullable: true })
  disabledAt!: string | null;

  @DateTimeProperty({ nullable: true, description: 'Until when the previous secret still signs alongside the current one (after a rotation)' })
  previousSecretUntil!: string | null;

  @DateTimeProperty()
  createdAt!: string;

  @DateTimeProperty()
  updatedAt!: string;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({ description: 'The signing secret; shown only in this answer', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

export const WebhookPageDto = PageOf(WebhookDto, 'WebhookPage');

export class WebhookAttemptDto {
  @DateTimeProperty()
  at!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the answer; null when none came (timeout, connection refused)' })
  statusCode!: number | null;

  @ApiProperty({ description: 'Milliseconds until the answer (or the failure)' })
  durationMs!: number;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The first 1 KB of the answer' })
  responseBody!: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The message: `webhook-id` is `msg_` + this id, the same on every attempt' })
  id!: string;

  @ApiProperty({ example: 'session.updated' })
  type!: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status!: 'pending' | 'delivered' | 'failed';

  @ApiProperty()
  attempts!: number;

  @DateTimeProperty({ nullable: true, description: 'When the next attempt is due (pending deliveries)' })
  nextAttemptAt!: string | null;

  @DateTimeProperty()
  createdAt!: string;

  @DateTimeProperty({ nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ description: 'The JSON sent', type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;

  @ApiProperty({ type: [WebhookAttemptDto], description: 'Newest first' })
  attemptLog!: WebhookAttemptDto[];
}

export const WebhookDeliveryPageDto = PageOf(WebhookDeliveryDto, 'WebhookDeliveryPage');

export class WebhookDeliveryQueryDto {
  @IntField({ optional: true, min: 1, max: 100, text: true, description: 'How many of the newest deliveries (default 20)' })
  limit?: number;
}
