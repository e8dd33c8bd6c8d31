import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../infra/database/base.entity';
import { DocumentEntity } from '../documents/document.entity';
import { AgendaItemEntity } from '../agenda-items/agenda-item.entity';
import { SessionEntity } from '../sessions/session.entity';
import { TEXT_ORIGINS, TEXT_PENDING_SQL, TextOrigin } from './file-text';

export const FILE_ROLES = ['main', 'auxiliary', 'resolution', 'invitation', 'results_protocol', 'verbatim_protocol'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/** Datei / Anlage: bytes in storage plus what we know about them. */
@Entity('file')
@Index('uq_file_source', ['bodyId', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('ix_file_document', ['documentId', 'position'])
@Index('ix_file_agenda_item', ['agendaItemId', 'position'])
@Index('ix_file_session', ['sessionId', 'position'])
@Index('ix_file_text_pending', ['id'], { where: TEXT_PENDING_SQL })
export class FileEntity extends TenantEntity {
  @Column('text')
  name!: string;

  @Column('text')
  fileName!: string;

  @Column('text')
  mimeType!: string;

  @Column('bigint')
  size!: string;

  /** Lowercase hex SHA-512 of the stored bytes; null for imported files whose bytes were not fetched. */
  @Column({ type: 'char', length: 128, nullable: true })
  sha512!: string;

  /** Null for imported files whose bytes were not fetched (see `sourceAccessUrl`). */
  @Column({ type: 'text', nullable: true })
  storageKey!: string;

  @Column({ type: 'date', nullable: true })
  date!: string | null;

  @Column({ type: 'boolean', default: true })
  public!: boolean;

  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @ManyToOne(() => DocumentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'document_id' })
  document?: DocumentEntity;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ type: 'enum', enum: FILE_ROLES, enumName: 'file_role', default: 'auxiliary' })
  role!: FileRole;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'text', nullable: true })
  fileLicense!: string | null;

  /**
   * The file's plain text, as search and clients read it: extracted from the bytes by the
   * worker, or for imported files the text their source delivered (see `textOrigin`).
   */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** Where `text` came from: `source` (an import's OParl File.text) or an extraction method; null without text. */
  @Column({ type: 'enum', enum: TEXT_ORIGINS, enumName: 'file_text_origin', nullable: true })
  textOrigin!: TextOrigin | null;

  /**
   * Imported files: the source's File.text while text extracted from the bytes stands in for it
   * in `text` (null otherwise), so that a later extraction that finds nothing can fall back to it.
   */
  @Column({ type: 'text', nullable: true })
  sourceText!: string | null;

  /** Imported files: what the source says of the bytes (modified, size, checksums, URL), as of the last import. */
  @Column({ type: 'jsonb', nullable: true })
  sourceVersion!: Record<string, string | number> | null;

  /** Imported files: `sourceVersion` when the stored bytes were fetched; the bytes are fetched again when it differs. */
  @Column({ type: 'jsonb', nullable: true })
  fetchedVersion!: Record<string, string | number> | null;

  /** Imported files: where the old system serves the bytes (OParl `accessUrl`). */
  @Column({ type: 'text', nullable: true })
  sourceAccessUrl!: string | null;

  /** Imported files: the old system's `downloadUrl`, when it has one. */
  @Column({ type: 'text', nullable: true })
  sourceDownloadUrl!: string | null;

  /** Number of pages of the extracted text (pages are separated by form feeds in `text`). */
  @Column({ type: 'int', nullable: true })
  pageCount!: number | null;

  /**
   * Extraction from the stored bytes: null (not yet, or no stored bytes), `done`, `empty` (no
   * text found), `unsupported` or `failed`. Independent of `textOrigin`: an imported file may
   * keep its source's text after an `empty` or `failed` extraction.
   */
  @Column({ type: 'text', nullable: true })
  textStatus!: string | null;

  /** Why the last extraction failed. */
  @Column({ type: 'text', nullable: true })
  textError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  textExtractedAt!: Date | null;

  /** SHA-512 of the bytes the text was extracted from (extraction is skipped when unchanged). */
  @Column({ type: 'char', length: 128, nullable: true })
  textSourceSha512!: string | null;
}
