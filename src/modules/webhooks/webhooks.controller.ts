import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, ETAG_HEADER, IdParam, IfMatchDocs } from '../../common/http/api-docs';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Page } from '../../common/pagination/page.dto';
import {
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './dto/webhooks.dto';
import { VersionedRoute } from '../changes/record-version.interceptor';
import { WEBHOOK_VERSION, WebhooksService } from './webhooks.service';

const ID = new ParseUUIDPipe({ version: undefined });
/** Subscriptions have versions: writes answer them as ETag and honour If-Match (see writeVersioned). */
const VersionedWebhook = (): MethodDecorator => VersionedRoute(WEBHOOK_VERSION, { byId: true });
const NotConfigured = (): MethodDecorator => ApiServiceUnavailableResponse({ description: 'Webhooks are not configured on this server (WEBHOOK_KEYS), or PostgreSQL is unreachable (then with `Retry-After`)', type: ProblemDto });
const NotFound = (): MethodDecorator => ApiNotFoundResponse({ description: 'Unknown body or webhook', type: ProblemDto });

/** Webhook subscriptions of a body: editor keys of the body and admin keys manage them. */
@ApiTags('webhooks')
@BodyParam()
@Controller('v1/bodies/:body/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Access('editor')
  @VersionedWebhook()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Subscribe a URL to change events of the body', description: 'The answer holds the signing secret; it is not shown again.' })
  @ApiCreatedResponse({ type: WebhookWithSecretDto, headers: ETAG_HEADER })
  @ApiBadRequestResponse({ description: 'Invalid fields: not https, a private address, an unknown event type, an audience beyond the key', type: ProblemDto })
  @NotConfigured()
  create(@CurrentScope() scope: Scope, @Body() input: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(scope, input);
  }

  @Get()
  @Access('editor')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The webhook subscriptions of the body' })
  @ApiOkResponse({ type: WebhookPageDto })
  list(@CurrentScope() scope: Scope): Promise<Page<WebhookDto>> {
    return this.webhooks.list(scope);
  }

  @Get(':id')
  @Access('editor')
  @VersionedWebhook()
  @IdParam('webhook')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'One webhook subscription' })
  @ApiOkResponse({ type: WebhookDto })
  @NotFound()
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<WebhookDto> {
    return this.webhooks.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @VersionedWebhook()
  @IdParam('webhook')
  @ApiOperation({ summary: 'Change a webhook subscription (absent fields stay)' })
  @ApiOkResponse({ type: WebhookDto, headers: ETAG_HEADER })
  @ApiBadRequestResponse({ description: 'Invalid fields, or a malformed If-Match', type: ProblemDto })
  @NotFound()
  @IfMatchDocs()
  update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(scope, id, input);
  }

  @Delete(':id')
  @Access('editor')
  @VersionedWebhook()
  @IdParam('webhook')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook subscription and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiBadRequestResponse({ description: 'Malformed If-Match', type: ProblemDto })
  @NotFound()
  @IfMatchDocs()
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.webhooks.remove(scope, id);
  }

  @Post(':id/rotate-secret')
  @Access('editor')
  @IdParam('webhook')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @VersionedWebhook()
  @ApiOperation({ summary: 'A new signing secret', description: 'The previous secret keeps signing alongside the new one (two signatures in `webhook-signature`) for WEBHOOK_SECRET_GRACE_HOURS.' })
  @ApiOkResponse({ type: WebhookWithSecretDto, headers: ETAG_HEADER })
  @ApiBadRequestResponse({ description: 'Malformed If-Match', type: ProblemDto })
  @NotFound()
  @NotConfigured()
  @IfMatchDocs()
  rotateSecret(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(scope, id);
  }

  @Post(':id/enable')
  @Access('editor')
  @IdParam('webhook')
  @HttpCode(200)
  @VersionedWebhook()
  @ApiOperation({ summary: 'Enable a subscription disabled after repeated failures; deliveries held back go out' })
  @ApiOkResponse({ type: WebhookDto, headers: ETAG_HEADER })
  @ApiBadRequestResponse({ description: 'Malformed If-Match', type: ProblemDto })
  @NotFound()
  @IfMatchDocs()
  enable(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<WebhookDto> {
    return this.webhooks.enable(scope, id);
  }

  @Get(':id/deliveries')
  @Access('editor')
  @IdParam('webhook')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The delivery log: the newest deliveries with their attempts' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @NotFound()
  deliveries(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Query() query: WebhookDeliveryQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(scope, id, query.limit);
  }

  @Post(':id/deliveries/:delivery/replay')
  @Access('editor')
  @IdParam('webhook')
  @ApiParam({ name: 'delivery', description: 'Id of the delivery', schema: { type: 'string', format: 'uuid' } })
  @HttpCode(202)
  @ApiOperation({ summary: 'Send one delivery again (same webhook-id, a fresh set of attempts)' })
  @ApiAcceptedResponse({ description: "Queued" })
  @NotFound()
  async replay(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Param('delivery', ID) delivery: string): Promise<void> {
    await this.webhooks.replay(scope, id, delivery);
  }
}
