import { Inject, Injectable } from '@nestjs/common';
import type { Scope } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { bodyBase } from '../../common/http/urls';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { CalendarFilter, CalendarRepository, CalendarRow } from './calendar.repository';
import { CalendarEvent, renderCalendar } from './ical';

@Injectable()
export class CalendarService {
  /** Host part of every event's UID. */
  private readonly host: string;

  constructor(
    private readonly calendar: CalendarRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.host = new URL(config.publicUrl).hostname;
  }

  async feed(scope: Scope, filter: CalendarFilter): Promise<string> {
    let title = `Sitzungskalender ${scope.body.name}`;
    if (filter.kind !== 'body') {
      const owner = await this.calendar.ownerName(scope, filter);
      if (!owner) throw Problem.notFound(filter.kind, filter.id);
      title = `${owner} – Sitzungen (${scope.body.name})`;
    }
    const rows = await this.calendar.sessions(scope, filter);
    return renderCalendar(
      title,
      rows.map((row) => this.event(scope, row)),
    );
  }

  private event(scope: Scope, row: CalendarRow): CalendarEvent {
    const template = scope.body.webUrlTemplates.session;
    const url = template ? template.replace('{id}', row.id) : `${bodyBase(this.config.publicUrl, scope.body)}/sessions/${row.id}`;
    const committees = row.committees ?? [];
    const description = [committees.length ? committees.join(', ') : null, row.agenda ? `Tagesordnung (öffentlich):\n${row.agenda}` : null, url]
      .filter(Boolean)
      .join('\n\n');
    return {
      uid: `session-${row.id}@${this.host}`,
      sequence: Number(row.sequence),
      stamp: row.stamp,
      start: row.start,
      end: row.end,
      summary: row.cancelled ? `ABGESAGT: ${row.name}` : row.name,
      description,
      location: row.location,
      url,
      cancelled: row.cancelled,
      categories: committees,
    };
  }
}
