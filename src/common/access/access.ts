import type { ApiKeyRole } from '../../modules/api-keys/api-key.entity';

/** Who is calling, as established from the `Authorization` header. */
export interface Caller {
  keyId: string | null;
  role: ApiKeyRole | 'anonymous';
  /** The body an editor or member key belongs to; null for admins and anonymous callers. */
  bodyId: string | null;
}

export const ANONYMOUS: Caller = { keyId: null, role: 'anonymous', bodyId: null };

/**
 * What a caller may read of one body:
 * - `public`: published, public content only (anonymous callers, keys of other bodies);
 * - `member`: published content including non-public items (member keys of the body);
 * - `staff`: everything, including drafts (editor keys of the body, admin keys).
 */
export type Visibility = 'public' | 'member' | 'staff';

export function visibilityFor(caller: Caller, bodyId: string): Visibility {
  if (caller.role === 'admin') return 'staff';
  if (caller.bodyId !== bodyId) return 'public';
  return caller.role === 'editor' ? 'staff' : caller.role === 'member' ? 'member' : 'public';
}

/** Audience levels stored on change events: who could see a resource. */
export const AUDIENCE = { staff: 0, member: 1, public: 2 } as const;
export type Audience = (typeof AUDIENCE)[keyof typeof AUDIENCE];

export function canWrite(caller: Caller, bodyId: string): boolean {
  return caller.role === 'admin' || (caller.role === 'editor' && caller.bodyId === bodyId);
}

/** The body a request is about, resolved once from the `{body}` path segment. */
export interface BodyRef {
  id: string;
  slug: string;
  name: string;
  webUrlTemplates: Record<string, string>;
}

/** Everything a service needs to answer a request about one body. */
export interface Scope {
  body: BodyRef;
  caller: Caller;
  visibility: Visibility;
  requestId: string | null;
}
