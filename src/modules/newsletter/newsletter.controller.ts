import { applyDecorators, Body, Controller, Delete, Get, Header, Headers, HttpCode, Ip, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { PrimaryReads } from '../../common/access/replica-reads';
import { BodyParam, ETAG_HEADER, IfMatchDocs } from '../../common/http/api-docs';
import { ProblemDto } from '../../common/http/problem.dto';
import {
  AcceptedDto,
  ConfirmedDto,
  NewsletterSettingsDto,
  SubscribeDto,
  SubscriptionDto,
  SubscriptionExportDto,
  TokenDto,
  UnsubscribeQueryDto,
  UpdateSubscriptionDto,
} from './dto/newsletter.dto';
import { VersionedRoute } from '../changes/record-version.interceptor';
import { SETTINGS_VERSION } from './newsletter.repository';
import { NewsletterService } from './newsletter.service';

const TOKEN_HEADER = 'x-newsletter-token';
const TokenHeader = (): MethodDecorator =>
  ApiHeader({ name: 'X-Newsletter-Token', required: true, description: 'The manage token: from the confirmation, or from the manage link of a recent newsletter mail' });
const TokenErrors = (): MethodDecorator =>
  applyDecorators(
    ApiUnauthorizedResponse({ description: 'Missing or unknown token', type: ProblemDto }),
    ApiGoneResponse({ description: 'The manage token expired or was replaced by a newer one; subscribing again with the same address gives a new one', type: ProblemDto }),
  );
const ManageErrors = (): MethodDecorator =>
  applyDecorators(TokenErrors(), ApiForbiddenResponse({ description: 'The token of an unsubscribe link: it can only unsubscribe', type: ProblemDto }));

/**
 * The newsletter endpoints a city's website calls. The website shows the forms; mails link
 * to its pages (see the newsletter settings; without them, to ours in pages/), and its pages
 * call these endpoints with the token from the link. Tokens travel in a header or body, never
 * in URLs of ours, except in the one-click unsubscribe URL of the List-Unsubscribe header
 * (RFC 8058), which carries the unsubscribe token (it can do nothing else), and in the links
 * to our own pages; the request log redacts them.
 */
@ApiTags('newsletter')
@BodyParam()
// Subscriptions are read back moments after they were written (confirmation links).
@PrimaryReads()
@Controller('v1/bodies/:body/newsletter')
export class NewsletterController {
  constructor(private readonly newsletter: NewsletterService) {}

  @Post('subscriptions')
  @Access('public', 'unused')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Subscribe (double opt-in)',
    description: 'Sends a confirmation mail with a link valid for 48 hours. The answer is the same whether the address is new or already known.',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ description: 'Invalid fields', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this client', type: ProblemDto })
  async subscribe(@CurrentScope() scope: Scope, @Body() input: SubscribeDto, @Ip() ip: string): Promise<AcceptedDto> {
    await this.newsletter.subscribe(scope.body, input, ip);
    return { status: 'accepted', detail: 'If the address can receive mail, a confirmation link is on its way.' };
  }

  @Post('confirm')
  @Access('public', 'unused')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Confirm a subscription with the token from the confirmation mail (single use)' })
  @ApiOkResponse({ type: ConfirmedDto })
  @ApiGoneResponse({ description: 'Unknown, used or expired token', type: ProblemDto })
  confirm(@CurrentScope() scope: Scope, @Body() input: TokenDto): Promise<ConfirmedDto> {
    return this.newsletter.confirm(scope.body, input.token);
  }

  @Get('subscription')
  @Access('public', 'unused')
  @Header('Cache-Control', 'no-store')
  @TokenHeader()
  @ManageErrors()
  @ApiOperation({ summary: 'View my subscription' })
  @ApiOkResponse({ type: SubscriptionDto })
  get(@CurrentScope() scope: Scope, @Headers(TOKEN_HEADER) token: string | undefined): Promise<SubscriptionDto> {
    return this.newsletter.get(scope.body, token ?? '');
  }

  @Patch('subscription')
  @Access('public', 'unused')
  @Header('Cache-Control', 'no-store')
  @TokenHeader()
  @ManageErrors()
  @ApiOperation({ summary: 'Change my topics, frequency or language' })
  @ApiOkResponse({ type: SubscriptionDto })
  update(@CurrentScope() scope: Scope, @Headers(TOKEN_HEADER) token: string | undefined, @Body() input: UpdateSubscriptionDto): Promise<SubscriptionDto> {
    return this.newsletter.update(scope.body, token ?? '', input);
  }

  @Delete('subscription')
  @Access('public', 'unused')
  @HttpCode(204)
  @TokenHeader()
  @ManageErrors()
  @ApiOperation({ summary: 'Delete all my data (subscription, consent record, delivery log)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentScope() scope: Scope, @Headers(TOKEN_HEADER) token: string | undefined): Promise<void> {
    await this.newsletter.remove(scope.body, token ?? '');
  }

  @Get('subscription/export')
  @Access('public', 'unused')
  @Header('Cache-Control', 'no-store')
  @TokenHeader()
  @ManageErrors()
  @ApiOperation({ summary: 'Export my data as JSON' })
  @ApiOkResponse({ type: SubscriptionExportDto })
  export(@CurrentScope() scope: Scope, @Headers(TOKEN_HEADER) token: string | undefined): Promise<SubscriptionExportDto> {
    return this.newsletter.export(scope.body, token ?? '');
  }

  @Post('unsubscribe')
  @Access('public', 'unused')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unsubscribe in one click',
    description:
      "The target of the List-Unsubscribe header (RFC 8058: `POST` with `List-Unsubscribe=One-Click`), with the mail's unsubscribe token in the query; the website's unsubscribe page sends that token, or a manage token, in X-Newsletter-Token instead.",
  })
  @ApiNoContentResponse({ description: 'Unsubscribed (also when already unsubscribed)' })
  @TokenErrors()
  async unsubscribe(@CurrentScope() scope: Scope, @Query() query: UnsubscribeQueryDto, @Headers(TOKEN_HEADER) token: string | undefined): Promise<void> {
    await this.newsletter.unsubscribe(scope.body, query.token ?? token ?? '', query.token ? 'one-click' : 'website');
  }

  @Get('settings')
  @Access('editor')
  @VersionedRoute(SETTINGS_VERSION, { byId: false })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The newsletter settings of the body: pages of the city's website that mails link to" })
  @ApiOkResponse({ type: NewsletterSettingsDto })
  settings(@CurrentScope() scope: Scope): Promise<NewsletterSettingsDto> {
    return this.newsletter.settings(scope.body);
  }

  @Put('settings')
  @Access('editor')
  @VersionedRoute(SETTINGS_VERSION, { byId: false })
  @ApiOperation({ summary: 'Change the newsletter settings (absent fields stay, null clears)' })
  @ApiOkResponse({ type: NewsletterSettingsDto, headers: ETAG_HEADER })
  @ApiBadRequestResponse({ description: 'Invalid fields, or a malformed If-Match', type: ProblemDto })
  @IfMatchDocs()
  saveSettings(@CurrentScope() scope: Scope, @Body() input: NewsletterSettingsDto): Promise<NewsletterSettingsDto> {
    return this.newsletter.saveSettings(scope, input);
  }
}
