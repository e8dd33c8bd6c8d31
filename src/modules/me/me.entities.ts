import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RESOURCE_KINDS, ResourceKind } from '../../common/access/resources';
import { AccountEntity } from '../accounts/account.entities';
import { FileEntity } from '../files/file.entity';

/** What a note may be about. */
export const NOTE_TARGETS = ['session', 'agenda-item', 'document', 'file', 'committee'] as const;
export type NoteTargetType = (typeof NOTE_TARGETS)[number];

/** What can be followed: objects whose changes reach the feed, and keywords. */
export const FOLLOW_KINDS = ['committee', 'document', 'session', 'keyword'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

export const MARKING_COLORS = ['yellow', 'green', 'blue', 'pink', 'orange', 'purple'] as const;
export type MarkingColor = (typeof MARKING_COLORS)[number];

export const ANCHOR_STATUSES = ['anchored', 'fuzzy', 'orphaned', 'pending'] as const;

const live = 'deleted_at IS NULL';

/**
 * Columns of every personal item: the owner, an id (the client may choose it: ids are unique
 * per account), `version` (counts changes; the ETag, for If-Match), `seq` (the account's sync
 * position of the last change) and a tombstone (`deletedAt`; the content is gone, the row
 * stays for the sync feed until ME_TOMBSTONE_DAYS have passed).
 */
abstract class PersonalItem {
  @PrimaryColumn('uuid')
  accountId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column('bigint')
  seq!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  modifiedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

/**
 * A private note. `content` holds the text and tags, AES-256-GCM encrypted with the account's
 * data key; `tagTokens` and `searchTokens` are keyed hashes (blind index) for filtering by tag
 * and searching, never words.
 */
@Entity('me_note')
@Index('uq_me_note_seq', ['accountId', 'seq'], { unique: true })
@Index('ix_me_note_target', ['accountId', 'targetType', 'targetId', 'createdAt', 'id'], { where: live })
@Index('ix_me_note_body', ['accountId', 'bodyId', 'createdAt', 'id'], { where: live })
@Index('ix_me_note_live', ['accountId', 'createdAt', 'id'], { where: live })
@Index('ix_me_note_tags', { synchronize: false })
@Index('ix_me_note_search', { synchronize: false })
export class NoteEntity extends PersonalItem {
  @Column({ type: 'enum', enum: NOTE_TARGETS, enumName: 'me_note_target_type' })
  targetType!: NoteTargetType;

  @Column('uuid')
  targetId!: string;

  /** The body of the target, kept when the target goes away. */
  @Column('uuid')
  bodyId!: string;

  @Column({ type: 'int', nullable: true })
  page!: number | null;

  @Column({ type: 'bytea', nullable: true })
  content!: Buffer | null;

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  tagTokens!: string[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  searchTokens!: string[];
}

/**
 * A highlight in a file's text. `content` (encrypted) holds the selectors as the client gave
 * them (TextQuoteSelector, TextPositionSelector, page), where the marking is anchored now,
 * the note and the tags. `anchorStatus` says whether the quote is found in the current text;
 * `anchorTextHash` identifies the text the anchor was computed on.
 */
@Entity('me_marking')
@Index('uq_me_marking_seq', ['accountId', 'seq'], { unique: true })
@Index('ix_me_marking_file', ['accountId', 'fileId', 'createdAt', 'id'], { where: live })
@Index('ix_me_marking_body', ['accountId', 'bodyId', 'createdAt', 'id'], { where: live })
@Index('ix_me_marking_live', ['accountId', 'createdAt', 'id'], { where: live })
@Index('ix_me_marking_anchoring', ['fileId'], { where: live })
@Index('ix_me_marking_tags', { synchronize: false })
@Index('ix_me_marking_search', { synchronize: false })
export class MarkingEntity extends PersonalItem {
  @Column('uuid')
  fileId!: string;

  @Column('uuid')
  bodyId!: string;

  @Column({ type: 'enum', enum: MARKING_COLORS, enumName: 'me_marking_color', nullable: true })
  color!: MarkingColor | null;

  @Column({ type: 'enum', enum: ANCHOR_STATUSES, enumName: 'me_anchor_status', nullable: true })
  anchorStatus!: (typeof ANCHOR_STATUSES)[number] | null;

  @Column({ type: 'char', length: 64, nullable: true })
  anchorTextHash!: string | null;

  @Column({ type: 'bytea', nullable: true })
  content!: Buffer | null;

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  tagTokens!: string[];

  @Column({ type: 'bigint', array: true, default: () => "'{}'" })
  searchTokens!: string[];
}

/** A bookmark of any object the owner could see; one per object. */
@Entity('me_bookmark')
@Index('uq_me_bookmark_seq', ['accountId', 'seq'], { unique: true })
@Index('uq_me_bookmark_target', ['accountId', 'targetType', 'targetId'], { unique: true, where: live })
@Index('ix_me_bookmark_live', ['accountId', 'createdAt', 'id'], { where: live })
export class BookmarkEntity extends PersonalItem {
  @Column({ type: 'enum', enum: RESOURCE_KINDS, enumName: 'me_bookmark_target_type' })
  targetType!: ResourceKind;

  @Column('uuid')
  targetId!: string;

  @Column('uuid')
  bodyId!: string;
}

/**
 * A follow: a committee, document or session, or a keyword in one body (the keyword itself
 * encrypted; `keywordToken` keeps it unique). The feed shows what changed in them.
 */
@Entity('me_follow')
@Index('uq_me_follow_seq', ['accountId', 'seq'], { unique: true })
@Index('uq_me_follow_target', ['accountId', 'kind', 'targetId'], { unique: true, where: `${live} AND target_id IS NOT NULL` })
@Index('uq_me_follow_keyword', ['accountId', 'bodyId', 'keywordToken'], { unique: true, where: `${live} AND keyword_token IS NOT NULL` })
@Index('ix_me_follow_live', ['accountId', 'createdAt', 'id'], { where: live })
export class FollowEntity extends PersonalItem {
  @Column({ type: 'enum', enum: FOLLOW_KINDS, enumName: 'me_follow_kind' })
  kind!: FollowKind;

  @Column({ type: 'uuid', nullable: true })
  targetId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  bodyId!: string | null;

  @Column({ type: 'bytea', nullable: true })
  keyword!: Buffer | null;

  @Column({ type: 'bigint', nullable: true })
  keywordToken!: string | null;
}

/**
 * A create made with an `Idempotency-Key`: what it created, and a keyed fingerprint of the
 * request (never the request itself), for 24 hours.
 */
@Entity('me_idempotency_key')
@Index('ix_me_idempotency_key_created', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  accountId!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  keyHash!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column('text')
  resource!: string;

  @Column('uuid')
  resourceId!: string;

  @Column('smallint')
  status!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A file that has markings: when its text was last compared with their anchors. */
@Entity('me_file_anchor')
export class FileAnchorEntity {
  @PrimaryColumn('uuid')
  fileId!: string;

  @ManyToOne(() => FileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: FileEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  checkedAt!: Date;
}

export const ME_ENTITIES = [NoteEntity, MarkingEntity, BookmarkEntity, FollowEntity, IdempotencyKeyEntity, FileAnchorEntity];
