import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Page } from '../../common/pagination/page.dto';
import { DEFAULT_ALLOWED_TYPES } from '../../config/config';
import { FileDetailDto, FileDto, FilePageDto } from './dto/file.dto';
import { FileContentQueryDto, FileDetailQueryDto, FileQueryDto } from './dto/file-query.dto';
import { UpdateFileDto } from './dto/file-write.dto';
import { FILE_ROLES } from './file.entity';
import { contentRequest, sendContent } from './content-reply';
import { FilesService } from './files.service';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

/** The multipart form of an upload, for OpenAPI (validated by `UploadFileFieldsDto`). */
const UPLOAD_BODY = {
  type: 'object',
  required: ['file'],
  description: 'Form fields first, the `file` part last. At most one of documentId, agendaItemId and sessionId.',
  properties: {
    name: { type: 'string', maxLength: 500, description: 'Title; defaults to the file name', example: 'Vorlage 0123/2025' },
    documentId: { type: 'string', format: 'uuid', description: 'Attach to this document' },
    agendaItemId: { type: 'string', format: 'uuid', description: 'Attach to this agenda item' },
    sessionId: { type: 'string', format: 'uuid', description: 'Attach to this session' },
    role: { type: 'string', enum: [...FILE_ROLES], default: 'auxiliary' },
    public: { type: 'boolean', default: true, description: 'false: only members and editors of the body see the file' },
    date: { type: 'string', format: 'date', example: '2025-02-01' },
    position: { type: 'integer', minimum: 0, maximum: 10000, description: 'Order among the files of the parent; default: last' },
    publish: { type: 'boolean', default: false, description: 'Publish at once (default: create a draft)' },
    file: { type: 'string', format: 'binary', description: `The bytes. Their type is recognised from the content; by default accepted: ${DEFAULT_ALLOWED_TYPES.join(', ')}` },
  },
};

const BINARY = { schema: { type: 'string', format: 'binary' } };
const BINARY_CONTENT = Object.fromEntries(['application/octet-stream', ...DEFAULT_ALLOWED_TYPES].map((type) => [type, BINARY]));
const BYTES_HEADERS = {
  ETag: { description: 'Strong validator from the SHA-512 of the bytes', schema: { type: 'string' } },
  'Last-Modified': { schema: { type: 'string' } },
  'Accept-Ranges': { schema: { type: 'string', example: 'bytes' } },
  'Content-Disposition': {
    description: '`inline` for PDFs, images other than SVG and plain text (unless `download=true`), else `attachment`',
    schema: { type: 'string', example: "inline; filename*=UTF-8''vorlage-0123-2025.pdf" },
  },
  'Content-Security-Policy': { schema: { type: 'string', example: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox" } },
  'X-Content-Type-Options': { schema: { type: 'string', example: 'nosniff' } },
  'Content-Length': { schema: { type: 'integer' } },
};

@ApiTags('files')
@BodyParam()
@Versioned('file')
@Controller('v1/bodies/:body/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get()
  @Access('public')
  @ReadListDocs('List files', FilePageDto, 'Metadata only, ordered by id. Filter by parent and type. The bytes are at each `accessUrl`.')
  list(@CurrentScope() scope: Scope, @Query() query: FileQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<FileDto>>> {
    return this.files.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('file')
  @ReadOneDocs('Get the metadata of a file', FileDetailDto, 'The extracted text only with `include=text`.')
  @ApiGoneResponse({ description: 'The file was deleted', type: ProblemDto })
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Query() query: FileDetailQueryDto): Promise<Json<FileDetailDto>> {
    return this.files.get(scope, id, query.include === 'text');
  }

  @Get(':id/content')
  @Access('public')
  @IdParam('file')
  @ApiOperation({
    summary: 'Get the bytes of a file',
    description:
      'Streams the stored bytes with their recognised Content-Type. Supports conditional requests (If-None-Match, If-Modified-Since) ' +
      'and a single byte range (Range, If-Range). PDFs, images other than SVG and plain text are shown inline unless `download=true`; ' +
      'every other type is always sent as an attachment. The answer forbids scripts and content sniffing (Content-Security-Policy, ' +
      'with a sandbox for every type but PDF; X-Content-Type-Options).',
  })
  @ApiProduces('application/octet-stream', ...DEFAULT_ALLOWED_TYPES, 'application/problem+json')
  @ApiOkResponse({ description: 'The bytes', content: BINARY_CONTENT, headers: BYTES_HEADERS })
  @ApiResponse({ status: 206, description: 'The requested range', content: BINARY_CONTENT, headers: { ...BYTES_HEADERS, 'Content-Range': { schema: { type: 'string', example: 'bytes 0-1023/48213' } } } })
  @ApiNotModifiedResponse({ description: 'The ETag in If-None-Match still matches' })
  @ApiResponse({ status: 307, description: 'An imported file whose bytes were not fetched: Location is where the system it came from serves them' })
  @ApiNotFoundResponse({ description: 'Unknown body, or a file that does not exist or the caller may not see', type: ProblemDto })
  @ApiGoneResponse({ description: 'The file was deleted', type: ProblemDto })
  @ApiResponse({ status: 416, description: 'The range lies outside the file; Content-Range gives its size', type: ProblemDto })
  async content(
    @CurrentScope() scope: Scope,
    @Param('id', ID) id: string,
    @Query() query: FileContentQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendContent(request, reply, await this.files.content(scope, id, contentRequest(request, query.download ?? false)));
  }

  @Post()
  @Access('editor')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY })
  @CreateDocs('Upload a file (a draft unless `publish` is true)', FileDetailDto)
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than the configured limit', type: ProblemDto })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not multipart, or a file type that is not accepted', type: ProblemDto })
  async upload(@CurrentScope() scope: Scope, @Req() request: FastifyRequest): Promise<Json<FileDetailDto>> {
    const id = await this.files.upload(scope, request);
    return this.files.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('file')
  @UpdateDocs('Change the metadata of a file', FileDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateFileDto): Promise<Json<FileDetailDto>> {
    await this.files.update(scope, id, input);
    return this.files.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('file')
  @DeleteDocs('Delete a file (its bytes are kept)')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.files.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('file')
  @UpdateDocs('Publish a file', FileDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<FileDetailDto>> {
    await this.files.setPublished(scope, id, true);
    return this.files.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('file')
  @UpdateDocs('Withdraw a file to draft', FileDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<FileDetailDto>> {
    await this.files.setPublished(scope, id, false);
    return this.files.get(scope, id);
  }
}
