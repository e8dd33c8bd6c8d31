import { applyDecorators, Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Scope } from '../../common/access/access';
import { Access, CurrentScope } from '../../common/access/access.decorator';
import { ReadCached } from '../../common/cache/read-cache';
import { BodyParam, IdParam } from '../../common/http/api-docs';
import { ProblemDto } from '../../common/http/problem.dto';
import { CalendarService } from './calendar.service';

const ID = new ParseUUIDPipe();
const ICS = 'text/calendar; charset=utf-8';
const DESCRIPTION =
  'iCalendar (RFC 5545) feed of the sessions from about a year ago on, for calendar apps (subscribe with `webcal://`). ' +
  'Cancelled sessions have STATUS:CANCELLED; SEQUENCE rises on every change the caller can see (drafts and, for anonymous callers, non-public items leave the feed as it is); ETag and If-None-Match make polling cheap.';

/** A public, cached iCalendar route and its documentation. */
const CalendarFeed = (summary: string): MethodDecorator =>
  applyDecorators(
    Access('public'),
    ReadCached(),
    ApiOperation({ summary, description: DESCRIPTION }),
    ApiProduces('text/calendar'),
    ApiOkResponse({ description: 'iCalendar', schema: { type: 'string' } }),
    ApiNotFoundResponse({ type: ProblemDto }),
    Header('Content-Type', ICS),
    Header('Content-Disposition', 'inline; filename="sitzungen.ics"'),
  );

@ApiTags('calendar')
@BodyParam()
@Controller('v1/bodies/:body')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar.ics')
  @CalendarFeed("Calendar feed of all of the body's sessions")
  body(@CurrentScope() scope: Scope): Promise<string> {
    return this.calendar.feed(scope, { kind: 'body' });
  }

  @Get('committees/:id/calendar.ics')
  @CalendarFeed("Calendar feed of a committee's sessions")
  @IdParam('committee')
  committee(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<string> {
    return this.calendar.feed(scope, { kind: 'committee', id });
  }

  @Get('people/:id/calendar.ics')
  @CalendarFeed('Calendar feed of the sessions of the committees a person sits in')
  @IdParam('person')
  person(@CurrentScope() scope: Scope, @Param('id', ID) id: string): Promise<string> {
    return this.calendar.feed(scope, { kind: 'person', id });
  }
}
