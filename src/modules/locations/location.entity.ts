import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';

/** Ort: a room, an address, optionally a GeoJSON Feature ([lon, lat]). */
@Entity('location')
@Index('uq_location_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
export class LocationEntity extends TenantEntity {
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  streetAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  room!: string | null;

  @Column({ type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  subLocality!: string | null;

  @Column({ type: 'text', nullable: true })
  locality!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  geojson!: Record<string, unknown> | null;
}
