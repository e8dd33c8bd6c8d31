import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { SessionEntity } from '../sessions/session.entity';

/** Tagesordnungspunkt. `public = false` marks a non-public (nichtöffentlich) item. */
@Entity('agenda_item')
@Index('uq_agenda_item_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_agenda_item_session', ['sessionId', 'position', 'id'])
export class AgendaItemEntity extends TenantEntity {
  @Column('uuid')
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  /** Displayed number, e.g. "Ö 3.1". */
  @Column({ type: 'text', nullable: true })
  number!: string | null;

  /** 0-based position within the session's agenda. */
  @Column('int')
  position!: number;

  @Column('text')
  name!: string;

  @Column({ type: 'boolean', default: true })
  public!: boolean;

  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionText!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  start!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  end!: Date | null;
}
