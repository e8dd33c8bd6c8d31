import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One stored export archive of a body; the bytes are in storage under `storageKey`. */
@Entity('body_export')
@Index('ix_body_export_body', ['bodyId', 'generatedAt'])
export class BodyExportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_body_export' })
  id!: string;

  @Column('uuid')
  bodyId!: string;

  @Column('timestamptz')
  generatedAt!: Date;

  /** Bytes of the archive (bigint: a string from pg). */
  @Column('bigint')
  size!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column('text')
  storageKey!: string;

  /** Rows per table (the same counts the manifest holds). */
  @Column('jsonb')
  counts!: Record<string, number>;
}
