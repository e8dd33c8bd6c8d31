import type { Type } from '@nestjs/common';
import { NewsletterModule } from './newsletter/newsletter.module';
import { CalendarModule } from './calendar/calendar.module';
import { AgendaItemsModule } from './agenda-items/agenda-items.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { DocumentsModule } from './documents/documents.module';
import { FilesModule } from './files/files.module';
import { MinutesModule } from './minutes/minutes.module';
import { SessionsModule } from './sessions/sessions.module';
import { CommitteesModule } from './committees/committees.module';
import { LegislativeTermsModule } from './legislative-terms/legislative-terms.module';
import { LocationsModule } from './locations/locations.module';
import { MembershipsModule } from './memberships/memberships.module';
import { PeopleModule } from './people/people.module';
import { SearchModule } from './search/search.module';
import { OparlModule } from './oparl/oparl.module';
import { MeModule } from './me/me.module';
import { FeedsModule } from './feeds/feeds.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ExportsModule } from './exports/exports.module';

/** The council-data modules served under /v1. */
export const DOMAIN_MODULES: Type[] = [CalendarModule, SessionsModule, FilesModule, AgendaItemsModule, DocumentsModule, ConsultationsModule, MinutesModule, LegislativeTermsModule, LocationsModule, CommitteesModule, PeopleModule, MembershipsModule, SearchModule, FeedsModule, NewsletterModule, OparlModule, MeModule, WebhooksModule, ExportsModule];
