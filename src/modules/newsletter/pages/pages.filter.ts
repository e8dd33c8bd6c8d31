import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ScopedRequest } from '../../../common/access/access.decorator';
import { caught, Problem } from '../../../common/http/problem';
import { DatabaseAvailability } from '../../../infra/database/availability';
import { errorPage, PAGE_HEADERS, pageLanguage, type PageName } from './pages.render';

/** A page to answer with instead of the usual one of its status (the manage form with what was wrong). */
export class PageAnswer extends HttpException {
  constructor(
    status: number,
    readonly html: string,
  ) {
    super('page', status);
  }
}

const PAGES: readonly PageName[] = ['confirm', 'manage', 'unsubscribe'];

const LOGGER = new Logger('http');

/**
 * Errors of the newsletter's pages as pages: the reader's language, what to do, the status
 * the API would answer (an unknown token a 404), and the pages' headers. Logged like the
 * global problem filter logs.
 */
@Catch()
export class NewsletterPageFilter implements ExceptionFilter {
  constructor(@Optional() private readonly availability?: DatabaseAvailability) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const { exception, request, reply } = caught<FastifyRequest & ScopedRequest>(thrown, host, this.availability);
    const status = exception instanceof HttpException ? exception.getStatus() : statusOf(exception);
    if (status >= 500 && !(exception instanceof Problem)) {
      LOGGER.error(`request ${String(request.id)} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    if (reply.sent) return;
    let answer: { status: number; html: string };
    if (exception instanceof PageAnswer) {
      answer = { status, html: exception.html };
    } else {
      const lang = pageLanguage((request.body as { lang?: unknown } | undefined)?.lang ?? (request.query as { lang?: unknown } | undefined)?.lang, request.headers['accept-language']);
      const segment = request.routeOptions.url?.split('/').pop() as PageName | undefined;
      answer = errorPage({ lang, bodyName: request.scope?.body.name ?? null }, status, segment && PAGES.includes(segment) ? segment : null);
    }
    if (exception instanceof Problem) for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    void reply.status(answer.status).headers(PAGE_HEADERS).send(answer.html);
  }
}

/** The status of a Fastify error (a client's fault), else 500. */
function statusOf(error: unknown): number {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
}
