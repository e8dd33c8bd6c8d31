import { Column, Entity } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';

/** Wahlperiode. */
@Entity('legislative_term')
export class LegislativeTermEntity extends TenantEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;
}
