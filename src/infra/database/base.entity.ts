import { Column, CreateDateColumn, DeleteDateColumn, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BodyEntity } from '../../modules/bodies/body.entity';

/**
 * Columns every tenant row has: a uuid, the body it belongs to, created/modified stamps,
 * a publication stamp (null = draft, seen by editors only) and a soft-delete tombstone.
 */
@Index(['bodyId', 'id'])
export abstract class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  modifiedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;

  /**
   * The widest audience the row's own flags ever gave it (AUDIENCE: 2 everyone, 1 members,
   * 0 editors only). Kept by a database trigger on every write and never lowered; code never
   * writes it. See `onceVisible` in visibility.sql.ts.
   */
  @Column({ type: 'smallint', default: 0, insert: false, update: false, select: false })
  widestAudience!: number;

  /** The API key that made the last write (null for imports and seeds). */
  @Column({ type: 'uuid', nullable: true })
  modifiedByKeyId!: string | null;

  /**
   * Id of the record in the system it was imported from (for OParl its URL); null for records
   * made here. Unique per body (a partial unique index `uq_<table>_source` on each table).
   */
  @Column({ type: 'text', nullable: true })
  sourceId!: string | null;

  /**
   * API field names an editor changed by hand: a re-import leaves these fields alone.
   * Filled by the write endpoints; honoured by the importer.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  locallyOwned!: string[];

  /**
   * Moves on by one with every recorded change of the row (ResourceWriter and the importer);
   * editors see it as the strong ETag `"<version>"` and send it back in `If-Match`. Code never
   * writes it through the entity.
   */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version!: number;
}
