import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../common/access/access';
import { Json } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { renderPage } from '../../common/pagination/links';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ResourceWriter } from '../changes/resource-writer.service';
import type { LocationDetailDto } from './dto/location.dto';
import type { CreateLocationDto, UpdateLocationDto } from './dto/location-write.dto';
import { LocationEntity } from './location.entity';
import { LOCATION_ORDER, LocationsRepository } from './locations.repository';

@Injectable()
export class LocationsService {
  constructor(
    private readonly locations: LocationsRepository,
    private readonly writer: ResourceWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    writer.shows('location', (scope, id) => this.get(scope, id));
  }

  async list(scope: Scope, query: ListQueryDto, request: FastifyRequest): Promise<Json<Page<LocationDetailDto>>> {
    return renderPage(query, LOCATION_ORDER, this.config.publicUrl, request, (limit) => this.locations.list(scope, query, limit));
  }

  async get(scope: Scope, id: string): Promise<Json<LocationDetailDto>> {
    const json = await this.locations.detail(scope, id);
    if (!json) throw Problem.notFound('location', id);
    return json;
  }

  create(scope: Scope, input: CreateLocationDto): Promise<string> {
    const { publish, ...values } = input;
    return this.writer.create(
      scope,
      'location',
      LocationEntity,
      {
        description: values.description ?? null,
        streetAddress: values.streetAddress ?? null,
        room: values.room ?? null,
        postalCode: values.postalCode ?? null,
        subLocality: values.subLocality ?? null,
        locality: values.locality ?? null,
        geojson: values.geojson ?? null,
      },
      { publish },
    );
  }

  update(scope: Scope, id: string, input: UpdateLocationDto): Promise<void> {
    return this.writer.update(scope, 'location', LocationEntity, id, { ...input });
  }

  remove(scope: Scope, id: string): Promise<void> {
    return this.writer.remove(scope, 'location', LocationEntity, id);
  }

  setPublished(scope: Scope, id: string, publish: boolean): Promise<void> {
    return this.writer.setPublished(scope, 'location', LocationEntity, id, publish);
  }
}
