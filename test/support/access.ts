import { bearer, startWithBody } from './app';

/** Shared checks of the access rules, for the spec files of every resource. */
export type Ctx = Awaited<ReturnType<typeof startWithBody>>;
export type Role = 'anonymous' | keyof Ctx['keys'];

/** An id no row has. */
export const MISSING = '00000000-0000-4000-8000-000000000000';

/** GET as a role: anonymous, or with that role's key. */
export function getAs(t: Ctx, url: string, role: Role = 'anonymous') {
  const request = t.http().get(url);
  return role === 'anonymous' ? request : request.set(...bearer(t.keys[role]));
}

/** Everything but the id a 404 problem names, so "hidden" and "missing" can be compared. */
export function notFoundShape(body: Record<string, unknown>, id: string): Record<string, unknown> {
  return { ...body, detail: String(body.detail).replace(id, '<id>'), instance: undefined, requestId: undefined };
}

export type Write = [method: string, url: string, body?: Record<string, unknown>];

/** Every write is refused to anonymous callers (401), members and keys of another body (403). */
export async function expectWritesRefused(t: Ctx, writes: Write[]): Promise<void> {
  for (const [method, url, body] of writes) {
    const send = (key?: string) => {
      const request = method === 'post' ? t.http().post(url) : method === 'patch' ? t.http().patch(url) : t.http().delete(url);
      if (key) request.set(...bearer(key));
      return body ? request.send(body) : request;
    };
    expect((await send().expect(401)).headers['content-type']).toMatch(/problem\+json/);
    await send(t.keys.member).expect(403);
    await send(t.keys.otherEditor).expect(403);
    await send(t.keys.otherMember).expect(403);
  }
}
