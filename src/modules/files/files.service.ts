import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { fileCsp } from '../../common/http/csp';
import { FieldError, fieldErrors, Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { Json } from '../../common/http/json';
import { bodyBase } from '../../common/http/urls';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Storage, StoredObjectMissing } from '../../infra/storage/storage';
import { checkRefs, Ref, ResourceWriter } from '../changes/resource-writer.service';
import { contentDisposition, contentType, ifRangeHolds, inlineSafe, noneMatch, notModifiedSince, parseRange } from './content-http';
import type { FileDetailDto, FileDto } from './dto/file.dto';
import type { FileQueryDto } from './dto/file-query.dto';
import { UPLOAD_FIELDS, UpdateFileDto, UploadFileFieldsDto } from './dto/file-write.dto';
import { FileEntity } from './file.entity';
import { intakeFile, IntakeResult, tooLarge } from './file-intake';
import { safeFileName, withoutInvisibles } from './file-name';
import { FILE_ORDER, FileParent, FilesRepository } from './files.repository';

/** Conditional and range headers of a content request. */
export interface ContentRequest {
  head: boolean;
  download: boolean;
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/** How to answer a content request; the controller only copies it onto the reply. */
export type ContentReply =
  | { status: 200 | 206; headers: Record<string, string>; body: Readable | null }
  | { status: 304; headers: Record<string, string> }
  | { status: 307; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string>; problem: Problem };

type ParentIds = { documentId?: string | null; agendaItemId?: string | null; sessionId?: string | null };

const PARENT_FIELDS = [
  { field: 'documentId', column: 'document_id', kind: 'document' },
  { field: 'agendaItemId', column: 'agenda_item_id', kind: 'agenda-item' },
  { field: 'sessionId', column: 'session_id', kind: 'session' },
] as const;

function parentOf(ids: ParentIds): FileParent {
  for (const p of PARENT_FIELDS) {
    const id = ids[p.field];
    if (id) return { column: p.column, id };
  }
  return null;
}

function parentRefs(ids: ParentIds): Ref[] {
  return PARENT_FIELDS.map((p) => ({ field: p.field, kind: p.kind, id: ids[p.field] }));
}

/** A file's title is stored without invisible characters (see withoutInvisibles); one of nothing else is refused. */
function visibleNameError(name: string | undefined): FieldError | null {
  return name !== undefined && withoutInvisibles(name) === '' ? { field: 'name', text: 'not_visible' } : null;
}

function checkSingleParent(ids: ParentIds): void {
  const set = PARENT_FIELDS.filter((p) => ids[p.field]);
  if (set.length > 1) {
    throw Problem.invalid(set.map((p) => ({ field: p.field, text: 'one_file_owner' })));
  }
}

@Injectable()
export class FilesService {
  private readonly logger = new Logger('files');

  constructor(
    private readonly files: FilesRepository,
    private readonly writer: ResourceWriter,
    private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    writer.shows('file', (scope, id) => this.get(scope, id));
  }

  private base(scope: Scope): string {
    return bodyBase(this.config.publicUrl, scope.body);
  }

  async list(scope: Scope, query: FileQueryDto, request: FastifyRequest): Promise<Json<Page<FileDto>>> {
    return renderPage(query, FILE_ORDER, this.config.publicUrl, request, (limit) => this.files.list(scope, query, limit, this.base(scope)));
  }

  async get(scope: Scope, id: string, withText = false): Promise<Json<FileDetailDto>> {
    const row = await this.files.detail(scope, id, this.base(scope), withText);
    if (!row) throw Problem.notFound('file', id);
    if (row.gone) throw new Problem(410, 'no_longer_available', { what: noun('file'), id });
    return row.j;
  }

  /** Decides the answer to a request for the bytes and opens the storage stream for it. */
  async content(scope: Scope, id: string, request: ContentRequest): Promise<ContentReply> {
    const file = await this.files.content(scope, id);
    if (!file) throw Problem.notFound('file', id);
    if (file.gone) throw new Problem(410, 'no_longer_available', { what: noun('file'), id });
    if (!file.storageKey || !file.sha512) {
      // Imported, bytes not fetched (yet): the system it came from still serves them.
      const source = request.download ? (file.sourceDownloadUrl ?? file.sourceUrl) : (file.sourceUrl ?? file.sourceDownloadUrl);
      if (source) return { status: 307, headers: { Location: source } };
      throw new Problem(404, 'file_bytes_unavailable', { id });
    }

    const etag = `"${file.sha512.slice(0, 32)}"`;
    const validators = { ETag: etag, 'Last-Modified': file.createdAt.toUTCString() };
    const notModified = request.ifNoneMatch !== undefined ? noneMatch(request.ifNoneMatch, etag) : notModifiedSince(request.ifModifiedSince, file.createdAt);
    if (notModified) return { status: 304, headers: validators };

    const range = ifRangeHolds(request.ifRange, etag, file.createdAt) ? parseRange(request.range, file.size) : { kind: 'none' as const };
    if (range.kind === 'unsatisfiable') {
      return {
        status: 416,
        headers: { 'Content-Range': `bytes */${file.size}`, 'Accept-Ranges': 'bytes' },
        problem: new Problem(416, 'range_outside', { size: file.size }),
      };
    }
    const headers: Record<string, string> = {
      ...validators,
      'Content-Type': contentType(file.mimeType),
      'Accept-Ranges': 'bytes',
      // Inline only what a browser shows without running anything; everything else downloads.
      'Content-Disposition': contentDisposition(file.fileName, request.download || !inlineSafe(file.mimeType)),
      'Content-Security-Policy': fileCsp(file.mimeType),
      'X-Content-Type-Options': 'nosniff',
    };
    const part = range.kind === 'range' ? { start: range.start, end: range.end } : undefined;
    if (part) headers['Content-Range'] = `bytes ${part.start}-${part.end}/${file.size}`;
    headers['Content-Length'] = String(part ? part.end - part.start + 1 : file.size);
    const status = part ? 206 : 200;
    if (request.head || (!part && file.size === 0)) return { status, headers, body: null };
    try {
      return { status, headers, body: await this.storage.get(file.storageKey, part) };
    } catch (error) {
      if (!(error instanceof StoredObjectMissing)) throw error;
      this.logger.error(`file ${id}: no bytes in storage under ${file.storageKey}`);
      throw new Problem(500, 'file_bytes_missing');
    }
  }

  /**
   * Takes a multipart upload: form fields first, then the `file` part. The bytes are
   * stored before the row is written; whatever fails afterwards removes them again.
   */
  async upload(scope: Scope, request: FastifyRequest): Promise<string> {
    if (!request.isMultipart()) throw new Problem(415, 'multipart_required');
    const fields: Record<string, string> = {};
    const errors: FieldError[] = [];
    let stored: (IntakeResult & { id: string; key: string; fileName: string; input: UploadFileFieldsDto }) | undefined;
    let current: Readable | undefined;
    try {
      for await (const part of request.parts()) {
        if (stored) {
          throw Problem.invalid([{ field: part.fieldname, text: 'fields_before_file' }]);
        }
        if (part.type === 'field') {
          if (!UPLOAD_FIELDS.includes(part.fieldname)) errors.push({ field: part.fieldname, text: 'unknown_form_field' });
          else if (Object.hasOwn(fields, part.fieldname)) errors.push({ field: part.fieldname, text: 'sent_twice' });
          else if (part.valueTruncated || typeof part.value !== 'string') errors.push({ field: part.fieldname, text: 'too_long_or_not_text' });
          else fields[part.fieldname] = part.value;
          continue;
        }
        current = part.file;
        if (part.fieldname !== 'file') {
          errors.push({ field: part.fieldname, text: 'unknown_form_field_file' });
        }
        const input = await this.uploadFields(fields, errors);
        // Before taking the bytes; a read only, so no write transaction (which would drop cached pages).
        await checkRefs(this.dataSource.manager, scope.body.id, parentRefs(input));
        const id = randomUUID();
        const key = `${scope.body.id}/${id}`;
        const fileName = safeFileName(part.filename, id);
        const result = await intakeFile(this.storage, key, { stream: part.file, declaredType: part.mimetype, fileName }, this.config.upload);
        stored = { ...result, id, key, fileName, input };
      }
      if (!stored) {
        await this.uploadFields(fields, [...errors, { field: 'file', text: 'file_part_required' }]);
      }
    } catch (error) {
      if (stored) await this.forget(stored.key);
      this.drain(request, current);
      throw this.uploadProblem(error);
    }

    const file = stored as NonNullable<typeof stored>;
    const { id, key, input } = file;
    try {
      await this.writer.transaction(scope, async (tx) => {
        await tx.checkRefs(parentRefs(input));
        const parent = parentOf(input);
        const position = input.position ?? (await this.files.nextPosition(tx.manager, scope.body.id, parent));
        await tx.insert(
          'file',
          FileEntity,
          {
            id,
            name: input.name ?? file.fileName,
            fileName: file.fileName,
            mimeType: file.mimeType,
            size: String(file.size),
            sha512: file.sha512,
            storageKey: key,
            date: input.date ?? null,
            public: input.public ?? true,
            documentId: input.documentId ?? null,
            agendaItemId: input.agendaItemId ?? null,
            sessionId: input.sessionId ?? null,
            role: input.role ?? 'auxiliary',
            position,
          },
          input.publish,
        );
      });
    } catch (error) {
      await this.forget(key);
      throw error;
    }
    return id;
  }

  async update(scope: Scope, id: string, request: UpdateFileDto): Promise<void> {
    const nameError = visibleNameError(request.name);
    if (nameError) throw Problem.invalid([nameError]);
    const input: UpdateFileDto = request.name === undefined ? request : { ...request, name: withoutInvisibles(request.name) };
    await this.writer.transaction(scope, async (tx) => {
      const before = await this.writer.lockLive(tx, 'file', id);
      const current = await tx.manager.findOneByOrFail(FileEntity, { id });
      const parents: ParentIds = {
        documentId: input.documentId === undefined ? current.documentId : input.documentId,
        agendaItemId: input.agendaItemId === undefined ? current.agendaItemId : input.agendaItemId,
        sessionId: input.sessionId === undefined ? current.sessionId : input.sessionId,
      };
      checkSingleParent(parents);
      await tx.checkRefs(parentRefs(input));
      await tx.manager.update(FileEntity, { id }, {
        ...input,
        modifiedByKeyId: scope.caller.keyId,
        modifiedAt: new Date(),
      });
      await tx.record('file', id, 'updated', before, input);
    });
  }

  /** Soft delete: the row is tombstoned and the bytes are kept. */
  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'file', FileEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'file', FileEntity, id, publish);
  }

  /** Validates the upload's form fields; `errors` already holds the unknown ones. */
  private async uploadFields(fields: Record<string, string>, errors: FieldError[]): Promise<UploadFileFieldsDto> {
    const input = plainToInstance(UploadFileFieldsDto, fields);
    const invalid = fieldErrors(await validate(input, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: true } }));
    const nameError = invalid.length ? null : visibleNameError(input.name);
    const all = [...errors, ...invalid, ...(nameError ? [nameError] : [])];
    if (all.length) throw Problem.invalid(all, 'upload_fields_invalid');
    checkSingleParent(input);
    if (input.name !== undefined) input.name = withoutInvisibles(input.name);
    return input;
  }

  /** Deletes stored bytes that no row will point to. */
  private async forget(key: string): Promise<void> {
    await this.storage.delete(key).catch((error: unknown) => {
      this.logger.error(`could not delete unreferenced bytes under ${key}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * Reads and discards what is left of a refused upload, so that the client, which is
   * still sending, gets the answer cleanly: an unread file part is skipped by the parser;
   * once the parser has let go of the request, the request itself is read into the void.
   */
  private drain(request: FastifyRequest, file: Readable | undefined): void {
    if (file && !file.destroyed && !file.readableEnded) {
      file.on('error', () => undefined);
      file.resume();
    }
    const raw = request.raw;
    raw.on('error', () => undefined);
    setImmediate(() => {
      if (!raw.readableEnded && !raw.destroyed) raw.resume();
    });
  }

  /** Parser errors are the client's: a broken form is a 400, its limits a 413. */
  private uploadProblem(error: unknown): unknown {
    if (error instanceof Problem) return error;
    const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
    if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(this.config.upload.maxBytes);
    if (code === 'FST_FILES_LIMIT') return new Problem(413, 'one_file_per_upload');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return new Problem(413, 'too_many_form_fields');
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return new Problem(statusCode, 'upload_refused', { reason: error instanceof Error ? error.message : String(code) });
    }
    if (error instanceof Error && /multipart|boundary|part terminated|unexpected end/i.test(error.message)) {
      return new Problem(400, 'multipart_malformed', { reason: error.message });
    }
    return error;
  }
}
