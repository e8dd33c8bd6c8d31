import { Controller, Delete, Get, Header, HttpCode, Inject, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import { BodyParam } from '../../common/http/api-docs';
import { ProblemDto } from '../../common/http/problem.dto';
import { pageLinks } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccountsService } from './accounts.service';
import { MemberGrantDto, MemberGrantPageDto } from './dto/account.dto';

const ID = new ParseUUIDPipe({ version: undefined });
const AccountParam = (): MethodDecorator => ApiParam({ name: 'accountId', format: 'uuid', description: 'Id of the app account (the council member reads it from GET /v1/me/account)' });

/**
 * Member access of council members' app accounts to a body: the account then reads the
 * body's non-public content with its own token. Admin keys only; the CLI does the same
 * (`account grant-member`). Nothing of the accounts' data is visible here.
 */
@ApiTags('me')
@BodyParam()
@Controller('v1/bodies/:body/member-accounts')
export class MemberGrantsController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'App accounts with member access to this body' })
  @ApiOkResponse({ type: MemberGrantPageDto })
  async list(@CurrentScope() scope: Scope, @Req() request: FastifyRequest): Promise<Page<MemberGrantDto>> {
    return { data: await this.accounts.grants(scope.body.id), links: pageLinks(this.config.publicUrl, request, null) };
  }

  @Put(':accountId')
  @Access('admin')
  @AccountParam()
  @ApiOperation({ summary: 'Grant an app account member access to this body (idempotent)' })
  @ApiOkResponse({ type: MemberGrantDto })
  @ApiNotFoundResponse({ description: 'Unknown body or account', type: ProblemDto })
  grant(@CurrentScope() scope: Scope, @Param('accountId', ID) accountId: string): Promise<MemberGrantDto> {
    return this.accounts.grant(scope.body.id, accountId, scope.caller.keyId);
  }

  @Delete(':accountId')
  @Access('admin')
  @AccountParam()
  @HttpCode(204)
  @ApiOperation({ summary: "Withdraw an app account's member access to this body" })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiNotFoundResponse({ description: 'Unknown body, or the account has no member access to it', type: ProblemDto })
  ungrant(@CurrentScope() scope: Scope, @Param('accountId', ID) accountId: string): Promise<void> {
    return this.accounts.ungrant(scope.body.id, accountId);
  }
}
