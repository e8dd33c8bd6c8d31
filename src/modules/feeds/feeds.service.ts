import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { bodyBase } from '../../common/http/urls';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { SearchService } from '../search/search.service';
import { AtomEntry, renderAtom } from './atom';
import type { DocumentFeedQueryDto, SearchFeedQueryDto, SessionFeedQueryDto } from './dto/feed-query.dto';
import { DocumentEntryRow, FEED_ENTRIES, FeedsRepository, SessionEntryRow } from './feeds.repository';

/** The feed's own URL with its query in a fixed order: the same feed has one id, however it was asked for. */
function canonical(base: string, path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return `${base}/${path}${search ? `?${search}` : ''}`;
}

/**
 * Atom feeds of what people follow in feed readers: sessions and their agendas, documents,
 * and a saved search. Entry ids are the records' ids (`urn:uuid:…`), links go to the city's
 * pages where the body has web URL templates, and to this API otherwise.
 */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly searches: SearchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private link(scope: Scope, kind: string, path: string, id: string): string {
    const template = scope.body.webUrlTemplates[kind];
    return template ? template.replace('{id}', id) : `${bodyBase(this.config.publicUrl, scope.body)}/${path}/${id}`;
  }

  private async committee(scope: Scope, id: string | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    const name = await this.feeds.committeeName(scope, id);
    if (!name) throw Problem.notFound('committee', id);
    return name;
  }

  async sessions(scope: Scope, query: SessionFeedQueryDto): Promise<string> {
    const committee = await this.committee(scope, query.committee);
    const self = canonical(bodyBase(this.config.publicUrl, scope.body), 'feeds/sessions.atom', { committee: query.committee });
    const rows = await this.feeds.sessions(scope, query.committee);
    return renderAtom({
      id: self,
      self,
      title: committee ? `${committee}: Sitzungen – ${scope.body.name}` : `Sitzungen – ${scope.body.name}`,
      subtitle: 'Neue Sitzungen, geänderte Tagesordnungen und Absagen',
      author: scope.body.name,
      entries: rows.map((row) => this.sessionEntry(scope, row)),
    });
  }

  private sessionEntry(scope: Scope, row: SessionEntryRow): AtomEntry {
    const committees = row.committees ?? [];
    return {
      id: `urn:uuid:${row.id}`,
      title: `${row.cancelled ? 'ABGESAGT: ' : ''}${row.name} – ${row.starts} Uhr`,
      updated: row.updated,
      published: row.published,
      link: this.link(scope, 'session', 'sessions', row.id),
      summary: [row.starts + ' Uhr', row.location, committees.join(', ') || null].filter(Boolean).join(' · '),
      content: row.agenda ? `Tagesordnung (öffentlich):\n${row.agenda}` : null,
      categories: committees.map((name) => ({ term: name })),
    };
  }

  async documents(scope: Scope, query: DocumentFeedQueryDto): Promise<string> {
    const committee = await this.committee(scope, query.committee);
    const self = canonical(bodyBase(this.config.publicUrl, scope.body), 'feeds/documents.atom', { committee: query.committee, document_type: query.document_type });
    const rows = await this.feeds.documents(scope, { committee: query.committee, documentType: query.document_type });
    const about = [committee, query.document_type].filter(Boolean).join(', ');
    return renderAtom({
      id: self,
      self,
      title: `Vorlagen${about ? ` (${about})` : ''} – ${scope.body.name}`,
      subtitle: 'Neu veröffentlichte Vorlagen, Anträge und Anfragen',
      author: scope.body.name,
      entries: rows.map((row) => this.documentEntry(scope, row)),
    });
  }

  private documentEntry(scope: Scope, row: DocumentEntryRow): AtomEntry {
    const committees = row.committees ?? [];
    return {
      id: `urn:uuid:${row.id}`,
      title: row.reference ? `${row.reference}: ${row.name}` : row.name,
      updated: row.updated,
      published: row.published,
      link: this.link(scope, 'document', 'documents', row.id),
      summary: [row.documentType, `vom ${row.date}`, committees.length ? `Beratung: ${committees.join(', ')}` : null].filter(Boolean).join(' · '),
      categories: [...(row.documentType ? [{ term: row.documentType }] : []), ...committees.map((name) => ({ term: name }))],
    };
  }

  /** The newest hits of a saved search (`sort=newest`), for a feed reader. */
  async savedSearch(scope: Scope, query: SearchFeedQueryDto, request: FastifyRequest): Promise<string> {
    const page = await this.searches.search(scope.caller, [scope.body], { ...query, sort: 'newest', limit: FEED_ENTRIES, facets: 'none' }, request);
    const updated = await this.feeds.modified(page.data.map((hit) => ({ type: hit.type, id: hit.id })));
    const self = canonical(bodyBase(this.config.publicUrl, scope.body), 'feeds/search.atom', { ...query });
    const kinds: Record<string, string> = { document: 'document', session: 'session', 'agenda-item': 'agendaItem', committee: 'committee', person: 'person', file: 'file' };
    return renderAtom({
      id: self,
      self,
      title: `Suche „${query.q}“ – ${scope.body.name}`,
      subtitle: 'Die neuesten Treffer einer gespeicherten Suche',
      author: scope.body.name,
      entries: page.data
        .filter((hit) => updated.has(hit.id))
        .map((hit) => {
          const template = scope.body.webUrlTemplates[kinds[hit.type] ?? hit.type];
          return {
            id: `urn:uuid:${hit.id}`,
            title: hit.reference ? `${hit.reference}: ${hit.title}` : hit.title,
            updated: updated.get(hit.id) as string,
            link: template ? template.replace('{id}', hit.id) : hit.url,
            summary: hit.snippet.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
            categories: [{ term: hit.type }],
          };
        }),
    });
  }
}
