import { applyDecorators, Header, HttpCode, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { BODY_SLUG } from '../../modules/bodies/dto/body-write.dto';
import { ReadCached } from '../cache/read-cache';
import { JSON_CONTENT_TYPE } from './json';
import { ProblemDto } from './problem.dto';

/** OpenAPI and headers for the usual operations, so every route documents its errors alike. */
export const BodyParam = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'body', description: 'Slug of the body (city)', schema: { type: 'string', pattern: BODY_SLUG.source, example: 'musterstadt' } });

export const IdParam = (what: string): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'id', description: `Id of the ${what}`, schema: { type: 'string', format: 'uuid' } });

const readErrors = [
  ApiBadRequestResponse({ description: 'Invalid or unknown query parameters', type: ProblemDto }),
  ApiNotFoundResponse({ description: 'Unknown body, or a record the caller may not see', type: ProblemDto }),
  ApiNotModifiedResponse({ description: 'The ETag in If-None-Match still matches' }),
  ApiTooManyRequestsResponse({ description: 'Read rate limit of anonymous callers (per client address) or app accounts reached', type: ProblemDto }),
];

const writeErrors = [
  ApiBadRequestResponse({ description: 'Invalid, unknown or dangling fields (see `errors`)', type: ProblemDto }),
  ApiNotFoundResponse({ description: 'Unknown body or record', type: ProblemDto }),
  ApiTooManyRequestsResponse({ description: 'Write rate limit reached', type: ProblemDto }),
];

/** A JSON list read; anonymous answers may come from the read cache (see ReadCached). */
export function ReadListDocs(summary: string, page: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(ApiOperation({ summary, description }), ApiOkResponse({ type: page }), Header('Content-Type', JSON_CONTENT_TYPE), ReadCached(), ...readErrors);
}

/** A JSON read of one thing; anonymous answers may come from the read cache (see ReadCached). */
export function ReadOneDocs(summary: string, type: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(ApiOperation({ summary, description }), ApiOkResponse({ type }), Header('Content-Type', JSON_CONTENT_TYPE), ReadCached(), ...readErrors);
}

/** The version of a record after the write (see Versioned): send it back as If-Match. */
export const ETAG_HEADER = {
  ETag: { description: 'The version of the record after this write, a strong ETag such as `"4"`; send it as If-Match with the next change', schema: { type: 'string', example: '"4"' } },
};

/** If-Match on a write to an existing record, and its 412. */
const ifMatchDocs = [
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag (`"<version>"`) of the version the change was made on, as the last write or an editor\'s read of the record answered it; `*` for any. ' +
      'Without it the write goes ahead whatever is stored: editor tools should send it, so that no one overwrites a change they have not seen.',
  }),
  ApiResponse({
    status: 412,
    description:
      'If-Match names another version than the stored one: nothing was changed. `current` holds the stored `version`, its `etag` (also the ETag header) and the `record` as an editor reads it, to apply the change to.',
    type: ProblemDto,
  }),
];

/** `versioned: false` for writes that answer no version (the creation of a body). */
interface WriteDocsOptions {
  versioned?: boolean;
}

/** If-Match and its 412, for versioned writes documented with their own decorators (newsletter settings, webhooks). */
export const IfMatchDocs = (): MethodDecorator => applyDecorators(...ifMatchDocs);

export function CreateDocs(summary: string, type: Type<unknown>, options: WriteDocsOptions = {}): MethodDecorator {
  const headers = options.versioned === false ? undefined : ETAG_HEADER;
  return applyDecorators(ApiOperation({ summary }), ApiCreatedResponse({ type, headers }), Header('Content-Type', JSON_CONTENT_TYPE), HttpCode(201), ...writeErrors);
}

export function UpdateDocs(summary: string, type: Type<unknown>, options: WriteDocsOptions = {}): MethodDecorator {
  const versioned = options.versioned !== false;
  return applyDecorators(
    ApiOperation({ summary }),
    ApiOkResponse({ type, headers: versioned ? ETAG_HEADER : undefined }),
    Header('Content-Type', JSON_CONTENT_TYPE),
    HttpCode(200),
    ...writeErrors,
    ...(versioned ? ifMatchDocs : []),
  );
}

export function DeleteDocs(summary: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description: 'Soft delete: the record disappears from reads and feeds show a deletion.' }),
    ApiNoContentResponse({ description: 'Deleted' }),
    HttpCode(204),
    ...writeErrors,
    ...ifMatchDocs,
  );
}
