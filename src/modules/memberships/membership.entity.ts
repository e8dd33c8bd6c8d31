import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { PersonEntity } from '../people/person.entity';
import { CommitteeEntity } from '../committees/committee.entity';

/** A person's seat in a committee, possibly on behalf of a faction. */
@Entity('membership')
@Index('uq_membership_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_membership_committee', ['committeeId', 'endDate'])
@Index('ix_membership_person', ['personId'])
export class MembershipEntity extends TenantEntity {
  @Column('uuid')
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column('uuid')
  committeeId!: string;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id' })
  committee?: CommitteeEntity;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'boolean', default: true })
  votingRight!: boolean;

  @Column({ type: 'uuid', nullable: true })
  onBehalfOfId!: string | null;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'on_behalf_of_id' })
  onBehalfOf?: CommitteeEntity;

  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;
}
