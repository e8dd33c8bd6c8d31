import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { DocumentsService } from './documents.service';
import { DocumentDetailDto, DocumentDto, DocumentPageDto } from './dto/document.dto';
import { DocumentQueryDto } from './dto/document-query.dto';
import { CreateDocumentDto, UpdateDocumentDto } from './dto/document-write.dto';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('documents')
@BodyParam()
@Versioned('document')
@Controller('v1/bodies/:body/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @Access('public')
  @ReadListDocs(
    'List documents (Vorlagen)',
    DocumentPageDto,
    'Newest first. Filter by type, committee, date range and reference. Non-public documents only for members and editors of the body.',
  )
  list(@CurrentScope() scope: Scope, @Query() query: DocumentQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<DocumentDto>>> {
    return this.documents.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('document')
  @ReadOneDocs('Get a document with its originators, related documents, files and consultations', DocumentDetailDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<DocumentDetailDto>> {
    return this.documents.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a document (a draft unless `publish` is true)', DocumentDetailDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateDocumentDto): Promise<Json<DocumentDetailDto>> {
    const id = await this.documents.create(scope, input);
    return this.documents.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('document')
  @UpdateDocs('Change a document', DocumentDetailDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateDocumentDto): Promise<Json<DocumentDetailDto>> {
    await this.documents.update(scope, id, input);
    return this.documents.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('document')
  @DeleteDocs('Delete a document')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.documents.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('document')
  @UpdateDocs('Publish a document', DocumentDetailDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<DocumentDetailDto>> {
    await this.documents.setPublished(scope, id, true);
    return this.documents.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('document')
  @UpdateDocs('Withdraw a document to draft', DocumentDetailDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<DocumentDetailDto>> {
    await this.documents.setPublished(scope, id, false);
    return this.documents.get(scope, id);
  }
}
