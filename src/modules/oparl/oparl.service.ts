import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Json, pageJson } from '../../common/http/json';
import { Problem } from '../../common/http/problem';
import { toPage } from '../../common/pagination/keyset';
import type { KeysetRow } from '../../common/pagination/links';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { listLinks, OparlListQuery, parseListQuery, UUID } from './oparl.query';
import { OPARL_ORDER, OparlBases, oparlBases, OparlRepository, OrganizationScope } from './oparl.repository';
import { KINDS, OBJECT_SEGMENTS, ObjectSegment, OPARL_VERSION } from './oparl.sql';


/** Licence of the data as a whole unless a body states its own (Datenlizenz Deutschland – Namensnennung 2.0). */
export const OPARL_DEFAULT_LICENSE = 'https://www.govdata.de/dl-de/by-2-0';

/** Names of the body's external lists in its URLs (`/bodies/{slug}/<name>`). */
const BODY_LISTS: Record<string, ObjectSegment> = Object.fromEntries(OBJECT_SEGMENTS.map((s) => [s, s]));

export function oparlNotFound(): Problem {
  return new Problem(HttpStatus.NOT_FOUND, 'oparl_not_found');
}

function page(rows: KeysetRow[], q: OparlListQuery, listUrl: string): Json<unknown> {
  const { items, next } = toPage(rows, q.limit, OPARL_ORDER);
  return pageJson(items, listLinks(listUrl, q, next), { pagination: { elementsPerPage: q.limit } });
}

/** The OParl 1.1 projection: public data only, whatever key the caller sends. */
@Injectable()
export class OparlService {
  private readonly bases: OparlBases;

  constructor(
    private readonly repo: OparlRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bases = oparlBases(config);
  }

  async system(): Promise<Json<unknown>> {
    const stamps = await this.repo.systemStamps();
    const base = this.bases.oparl;
    return JSON.stringify({
      id: `${base}/system`,
      type: `${OPARL_VERSION}System`,
      oparlVersion: OPARL_VERSION,
      license: OPARL_DEFAULT_LICENSE,
      body: `${base}/bodies`,
      name: 'Ratsinformationssystem',
      website: this.bases.rest,
      vendor: this.bases.rest,
      product: this.bases.rest,
      ...(stamps.created ? { created: stamps.created } : {}),
      ...(stamps.modified ? { modified: stamps.modified } : {}),
    });
  }

  async bodies(url: string): Promise<Json<unknown>> {
    const q = parseListQuery(url);
    const rows = await this.repo.bodies(this.bases, q);
    return page(rows, q, `${this.bases.oparl}/bodies`);
  }

  async body(slug: string): Promise<Json<unknown>> {
    const json = /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? await this.repo.body(this.bases, slug) : undefined;
    if (!json) throw oparlNotFound();
    return json;
  }

  async bodyList(body: { id: string; slug: string }, list: string, url: string): Promise<Json<unknown>> {
    const segment = Object.prototype.hasOwnProperty.call(BODY_LISTS, list) ? BODY_LISTS[list] : undefined;
    if (!segment) throw oparlNotFound();
    const q = parseListQuery(url);
    const rows = await this.repo.list(this.bases, KINDS[segment], body.id, q);
    return page(rows, q, `${this.bases.oparl}/bodies/${body.slug}/${segment}`);
  }

  async object(type: string, id: string): Promise<Json<unknown>> {
    const segment = OBJECT_SEGMENTS.find((s) => s === type);
    const json = segment && UUID.test(id) ? await this.repo.object(this.bases, segment, id) : undefined;
    if (!json) throw oparlNotFound();
    return json;
  }

  /** Organization.meeting and Organization.consultation. */
  async organizationList(type: string, id: string, list: string, url: string): Promise<Json<unknown>> {
    if (type !== 'organization' || (list !== 'meeting' && list !== 'consultation') || !UUID.test(id)) throw oparlNotFound();
    const bodyId = await this.repo.organizationBody(id);
    if (!bodyId) throw oparlNotFound();
    const q = parseListQuery(url);
    const restrict: OrganizationScope = { kind: list, organizationId: id };
    const rows = await this.repo.list(this.bases, KINDS[list], bodyId, q, restrict);
    return page(rows, q, `${this.bases.oparl}/organization/${id}/${list}`);
  }
}
