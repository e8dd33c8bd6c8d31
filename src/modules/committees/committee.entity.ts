import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { LocationEntity } from '../locations/location.entity';

export const COMMITTEE_KINDS = ['council', 'committee', 'faction', 'party', 'administration', 'external', 'other'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** Gremium, Fraktion, Partei …: an OParl Organization. */
@Entity('committee')
@Index('uq_committee_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_committee_body_name', ['bodyId', 'name', 'id'])
export class CommitteeEntity extends TenantEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'text', nullable: true })
  shortName!: string | null;

  @Column({ type: 'enum', enum: COMMITTEE_KINDS, enumName: 'committee_kind' })
  kind!: CommitteeKind;

  /** Free classification such as "Ausschuss", "Beirat", "Parlament". */
  @Column({ type: 'text', nullable: true })
  classification!: string | null;

  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => CommitteeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: CommitteeEntity;

  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => LocationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'location_id' })
  location?: LocationEntity;

  @Column({ type: 'text', nullable: true })
  website!: string | null;
}
