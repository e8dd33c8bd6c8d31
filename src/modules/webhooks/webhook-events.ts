import { AUDIENCE, Audience, Visibility } from '../../common/access/access';
import { RESOURCE_KINDS, RESOURCE_PATHS, ResourceKind } from '../../common/access/resources';
import type { ChangeJob } from '../../infra/queue/queues';

/**
 * Event types a subscription names: `*`, `<resource>.*`, or `<resource>.<action>`, derived from
 * the change events of the outbox (`session.created`, `document.updated`, `file.deleted`, …).
 */
export const EVENT_ACTIONS = ['created', 'updated', 'deleted', 'published', 'unpublished'] as const;
export const EVENT_TYPE_PATTERN = new RegExp(`^(\\*|(${RESOURCE_KINDS.join('|')})\\.(\\*|${EVENT_ACTIONS.join('|')}))$`);

export const AUDIENCE_OF: Record<Visibility, Audience> = { public: AUDIENCE.public, member: AUDIENCE.member, staff: AUDIENCE.staff };
export const VISIBILITY_OF: Record<Audience, Visibility> = { [AUDIENCE.public]: 'public', [AUDIENCE.member]: 'member', [AUDIENCE.staff]: 'staff' };

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: { body: string; resource: ResourceKind; id: string; action: string; url: string | null };
}

/**
 * The change as a subscriber of `audience` sees it, as the change feed shows it: null when it
 * could see the record neither before nor after; a record it could not see before is created
 * for it, one it can no longer see deleted (and has no URL).
 */
export function eventFor(change: ChangeJob, audience: Audience): { action: string; visibleAfter: boolean } | null {
  if (Math.max(change.audienceBefore, change.audienceAfter) < audience) return null;
  if (change.audienceAfter < audience) return { action: 'deleted', visibleAfter: false };
  if (change.audienceBefore < audience) return { action: 'created', visibleAfter: true };
  return { action: EVENT_ACTIONS.includes(change.action as (typeof EVENT_ACTIONS)[number]) ? change.action : 'updated', visibleAfter: true };
}

export function matchesTypes(patterns: readonly string[], type: string): boolean {
  const resource = type.slice(0, type.indexOf('.'));
  return patterns.some((p) => p === '*' || p === type || p === `${resource}.*`);
}

export function resourceUrl(publicUrl: string, bodySlug: string, resource: ResourceKind, id: string): string {
  return `${publicUrl}/v1/bodies/${bodySlug}/${RESOURCE_PATHS[resource]}/${id}`;
}
