import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Caller, Scope } from '../../common/access/access';
import { Access, CurrentCaller, CurrentScope } from '../../common/access/access.decorator';
import { BodyParam, ReadListDocs, ReadOneDocs } from '../../common/http/api-docs';
import { SearchRateLimit } from '../../common/http/rate-limit';
import { SearchPageDto, SuggestListDto } from './dto/search.dto';
import { MultiSearchQueryDto, MultiSuggestQueryDto, SearchQueryDto, SuggestQueryDto } from './dto/search-query.dto';
import { SearchService } from './search.service';

const SEARCH_DESCRIPTION =
  'Full-text search over documents (with the text of their files, by page), sessions, agenda items, committees and people. ' +
  'German stemming, umlaut and ß folding, typo tolerance, compounds by their first part, "quoted phrases" and reference numbers. ' +
  'Anonymous callers find public content only; member keys of a body also its non-public content.';

@ApiTags('search')
@Controller('v1')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('bodies/:body/search')
  @Access('public')
  @SearchRateLimit()
  @BodyParam()
  @ReadListDocs('Search a body', SearchPageDto, SEARCH_DESCRIPTION)
  bodySearch(@CurrentScope() scope: Scope, @Query() query: SearchQueryDto, @Req() request: FastifyRequest): Promise<SearchPageDto> {
    return this.search.search(scope.caller, [scope.body], query, request);
  }

  @Get('bodies/:body/search/suggest')
  @Access('public')
  @SearchRateLimit()
  @BodyParam()
  @ReadOneDocs('Autocomplete: titles that start with what was typed', SuggestListDto)
  bodySuggest(@CurrentScope() scope: Scope, @Query() query: SuggestQueryDto): Promise<SuggestListDto> {
    return this.search.suggest(scope.caller, [scope.body], query);
  }

  @Get('search')
  @Access('public')
  @SearchRateLimit()
  @ReadListDocs('Search several bodies at once', SearchPageDto, SEARCH_DESCRIPTION)
  @ApiOperation({ summary: 'Search several bodies at once', description: SEARCH_DESCRIPTION })
  async multiSearch(@CurrentCaller() caller: Caller, @Query() query: MultiSearchQueryDto, @Req() request: FastifyRequest): Promise<SearchPageDto> {
    const { bodies, ...rest } = query;
    return this.search.search(caller, await this.search.resolveBodies(bodies), rest, request);
  }

  @Get('search/suggest')
  @Access('public')
  @SearchRateLimit()
  @ReadOneDocs('Autocomplete across several bodies', SuggestListDto)
  async multiSuggest(@CurrentCaller() caller: Caller, @Query() query: MultiSuggestQueryDto): Promise<SuggestListDto> {
    const { bodies, ...rest } = query;
    return this.search.suggest(caller, await this.search.resolveBodies(bodies), rest);
  }
}
