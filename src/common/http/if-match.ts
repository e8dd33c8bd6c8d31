import { HttpStatus } from '@nestjs/common';
import type { RecordWrite } from '../access/access';
import { Problem } from './problem';
import { NounKey, noun } from './problem-texts';

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

/**
 * Compares the request's If-Match with the stored `version` of the row it names, which the
 * caller holds locked (SELECT … FOR UPDATE) until its transaction ends; a version it does not
 * name is a 412. Marks the If-Match as checked.
 */
export function checkIfMatch(write: RecordWrite, what: NounKey, id: string, version: number): void {
  write.checked = true;
  if (!ifMatches(write.ifMatch, version)) throw new StaleVersion(what, id, version);
}

/** 412: the row is no longer at the version the editor read; `current` names the one it is at. */
export class StaleVersion extends Problem {
  constructor(
    readonly what: NounKey,
    readonly id: string,
    version: number,
  ) {
    super(HttpStatus.PRECONDITION_FAILED, 'record_changed', { what: noun(what), version });
    this.with({ extensions: { current: { version, etag: etag(version) } }, headers: { ETag: etag(version) } });
  }

  /** Adds the stored row as the editor reads it (`current.record`), to apply the change to. */
  show(record: unknown): void {
    Object.assign(this.extensions.current as object, { record });
  }
}

function malformed(): Problem {
  return new Problem(HttpStatus.BAD_REQUEST, 'if_match_malformed', {}, [{ field: 'If-Match', text: 'if_match_syntax' }]);
}
