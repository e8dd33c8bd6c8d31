import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { LocationEntity } from '../locations/location.entity';
import { CommitteeEntity } from '../committees/committee.entity';

export const SESSION_STATES = ['scheduled', 'invited', 'held'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Sitzung (OParl Meeting). Times are stored as instants and shown in Europe/Berlin. */
@Entity('session')
@Index('uq_session_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_session_body_start', ['bodyId', 'start', 'id'])
export class SessionEntity extends TenantEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'enum', enum: SESSION_STATES, enumName: 'session_state', default: 'scheduled' })
  state!: SessionState;

  @Column({ type: 'boolean', default: false })
  cancelled!: boolean;

  @Column({ type: 'timestamptz' })
  start!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  end!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => LocationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'location_id' })
  location?: LocationEntity;
}

/** The committees a session belongs to; position 0 is the lead committee. */
@Entity('session_committee')
@Index('ix_session_committee_committee', ['committeeId', 'sessionId'])
export class SessionCommitteeEntity {
  @Column({ type: 'uuid', primary: true })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ type: 'uuid', primary: true })
  committeeId!: string;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;

  @Column({ type: 'int', default: 0 })
  position!: number;
}
