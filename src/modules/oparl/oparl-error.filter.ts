import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import { JSON_CONTENT_TYPE } from '../../common/http/json';
import { caught, logUnexpected, Problem } from '../../common/http/problem';
import { FIELD_TEXTS, fill } from '../../common/http/problem-texts';
import { DatabaseAvailability } from '../../infra/database/availability';
import { OPARL_VERSION } from './oparl.sql';

/** The OParl Error object (§2.9); sent only with a 4xx or 5xx status. */
export interface OparlError {
  type: string;
  message: string;
  debug?: string;
}

const MESSAGES: Record<number, string> = {
  400: 'Die Anfrage ist ungültig.',
  401: 'Für diese Anfrage ist eine Anmeldung nötig.',
  403: 'Der Zugriff ist nicht erlaubt.',
  404: 'Das angeforderte Objekt gibt es nicht.',
  405: 'Diese Methode ist hier nicht erlaubt.',
  429: 'Zu viele Anfragen. Bitte später erneut versuchen.',
  503: 'Der Dienst ist vorübergehend nicht verfügbar. Bitte in einigen Sekunden erneut versuchen.',
};

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  const code = typeof exception === 'object' && exception !== null ? (exception as { statusCode?: unknown }).statusCode : undefined;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}

const LOGGER = new Logger('oparl');

/**
 * Renders errors of the OParl routes as OParl Error objects instead of problem+json. An
 * unreachable PostgreSQL is a 503 with `Retry-After`, logged once per outage.
 */
@Catch()
export class OparlErrorFilter implements ExceptionFilter {
  constructor(@Optional() private readonly availability?: DatabaseAvailability) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const { exception, request, reply } = caught(thrown, host, this.availability);
    const status = statusOf(exception);
    const body: OparlError = {
      type: `${OPARL_VERSION}Error`,
      message: status === 400 && exception instanceof Problem && !exception.errors ? exception.message : (MESSAGES[status] ?? 'Ein interner Fehler ist aufgetreten.'),
    };
    const detail = exception instanceof Problem && exception.errors ? exception.errors.map((e) => `${e.field}: ${fill(FIELD_TEXTS[e.text].de, { field: e.field, ...e.params }, 'de')}`).join('; ') : exception instanceof Error ? exception.message : '';
    if (status < 500 && detail && detail !== body.message) body.debug = detail;
    if (status >= 500) body.debug = `Anfrage ${String(request?.id)}`;
    logUnexpected(status, exception, request, LOGGER);
    if (reply.sent) return;
    if (exception instanceof Problem) for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    void reply.status(status).header('Content-Type', JSON_CONTENT_TYPE).header('Cache-Control', 'no-store').send(JSON.stringify(body));
  }
}
