import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ACCOUNT_AUTH } from './common/access/access.decorator';
import { DATABASE_RETRY_AFTER_SECONDS } from './infra/database/availability';

/** Builds the OpenAPI document from the code. */
export function buildOpenApiDocument(app: INestApplication, serverUrl?: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Ratsinfo API')
    .setDescription(
      'Council information of German cities: committees, people, sessions, agendas, documents (Vorlagen), files and minutes. ' +
        'Anonymous callers see published, public content; send `Authorization: Bearer <key>` for more. ' +
        "Readers' apps keep private notes, markings, bookmarks and follows under `/v1/me` with an app account token (`Bearer ra_…`). " +
        'Lists are keyset-paged: follow `links.next`. Errors are RFC 9457 problem details.',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key created with `npm run cli -- api-key create`' })
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'ra_…', description: 'An app account token from `POST /v1/me/account` or `POST /v1/me/pair` (never an API key)' },
      ACCOUNT_AUTH,
    );
  if (serverUrl) builder.addServer(serverUrl);
  const document = SwaggerModule.createDocument(app, builder.build(), { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  return withUnavailable(document);
}

/** Operations that answer without PostgreSQL. */
const WITHOUT_DATABASE = new Set(['/health/live']);

/**
 * Every operation that reads or writes PostgreSQL answers 503 with `Retry-After` while the
 * database is unreachable: one shared response, listed under each such operation.
 */
function withUnavailable(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.responses = {
    ...document.components.responses,
    DatabaseUnavailable: {
      description: `PostgreSQL is unreachable: retry after the seconds in \`Retry-After\` (${DATABASE_RETRY_AFTER_SECONDS})`,
      headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: DATABASE_RETRY_AFTER_SECONDS } } },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (WITHOUT_DATABASE.has(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (operation) operation.responses['503'] ??= { $ref: '#/components/responses/DatabaseUnavailable' };
    }
  }
  return document;
}

/** Recursively sorts object keys so the committed spec is byte-stable. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function serializeSpec(document: OpenAPIObject): string {
  return JSON.stringify(sortKeys(document), null, 2) + '\n';
}
