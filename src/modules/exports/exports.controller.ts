import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, IdParam } from '../../common/http/api-docs';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Page } from '../../common/pagination/page.dto';
import { contentRequest, sendContent } from '../files/content-reply';
import { ExportDto, ExportPageDto } from './dto/export.dto';
import { ExportsService } from './exports.service';

const ID = new ParseUUIDPipe({ version: undefined });

const ZIP = { 'application/zip': { schema: { type: 'string', format: 'binary' } } };
const ZIP_HEADERS = {
  ETag: { description: 'Strong validator from the SHA-256 of the archive', schema: { type: 'string' } },
  'Last-Modified': { schema: { type: 'string' } },
  'Accept-Ranges': { schema: { type: 'string', example: 'bytes' } },
  'Content-Disposition': { schema: { type: 'string', example: 'attachment; filename="musterstadt-export-20261206-030000.zip"' } },
  'Content-Length': { schema: { type: 'integer' } },
};
const DOWNLOAD_DESCRIPTION =
  'The zip archive: OParl 1.1 objects as JSON Lines per type, a CSV file per table, the same tables in a SQLite file, ' +
  '`manifest.json` (counts, column lists, licence) and `SHA256SUMS`. Public data only. Supports conditional requests ' +
  '(If-None-Match, If-Modified-Since) and a single byte range (Range, If-Range), so an interrupted download can resume.';

@ApiTags('exports')
@BodyParam()
@Controller('v1/bodies/:body/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  private async send(scope: Scope, id: string | null, request: FastifyRequest, reply: FastifyReply): Promise<void> {
sendContent(request, reply, await this.exports.download(scope, id, contentRequest(request, true)));
  }

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'List the bulk exports of a body', description: 'The newest few stored exports, newest first, with size, SHA-256 and rows per file.' })
  @ApiOkResponse({ type: ExportPageDto })
  @ApiNotFoundResponse({ description: 'Unknown body', type: ProblemDto })
  list(@CurrentScope() scope: Scope): Promise<Page<ExportDto>> {
    return this.exports.list(scope);
  }

  @Get('latest')
  @Access('public')
  @ApiOperation({ summary: 'Download the newest bulk export of a body', description: `${DOWNLOAD_DESCRIPTION} Content-Location names the export at its id.` })
  @ApiProduces('application/zip', 'application/problem+json')
  @ApiOkResponse({ description: 'The archive', content: ZIP, headers: ZIP_HEADERS })
  @ApiResponse({ status: 206, description: 'The requested range', content: ZIP, headers: { ...ZIP_HEADERS, 'Content-Range': { schema: { type: 'string', example: 'bytes 0-1023/48213' } } } })
  @ApiNotModifiedResponse({ description: 'The ETag in If-None-Match still matches' })
  @ApiNotFoundResponse({ description: 'Unknown body, or no export built yet', type: ProblemDto })
  @ApiResponse({ status: 416, description: 'The range lies outside the archive; Content-Range gives its size', type: ProblemDto })
  latest(@CurrentScope() scope: Scope, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(scope, null, request, reply);
  }

  @Get(':id')
  @Access('public')
  @IdParam('export')
  @ApiOperation({ summary: 'Download a bulk export of a body', description: DOWNLOAD_DESCRIPTION })
  @ApiProduces('application/zip', 'application/problem+json')
  @ApiOkResponse({ description: 'The archive', content: ZIP, headers: ZIP_HEADERS })
  @ApiResponse({ status: 206, description: 'The requested range', content: ZIP, headers: { ...ZIP_HEADERS, 'Content-Range': { schema: { type: 'string', example: 'bytes 0-1023/48213' } } } })
  @ApiNotModifiedResponse({ description: 'The ETag in If-None-Match still matches' })
  @ApiNotFoundResponse({ description: 'Unknown body or export (only the newest few are kept)', type: ProblemDto })
  @ApiResponse({ status: 416, description: 'The range lies outside the archive; Content-Range gives its size', type: ProblemDto })
  download(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(scope, id, request, reply);
  }
}
