import type { Visibility } from './access';
import { onceVisible, visible } from './visibility.sql';

/** Every resource type of a body, with its table and visibility rules (now, and at any time; see visibility.sql.ts). */
export const RESOURCES = {
  'legislative-term': { table: 'legislative_term', visible: visible.plain, onceVisible: onceVisible.plain },
  location: { table: 'location', visible: visible.plain, onceVisible: onceVisible.plain },
  committee: { table: 'committee', visible: visible.plain, onceVisible: onceVisible.plain },
  person: { table: 'person', visible: visible.plain, onceVisible: onceVisible.plain },
  membership: { table: 'membership', visible: visible.membership, onceVisible: onceVisible.membership },
  session: { table: 'session', visible: visible.session, onceVisible: onceVisible.session },
  'agenda-item': { table: 'agenda_item', visible: visible.agendaItem, onceVisible: onceVisible.agendaItem },
  document: { table: 'document', visible: visible.document, onceVisible: onceVisible.document },
  consultation: { table: 'consultation', visible: visible.consultation, onceVisible: onceVisible.consultation },
  file: { table: 'file', visible: visible.file, onceVisible: onceVisible.file },
  minutes: { table: 'minutes', visible: visible.minutes, onceVisible: onceVisible.minutes },
} as const satisfies Record<string, { table: string; visible: (alias: string, v: Visibility) => string; onceVisible: (alias: string, v: Visibility) => string }>;

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
