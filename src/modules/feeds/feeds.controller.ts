import { applyDecorators, Controller, Get, Header, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import { ReadCached } from '../../common/cache/read-cache';
import { BodyParam } from '../../common/http/api-docs';
import { ProblemDto } from '../../common/http/problem.dto';
import { DocumentFeedQueryDto, SearchFeedQueryDto, SessionFeedQueryDto } from './dto/feed-query.dto';
import { FeedsService } from './feeds.service';

const ATOM = 'application/atom+xml; charset=utf-8';
const ABOUT =
  'Atom (RFC 4287) feed for feed readers: the latest 50 entries, each with a permanent id (`urn:uuid:` of the record), `updated` from the last change ' +
  'the caller can see (drafts and, for anonymous callers, non-public items leave the feed byte-identical), and a link to the city\'s page where the body has one. ' +
  'ETag and If-None-Match make polling cheap. With a member key the feed includes non-public items.';

const FeedDocs = (summary: string): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary, description: ABOUT }),
    ApiProduces('application/atom+xml'),
    ApiOkResponse({ description: 'Atom feed', schema: { type: 'string' } }),
    ApiBadRequestResponse({ type: ProblemDto }),
    ApiNotFoundResponse({ type: ProblemDto }),
    Header('Content-Type', ATOM),
  );

@ApiTags('feeds')
@BodyParam()
@Controller('v1/bodies/:body/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('sessions.atom')
  @Access('public')
  @ReadCached()
  @FeedDocs("Feed of the body's sessions: new ones, changed agendas, cancellations (optionally of one committee)")
  sessions(@CurrentScope() scope: Scope, @Query() query: SessionFeedQueryDto): Promise<string> {
    return this.feeds.sessions(scope, query);
  }

  @Get('documents.atom')
  @Access('public')
  @ReadCached()
  @FeedDocs('Feed of newly published documents (optionally of one committee or document type)')
  documents(@CurrentScope() scope: Scope, @Query() query: DocumentFeedQueryDto): Promise<string> {
    return this.feeds.documents(scope, query);
  }

  @Get('search.atom')
  @Access('public')
  @FeedDocs('Feed of a saved search: its newest hits')
  search(@CurrentScope() scope: Scope, @Query() query: SearchFeedQueryDto, @Req() request: FastifyRequest): Promise<string> {
    return this.feeds.savedSearch(scope, query, request);
  }
}
