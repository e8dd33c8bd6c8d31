import { BodyEntity } from '../bodies/body.entity';
import { Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const API_KEY_ROLES = ['admin', 'editor', 'member'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An API key. Only the SHA-256 of the secret is stored; the key itself is shown once. */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column({ type: 'enum', enum: API_KEY_ROLES, enumName: 'api_key_role' })
  role!: ApiKeyRole;

  /** Null only for admin keys, which act on every body. */
  @Column({ type: 'uuid', nullable: true })
  bodyId!: string | null;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: BodyEntity;

  @Index('uq_api_key_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash!: string;

  /** First characters of the key, to recognise it in listings. */
  @Column('text')
  keyPrefix!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
