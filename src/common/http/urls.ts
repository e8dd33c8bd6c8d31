import type { BodyRef } from '../access/access';

/** Absolute base URL of a body's REST resources, e.g. for file links. */
export function bodyBase(publicUrl: string, body: Pick<BodyRef, 'slug'>): string {
  return `${publicUrl}/v1/bodies/${body.slug}`;
}
