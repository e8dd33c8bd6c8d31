import { applyDecorators, Header, HttpCode, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ReadCached } from '../cache/read-cache';
import { JSON_CONTENT_TYPE } from './json';
import { ProblemDto } from './problem.dto';

/** OpenAPI and headers for the usual operations, so every route documents its errors alike. */
export const BodyParam = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'body', description: 'Slug of the body (city)', example: 'musterstadt' });

export const IdParam = (what: string): MethodDecorator & ClassDecorator => ApiParam({ name: 'id', format: 'uuid', description: `Id of the ${what}` });

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

export function CreateDocs(summary: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(ApiOperation({ summary }), ApiCreatedResponse({ type }), Header('Content-Type', JSON_CONTENT_TYPE), HttpCode(201), ...writeErrors);
}

export function UpdateDocs(summary: string, type: Type<unknown>): MethodDecorator {
  return applyDecorators(ApiOperation({ summary }), ApiOkResponse({ type }), Header('Content-Type', JSON_CONTENT_TYPE), HttpCode(200), ...writeErrors);
}

export function DeleteDocs(summary: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description: 'Soft delete: the record disappears from reads and feeds show a deletion.' }),
    ApiNoContentResponse({ description: 'Deleted' }),
    HttpCode(204),
    ...writeErrors,
  );
}
