import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AccountsController } from './accounts.controller';
import { AccountKeyRing } from './accounts.crypto';
import { AccountsRepository } from './accounts.repository';
import { ACCOUNT_KEY_RING, AccountsService } from './accounts.service';
import { MemberGrantsController } from './member-grants.controller';

/** App accounts: the third kind of caller (see the access guard), their tokens and member access. */
@Global()
@Module({
  controllers: [AccountsController, MemberGrantsController],
  providers: [AccountsService, AccountsRepository, { provide: ACCOUNT_KEY_RING, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new AccountKeyRing(config.accounts.keys) }],
  exports: [AccountsService, ACCOUNT_KEY_RING],
})
export class AccountsModule {}
