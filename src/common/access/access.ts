import type { ApiKeyRole } from '../../modules/api-keys/api-key.entity';
import type { IfMatch } from '../http/if-match';

/**
 * Who is calling, as established from the `Authorization` header: nobody, an API key (city
 * staff and integrations), or an app account (a reader's app). The credentials never stand in
 * for one another: an account token is never an API key, and an API key never reaches an
 * account's data.
 */
export interface Caller {
  keyId: string | null;
  role: ApiKeyRole | 'account' | 'anonymous';
  /** The body an editor or member key belongs to; null for admins, accounts and anonymous callers. */
  bodyId: string | null;
  /** App accounts only. */
  account?: AccountRef;
}

/** The app account behind a token, as the guard resolved it. */
export interface AccountRef {
  id: string;
  /** The token (device) that made the request. */
  tokenId: string;
  /** Bodies whose non-public content the account may read (granted by an admin). */
  memberBodyIds: readonly string[];
  /** The account's data key, wrapped by a server key (see AccountKeyRing). */
  dataKey: { keyId: string; wrapped: Buffer };
}

export const ANONYMOUS: Caller = { keyId: null, role: 'anonymous', bodyId: null };

/**
 * What a caller may read of one body:
 * - `public`: published, public content only (anonymous callers, keys of other bodies);
 * - `member`: published content including non-public items (member keys of the body, and
 *   app accounts granted member access to it);
 * - `staff`: everything, including drafts (editor keys of the body, admin keys).
 */
export type Visibility = 'public' | 'member' | 'staff';

export function visibilityFor(caller: Caller, bodyId: string): Visibility {
  if (caller.role === 'admin') return 'staff';
  if (caller.role === 'account') return caller.account?.memberBodyIds.includes(bodyId) ? 'member' : 'public';
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
  /** An editor's write to one record: set by RecordVersionInterceptor, used by ResourceWriter. */
  write?: RecordWrite;
}

/** An editor's write to one record (`:id` in the path) or a create. */
export interface RecordWrite {
  /** The record the path names; null for a create. */
  id: string | null;
  /** `If-Match` as sent; absent, the write goes ahead whatever version is stored. */
  ifMatch: IfMatch | undefined;
  /** Whether ResourceWriter compared `ifMatch` with the locked row. */
  checked: boolean;
  /** The version the write produced (of the record a create made: 1). */
  version?: number;
}
