import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BodyEntity } from '../bodies/body.entity';

/**
 * An app account of a reader: no name, no address, nothing personal but what its owner
 * writes, and that only encrypted. Its data key (random, per account) is stored wrapped by a
 * server key (`keyId`). `changeSeq` numbers the account's changes for the sync feed; writes
 * lock the row, so the numbers commit in order.
 */
@Entity('app_account')
@Index('ix_app_account_last_used', ['lastUsedAt'])
@Index('ix_app_account_key', ['keyId'])
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  keyId!: string;

  @Column('bytea')
  wrappedKey!: Buffer;

  /** The newest sync position handed out. */
  @Column({ type: 'bigint', default: 0 })
  changeSeq!: string;

  /** Deletions up to this sync position are no longer kept; a sync from before must start over. */
  @Column({ type: 'bigint', default: 0 })
  purgedSeq!: string;

  /** Read marker of the feed: the last change event the owner has seen. */
  @Column({ type: 'bigint', default: 0 })
  feedPosition!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;
}

/** One device's token. Only the SHA-256 of the token is stored; the token is shown once. */
@Entity('app_account_token')
@Index('ix_app_account_token_account', ['accountId', 'createdAt'])
export class AccountTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Index('uq_app_account_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  /** First characters of the token, to recognise it in listings. */
  @Column('text')
  tokenPrefix!: string;

  /** The device's name as its owner gave it, encrypted with the account's data key. */
  @Column({ type: 'bytea', nullable: true })
  deviceName!: Buffer | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;
}

/** A short-lived, single-use code that lets a second device join an account. Stored as an HMAC only. */
@Entity('app_pairing_code')
@Index('ix_app_pairing_code_account', ['accountId'])
@Index('ix_app_pairing_code_expires', ['expiresAt'])
export class PairingCodeEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  codeHash!: string;

  @Column('uuid')
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column('timestamptz')
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Member access of an app account to one body, granted by an admin key or the CLI: the
 * account then reads that body's non-public content, as a member key does. It never writes.
 */
@Entity('app_member_grant')
@Index('ix_app_member_grant_body', ['bodyId', 'grantedAt'])
export class MemberGrantEntity {
  @PrimaryColumn('uuid')
  accountId!: string;

  @PrimaryColumn('uuid')
  bodyId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt!: Date;

  /** The admin key that granted it; null when granted on the command line. */
  @Column({ type: 'uuid', nullable: true })
  grantedByKeyId!: string | null;
}

export const ACCOUNT_ENTITIES = [AccountEntity, AccountTokenEntity, PairingCodeEntity, MemberGrantEntity];
