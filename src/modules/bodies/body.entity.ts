import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A city, district or county: the tenant every other row belongs to. */
@Entity('body')
export class BodyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_body_slug', { unique: true })
  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column({ type: 'text', nullable: true })
  shortName!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  /** Licence URL of the body's open data (OParl `license`). */
  @Column({ type: 'text', nullable: true })
  license!: string | null;

  /** Amtlicher Gemeindeschlüssel (8 digits). */
  @Column({ type: 'text', nullable: true })
  ags!: string | null;

  /** Regionalschlüssel (12 digits). */
  @Column({ type: 'text', nullable: true })
  rgs!: string | null;

  @Column({ type: 'text', nullable: true })
  classification!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  contactName!: string | null;

  /**
   * URL templates of the city's own website, e.g. `{"session": "https://example.org/sitzung/{id}"}`.
   * Used for `web` links and in mails; the backend itself is headless.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  webUrlTemplates!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  modifiedAt!: Date;

  /**
   * Moves on by one with every change of the body's settings; editors see it as the strong ETag
   * `"<version>"` and send it back in `If-Match` (see writeVersioned).
   */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version!: number;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
