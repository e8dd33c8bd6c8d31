import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Ip, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Access, CurrentAccount } from '../../common/access/access.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { pageLinks } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccountsService } from './accounts.service';
import { AccountDto, CreateAccountDto, CreatedAccountDto, PairDto, PairingCodeDto, DeviceTokenDto, DeviceTokenPageDto } from './dto/account.dto';

const ID = new ParseUUIDPipe({ version: undefined });

/**
 * The reader's app account: create it, pair further devices, list and revoke their tokens,
 * and delete the account with everything in it. Personal data is answered `no-store`.
 */
@ApiTags('me')
@Controller('v1/me')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('account')
  @Access('public', 'unused')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Create an app account (anonymous; no personal data)',
    description: 'Answers the token of this device once. Send it as `Authorization: Bearer ra_…` from now on; only its SHA-256 is stored.',
  })
  @ApiCreatedResponse({ type: CreatedAccountDto })
  @ApiBadRequestResponse({ description: 'Invalid fields', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many accounts from this client', type: ProblemDto })
  @ApiServiceUnavailableResponse({ description: 'App accounts are not configured on this server', type: ProblemDto })
  create(@Body() input: CreateAccountDto, @Ip() ip: string): Promise<CreatedAccountDto> {
    return this.accounts.create(input.deviceName, ip);
  }

  @Get('account')
  @Access('account')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'My account: id, member access, what it holds and its limits, when it expires' })
  @ApiOkResponse({ type: AccountDto })
  account(@CurrentAccount() account: AccountRef): Promise<AccountDto> {
    return this.accounts.view(account.id);
  }

  @Delete('account')
  @Access('account')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete my account and everything in it',
    description: 'Notes, markings, bookmarks, follows, their search tokens, devices, pairing codes and member access are deleted at once; every token stops working.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentAccount() account: AccountRef): Promise<void> {
    await this.accounts.remove(account);
  }

  @Get('tokens')
  @Access('account')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "My devices' tokens (never the tokens themselves)" })
  @ApiOkResponse({ type: DeviceTokenPageDto })
  async tokens(@CurrentAccount() account: AccountRef, @Req() request: FastifyRequest): Promise<Page<DeviceTokenDto>> {
    return { data: await this.accounts.tokens(account), links: pageLinks(this.config.publicUrl, request, null) };
  }

  @Delete('tokens/:id')
  @Access('account')
  @HttpCode(204)
  @ApiParam({ name: 'id', format: 'uuid', description: 'Id of the token' })
  @ApiOperation({ summary: 'Revoke a token (sign a device out; the current token signs this one out)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such token of this account', type: ProblemDto })
  @ApiConflictResponse({ description: "The account's only token", type: ProblemDto })
  async revoke(@CurrentAccount() account: AccountRef, @Param('id', ID) id: string): Promise<void> {
    await this.accounts.revokeToken(account, id);
  }

  @Post('pairing-codes')
  @Access('account')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A pairing code for another device',
    description: 'Show the code on this device and type it on the other one, which sends it to `POST /v1/me/pair`. Single use; valid for ME_PAIRING_CODE_SECONDS (10 minutes).',
  })
  @ApiCreatedResponse({ type: PairingCodeDto })
  @ApiTooManyRequestsResponse({ description: 'Too many changes from this account', type: ProblemDto })
  pairingCode(@CurrentAccount() account: AccountRef): Promise<PairingCodeDto> {
    return this.accounts.createPairingCode(account);
  }

  @Post('pair')
  @Access('public', 'unused')
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Join an account with a pairing code (a new device)', description: 'Answers a new token for this device, shown once.' })
  @ApiCreatedResponse({ type: CreatedAccountDto })
  @ApiBadRequestResponse({ description: 'Invalid fields', type: ProblemDto })
  @ApiGoneResponse({ description: 'Unknown, used or expired code', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this client', type: ProblemDto })
  pair(@Body() input: PairDto, @Ip() ip: string): Promise<CreatedAccountDto> {
    return this.accounts.pair(input.code, input.deviceName, ip);
  }
}
