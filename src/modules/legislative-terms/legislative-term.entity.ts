import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';

/** Wahlperiode. */
@Entity('legislative_term')
@Index('uq_legislative_term_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
export class LegislativeTermEntity extends TenantEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;
}
