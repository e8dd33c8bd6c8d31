import { Injectable } from '@nestjs/common';
import { RESOURCE_KINDS } from '../../common/access/resources';
import { ts } from '../../common/sql/format';
import { Db } from '../../infra/database/db.service';
import { TargetInfo, targetInfoByType, visibleToAccount } from './targets.sql';

/** Everything an account follows, by kind; keywords decrypted (they reach SQL as parameters only). */
export interface FollowSets {
  bodyIds: string[];
  committees: string[];
  documents: string[];
  sessions: string[];
  /** Keywords with the body they are followed in. */
  keywords: { bodyId: string; keyword: string }[];
}

export interface FeedRow {
  position: string;
  occurred: string;
  action: 'created' | 'updated' | 'deleted';
  resource: string;
  resourceId: string;
  committees: string[];
  documents: string[];
  sessions: string[];
  keywords: number[];
  target: TargetInfo | null;
}

/** `LIKE` pattern of a keyword, matched anywhere in a title (case and accents folded). */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * What changed in what an account follows, read from the change events: an event counts when
 * the account could see the record before or after (as the public change feed decides), and
 * it is about a followed object or one of its parts, or its title holds a followed keyword.
 * Relations are looked up through rows the account may see only. `$3` holds the bodies the
 * account is a member of.
 */
const M = '$3';
const acc = (kind: Parameters<typeof visibleToAccount>[0], alias: string): string => visibleToAccount(kind, alias, M);

const COMMITTEES = `CASE e.resource
  WHEN 'committee' THEN ARRAY[e.resource_id]
  WHEN 'membership' THEN ARRAY(SELECT m.committee_id FROM membership m WHERE m.id = e.resource_id)
  WHEN 'session' THEN ARRAY(SELECT sc.committee_id FROM session_committee sc WHERE sc.session_id = e.resource_id)
  WHEN 'agenda-item' THEN ARRAY(SELECT sc.committee_id FROM agenda_item a JOIN session_committee sc ON sc.session_id = a.session_id WHERE a.id = e.resource_id)
  WHEN 'minutes' THEN ARRAY(SELECT sc.committee_id FROM minutes mi JOIN session_committee sc ON sc.session_id = mi.session_id WHERE mi.id = e.resource_id)
  WHEN 'consultation' THEN ARRAY(SELECT c.committee_id FROM consultation c WHERE c.id = e.resource_id AND c.committee_id IS NOT NULL)
  WHEN 'document' THEN COALESCE((SELECT d.originator_committee_ids FROM document d WHERE d.id = e.resource_id), '{}')
    || ARRAY(SELECT c.committee_id FROM consultation c WHERE c.document_id = e.resource_id AND c.committee_id IS NOT NULL AND ${acc('consultation', 'c')})
  WHEN 'file' THEN ARRAY(SELECT sc.committee_id FROM file f JOIN session_committee sc
      ON sc.session_id = COALESCE(f.session_id, (SELECT a.session_id FROM agenda_item a WHERE a.id = f.agenda_item_id)) WHERE f.id = e.resource_id)
    || ARRAY(SELECT c.committee_id FROM file f JOIN consultation c ON c.document_id = f.document_id
      WHERE f.id = e.resource_id AND c.committee_id IS NOT NULL AND ${acc('consultation', 'c')})
  ELSE '{}'::uuid[] END`;

const DOCUMENTS = `CASE e.resource
  WHEN 'document' THEN ARRAY[e.resource_id]
  WHEN 'file' THEN ARRAY(SELECT f.document_id FROM file f WHERE f.id = e.resource_id AND f.document_id IS NOT NULL)
  WHEN 'consultation' THEN ARRAY(SELECT c.document_id FROM consultation c WHERE c.id = e.resource_id)
  WHEN 'agenda-item' THEN ARRAY(SELECT c.document_id FROM consultation c WHERE c.agenda_item_id = e.resource_id AND ${acc('consultation', 'c')})
  ELSE '{}'::uuid[] END`;

const SESSIONS = `CASE e.resource
  WHEN 'session' THEN ARRAY[e.resource_id]
  WHEN 'agenda-item' THEN ARRAY(SELECT a.session_id FROM agenda_item a WHERE a.id = e.resource_id)
  WHEN 'minutes' THEN ARRAY(SELECT mi.session_id FROM minutes mi WHERE mi.id = e.resource_id)
  WHEN 'file' THEN ARRAY(SELECT COALESCE(f.session_id, (SELECT a.session_id FROM agenda_item a WHERE a.id = f.agenda_item_id)) FROM file f
    WHERE f.id = e.resource_id AND (f.session_id IS NOT NULL OR f.agenda_item_id IS NOT NULL))
  WHEN 'consultation' THEN ARRAY(SELECT COALESCE(c.session_id, (SELECT a.session_id FROM agenda_item a WHERE a.id = c.agenda_item_id)) FROM consultation c
    WHERE c.id = e.resource_id AND (c.session_id IS NOT NULL OR c.agenda_item_id IS NOT NULL))
  WHEN 'document' THEN ARRAY(SELECT COALESCE(c.session_id, (SELECT a.session_id FROM agenda_item a WHERE a.id = c.agenda_item_id)) FROM consultation c
    WHERE c.document_id = e.resource_id AND (c.session_id IS NOT NULL OR c.agenda_item_id IS NOT NULL) AND ${acc('consultation', 'c')})
  ELSE '{}'::uuid[] END`;

/** The title a keyword is matched in, while the account sees the record. */
const TITLE = `CASE e.resource
  WHEN 'session' THEN (SELECT s.name FROM session s WHERE s.id = e.resource_id AND ${acc('session', 's')})
  WHEN 'agenda-item' THEN (SELECT a.name FROM agenda_item a WHERE a.id = e.resource_id AND ${acc('agenda-item', 'a')})
  WHEN 'document' THEN (SELECT concat_ws(' ', d.reference, d.name) FROM document d WHERE d.id = e.resource_id AND ${acc('document', 'd')})
  WHEN 'file' THEN (SELECT f.name FROM file f WHERE f.id = e.resource_id AND ${acc('file', 'f')})
  END`;

@Injectable()
export class FeedRepository {
  constructor(private readonly db: Db) {}

  /**
   * Scans at most `scan` change events of the followed bodies after `after` and returns the
   * matching ones (at most `limit`), and how far it read.
   */
  async scan(sets: FollowSets, memberBodyIds: readonly string[], publicUrl: string, after: string, scan: number, limit: number): Promise<{ rows: FeedRow[]; scannedTo: string | null; exhausted: boolean }> {
    const values = [
      sets.bodyIds, // $1
      after, // $2
      [...memberBodyIds], // $3
      scan, // $4
      sets.committees, // $5
      sets.documents, // $6
      sets.sessions, // $7
      sets.keywords.map((k) => k.bodyId), // $8
      sets.keywords.map((k) => likePattern(k.keyword)), // $9
      publicUrl, // $10
      limit, // $11
    ];
    const level = `CASE WHEN e.body_id = ANY(${M}::uuid[]) THEN 1 ELSE 2 END`;
    const sql = `
      WITH ev AS (
        SELECT e.* FROM change_event e WHERE e.body_id = ANY($1::uuid[]) AND e.id > $2::bigint ORDER BY e.id LIMIT $4
      ), seen AS (
        SELECT max(id)::text AS last, count(*)::int AS n FROM ev
      ), rel AS (
        SELECT e.*, ${level} AS level, ${COMMITTEES} AS cs, ${DOCUMENTS} AS ds, ${SESSIONS} AS ss,
          CASE WHEN cardinality($9::text[]) > 0 THEN lower(unaccent(${TITLE})) END AS title
        FROM ev e WHERE GREATEST(e.audience_before, e.audience_after) >= ${level}
      ), hit AS (
        SELECT e.*, ARRAY(SELECT x FROM unnest(e.cs) x WHERE x = ANY($5::uuid[])) AS mc, ARRAY(SELECT x FROM unnest(e.ds) x WHERE x = ANY($6::uuid[])) AS md,
          ARRAY(SELECT x FROM unnest(e.ss) x WHERE x = ANY($7::uuid[])) AS ms,
          ARRAY(SELECT k.n::int FROM unnest($8::uuid[], $9::text[]) WITH ORDINALITY AS k(body_id, pattern, n)
            WHERE k.body_id = e.body_id AND e.title LIKE lower(unaccent(k.pattern))) AS mk
        FROM rel e
      )
      SELECT e.id::text AS position, ${ts('e.occurred_at')} AS occurred,
        CASE WHEN e.audience_after < e.level THEN 'deleted' WHEN e.audience_before < e.level THEN 'created' ELSE 'updated' END AS action,
        e.resource, e.resource_id AS "resourceId", e.mc AS committees, e.md AS documents, e.ms AS sessions, e.mk AS keywords,
        CASE WHEN e.audience_after >= e.level THEN ${targetInfoByType(RESOURCE_KINDS, 'e.resource', 'e.resource_id', M, '$10')} END AS target,
        (SELECT last FROM seen) AS last, (SELECT n FROM seen) AS n
      FROM hit e WHERE cardinality(e.mc) + cardinality(e.md) + cardinality(e.ms) + cardinality(e.mk) > 0
      ORDER BY e.id LIMIT $11`;
    const rows = await this.db.rows<FeedRow & { last: string; n: number }>(sql, values);
    if (rows.length) {
      // Matches beyond `limit` exist when the page is full: read only up to the last shown.
      const full = rows.length >= limit;
      return { rows, scannedTo: full ? rows[rows.length - 1].position : rows[0].last, exhausted: !full && rows[0].n < scan };
    }
    const [seen] = await this.db.rows<{ last: string | null; n: number }>(
      `SELECT max(id)::text AS last, count(*)::int AS n FROM (SELECT e.id FROM change_event e WHERE e.body_id = ANY($1::uuid[]) AND e.id > $2::bigint ORDER BY e.id LIMIT $3) ev`,
      [sets.bodyIds, after, scan],
    );
    return { rows: [], scannedTo: seen.last, exhausted: seen.n < scan };
  }

  async readMarker(accountId: string): Promise<string> {
    const row = await this.db.one<{ position: string }>(`SELECT feed_position::text AS position FROM app_account WHERE id = $1`, [accountId]);
    return row?.position ?? '0';
  }

  /** Moves the read marker forward (never back: another device may have read further). */
  async markRead(accountId: string, position: string): Promise<string> {
    const row = await this.db.one<{ position: string }>(
      `UPDATE app_account SET feed_position = GREATEST(feed_position, LEAST($2::bigint, COALESCE((SELECT max(id) FROM change_event), 0))) WHERE id = $1 RETURNING feed_position::text AS position`,
      [accountId, position],
    );
    return row?.position ?? '0';
  }
}
