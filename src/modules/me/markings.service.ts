import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AccountRef } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { pageLinks } from '../../common/pagination/links';
import { DEFAULT_LIMIT } from '../../common/pagination/list-query.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { DataKey } from '../accounts/accounts.crypto';
import { AccountsService, quota } from '../accounts/accounts.service';
import { BodyDirectory } from '../bodies/body-directory.service';
import { annotationPage, markingAnnotation } from './annotations';
import type { CreateMarkingDto, MarkingDto, MarkingQueryDto, TextPositionDto, TextQuoteDto, UpdateMarkingDto } from './dto/marking.dto';
import { bodyFilter, cutPage, gone, idTaken, itemAad, notFound, sameTags, targetView, uniqueTags } from './items';
import { MarkingRow, MarkingsRepository } from './markings.repository';
import type { MarkingColor } from './me.entities';
import { anchorIn, MarkingContent, markingColumns } from './marking-content';
import type { ListResult } from './notes.service';
import { readContext } from './notes.repository';
import { checkIfMatch, Created, PersonalTx, PersonalWriter, requireIfMatch } from './personal-writer';
import { matchesAll, sealedFilters } from './search-terms';

const quoteOf = (q: TextQuoteDto): MarkingContent['quote'] => ({ exact: q.exact, ...(q.prefix ? { prefix: q.prefix } : {}), ...(q.suffix ? { suffix: q.suffix } : {}) });

function checkPosition(position: TextPositionDto | null | undefined, field: string): void {
  if (position && position.end < position.start) throw Problem.invalid([{ field: `${field}.end`, text: 'before_start', params: { start: `${field}.start` } }]);
}

/**
 * Highlights in a file's text as W3C Web Annotation targets: the quote with its context, the
 * position and page as hints. Anchored against the file's text when made or changed, and
 * re-anchored by the worker when the text changes (see anchoring.job.ts); a quote the new
 * text no longer holds leaves the marking orphaned, never deleted.
 */
@Injectable()
export class MarkingsService {
  constructor(
    private readonly markings: MarkingsRepository,
    private readonly writer: PersonalWriter,
    private readonly accounts: AccountsService,
    private readonly bodies: BodyDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  view(accountId: string, key: DataKey, row: MarkingRow): MarkingDto {
    if (!row.content) throw new Error('a deleted marking has no view');
    const c = key.openJson<MarkingContent>(itemAad('marking', accountId, row.id), row.content);
    // Where a quote sits in a text the account can no longer see is not shown either.
    const anchorView = row.file ? c.anchor : { status: c.anchor.status };
    return {
      id: row.id,
      version: row.version,
      file: targetView('file', row.fileId, null, row.file),
      quote: c.quote,
      ...(c.position ? { position: c.position } : {}),
      ...(c.page ? { page: c.page } : {}),
      anchor: anchorView,
      color: row.color,
      note: c.note,
      tags: c.tags,
      createdAt: row.createdAt,
      modifiedAt: row.modifiedAt,
    };
  }

  async list(account: AccountRef, query: MarkingQueryDto, request: FastifyRequest): Promise<ListResult> {
    const key = this.accounts.dataKey(account);
    const { words, filters } = sealedFilters(key, query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const bodyId = await bodyFilter(this.bodies, query.body);
    const rows = await this.markings.list(readContext(account, this.config.publicUrl), { fileId: query.file_id, bodyId, status: query.status, ...filters }, limit);
    const { items, next } = cutPage(rows, limit);
    let markings = items.map((row) => this.view(account.id, key, row));
    if (words.length) markings = markings.filter((m) => matchesAll(words, m.quote.exact, m.note, ...m.tags));
    const links = pageLinks(this.config.publicUrl, request, next);
    if (query.format === 'jsonld') {
      return { contentType: 'jsonld', body: JSON.stringify(annotationPage(links, markings.map((m) => markingAnnotation(this.config.publicUrl, m)))) };
    }
    return { contentType: 'json', body: JSON.stringify({ data: markings, links }) };
  }

  async get(account: AccountRef, id: string): Promise<MarkingDto> {
    const row = await this.markings.one(readContext(account, this.config.publicUrl), id);
    if (!row) throw notFound('marking', id);
    if (row.deleted) throw gone('marking', id);
    return this.view(account.id, this.accounts.dataKey(account), row);
  }

  async create(account: AccountRef, input: CreateMarkingDto, idempotencyKey: string | undefined): Promise<{ marking: MarkingDto; status: 200 | 201; replayed: boolean }> {
    checkPosition(input.position, 'position');
    const file = await this.markings.visibleFile(input.fileId, account.memberBodyIds);
    if (!file) throw Problem.invalid([{ field: 'fileId', text: 'not_visible_reference', params: { kind: noun('file') } }]);
    const selectors = { quote: quoteOf(input.quote), ...(input.position ? { position: { start: input.position.start, end: input.position.end } } : {}), ...(input.page ? { page: input.page } : {}) };
    const content: MarkingContent = { ...selectors, anchor: anchorIn(file.text, selectors), note: input.note ?? null, tags: uniqueTags(input.tags) };
    const color = input.color ?? 'yellow';
    const created = await this.writer.create(account, idempotencyKey, { resource: 'marking', body: input }, async (tx): Promise<Created> => {
      if (input.id) {
        const existing = await this.markings.lock(tx, readContext(account, this.config.publicUrl), input.id);
        if (existing) return this.repeated(tx, existing, input.fileId, color, content);
      }
      const max = this.config.accounts.maxMarkings;
      if ((await this.markings.countLive(tx)) >= max) throw quota('markings', max, 'items_quota', { what: noun('markings'), max });
      const id = input.id?.toLowerCase() ?? randomUUID();
      await this.markings.insert(tx, { id, fileId: input.fileId.toLowerCase(), bodyId: file.bodyId, ...markingColumns(tx.key, tx.accountId, id, color, content, file.text) });
      return { id, status: 201 };
    });
    return { marking: await this.get(account, created.id), status: created.status, replayed: created.replayed };
  }

  private repeated(tx: PersonalTx, existing: MarkingRow, fileId: string, color: MarkingColor, content: MarkingContent): Created {
    if (existing.deleted) throw gone('marking', existing.id);
    const current = this.view(tx.accountId, tx.key, existing);
    const same =
      existing.fileId === fileId.toLowerCase() &&
      existing.color === color &&
      JSON.stringify(current.quote) === JSON.stringify(content.quote) &&
      JSON.stringify(current.position ?? null) === JSON.stringify(content.position ?? null) &&
      (current.page ?? null) === (content.page ?? null) &&
      current.note === content.note &&
      sameTags(current.tags, content.tags);
    if (!same) throw idTaken('marking', existing.id, current);
    return { id: existing.id, status: 200 };
  }

  async update(account: AccountRef, id: string, input: UpdateMarkingDto, ifMatch: string | undefined): Promise<MarkingDto> {
    const accepted = requireIfMatch(ifMatch);
    checkPosition(input.position, 'position');
    await this.writer.transaction(account, async (tx) => {
      const row = await this.markings.lock(tx, readContext(account, this.config.publicUrl), id);
      if (!row) throw notFound('marking', id);
      if (row.deleted) throw gone('marking', id);
      checkIfMatch(accepted, row.version, () => this.view(tx.accountId, tx.key, row));
      const old = tx.key.openJson<MarkingContent>(itemAad('marking', tx.accountId, row.id), row.content as Buffer);
      const next: MarkingContent = {
        quote: input.quote ? quoteOf(input.quote) : old.quote,
        ...(input.position === undefined ? (old.position ? { position: old.position } : {}) : input.position ? { position: { start: input.position.start, end: input.position.end } } : {}),
        ...(input.page === undefined ? (old.page ? { page: old.page } : {}) : input.page ? { page: input.page } : {}),
        anchor: old.anchor,
        note: input.note === undefined ? old.note : input.note,
        tags: input.tags === undefined ? old.tags : uniqueTags(input.tags),
      };
      const color = input.color ?? row.color;
      const reselected = input.quote !== undefined || input.position !== undefined || input.page !== undefined;
      let text: string | null | undefined;
      if (reselected) {
        // A new selection is anchored at once, in the text the account sees now.
        const file = await this.markings.visibleFile(row.fileId, account.memberBodyIds);
        text = file ? file.text : null;
        next.anchor = file ? anchorIn(file.text, next) : { status: 'pending' };
      }
      const unchanged = !reselected && color === row.color && next.note === old.note && JSON.stringify(next.tags) === JSON.stringify(old.tags);
      if (unchanged) return;
      const columns = markingColumns(tx.key, tx.accountId, row.id, color, next, text ?? null);
      // Same selectors: the anchor still belongs to the text it was computed on.
      if (!reselected) columns.anchorTextHash = row.anchorTextHash;
      await this.markings.update(tx, row.id, columns);
    });
    return this.get(account, id);
  }

  remove(account: AccountRef, id: string, ifMatch: string | undefined): Promise<void> {
    return this.writer.removeSealed(account, 'marking', id, ifMatch, {
      lock: (tx) => this.markings.lock(tx, readContext(account, this.config.publicUrl), id),
      view: (tx, row) => this.view(tx.accountId, tx.key, row),
      clear: ', anchor_text_hash = NULL',
    });
  }
}
