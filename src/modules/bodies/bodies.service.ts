import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Caller, Scope, Visibility, visibilityFor } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { renderPage } from '../../common/pagination/links';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { writeVersioned } from '../changes/versioned-row';
import { BODY_ORDER, BodiesRepository, BodyValues } from './bodies.repository';
import { BodyDirectory } from './body-directory.service';
import type { BodyDetailDto, BodyDto } from './dto/body.dto';
import type { CreateBodyDto, UpdateBodyDto } from './dto/body-write.dto';

/**
 * Bodies are tenants, not council data: they have no drafts and no change events, and every
 * write is followed by `BodyDirectory.forget` so the slug resolves afresh. Their settings have
 * a version as records do: a change honours `If-Match` (see writeVersioned).
 */
@Injectable()
export class BodiesService {
  constructor(
    private readonly bodies: BodiesRepository,
    private readonly directory: BodyDirectory,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: ListQueryDto, request: FastifyRequest): Promise<Json<Page<BodyDto>>> {
    return renderPage(query, BODY_ORDER, this.config.publicUrl, request, (limit) => this.bodies.list(query, limit));
  }

  async get(bodyId: string, visibility: Visibility): Promise<Json<BodyDetailDto>> {
    const json = await this.bodies.detail(bodyId, visibility);
    if (!json) throw Problem.notFound('body', bodyId);
    return json;
  }

  /** Creates a body and returns it as its creator sees it. */
  async create(caller: Caller, input: CreateBodyDto): Promise<Json<BodyDetailDto>> {
    const { slug, ...rest } = input;
    const id = await this.bodies.insert(slug, { webUrlTemplates: {}, ...valuesOf(rest) });
    if (!id) throw new Problem(409, 'slug_taken', { slug }, [{ field: 'slug', text: 'taken' }]);
    // A lookup before the body existed may have cached "not found".
    this.directory.forget({ id, slug });
    return this.get(id, visibilityFor(caller, id));
  }

  async update(scope: Scope, input: UpdateBodyDto): Promise<Json<BodyDetailDto>> {
    if (input.name === null) throw Problem.invalid([{ field: 'name', text: 'not_null' }]);
    const id = scope.body.id;
    const view = async (): Promise<unknown> => JSON.parse((await this.get(id, scope.visibility)).toString());
    await writeVersioned(this.dataSource, scope, { what: 'body', id, lock: (manager) => this.bodies.lock(manager, id), view }, async (manager) => ({
      version: await this.bodies.update(manager, id, valuesOf(input)),
      result: undefined,
    }));
    this.directory.forget(scope.body);
    return this.get(scope.body.id, scope.visibility);
  }
}

/** Maps the write body to columns; only the fields sent are set. */
function valuesOf(input: UpdateBodyDto): BodyValues {
  const { contact, ...rest } = input;
  const values: BodyValues = { ...rest };
  if (contact === null) {
    values.contactName = null;
    values.contactEmail = null;
  } else if (contact) {
    if (contact.name !== undefined) values.contactName = contact.name;
    if (contact.email !== undefined) values.contactEmail = contact.email;
  }
  return values;
}
