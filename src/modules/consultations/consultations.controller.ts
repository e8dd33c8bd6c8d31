import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import type { Scope } from '../../common/access/access';
import { BodyParam, CreateDocs, DeleteDocs, IdParam, ReadListDocs, ReadOneDocs, UpdateDocs } from '../../common/http/api-docs';
import type { Json } from '../../common/http/json';
import type { Page } from '../../common/pagination/page.dto';
import { ConsultationsService } from './consultations.service';
import { ConsultationDto, ConsultationPageDto } from './dto/consultation.dto';
import { ConsultationQueryDto } from './dto/consultation-query.dto';
import { CreateConsultationDto, UpdateConsultationDto } from './dto/consultation-write.dto';
import { Versioned } from '../changes/record-version.interceptor';

const ID = new ParseUUIDPipe({ version: undefined });

@ApiTags('consultations')
@BodyParam()
@Versioned('consultation')
@Controller('v1/bodies/:body/consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get()
  @Access('public')
  @ReadListDocs(
    'List consultations (Beratungen)',
    ConsultationPageDto,
    'Filter by document, agenda item, session or committee. Consultations of non-public documents or agenda items only for members and editors of the body.',
  )
  list(@CurrentScope() scope: Scope, @Query() query: ConsultationQueryDto, @Req() request: FastifyRequest): Promise<Json<Page<ConsultationDto>>> {
    return this.consultations.list(scope, query, request);
  }

  @Get(':id')
  @Access('public')
  @IdParam('consultation')
  @ReadOneDocs('Get a consultation', ConsultationDto)
  get(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<ConsultationDto>> {
    return this.consultations.get(scope, id);
  }

  @Post()
  @Access('editor')
  @CreateDocs('Create a consultation (a draft unless `publish` is true)', ConsultationDto)
  async create(@CurrentScope() scope: Scope, @Body() input: CreateConsultationDto): Promise<Json<ConsultationDto>> {
    const id = await this.consultations.create(scope, input);
    return this.consultations.get(scope, id);
  }

  @Patch(':id')
  @Access('editor')
  @IdParam('consultation')
  @UpdateDocs('Change a consultation', ConsultationDto)
  async update(@CurrentScope() scope: Scope, @Param('id', ID) id: string, @Body() input: UpdateConsultationDto): Promise<Json<ConsultationDto>> {
    await this.consultations.update(scope, id, input);
    return this.consultations.get(scope, id);
  }

  @Delete(':id')
  @Access('editor')
  @IdParam('consultation')
  @DeleteDocs('Delete a consultation')
  async remove(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<void> {
    await this.consultations.remove(scope, id);
  }

  @Post(':id/publish')
  @Access('editor')
  @IdParam('consultation')
  @UpdateDocs('Publish a consultation', ConsultationDto)
  async publish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<ConsultationDto>> {
    await this.consultations.setPublished(scope, id, true);
    return this.consultations.get(scope, id);
  }

  @Post(':id/unpublish')
  @Access('editor')
  @IdParam('consultation')
  @UpdateDocs('Withdraw a consultation to draft', ConsultationDto)
  async unpublish(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<Json<ConsultationDto>> {
    await this.consultations.setPublished(scope, id, false);
    return this.consultations.get(scope, id);
  }
}
