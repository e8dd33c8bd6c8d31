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
import { annotationPage, noteAnnotation } from './annotations';
import type { CreateNoteDto, NoteDto, NoteQueryDto, UpdateNoteDto } from './dto/note.dto';
import { bodyFilter, cutPage, gone, idTaken, itemAad, notFound, sameTags, targetView, uniqueTags } from './items';
import { NoteRow, NotesRepository, readContext } from './notes.repository';
import { checkIfMatch, Created, PersonalTx, PersonalWriter, requireIfMatch } from './personal-writer';
import { indexTokens, matchesAll, sealedFilters, tagToken } from './search-terms';
import { TargetResolver } from './target-resolver';

/** What is sealed in `me_note.content`. */
interface NoteContent {
  text: string;
  tags: string[];
}

export interface ListResult {
  body: string;
  contentType: 'json' | 'jsonld';
}

/**
 * Private notes on sessions, agenda items, documents, files (optionally a page) and
 * committees. The text and tags are encrypted with the account's data key; lists by tag and
 * the search go through keyed tokens; the target is shown only while the account may see it.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly notes: NotesRepository,
    private readonly targets: TargetResolver,
    private readonly writer: PersonalWriter,
    private readonly accounts: AccountsService,
    private readonly bodies: BodyDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  view(accountId: string, key: DataKey, row: NoteRow): NoteDto {
    if (!row.content) throw new Error('a deleted note has no view');
    const content = key.openJson<NoteContent>(itemAad('note', accountId, row.id), row.content);
    return {
      id: row.id,
      version: row.version,
      target: targetView(row.targetType, row.targetId, row.page, row.target),
      text: content.text,
      tags: content.tags,
      createdAt: row.createdAt,
      modifiedAt: row.modifiedAt,
    };
  }

  async list(account: AccountRef, query: NoteQueryDto, request: FastifyRequest): Promise<ListResult> {
    if (query.target_id && !query.target_type) throw Problem.invalid([{ field: 'target_id', text: 'needs', params: { other: 'target_type' } }]);
    const key = this.accounts.dataKey(account);
    const { words, filters } = sealedFilters(key, query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const bodyId = await bodyFilter(this.bodies, query.body);
    const rows = await this.notes.list(readContext(account, this.config.publicUrl), { targetType: query.target_type, targetId: query.target_id, bodyId, ...filters }, limit);
    const { items, next } = cutPage(rows, limit);
    let notes = items.map((row) => this.view(account.id, key, row));
    // The index narrows; the decrypted text decides (tokens are truncated hashes of prefixes).
    if (words.length) notes = notes.filter((n) => matchesAll(words, n.text, ...n.tags));
    const links = pageLinks(this.config.publicUrl, request, next);
    if (query.format === 'jsonld') return { contentType: 'jsonld', body: JSON.stringify(annotationPage(links, notes.map((n) => noteAnnotation(this.config.publicUrl, n)))) };
    return { contentType: 'json', body: JSON.stringify({ data: notes, links }) };
  }

  async get(account: AccountRef, id: string): Promise<NoteDto> {
    const row = await this.notes.one(readContext(account, this.config.publicUrl), id);
    if (!row) throw notFound('note', id);
    if (row.deleted) throw gone('note', id);
    return this.view(account.id, this.accounts.dataKey(account), row);
  }

  async create(account: AccountRef, input: CreateNoteDto, idempotencyKey: string | undefined): Promise<{ note: NoteDto; status: 200 | 201; replayed: boolean }> {
    if (input.target.page !== undefined && input.target.type !== 'file') {
      throw Problem.invalid([{ field: 'target.page', text: 'files_only' }]);
    }
    const bodyId = await this.targets.visibleBody(account, input.target.type, input.target.id, 'target.id');
    const tags = uniqueTags(input.tags);
    const created = await this.writer.create(account, idempotencyKey, { resource: 'note', body: input }, async (tx): Promise<Created> => {
      const ctx = readContext(account, this.config.publicUrl);
      if (input.id) {
        const existing = await this.notes.lock(tx, ctx, input.id);
        if (existing) return this.repeated(tx, existing, input, tags);
      }
      const max = this.config.accounts.maxNotes;
      if ((await this.notes.countLive(tx)) >= max) throw quota('notes', max, 'items_quota', { what: noun('notes'), max });
      const id = input.id?.toLowerCase() ?? randomUUID();
      await this.notes.insert(tx, {
        id,
        targetType: input.target.type,
        targetId: input.target.id.toLowerCase(),
        bodyId,
        page: input.target.page ?? null,
        ...this.sealed(tx, id, { text: input.text, tags }),
      });
      return { id, status: 201 };
    });
    return { note: await this.get(account, created.id), status: created.status, replayed: created.replayed };
  }

  /** A create with an id that exists: the same note again is fine (200); anything else is a conflict. */
  private repeated(tx: PersonalTx, existing: NoteRow, input: CreateNoteDto, tags: string[]): Created {
    if (existing.deleted) throw gone('note', existing.id);
    const current = this.view(tx.accountId, tx.key, existing);
    const same =
      current.target.type === input.target.type &&
      current.target.id === input.target.id.toLowerCase() &&
      (current.target.page ?? null) === (input.target.page ?? null) &&
      current.text === input.text &&
      sameTags(current.tags, tags);
    if (!same) throw idTaken('note', existing.id, current);
    return { id: existing.id, status: 200 };
  }

  async update(account: AccountRef, id: string, input: UpdateNoteDto, ifMatch: string | undefined): Promise<NoteDto> {
    const accepted = requireIfMatch(ifMatch);
    await this.writer.transaction(account, async (tx) => {
      const row = await this.notes.lock(tx, readContext(account, this.config.publicUrl), id);
      if (!row) throw notFound('note', id);
      if (row.deleted) throw gone('note', id);
      const current = this.view(tx.accountId, tx.key, row);
      checkIfMatch(accepted, row.version, () => current);
      if (input.page !== undefined && input.page !== null && row.targetType !== 'file') {
        throw Problem.invalid([{ field: 'page', text: 'file_notes_only' }]);
      }
      const next: NoteContent = { text: input.text ?? current.text, tags: input.tags !== undefined ? uniqueTags(input.tags) : current.tags };
      const page = input.page === undefined ? row.page : input.page;
      if (next.text === current.text && JSON.stringify(next.tags) === JSON.stringify(current.tags) && page === row.page) return;
      await this.notes.update(tx, row.id, { page, ...this.sealed(tx, row.id, next) });
    });
    return this.get(account, id);
  }

  remove(account: AccountRef, id: string, ifMatch: string | undefined): Promise<void> {
    return this.writer.removeSealed(account, 'note', id, ifMatch, {
      lock: (tx) => this.notes.lock(tx, readContext(account, this.config.publicUrl), id),
      view: (tx, row) => this.view(tx.accountId, tx.key, row),
    });
  }

  private sealed(tx: PersonalTx, id: string, content: NoteContent): { content: Buffer; tagTokens: string[]; searchTokens: string[] } {
    return {
      content: tx.key.sealJson(itemAad('note', tx.accountId, id), content),
      tagTokens: content.tags.map((t) => tagToken(tx.key, t)),
      searchTokens: indexTokens(tx.key, content.text, ...content.tags),
    };
  }
}
