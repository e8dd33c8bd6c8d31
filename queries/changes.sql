-- The SQL of changes, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- changes: list · anonymous
-- parameters: 2, "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", 26
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      e.id::text,
      'resource',
      e.resource,
      'resourceId',
      e.resource_id,
      'action',
      CASE
        WHEN e.audience_after < $1 THEN 'deleted'
        WHEN e.audience_before < $1 THEN 'created'
        ELSE 'updated'
      END,
      'occurred',
      to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'url',
      CASE
        WHEN e.audience_after >= $1 THEN $3 || '/' || CASE e.resource
          WHEN 'legislative-term' THEN 'legislative-terms'
          WHEN 'location' THEN 'locations'
          WHEN 'committee' THEN 'committees'
          WHEN 'person' THEN 'people'
          WHEN 'membership' THEN 'memberships'
          WHEN 'session' THEN 'sessions'
          WHEN 'agenda-item' THEN 'agenda-items'
          WHEN 'document' THEN 'documents'
          WHEN 'consultation' THEN 'consultations'
          WHEN 'file' THEN 'files'
          WHEN 'minutes' THEN 'minutes'
        END || '/' || e.resource_id
      END
    )
  ) AS j,
  e.id::text AS _k0
FROM
  change_event e
WHERE
  e.body_id = $2
  AND GREATEST(e.audience_before, e.audience_after) >= $1
ORDER BY
  e.id ASC
LIMIT
  $4;

-- changes: list · member
-- parameters: 1, "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", 26
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      e.id::text,
      'resource',
      e.resource,
      'resourceId',
      e.resource_id,
      'action',
      CASE
        WHEN e.audience_after < $1 THEN 'deleted'
        WHEN e.audience_before < $1 THEN 'created'
        ELSE 'updated'
      END,
      'occurred',
      to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'url',
      CASE
        WHEN e.audience_after >= $1 THEN $3 || '/' || CASE e.resource
          WHEN 'legislative-term' THEN 'legislative-terms'
          WHEN 'location' THEN 'locations'
          WHEN 'committee' THEN 'committees'
          WHEN 'person' THEN 'people'
          WHEN 'membership' THEN 'memberships'
          WHEN 'session' THEN 'sessions'
          WHEN 'agenda-item' THEN 'agenda-items'
          WHEN 'document' THEN 'documents'
          WHEN 'consultation' THEN 'consultations'
          WHEN 'file' THEN 'files'
          WHEN 'minutes' THEN 'minutes'
        END || '/' || e.resource_id
      END
    )
  ) AS j,
  e.id::text AS _k0
FROM
  change_event e
WHERE
  e.body_id = $2
  AND GREATEST(e.audience_before, e.audience_after) >= $1
ORDER BY
  e.id ASC
LIMIT
  $4;

-- changes: list · editor
-- parameters: 0, "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", 26
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      e.id::text,
      'resource',
      e.resource,
      'resourceId',
      e.resource_id,
      'action',
      CASE
        WHEN e.audience_after < $1 THEN 'deleted'
        WHEN e.audience_before < $1 THEN 'created'
        ELSE 'updated'
      END,
      'occurred',
      to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'url',
      CASE
        WHEN e.audience_after >= $1 THEN $3 || '/' || CASE e.resource
          WHEN 'legislative-term' THEN 'legislative-terms'
          WHEN 'location' THEN 'locations'
          WHEN 'committee' THEN 'committees'
          WHEN 'person' THEN 'people'
          WHEN 'membership' THEN 'memberships'
          WHEN 'session' THEN 'sessions'
          WHEN 'agenda-item' THEN 'agenda-items'
          WHEN 'document' THEN 'documents'
          WHEN 'consultation' THEN 'consultations'
          WHEN 'file' THEN 'files'
          WHEN 'minutes' THEN 'minutes'
        END || '/' || e.resource_id
      END
    )
  ) AS j,
  e.id::text AS _k0
FROM
  change_event e
WHERE
  e.body_id = $2
  AND GREATEST(e.audience_before, e.audience_after) >= $1
ORDER BY
  e.id ASC
LIMIT
  $4;

-- changes: list with every filter, after a cursor · anonymous
-- parameters: 2, "00000000-0000-4000-8000-00000000b0d1", "session", "2026-01-01T00:00:00Z", "42", "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", 26
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      e.id::text,
      'resource',
      e.resource,
      'resourceId',
      e.resource_id,
      'action',
      CASE
        WHEN e.audience_after < $1 THEN 'deleted'
        WHEN e.audience_before < $1 THEN 'created'
        ELSE 'updated'
      END,
      'occurred',
      to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'url',
      CASE
        WHEN e.audience_after >= $1 THEN $6 || '/' || CASE e.resource
          WHEN 'legislative-term' THEN 'legislative-terms'
          WHEN 'location' THEN 'locations'
          WHEN 'committee' THEN 'committees'
          WHEN 'person' THEN 'people'
          WHEN 'membership' THEN 'memberships'
          WHEN 'session' THEN 'sessions'
          WHEN 'agenda-item' THEN 'agenda-items'
          WHEN 'document' THEN 'documents'
          WHEN 'consultation' THEN 'consultations'
          WHEN 'file' THEN 'files'
          WHEN 'minutes' THEN 'minutes'
        END || '/' || e.resource_id
      END
    )
  ) AS j,
  e.id::text AS _k0
FROM
  change_event e
WHERE
  e.body_id = $2
  AND GREATEST(e.audience_before, e.audience_after) >= $1
  AND e.resource = $3
  AND e.occurred_at >= $4::timestamptz
  AND (e.id) > ($5::bigint)
ORDER BY
  e.id ASC
LIMIT
  $7;

-- changes: list with every filter, after a cursor · member
-- parameters: 1, "00000000-0000-4000-8000-00000000b0d1", "session", "2026-01-01T00:00:00Z", "42", "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", 26
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      e.id::text,
      'resource',
      e.resource,
      'resourceId',
      e.resource_id,
      'action',
      CASE
        WHEN e.audience_after < $1 THEN 'deleted'
        WHEN e.audience_before < $1 THEN 'created'
        ELSE 'updated'
      END,
      'occurred',
      to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'url',
      CASE
        WHEN e.audience_after >= $1 THEN $6 || '/' || CASE e.resource
          WHEN 'legislative-term' THEN 'legislative-terms'
          WHEN 'location' THEN 'locations'
          WHEN 'committee' THEN 'committees'
          WHEN 'person' THEN 'people'
          WHEN 'membership' THEN 'memberships'
          WHEN 'session' THEN 'sessions'
          WHEN 'agenda-item' THEN 'agenda-items'
          WHEN 'document' THEN 'documents'
          WHEN 'consultation' THEN 'consultations'
          WHEN 'file' THEN 'files'
          WHEN 'minutes' THEN 'minutes'
        END || '/' || e.resource_id
      END
    )
  ) AS j,
  e.id::text AS _k0
FROM
  change_event e
WHERE
  e.body_id = $2
  AND GREATEST(e.audience_before, e.audience_after) >= $1
  AND e.resource = $3
  AND e.occurred_at >= $4::timestamptz
  AND (e.id) > ($5::bigint)
ORDER BY
  e.id ASC
LIMIT
  $7;

-- changes: list with every filter, after a cursor · editor
-- parameters: 0, "00000000-0000-4000-8000-00000000b0d1", "session", "2026-01-01T00:00:00Z", "42", "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", 26
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      e.id::text,
      'resource',
      e.resource,
      'resourceId',
      e.resource_id,
      'action',
      CASE
        WHEN e.audience_after < $1 THEN 'deleted'
        WHEN e.audience_before < $1 THEN 'created'
        ELSE 'updated'
      END,
      'occurred',
      to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'url',
      CASE
        WHEN e.audience_after >= $1 THEN $6 || '/' || CASE e.resource
          WHEN 'legislative-term' THEN 'legislative-terms'
          WHEN 'location' THEN 'locations'
          WHEN 'committee' THEN 'committees'
          WHEN 'person' THEN 'people'
          WHEN 'membership' THEN 'memberships'
          WHEN 'session' THEN 'sessions'
          WHEN 'agenda-item' THEN 'agenda-items'
          WHEN 'document' THEN 'documents'
          WHEN 'consultation' THEN 'consultations'
          WHEN 'file' THEN 'files'
          WHEN 'minutes' THEN 'minutes'
        END || '/' || e.resource_id
      END
    )
  ) AS j,
  e.id::text AS _k0
FROM
  change_event e
WHERE
  e.body_id = $2
  AND GREATEST(e.audience_before, e.audience_after) >= $1
  AND e.resource = $3
  AND e.occurred_at >= $4::timestamptz
  AND (e.id) > ($5::bigint)
ORDER BY
  e.id ASC
LIMIT
  $7;
