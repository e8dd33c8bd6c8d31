import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BodyEntity } from '../bodies/body.entity';
import { ChangeEventEntity } from '../changes/change-event.entity';

export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'suspended', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TOKEN_PURPOSES = ['confirm', 'manage', 'unsubscribe'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];
export const NEWSLETTER_EVENT_KINDS = [
  'session_scheduled',
  'session_moved',
  'session_cancelled',
  'agenda_changed',
  'document_published',
  'minutes_published',
  'results_recorded',
] as const;
export type NewsletterEventKind = (typeof NEWSLETTER_EVENT_KINDS)[number];
export const DELIVERY_KINDS = ['confirm', 'digest'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One address subscribed to one body's newsletter. The address is stored only encrypted
 * (AES-256-GCM) plus a keyed hash (HMAC-SHA-256) for look-up; `keyId` names the key of both.
 * The current manage token and the unsubscribe token are stored hashed in `newsletter_token`
 * and, encrypted, here, so that mails can carry them.
 */
@Entity('newsletter_subscription')
@Index('uq_newsletter_subscription_email', ['bodyId', 'emailHash'], { unique: true })
@Index('ix_newsletter_subscription_audience', ['bodyId', 'frequency', 'status'])
@Index('ix_newsletter_subscription_status', ['status', 'createdAt'])
export class NewsletterSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @Column('text')
  keyId!: string;

  @Column({ type: 'char', length: 64 })
  emailHash!: string;

  @Column('text')
  emailCiphertext!: string;

  @Column({ type: 'text', nullable: true })
  manageTokenCiphertext!: string | null;

  /** The token of the unsubscribe links in mails: it can unsubscribe, nothing else. */
  @Column({ type: 'text', nullable: true })
  unsubscribeTokenCiphertext!: string | null;

  @Column({ type: 'enum', enum: SUBSCRIPTION_STATUSES, enumName: 'newsletter_subscription_status', default: 'pending' })
  status!: SubscriptionStatus;

  @Column({ type: 'enum', enum: FREQUENCIES, enumName: 'newsletter_frequency' })
  frequency!: Frequency;

  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'newsletter_language' })
  language!: Language;

  @Column({ type: 'boolean', default: false })
  allTopics!: boolean;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  committeeIds!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  documentTypes!: string[];

  /** Lower-case keywords, matched as substrings of titles. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords!: string[];

  /** Only newsletter events after this id are mailed (set on confirmation). */
  @Column({ type: 'bigint', default: 0 })
  startEventId!: string;

  @Column({ type: 'int', default: 0 })
  bounceCount!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  modifiedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;
}

/**
 * A token from a mail: only its SHA-256 is stored. Confirm tokens are single-use and expire;
 * manage tokens expire (and a confirmation ends them at once); unsubscribe tokens live as
 * long as their subscription.
 */
@Entity('newsletter_token')
@Index('ix_newsletter_token_subscription', ['subscriptionId', 'purpose'])
export class NewsletterTokenEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column('uuid')
  subscriptionId!: string;

  @ManyToOne(() => NewsletterSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: NewsletterSubscriptionEntity;

  @Column({ type: 'enum', enum: TOKEN_PURPOSES, enumName: 'newsletter_token_purpose' })
  purpose!: TokenPurpose;

  /** Confirm tokens: the preferences that confirming applies. */
  @Column({ type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The consent record: what was asked for and agreed to, and when. */
@Entity('newsletter_consent')
@Index('ix_newsletter_consent_subscription', ['subscriptionId', 'id'])
export class NewsletterConsentEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid')
  subscriptionId!: string;

  @ManyToOne(() => NewsletterSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: NewsletterSubscriptionEntity;

  /** requested, confirmed, changed, unsubscribed */
  @Column('text')
  action!: string;

  @Column('jsonb')
  details!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

/**
 * Something worth a mail, derived from a change event with public content only: the digest
 * matches these rows against subscriptions in SQL.
 */
@Entity('newsletter_event')
@Index('ix_newsletter_event_body', ['bodyId', 'id'])
@Index('uq_newsletter_event_change', ['changeEventId', 'kind'], { unique: true })
@Index('ix_newsletter_event_resource', ['resourceId'])
export class NewsletterEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @Column('bigint')
  changeEventId!: string;

  @Column({ type: 'enum', enum: NEWSLETTER_EVENT_KINDS, enumName: 'newsletter_event_kind' })
  kind!: NewsletterEventKind;

  @Column('text')
  resource!: string;

  @Column('uuid')
  resourceId!: string;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  committeeIds!: string[];

  @Column({ type: 'text', nullable: true })
  documentType!: string | null;

  /** Lower-case text that keywords are matched against. */
  @Column('text')
  searchText!: string;

  /** What the mail shows (public fields only). */
  @Column('jsonb')
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set when the resource stopped being public before every mail went out. */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}

/** The last public state of a resource the newsletter has seen, to tell what changed. */
@Entity('newsletter_snapshot')
export class NewsletterSnapshotEntity {
  @PrimaryColumn('uuid')
  resourceId!: string;

  @Column('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @Column('text')
  resource!: string;

  @Column('bigint')
  changeEventId!: string;

  /** Null when the resource is not public. */
  @Column({ type: 'jsonb', nullable: true })
  state!: Record<string, unknown> | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  modifiedAt!: Date;
}

/**
 * Change events the outbox relay handed to the newsletter whose newsletter events are not
 * recorded yet: inserted in the relay's transaction, deleted in the transaction that reads the
 * event (change-consumer.ts). A row whose job Redis lost gets it back (reconcile.ts).
 */
@Entity('newsletter_backlog')
export class NewsletterBacklogEntity {
  @PrimaryColumn('bigint')
  changeEventId!: string;

  @ManyToOne(() => ChangeEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'change_event_id' })
  changeEvent?: ChangeEventEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  queuedAt!: Date;
}

/** One digest period of one body and frequency: the range of newsletter events it covers. */
@Entity('newsletter_digest')
@Index('uq_newsletter_digest_period', ['bodyId', 'frequency', 'period'], { unique: true })
export class NewsletterDigestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @Column({ type: 'enum', enum: FREQUENCIES, enumName: 'newsletter_frequency' })
  frequency!: Frequency;

  /** e.g. `2026-03-04` (daily), `2026-W10` (weekly), `e1234` (immediate, last event id). */
  @Column('text')
  period!: string;

  @Column('bigint')
  fromEventId!: string;

  @Column('bigint')
  toEventId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;
}

/**
 * The delivery log: one row per mail, unique per (subscription, digest or confirmation), the
 * guard that makes sending exactly-once (see mail.processor.ts).
 */
@Entity('newsletter_delivery')
@Index('uq_newsletter_delivery_key', ['subscriptionId', 'dedupeKey'], { unique: true })
@Index('ix_newsletter_delivery_digest', ['digestId', 'id'])
@Index('ix_newsletter_delivery_status', ['status', 'createdAt'])
@Index('ix_newsletter_delivery_pending', ['status', 'id'], { where: "status IN ('queued', 'sending')" })
export class NewsletterDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  subscriptionId!: string;

  @ManyToOne(() => NewsletterSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: NewsletterSubscriptionEntity;

  @Column({ type: 'enum', enum: DELIVERY_KINDS, enumName: 'newsletter_delivery_kind' })
  kind!: DeliveryKind;

  @Column({ type: 'uuid', nullable: true })
  digestId!: string | null;

  @ManyToOne(() => NewsletterDigestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'digest_id' })
  digest?: NewsletterDigestEntity;

  /** `digest:<digest id>` or `confirm:<token hash>`. */
  @Column('text')
  dedupeKey!: string;

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  eventIds!: string[];

  /** Confirmation mails: the token, encrypted; cleared once sent. */
  @Column({ type: 'text', nullable: true })
  secretCiphertext!: string | null;

  @Column({ type: 'enum', enum: DELIVERY_STATUSES, enumName: 'newsletter_delivery_status', default: 'queued' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column('text')
  messageId!: string;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

/** Per-body newsletter settings: the pages of the city's website that mails link to. */
@Entity('newsletter_settings')
export class NewsletterSettingsEntity {
  @PrimaryColumn('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  /** e.g. `https://www.musterstadt.example/newsletter/bestaetigen?token={token}` */
  @Column({ type: 'text', nullable: true })
  confirmUrlTemplate!: string | null;

  /** e.g. `https://www.musterstadt.example/newsletter/verwalten?token={token}` */
  @Column({ type: 'text', nullable: true })
  manageUrlTemplate!: string | null;

  /** e.g. `https://www.musterstadt.example/newsletter/abbestellen?token={token}` */
  @Column({ type: 'text', nullable: true })
  unsubscribeUrlTemplate!: string | null;

  @Column({ type: 'text', nullable: true })
  senderName!: string | null;

  /**
   * Moves on by one with every change of the settings; no row yet reads as version 1 (all
   * unset). Editors see it as the strong ETag `"<version>"` and send it back in `If-Match`.
   */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  modifiedAt!: Date;
}

export const NEWSLETTER_ENTITIES = [
  NewsletterSubscriptionEntity,
  NewsletterTokenEntity,
  NewsletterConsentEntity,
  NewsletterEventEntity,
  NewsletterSnapshotEntity,
  NewsletterBacklogEntity,
  NewsletterDigestEntity,
  NewsletterDeliveryEntity,
  NewsletterSettingsEntity,
];
