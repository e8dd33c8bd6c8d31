import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { BodyRef, Scope } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { REDIS } from '../../infra/redis/redis.module';
import type {
  ConfirmedDto,
  NewsletterSettingsDto,
  SubscribeDto,
  SubscriptionDto,
  SubscriptionExportDto,
  TopicsDto,
  UpdateSubscriptionDto,
} from './dto/newsletter.dto';
import { NewsletterCrypto, normalizeEmail, TOKEN_PATTERN } from './newsletter.crypto';
import type { SubscriptionStatus } from './newsletter.entities';
import { within } from '../../infra/redis/within';
import { NewsletterQueues } from './newsletter.queues';
import { NewsletterRepository, Preferences, Settings, SubscriptionRow, TokenMatch } from './newsletter.repository';
import type { ManageView } from './pages/pages.render';

export const NEWSLETTER_CRYPTO = Symbol('NEWSLETTER_CRYPTO');
export const NEWSLETTER_QUEUES = Symbol('NEWSLETTER_QUEUES');

const HOUR = 3600;

/**
 * Double opt-in subscriptions managed with tokens from mails. Every answer to a subscribe
 * request is the same, whether the address is new, pending, active or rate-limited.
 */
@Injectable()
export class NewsletterService implements OnApplicationShutdown {
  private readonly logger = new Logger('newsletter');

  constructor(
    private readonly repo: NewsletterRepository,
    @Inject(NEWSLETTER_CRYPTO) private readonly crypto: NewsletterCrypto,
    @Inject(NEWSLETTER_QUEUES) private readonly queues: NewsletterQueues,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }

  async subscribe(body: BodyRef, input: SubscribeDto, clientIp: string): Promise<void> {
    this.requireEnabled();
    const prefs = await this.preferences(body, input.topics, input.frequency, input.language);
    const email = normalizeEmail(input.email);
    // Per client: an honest 429. Per address: silently nothing, so the answer reveals nothing.
    if (!(await this.allow(`ip:${clientIp}`, this.config.newsletter.subscribePerIpPerHour))) {
      throw new Problem(429, 'newsletter_rate_limited');
    }
    if (!(await this.allow(`addr:${this.crypto.hash(email)}`, this.config.newsletter.subscribePerAddressPerHour))) return;
    const deliveryId = await this.repo.subscribe(body.id, email, prefs, {});
    if (!deliveryId) return;
    try {
      await within(this.queues.addMail([deliveryId]), 2000);
      await this.repo.markEnqueued(deliveryId);
    } catch {
      // Redis is down: the delivery stays in the log and the worker's reconciliation enqueues it.
      this.logger.warn(`confirmation mail ${deliveryId} left to the worker (queue unavailable)`);
    }
  }

  async confirm(body: BodyRef, token: string): Promise<ConfirmedDto> {
    this.requireEnabled();
    const result = await this.repo.confirm(body.id, token, this.config.newsletter.manageTokenDays);
    if (!result) throw new Problem(410, 'confirmation_invalid');
    return { ...this.view(result.sub), manageToken: result.manageToken, manageTokenExpiresAt: result.manageTokenExpiresAt.toISOString() };
  }

  /** Refuses (410, like `confirm`) a confirmation token that is unknown, used or expired, without using it. */
  async checkConfirmToken(body: BodyRef, token: string): Promise<void> {
    this.requireEnabled();
    if (!(await this.repo.confirmable(body.id, token))) throw new Problem(410, 'confirmation_invalid');
  }

  /** The status of the subscription a manage or unsubscribe token opens. */
  async statusOf(body: BodyRef, token: string): Promise<SubscriptionStatus> {
    return (await this.byToken(body, token)).sub.status;
  }

  /** The subscription of a manage token and the committees it may choose from (the manage page). */
  async manageView(body: BodyRef, token: string): Promise<ManageView> {
    const sub = await this.byManageToken(body, token);
    return { subscription: this.view(sub), committees: await this.repo.committeeChoices(body.id, sub.committeeIds) };
  }

  async get(body: BodyRef, token: string): Promise<SubscriptionDto> {
    return this.view(await this.byManageToken(body, token));
  }

  async update(body: BodyRef, token: string, input: UpdateSubscriptionDto): Promise<SubscriptionDto> {
    const sub = await this.byManageToken(body, token);
    if (sub.status === 'unsubscribed' || sub.status === 'pending') throw new Problem(409, 'subscription_inactive');
    const topics: TopicsDto = input.topics ?? { all: sub.allTopics, committees: sub.committeeIds, documentTypes: sub.documentTypes, keywords: sub.keywords };
    const prefs = await this.preferences(body, topics, input.frequency ?? sub.frequency, input.language ?? sub.language);
    return this.view(await this.repo.update(sub.id, prefs));
  }

  /** With the unsubscribe token of a mail, or a manage token. */
  async unsubscribe(body: BodyRef, token: string, via: string): Promise<void> {
    const match = await this.byToken(body, token);
    await this.repo.unsubscribe(match.sub.id, via);
  }

  async export(body: BodyRef, token: string): Promise<SubscriptionExportDto> {
    const sub = await this.byManageToken(body, token);
    const [consent, deliveries] = await Promise.all([this.repo.consentRecord(sub.id), this.repo.deliveries(sub.id)]);
    return {
      subscription: this.view(sub),
      consent: consent.map((c) => ({ action: c.action, details: c.details, at: c.at.toISOString() })),
      deliveries: deliveries.map((d) => ({ kind: d.kind, status: d.status, messageId: `<${d.messageId}>`, createdAt: d.createdAt.toISOString(), sentAt: d.sentAt?.toISOString() ?? null })),
    };
  }

  async remove(body: BodyRef, token: string): Promise<void> {
    const sub = await this.byManageToken(body, token);
    await this.repo.remove(sub.id);
  }

  async settings(body: BodyRef): Promise<NewsletterSettingsDto> {
    return this.repo.settings(body.id);
  }

  /** Changes the settings sent (absent fields stay, null clears), honouring If-Match (see NewsletterRepository.changeSettings). */
  async saveSettings(scope: Scope, input: NewsletterSettingsDto): Promise<NewsletterSettingsDto> {
    const pick = <K extends keyof Settings>(stored: Settings, key: K): Settings[K] => (input[key] === undefined ? stored[key] : input[key]);
    return this.repo.changeSettings(
      scope,
      (stored) => ({
        confirmUrlTemplate: pick(stored, 'confirmUrlTemplate'),
        manageUrlTemplate: pick(stored, 'manageUrlTemplate'),
        unsubscribeUrlTemplate: pick(stored, 'unsubscribeUrlTemplate'),
        senderName: pick(stored, 'senderName'),
      }),
      () => this.settings(scope.body),
    );
  }

  /** The subscription a manage or unsubscribe token opens; an expired manage token opens nothing. */
  private async byToken(body: BodyRef, token: string | undefined): Promise<TokenMatch> {
    this.requireEnabled();
    if (!token || !TOKEN_PATTERN.test(token)) throw new Problem(401, 'newsletter_token_missing');
    const match = await this.repo.byToken(body.id, token);
    if (!match) throw new Problem(401, 'newsletter_token_unknown');
    if (match.expired) {
      throw new Problem(410, 'manage_link_expired');
    }
    return match;
  }

  /** The subscription of a manage token: the only token that shows, changes, exports or deletes it. */
  private async byManageToken(body: BodyRef, token: string | undefined): Promise<SubscriptionRow> {
    const match = await this.byToken(body, token);
    if (match.purpose !== 'manage') {
      throw new Problem(403, 'unsubscribe_token_only');
    }
    return match.sub;
  }

  private async preferences(body: BodyRef, topics: TopicsDto, frequency: Preferences['frequency'], language: Preferences['language']): Promise<Preferences> {
    const committeeIds = [...new Set((topics.committees ?? []).map((c) => c.toLowerCase()))];
    const documentTypes = [...new Set((topics.documentTypes ?? []).map((t) => t.trim()).filter(Boolean))];
    const keywords = [...new Set((topics.keywords ?? []).map((k) => k.trim().toLowerCase()).filter((k) => k.length >= 2))];
    const allTopics = topics.all === true;
    if (!allTopics && !committeeIds.length && !documentTypes.length && !keywords.length) {
      throw Problem.invalid([{ field: 'topics', text: 'topics_empty' }]);
    }
    const unknown = await this.repo.unknownCommittees(body.id, committeeIds);
    if (unknown.length) {
      throw Problem.invalid(unknown.map((id) => ({ field: 'topics.committees', text: 'not_a_committee', params: { id } })));
    }
    return { allTopics, committeeIds, documentTypes, keywords, frequency, language };
  }

  /** A Redis counter per hour. Fails open: the database limit on confirmation mails still holds. */
  private async allow(key: string, max: number): Promise<boolean> {
    try {
      const name = `${this.config.redisPrefix}:newsletter:rate:${key}`;
      const result = await within(this.redis.multi().incr(name).expire(name, HOUR, 'NX').exec(), 1000);
      const count = Number(result?.[0]?.[1] ?? 0);
      return count <= max;
    } catch {
      return true;
    }
  }

  private requireEnabled(): void {
    if (!this.crypto.enabled) throw new Problem(503, 'newsletter_not_configured');
  }

  private view(sub: SubscriptionRow): SubscriptionDto {
    return {
      email: this.crypto.decrypt(sub.emailCiphertext),
      status: sub.status,
      frequency: sub.frequency,
      language: sub.language,
      topics: { all: sub.allTopics, committees: sub.committeeIds, documentTypes: sub.documentTypes, keywords: sub.keywords },
      createdAt: sub.createdAt.toISOString(),
      confirmedAt: sub.confirmedAt?.toISOString() ?? null,
    };
  }
}
