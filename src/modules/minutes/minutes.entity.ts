import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { SessionEntity } from '../sessions/session.entity';
import { FileEntity } from '../files/file.entity';

export const MINUTES_KINDS = ['results', 'verbatim'] as const;
export type MinutesKind = (typeof MINUTES_KINDS)[number];
export const MINUTES_STATUSES = ['draft', 'approved', 'published'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** Niederschrift of a session: draft → approved → published. */
@Entity('minutes')
@Index('uq_minutes_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_minutes_session', ['sessionId', 'kind'])
@Index('ix_minutes_file', ['fileId'])
export class MinutesEntity extends TenantEntity {
  @Column('uuid')
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ type: 'enum', enum: MINUTES_KINDS, enumName: 'minutes_kind', default: 'results' })
  kind!: MinutesKind;

  @Column({ type: 'enum', enum: MINUTES_STATUSES, enumName: 'minutes_status', default: 'draft' })
  status!: MinutesStatus;

  @Column({ type: 'uuid', nullable: true })
  fileId!: string | null;

  @ManyToOne(() => FileEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'file_id' })
  file?: FileEntity;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;
}
