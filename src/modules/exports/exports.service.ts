import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Scope } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Storage, StoredObjectMissing } from '../../infra/storage/storage';
import { contentDisposition, ifRangeHolds, noneMatch, notModifiedSince, parseRange } from '../files/content-http';
import type { ContentReply, ContentRequest } from '../files/files.service';
import type { ExportDto } from './dto/export.dto';
import { ExportRow, ExportsRepository } from './exports.repository';

/** `<slug>-export-20261206-030000.zip` */
function fileName(slug: string, generatedAt: Date): string {
  const stamp = generatedAt.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `${slug}-export-${stamp}.zip`;
}

/** Lists and serves the stored bulk exports of a body (built by the CLI or the worker). */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('exports');

  constructor(
    private readonly exports: ExportsRepository,
    private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private dto(scope: Scope, row: ExportRow): ExportDto {
    return {
      id: row.id,
      generatedAt: row.generated_at.toISOString(),
      size: Number(row.size),
      sha256: row.sha256,
      counts: row.counts,
      url: `${this.config.publicUrl}/v1/bodies/${scope.body.slug}/exports/${row.id}`,
    };
  }

  async list(scope: Scope): Promise<Page<ExportDto>> {
    const rows = await this.exports.list(scope.body.id);
    return { data: rows.map((row) => this.dto(scope, row)), links: { self: `${this.config.publicUrl}/v1/bodies/${scope.body.slug}/exports` } };
  }

  /** Decides the answer to a download (`id` null: the newest) and opens the storage stream for it. */
  async download(scope: Scope, id: string | null, request: ContentRequest): Promise<ContentReply> {
    const row = id ? await this.exports.one(scope.body.id, id) : await this.exports.latest(scope.body.id);
    if (!row) throw id ? Problem.notFound('export', id) : new Problem(404, 'no_export_yet', { body: scope.body.slug });
    const size = Number(row.size);
    const etag = `"${row.sha256.slice(0, 32)}"`;
    const validators = { ETag: etag, 'Last-Modified': row.generated_at.toUTCString() };
    const notModified = request.ifNoneMatch !== undefined ? noneMatch(request.ifNoneMatch, etag) : notModifiedSince(request.ifModifiedSince, row.generated_at);
    if (notModified) return { status: 304, headers: validators };

    const range = ifRangeHolds(request.ifRange, etag, row.generated_at) ? parseRange(request.range, size) : { kind: 'none' as const };
    if (range.kind === 'unsatisfiable') {
      return { status: 416, headers: { 'Content-Range': `bytes */${size}`, 'Accept-Ranges': 'bytes' }, problem: new Problem(416, 'range_outside', { size }) };
    }
    const headers: Record<string, string> = {
      ...validators,
      'Content-Type': 'application/zip',
      'Accept-Ranges': 'bytes',
      'Content-Disposition': contentDisposition(fileName(scope.body.slug, row.generated_at), true),
      'X-Content-Type-Options': 'nosniff',
    };
    // An archive at its id never changes; `latest` names another one after the next build.
    if (id) headers['Cache-Control'] = 'public, max-age=86400, immutable';
    if (!id) headers['Content-Location'] = `${this.config.publicUrl}/v1/bodies/${scope.body.slug}/exports/${row.id}`;
    const part = range.kind === 'range' ? { start: range.start, end: range.end } : undefined;
    if (part) headers['Content-Range'] = `bytes ${part.start}-${part.end}/${size}`;
    headers['Content-Length'] = String(part ? part.end - part.start + 1 : size);
    const status = part ? 206 : 200;
    if (request.head) return { status, headers, body: null };
    try {
      return { status, headers, body: await this.storage.get(row.storage_key, part) };
    } catch (error) {
      if (!(error instanceof StoredObjectMissing)) throw error;
      this.logger.error(`export ${row.id}: no archive in storage under ${row.storage_key}`);
      throw new Problem(500, 'export_bytes_missing');
    }
  }
}
