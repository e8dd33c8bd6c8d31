import { HttpStatus } from '@nestjs/common';
import { Problem } from './problem';

/** What an `If-Match` header accepts: the versions it names, or `*` (whatever is stored). */
export type IfMatch = readonly number[] | '*';

/** The strong ETag of a version: `"<version>"`. */
export const etag = (version: number): string => `"${version}"`;

/** One entity-tag of RFC 9110 (`W/` marks a weak one), read from `lastIndex` on. */
const ENTITY_TAG = /(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/y;
const SPACE = /[\t ]*/y;

/**
 * Reads `If-Match` (RFC 9110): `*`, or a list of entity-tags. Only strong tags of the form
 * `"<version>"` can match (strong comparison); other well-formed tags, weak ones included,
 * never do. Anything that is not the header's syntax is a 400. Absent: undefined.
 */
export function parseIfMatch(header: string | string[] | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(', ') : header).trim();
  if (value === '*') return '*';
  const versions: number[] = [];
  let at = 0;
  let tags = 0;
  const skip = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(value);
    at = SPACE.lastIndex;
  };
  while (at < value.length) {
    skip();
    if (value[at] === ',') {
      at++;
      continue;
    }
    ENTITY_TAG.lastIndex = at;
    const tag = ENTITY_TAG.exec(value);
    if (!tag) throw malformed();
    at = ENTITY_TAG.lastIndex;
    tags++;
    if (!tag[1] && /^[1-9]\d{0,9}$/.test(tag[2])) versions.push(Number(tag[2]));
    skip();
    if (at < value.length && value[at] !== ',') throw malformed();
  }
  if (tags === 0) throw malformed();
  return versions;
}

/** Whether `If-Match` lets a write on `version` go ahead (absent: always). */
export function ifMatches(accepted: IfMatch | undefined, version: number): boolean {
  return accepted === undefined || accepted === '*' || accepted.includes(version);
}

function malformed(): Problem {
  return new Problem(HttpStatus.BAD_REQUEST, 'if_match_malformed', {}, [{ field: 'If-Match', text: 'if_match_syntax' }]);
}
