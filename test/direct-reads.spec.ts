import { Controller, Get, Header, HttpCode, Injectable, Param, ParseUUIDPipe, Query, Req, Res, UseGuards, UseInterceptors, UsePipes, ValidationPipe } from '@nestjs/common';
import type { CallHandler, CanActivate, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { Access, CurrentScope } from '../src/common/access/access.decorator';
import { AccessGuard } from '../src/common/access/access.guard';
import { ReadCached } from '../src/common/cache/read-cache';
import { directReadPaths, directReadRefusal } from '../src/common/http/direct-reads';
import { PassesPublicReads } from '../src/common/http/route-config';
import { seedDemo } from '../src/seed/demo.seed';
import { bearer, startAnotherApp, startTestApp, TestApp } from './support/app';

/**
 * Anonymous public reads are answered by a preHandler instead of Nest's per-request layers
 * (src/common/http/direct-reads.ts). These tests hold it to being the same API: every route it
 * takes answers byte for byte what Nest answers for the same request, on the demo city,
 * including every kind of error and hostile input; callers with a key, `Range` and HEAD still
 * go through Nest; routes with anything it does not do are left to Nest. (An unreachable
 * database during anonymous reads: test/database-down.spec.ts.)
 */

/** Headers that must agree (the date, request id and connection handling may not). */
const COMPARED_HEADERS = ['content-type', 'content-length', 'etag', 'cache-control', 'vary', 'content-disposition', 'content-language', 'retry-after', 'access-control-allow-origin'];

describe('direct reads', () => {
  let direct: TestApp;
  let nest: TestApp;
  let paths: readonly string[];
  let member: string;

  beforeAll(async () => {
    direct = await startTestApp();
    await seedDemo(direct.ds, direct.config, { now: new Date('2026-03-02T09:00:00+01:00'), log: () => undefined });
    nest = await startAnotherApp(direct, { DIRECT_READS: 'false' });
    paths = directReadPaths(direct.app.getHttpAdapter().getInstance());
    const [body] = await direct.ds.query<{ id: string }[]>(`SELECT id FROM body WHERE slug = 'musterstadt'`);
    member = await direct.key('member', body.id);
  }, 180_000);
  afterAll(async () => {
    await nest?.close();
    await direct?.close();
  });

  const raw = (t: TestApp) => supertest(t.app.getHttpServer());

  /** The same request to both apps: status, the compared headers and the body must agree. */
  async function same(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    // Problems name the request: the same id for both.
    const id = randomUUID();
    const send = (t: TestApp) => {
      const req = raw(t).get(url).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      for (const [name, value] of Object.entries({ 'X-Request-Id': id, ...headers })) void req.set(name, value);
      return req;
    };
    const [a, b] = await Promise.all([send(direct), send(nest)]);
    const view = (res: supertest.Response) => ({
      url,
      status: res.status,
      headers: Object.fromEntries(COMPARED_HEADERS.map((h) => [h, res.headers[h]])),
      body: (res.body as Buffer).toString('utf8'),
    });
    expect(view(a)).toEqual(view(b));
    return { status: a.status, text: view(a).body };
  }

  /** A concrete URL of a route path: the demo city, and the first record of the list above `:id`. */
  async function concrete(path: string): Promise<string> {
    let url = path.replace(':body', 'musterstadt');
    if (/\/search(\/suggest)?$/.test(url)) return `${url}?q=Haushalt`;
    const at = url.indexOf('/:id');
    if (at >= 0) {
      const list = await raw(nest).get(url.slice(0, at)).expect(200);
      const first = (list.body as { data: { id: string }[] }).data[0];
      url = url.replace(':id', first.id);
    }
    return url;
  }

  it('takes the public reads of the REST API, calendars and feeds, and nothing with credentials of its own', () => {
    expect(paths.length).toBeGreaterThanOrEqual(25);
    for (const path of ['/v1/bodies/:body/sessions', '/v1/bodies/:body/sessions/:id', '/v1/bodies/:body/documents', '/v1/bodies/:body/calendar.ics', '/v1/bodies/:body/feeds/sessions.atom']) {
      expect(paths).toContain(path);
    }
    for (const path of paths) expect(path).not.toMatch(/^\/v1\/me|newsletter|exports|\/content$|^\/health|^\/metrics/);
    // The app it is compared with answers everything through Nest.
    expect(directReadPaths(nest.app.getHttpAdapter().getInstance())).toEqual([]);
  });

  it('answers every route it takes as Nest answers it, byte for byte', async () => {
    let lists = 0;
    for (const path of paths) {
      const url = await concrete(path);
      const { status, text } = await same(url);
      expect({ url, status }).toEqual({ url, status: 200 });
      if (text.startsWith('{"data"')) lists++;
      // A page of two, and the next page by its cursor.
      if (!path.endsWith(':id') && !/\.(ics|atom)$/.test(path)) {
        const page = await same(`${url}?limit=2`);
        const next = (JSON.parse(page.text) as { links?: { next?: string } }).links?.next;
        if (next) await same(new URL(next).pathname + new URL(next).search);
      }
    }
    expect(lists).toBeGreaterThanOrEqual(10);
  });

  it('answers bad and hostile input with the same problems', async () => {
    const sessions = '/v1/bodies/musterstadt/sessions';
    const cases = [
      `${sessions}?limit=abc`,
      `${sessions}?limit=100000`,
      `${sessions}?bogus=1`,
      `${sessions}?from=yesterday`,
      `${sessions}?cursor=${'x'.repeat(300)}`,
      `${sessions}?__proto__=1`,
      `${sessions}?constructor=1`,
      `${sessions}?name=%00`,
      `${sessions}?from=%E0%A4%A`,
      `${sessions}?from=2025-01-01&from=2025-02-01`,
      `${sessions}/not-a-uuid`,
      `${sessions}/00000000-0000-4000-8000-000000000000`,
      `${sessions}/%00`,
      '/v1/bodies/nirgendwo/sessions',
      '/v1/bodies/Musterstadt/sessions',
      '/v1/bodies/m%C3%BCnster/sessions',
      '/v1/bodies/musterstadt/documents?type=' + 'ä'.repeat(5000),
      '/v1/bodies/musterstadt/committees/00000000-0000-4000-8000-000000000000/calendar.ics',
    ];
    for (const url of cases) {
      const { status } = await same(url);
      expect({ url, status: status >= 400 && status < 500 }).toEqual({ url, status: true });
    }
    // Raw UTF-8 in the path, as some clients send it.
    await same('/v1/bodies/münster/sessions');
    // The problem's language follows Accept-Language on both paths.
    await same(`${sessions}?limit=abc`, { 'Accept-Language': 'en' });
  });

  it('answers conditional and cross-origin reads the same: 304 from the ETag, CORS headers', async () => {
    const url = await concrete('/v1/bodies/:body/sessions/:id');
    const first = await raw(direct).get(url).expect(200);
    await same(url, { 'If-None-Match': String(first.headers.etag) });
    expect((await raw(direct).get(url).set('If-None-Match', String(first.headers.etag))).status).toBe(304);
    await same(url, { Origin: 'https://example.org' });
    await same(url, { 'Accept-Encoding': 'gzip' });
  });

  it('leaves callers with a key, Range and HEAD to Nest, whose guard then runs', async () => {
    const guard = jest.spyOn(AccessGuard.prototype, 'canActivate');
    try {
      const [secret] = await direct.ds.query<{ id: string }[]>(`SELECT id FROM document WHERE NOT public AND published_at IS NOT NULL AND deleted_at IS NULL LIMIT 1`);
      const url = `/v1/bodies/musterstadt/documents/${secret.id}`;
      await raw(direct).get(url).expect(404);
      expect(guard).not.toHaveBeenCalled();

      // A member of the body reads the non-public document the public does not.
      await raw(direct).get(url).set(...bearer(member)).expect(200);
      expect(guard).toHaveBeenCalledTimes(1);

      // A forged key is refused, not read as anonymous.
      await raw(direct).get(url).set('Authorization', 'Bearer rk_forged').expect(401);
      // An empty header is no credential: Nest's, and anonymous.
      await raw(direct).get(url).set('Authorization', '').expect(404);
      await raw(direct).get(url).set('Range', 'bytes=0-10').expect(404);
      await raw(direct).head(url).expect(404);
      expect(guard).toHaveBeenCalledTimes(5);
    } finally {
      guard.mockRestore();
    }
  });
});

describe('which routes direct reads take', () => {
  @Injectable()
  class SomeGuard implements CanActivate {
    canActivate(): boolean {
      return true;
    }
  }

  @Injectable()
  class SomeInterceptor implements NestInterceptor {
    intercept(_context: unknown, next: CallHandler) {
      return next.handle();
    }
  }

  @Injectable()
  @PassesPublicReads()
  class QuietInterceptor implements NestInterceptor {
    intercept(_context: unknown, next: CallHandler) {
      return next.handle();
    }
  }

  const ID = new ParseUUIDPipe();

  @Controller('v1/bodies/:body/things')
  @UseInterceptors(QuietInterceptor)
  class ThingsController {
    @Get()
    @Access('public')
    @ReadCached()
    list(@CurrentScope() _scope: unknown, @Query() _query: object, @Req() _req: unknown) {}

    @Get(':id')
    @Access('public')
    @ReadCached()
    @Header('Content-Type', 'text/plain')
    one(@Param('id', ID) _id: string) {}

    @Get('guarded')
    @Access('public')
    @ReadCached()
    @UseGuards(SomeGuard)
    guarded() {}

    @Get('intercepted')
    @Access('public')
    @ReadCached()
    @UseInterceptors(SomeInterceptor)
    intercepted() {}

    @Get('piped')
    @Access('public')
    @ReadCached()
    @UsePipes(new ValidationPipe())
    piped() {}

    @Get('own-reply')
    @Access('public')
    @ReadCached()
    ownReply(@Res() _reply: unknown) {}

    @Get('accepted')
    @Access('public')
    @ReadCached()
    @HttpCode(202)
    accepted() {}

    @Get('editors')
    @Access('editor')
    @ReadCached()
    editors() {}

    @Get('class-pipe')
    @Access('public')
    @ReadCached()
    classPipe(@Param('id', ParseUUIDPipe) _id: string) {}

    @Get('undecorated')
    @Access('public')
    @ReadCached()
    undecorated(_value: string) {}
  }

  @Controller('v1/things')
  class BodilessController {
    @Get()
    @Access('public')
    @ReadCached()
    list() {}
  }

  const reflector = new Reflector();
  const refusal = (controller: new () => object, name: string) => directReadRefusal(controller, new controller(), name, reflector);

  it('takes public reads whose parameters and interceptors it resolves as Nest does', () => {
    expect(refusal(ThingsController, 'list')).toBeNull();
    expect(refusal(ThingsController, 'one')).toBeNull();
  });

  it('leaves everything else to Nest, with the reason', () => {
    expect(refusal(ThingsController, 'guarded')).toMatch(/guards/);
    expect(refusal(ThingsController, 'intercepted')).toMatch(/interceptor/);
    expect(refusal(ThingsController, 'piped')).toMatch(/pipes/);
    expect(refusal(ThingsController, 'ownReply')).toMatch(/argument 0 of kind/);
    expect(refusal(ThingsController, 'accepted')).toMatch(/httpCode/);
    expect(refusal(ThingsController, 'editors')).toMatch(/not public/);
    expect(refusal(ThingsController, 'classPipe')).toMatch(/pipe class/);
    expect(refusal(ThingsController, 'undecorated')).toMatch(/without a decorator/);
    expect(refusal(BodilessController, 'list')).toMatch(/no \{body\}/);
  });
});
