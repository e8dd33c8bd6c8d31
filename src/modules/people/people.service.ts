import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { renderPage } from '../../common/pagination/links';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter } from '../changes/resource-writer.service';
import type { PersonDetailDto, PersonDto } from './dto/person.dto';
import type { PersonQueryDto } from './dto/person-query.dto';
import type { CreatePersonDto, UpdatePersonDto } from './dto/person-write.dto';
import { PeopleRepository, PERSON_ORDER } from './people.repository';
import { PersonEntity } from './person.entity';

@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('person', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: PersonQueryDto, request: FastifyRequest): Promise<Json<Page<PersonDto>>> {
    return renderPage(query, PERSON_ORDER, this.config.publicUrl, request, (limit) => this.people.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<PersonDetailDto>> {
    const json = await this.people.detail(scope, id);
    if (!json) throw Problem.notFound('person', id);
    return json;
  }

  create(scope: Scope, input: CreatePersonDto): Promise<string> {
    return this.writer.create(
      scope,
      'person',
      PersonEntity,
      {
        name: input.name,
        familyName: input.familyName ?? null,
        givenName: input.givenName ?? null,
        formOfAddress: input.formOfAddress ?? null,
        affix: input.affix ?? null,
        title: input.title ?? [],
        gender: input.gender ?? null,
        email: input.email ?? [],
        phone: input.phone ?? [],
        status: input.status ?? [],
        life: input.life ?? null,
        lifeSource: input.lifeSource ?? null,
        locationId: input.locationId ?? null,
      },
      { publish: input.publish, refs: [{ field: 'locationId', kind: 'location', id: input.locationId }] },
    );
  }

  update(scope: Scope, id: string, input: UpdatePersonDto): Promise<void> {
    return this.writer.update(scope, 'person', PersonEntity, id, { ...input }, [{ field: 'locationId', kind: 'location', id: input.locationId }]);
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'person', PersonEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'person', PersonEntity, id, publish);
  }
}

