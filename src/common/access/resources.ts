import type { Visibility } from './access';
import { visible } from './visibility.sql';

/** Every resource type of a body, with its table and visibility rule. */
export const RESOURCES = {
  'legislative-term': { table: 'legislative_term', visible: visible.plain },
  location: { table: 'location', visible: visible.plain },
  committee: { table: 'committee', visible: visible.plain },
  person: { table: 'person', visible: visible.plain },
  membership: { table: 'membership', visible: visible.membership },
  session: { table: 'session', visible: visible.session },
  'agenda-item': { table: 'agenda_item', visible: visible.agendaItem },
  document: { table: 'document', visible: visible.document },
  consultation: { table: 'consultation', visible: visible.consultation },
  file: { table: 'file', visible: visible.file },
  minutes: { table: 'minutes', visible: visible.minutes },
} as const satisfies Record<string, { table: string; visible: (alias: string, v: Visibility) => string }>;

export type ResourceKind = keyof typeof RESOURCES;
export const RESOURCE_KINDS = Object.keys(RESOURCES) as ResourceKind[];

/** REST path segment of each resource under `/v1/bodies/{body}/`. */
export const RESOURCE_PATHS: Record<ResourceKind, string> = {
  'legislative-term': 'legislative-terms',
  location: 'locations',
  committee: 'committees',
  person: 'people',
  membership: 'memberships',
  session: 'sessions',
  'agenda-item': 'agenda-items',
  document: 'documents',
  consultation: 'consultations',
  file: 'files',
  minutes: 'minutes',
};
