import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';


/** Vorlage / Drucksache (OParl Paper). */
@Entity('document')
@Index('uq_document_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_document_body_date', ['bodyId', 'date', 'id'])
@Index('ix_document_body_type_date', ['bodyId', 'documentType', 'date', 'id'])
@Index('ix_document_body_reference', ['bodyId', 'reference'])
@Index('ix_document_superordinated', ['superordinatedDocumentId'])
export class DocumentEntity extends TenantEntity {
  @Column('text')
  name!: string;

  /** Drucksachen-Nummer such as "0123/2025". */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  /** Vorlagenart such as "Beschlussvorlage", "Antrag", "Anfrage". */
  @Column({ type: 'text', nullable: true })
  documentType!: string | null;

  /** Date of the document; keyset order, so never null (imports fall back to their created date). */
  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'boolean', default: true })
  public!: boolean;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  originatorPersonIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  originatorCommitteeIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  underDirectionOfIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  relatedDocumentIds!: string[];

  @Column({ type: 'uuid', nullable: true })
  superordinatedDocumentId!: string | null;

  @ManyToOne(() => DocumentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'superordinated_document_id' })
  superordinatedDocument?: DocumentEntity;
}
