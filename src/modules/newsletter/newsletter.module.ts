import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { bullPrefix } from '../../infra/queue/queues';
import { createRedis } from '../../infra/redis/redis.module';
import { NewsletterController } from './newsletter.controller';
import { NewsletterCrypto } from './newsletter.crypto';
import { NewsletterQueues } from './newsletter.queues';
import { NewsletterRepository } from './newsletter.repository';
import { NEWSLETTER_CRYPTO, NEWSLETTER_QUEUES, NewsletterService } from './newsletter.service';
import { mailDomain } from './mail/render';
import { NewsletterPagesController } from './pages/pages.controller';

/** Newsletter subscriptions (API side, and the subscribers' pages); the worker side is in newsletter.worker.ts. */
@Module({
  controllers: [NewsletterController, NewsletterPagesController],
  providers: [
    NewsletterService,
    { provide: NEWSLETTER_CRYPTO, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new NewsletterCrypto(config.newsletter.keys) },
    {
      provide: NEWSLETTER_QUEUES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new NewsletterQueues(createRedis(config), bullPrefix(config)),
    },
    {
      provide: NewsletterRepository,
      inject: [DataSource, NEWSLETTER_CRYPTO, APP_CONFIG],
      useFactory: (ds: DataSource, crypto: NewsletterCrypto, config: AppConfig) => new NewsletterRepository(ds, crypto, mailDomain(config.mail.from)),
    },
  ],
})
export class NewsletterModule {}
