import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { DocumentEntity } from '../documents/document.entity';
import { AgendaItemEntity } from '../agenda-items/agenda-item.entity';
import { SessionEntity } from '../sessions/session.entity';
import { CommitteeEntity } from '../committees/committee.entity';

/** Beratungsfolge: a document on the agenda of a committee, possibly at a session. */
@Entity('consultation')
@Index('uq_consultation_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_consultation_document', ['documentId'])
@Index('ix_consultation_agenda_item', ['agendaItemId'])
@Index('ix_consultation_committee', ['committeeId', 'documentId'])
@Index('ix_consultation_session', ['sessionId'])
export class ConsultationEntity extends TenantEntity {
  @Column('uuid')
  documentId!: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: DocumentEntity;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ type: 'uuid', nullable: true })
  committeeId!: string | null;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;

  /** e.g. "Vorberatung", "Entscheidung", "Kenntnisnahme". */
  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'boolean', default: false })
  authoritative!: boolean;

  @Column({ type: 'int', default: 0 })
  position!: number;
}
