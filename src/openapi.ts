import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { ACCOUNT_AUTH } from './common/access/access.decorator';
import { DATABASE_RETRY_AFTER_SECONDS } from './infra/database/availability';

/** The server the committed spec names: `PUBLIC_URL` of `npm run demo`. */
export const SPEC_SERVER_URL = 'http://localhost:3000';

/** What each tag of the operations holds. */
const TAGS: Record<string, string> = {
  bodies: 'Bodies (cities, districts, counties): the tenants; everything else lives under `/v1/bodies/{body}`',
  committees: 'Committees, councils and factions (Gremien, Fraktionen) with their current members',
  people: 'People (Mandatsträger) with their memberships',
  memberships: 'Seats of people in committees: role, voting right, faction, start and end',
  'legislative-terms': 'Legislative terms (Wahlperioden) of a body',
  locations: 'Places: addresses, rooms, GeoJSON',
  sessions: 'Sessions (Sitzungen) of committees: the calendar, each with its agenda',
  'agenda-items': 'Agenda items (Tagesordnungspunkte): number, public flag, result and resolution',
  documents: 'Documents (Vorlagen, Drucksachen) with their files and consultations',
  consultations: 'Consultations (Beratungsfolge): a document on an agenda item of a committee',
  files: 'Files (Anlagen): metadata, text, and the bytes with Range and ETag support',
  minutes: 'Minutes (Niederschriften) of sessions: draft, approved, published',
  calendar: 'iCalendar feeds of sessions, for calendar apps',
  feeds: 'Atom feeds of sessions, documents and saved searches, for feed readers',
  exports: "Bulk downloads of a body's public data for open-data consumers: one zip of OParl JSON Lines, CSV and SQLite",
  changes: 'The change feed of a body, for apps that sync: poll `links.next`',
  search: 'Full-text search and suggestions over sessions, agenda items, documents and files',
  newsletter: 'The e-mail newsletter of a body: double opt-in, topics, data export and deletion',
  webhooks: "Signed HTTP messages of a body's changes to apps and city systems: subscriptions, delivery log, replay",
  me: "Readers' app accounts: their own notes, markings, bookmarks and follows, devices and sync",
  health: 'Liveness and readiness, for load balancers and orchestrators',
};

/**
 * Builds the OpenAPI document from the code; `serverUrl` is where clients reach the API (the
 * installation's `PUBLIC_URL`). The steps after the scan state once, for every route, what the
 * app's global parts do: the exception filter, the guards, the rate limits, the database check.
 */
export function buildOpenApiDocument(app: INestApplication, serverUrl: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Ratsinfo API')
    .setDescription(
      'Council information of German cities: committees, people, sessions, agendas, documents (Vorlagen), files and minutes. ' +
        'Anonymous callers see published, public content; send `Authorization: Bearer <key>` for more. ' +
        "Readers' apps keep private notes, markings, bookmarks and follows under `/v1/me` with an app account token (`Bearer ra_…`). " +
        'Lists are keyset-paged: follow `links.next`. Errors are RFC 9457 problem details (`application/problem+json`).',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer(serverUrl, 'This installation (its PUBLIC_URL)')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque API key (rk_…)',
      description:
        'An opaque API key (not a JWT), sent as `Authorization: Bearer rk_…`. An operator creates it with the CLI ' +
        '(`npm run cli -- api-key create --role admin|editor|member [--body <slug>]`), which prints it once; only its hash is stored. ' +
        'Roles: `admin` (everything, in every body; creates bodies), `editor` (reads everything of its body including drafts, and writes to it), ' +
        '`member` (reads the non-public content of its body; for integrations, as council members use their app account). ' +
        'API keys never reach `/v1/me`.',
    })
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque app account token (ra_…)',
        description:
          "An opaque app account token (not a JWT), sent as `Authorization: Bearer ra_…`: one per device of a reader's app account, " +
          "answered once by `POST /v1/me/account` or `POST /v1/me/pair`; only its hash is stored. It reaches the account's own data under `/v1/me`, " +
          'and reads council data as an anonymous caller does, or as a member of the bodies the account was granted member access to. Never an API key.',
      },
      ACCOUNT_AUTH,
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  return withoutLoneAllOf(withUnavailable(withSharedErrors(document)));
}

type Operation = OperationObject & { responses: Record<string, ResponseObject | ReferenceObject> };

function operationsOf(document: OpenAPIObject): [path: string, operation: Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const).flatMap((method) => {
      const operation = item[method] as Operation | undefined;
      return operation ? [[path, operation] as [string, Operation]] : [];
    }),
  );
}

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

/** Operations left out of rate limiting (see NoRateLimit). */
const UNLIMITED = new Set(['/health/live', '/health/ready']);

/**
 * The exception filter answers every error as `application/problem+json` (see problem.ts),
 * whatever the route answers on success: the error responses of the decorators say so here.
 * The errors that global parts give a route are added where it does not name them itself:
 * 400 (InputGuard refuses malformed input on every route), 401 (a credential that does not
 * resolve, on routes that take one), 404 (unknown body or id, on routes with path parameters)
 * and 429 (rate limits, with `Retry-After`).
 */
function withSharedErrors(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.responses = {
    ...document.components.responses,
    InvalidInput: { description: 'Malformed or invalid input (see `errors`): unknown query parameters and fields are refused, not ignored', content: PROBLEM },
    UnknownCredential: { description: 'The API key or app account token sent is unknown, revoked or malformed (anonymous callers send none)', content: PROBLEM },
    NotFound: { description: 'Unknown body, or no record with this id that the caller may see', content: PROBLEM },
    RateLimited: { description: 'Rate limit reached: retry after the seconds in `Retry-After`', headers: RETRY_AFTER, content: PROBLEM },
  };
  for (const [path, operation] of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!/^[45]/.test(status) || '$ref' in response) continue;
      // A route's own error body (the readiness report) stays; problems are problem+json.
      const schemas = Object.values(response.content ?? {}).map((media) => JSON.stringify(media.schema));
      if (schemas.every((schema) => schema.includes('/ProblemDto"'))) response.content = PROBLEM;
      if (status === '429') response.headers = { ...RETRY_AFTER, ...response.headers };
    }
    const credentials = (operation.security ?? []).some((requirement) => Object.keys(requirement).length > 0);
    operation.responses['400'] ??= { $ref: '#/components/responses/InvalidInput' };
    if (credentials) operation.responses['401'] ??= { $ref: '#/components/responses/UnknownCredential' };
    if (path.includes('{')) operation.responses['404'] ??= { $ref: '#/components/responses/NotFound' };
    if (!UNLIMITED.has(path)) operation.responses['429'] ??= { $ref: '#/components/responses/RateLimited' };
  }
  return document;
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
      content: PROBLEM,
    },
  };
  for (const [path, operation] of operationsOf(document)) {
    if (!WITHOUT_DATABASE.has(path)) operation.responses['503'] ??= { $ref: '#/components/responses/DatabaseUnavailable' };
  }
  return document;
}

/**
 * @nestjs/swagger wraps a reference to an enum in `allOf` so that a description or `nullable`
 * may sit beside it (OpenAPI 3.0 ignores the siblings of `$ref`); where nothing does, the bare
 * reference says the same.
 */
function withoutLoneAllOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutLoneAllOf) as T;
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === 'allOf' && Array.isArray(entries[0][1]) && entries[0][1].length === 1) return withoutLoneAllOf(entries[0][1][0] as T);
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutLoneAllOf(item)])) as T;
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
