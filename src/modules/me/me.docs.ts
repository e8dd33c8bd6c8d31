import { applyDecorators, Header, HttpCode, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ANNOTATION_CONTEXT } from './annotations';
import { ProblemDto } from '../../common/http/problem.dto';

/**
 * OpenAPI and headers of the personal routes, so that every one documents its errors alike.
 * Personal data is answered `Cache-Control: no-store`.
 */
export const ItemIdParam = (what: string): MethodDecorator => ApiParam({ name: 'id', format: 'uuid', description: `Id of the ${what}` });

const tooMany = ApiTooManyRequestsResponse({ description: 'More than ME_WRITES_PER_MINUTE changes a minute from this account', type: ProblemDto });

/** One W3C Web Annotation (see annotations.ts), as `format=jsonld` answers it; in a page without `@context`. */
const annotationSchema = (inPage: boolean): SchemaObject => ({
  type: 'object',
  description: 'W3C Web Annotation (https://www.w3.org/TR/annotation-model/)',
  required: [...(inPage ? [] : ['@context']), 'id', 'type', 'created', 'modified', 'motivation', 'target'],
  properties: {
    ...(inPage ? {} : { '@context': { type: 'string', enum: [ANNOTATION_CONTEXT] } }),
    id: { type: 'string', format: 'uri' },
    type: { type: 'string', enum: ['Annotation'] },
    created: { type: 'string', format: 'date-time' },
    modified: { type: 'string', format: 'date-time' },
    motivation: { type: 'string', enum: ['commenting', 'highlighting', 'bookmarking'] },
    body: { type: 'array', items: { type: 'object', additionalProperties: true } },
    target: { oneOf: [{ type: 'string', format: 'uri' }, { type: 'object', additionalProperties: true }] },
    stylesheet: { type: 'object', additionalProperties: true },
  },
});

/** A list as W3C AnnotationPage, with the list's links. */
const annotationPageSchema: SchemaObject = {
  type: 'object',
  description: 'W3C Web Annotation page',
  required: ['@context', 'id', 'type', 'items'],
  properties: {
    '@context': { type: 'string', enum: [ANNOTATION_CONTEXT] },
    id: { type: 'string', format: 'uri' },
    type: { type: 'string', enum: ['AnnotationPage'] },
    next: { type: 'string', format: 'uri' },
    items: { type: 'array', items: annotationSchema(true) },
  },
};

/**
 * The 200 answer: `type` as JSON, and with `annotations` (where `format=jsonld` is offered) the
 * W3C view of it as `application/ld+json`, which has a shape of its own.
 */
function okResponse(type: Type<unknown>, annotations: 'page' | 'item' | undefined): MethodDecorator {
  if (!annotations) return ApiOkResponse({ type });
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'application/ld+json': { schema: annotations === 'page' ? annotationPageSchema : annotationSchema(false) },
      },
    }),
  );
}

/** A read of one's own data; `annotations` when `format=jsonld` is offered. */
export function MeRead(summary: string, type: Type<unknown>, options: { description?: string; annotations?: boolean; one?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description: options.description }),
    okResponse(type, options.annotations ? (options.one ? 'item' : 'page') : undefined),
    ApiBadRequestResponse({ description: 'Invalid or unknown query parameters', type: ProblemDto }),
    Header('Cache-Control', 'no-store'),
  );
}

/** A read of one item: 404 when unknown, 410 when deleted. */
export function MeReadOne(summary: string, type: Type<unknown>, options: { annotations?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    MeRead(summary, type, { ...options, one: true, description: 'The ETag is `"<version>"`: send it as If-Match to change or delete the item.' }),
    ApiNotFoundResponse({ description: 'No such item of this account', type: ProblemDto }),
    ApiGoneResponse({ description: 'The item was deleted', type: ProblemDto }),
  );
}

/** A create: idempotent by client-chosen id or Idempotency-Key. */
export function MeCreate(summary: string, type: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string (e.g. a UUID): a repeat of the request within 24 hours answers what the first one made' }),
    ApiCreatedResponse({ type, description: 'Created' }),
    ApiOkResponse({ type, description: 'Made before (same id, or same Idempotency-Key): the stored item' }),
    ApiBadRequestResponse({ description: 'Invalid fields, or a target you cannot see', type: ProblemDto }),
    ApiForbiddenResponse({ description: 'A quota of the account is reached (`quota` names it)', type: ProblemDto }),
    ApiConflictResponse({ description: 'The id is taken by an item with other content (`current` holds it)', type: ProblemDto }),
    ApiGoneResponse({ description: 'The id belongs to a deleted item', type: ProblemDto }),
    ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used for another request', type: ProblemDto }),
    tooMany,
    Header('Cache-Control', 'no-store'),
  );
}

const ifMatch = ApiHeader({ name: 'If-Match', required: true, description: 'The ETag (`"<version>"`) of the version you changed, or `*` to overwrite whatever is stored' });
const preconditions = [
  ApiPreconditionFailedResponse({ description: 'The item changed since: `current` holds it, with its version', type: ProblemDto }),
  ApiResponse({ status: 428, description: 'If-Match is missing', type: ProblemDto }),
];

export function MeUpdate(summary: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description: 'Optimistic concurrency: If-Match is required; a stale version gets 412 with the current item to merge with.' }),
    ifMatch,
    ApiOkResponse({ type }),
    ApiBadRequestResponse({ description: 'Invalid fields', type: ProblemDto }),
    ApiNotFoundResponse({ description: 'No such item of this account', type: ProblemDto }),
    ApiGoneResponse({ description: 'The item was deleted (on another device, perhaps)', type: ProblemDto }),
    ...preconditions,
    tooMany,
    Header('Cache-Control', 'no-store'),
    HttpCode(200),
  );
}

/** A delete; `versioned` items need If-Match. Deleting a deleted item again is a 204. */
export function MeDelete(summary: string, versioned: boolean): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description: 'The item leaves a tombstone in the sync feed. Deleting it again answers 204.' }),
    ...(versioned ? [ifMatch, ...preconditions] : []),
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiNotFoundResponse({ description: 'No such item of this account', type: ProblemDto }),
    tooMany,
    HttpCode(204),
  );
}
