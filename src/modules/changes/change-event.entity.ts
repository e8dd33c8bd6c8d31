import { BodyEntity } from '../bodies/body.entity';
import { Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox: one row per write that changes what readers see, inserted in the same
 * transaction as the write. `audienceBefore`/`audienceAfter` say who could see the resource
 * before and after (0 editors only, 1 members, 2 everyone), so the public feed can show a
 * de-publication as a deletion and hide changes nobody outside the city hall could see.
 */
@Entity('change_event')
@Index('ix_change_event_body', ['bodyId', 'id'])
@Index('ix_change_event_unrelayed', ['id'], { where: 'relayed_at IS NULL' })
export class ChangeEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid')
  bodyId!: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @Column('text')
  resource!: string;

  @Column('uuid')
  resourceId!: string;

  @Column('text')
  action!: string;

  @Column('smallint')
  audienceBefore!: number;

  @Column('smallint')
  audienceAfter!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}
