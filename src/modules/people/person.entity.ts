import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { LocationEntity } from '../locations/location.entity';

/**
 * Mandatsträger. Contact data is personal data: store only what the person agreed to publish.
 */
@Entity('person')
@Index('uq_person_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_person_body_name', ['bodyId', 'name', 'id'])
export class PersonEntity extends TenantEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'text', nullable: true })
  familyName!: string | null;

  @Column({ type: 'text', nullable: true })
  givenName!: string | null;

  @Column({ type: 'text', nullable: true })
  formOfAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  affix!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  title!: string[];

  @Column({ type: 'text', nullable: true })
  gender!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  email!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phone!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  status!: string[];

  @Column({ type: 'text', nullable: true })
  life!: string | null;

  @Column({ type: 'text', nullable: true })
  lifeSource!: string | null;

  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => LocationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'location_id' })
  location?: LocationEntity;
}
