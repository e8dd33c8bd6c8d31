-- The SQL of legislative-terms, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- legislative-terms: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  COALESCE(t.start_date, '-infinity'::date)::text AS _k0,
  t.id::text AS _k1
FROM
  (
    SELECT
      t.*
    FROM
      legislative_term t
    WHERE
      t.body_id = $1
      AND t.deleted_at IS NULL
      AND t.published_at IS NOT NULL
    ORDER BY
      COALESCE(t.start_date, '-infinity'::date) ASC,
      t.id ASC
    LIMIT
      $2
  ) t
ORDER BY
  COALESCE(t.start_date, '-infinity'::date) ASC,
  t.id ASC;

-- legislative-terms: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  COALESCE(t.start_date, '-infinity'::date)::text AS _k0,
  t.id::text AS _k1
FROM
  (
    SELECT
      t.*
    FROM
      legislative_term t
    WHERE
      t.body_id = $1
      AND t.deleted_at IS NULL
      AND t.published_at IS NOT NULL
    ORDER BY
      COALESCE(t.start_date, '-infinity'::date) ASC,
      t.id ASC
    LIMIT
      $2
  ) t
ORDER BY
  COALESCE(t.start_date, '-infinity'::date) ASC,
  t.id ASC;

-- legislative-terms: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  COALESCE(t.start_date, '-infinity'::date)::text AS _k0,
  t.id::text AS _k1
FROM
  (
    SELECT
      t.*
    FROM
      legislative_term t
    WHERE
      t.body_id = $1
      AND t.deleted_at IS NULL
    ORDER BY
      COALESCE(t.start_date, '-infinity'::date) ASC,
      t.id ASC
    LIMIT
      $2
  ) t
ORDER BY
  COALESCE(t.start_date, '-infinity'::date) ASC,
  t.id ASC;

-- legislative-terms: list after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "2026-03-01", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  COALESCE(t.start_date, '-infinity'::date)::text AS _k0,
  t.id::text AS _k1
FROM
  (
    SELECT
      t.*
    FROM
      legislative_term t
    WHERE
      t.body_id = $1
      AND t.deleted_at IS NULL
      AND t.published_at IS NOT NULL
      AND t.modified_at >= $2::timestamptz
      AND (COALESCE(t.start_date, '-infinity'::date), t.id) > ($3::date, $4::uuid)
    ORDER BY
      COALESCE(t.start_date, '-infinity'::date) ASC,
      t.id ASC
    LIMIT
      $5
  ) t
ORDER BY
  COALESCE(t.start_date, '-infinity'::date) ASC,
  t.id ASC;

-- legislative-terms: list after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "2026-03-01", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  COALESCE(t.start_date, '-infinity'::date)::text AS _k0,
  t.id::text AS _k1
FROM
  (
    SELECT
      t.*
    FROM
      legislative_term t
    WHERE
      t.body_id = $1
      AND t.deleted_at IS NULL
      AND t.published_at IS NOT NULL
      AND t.modified_at >= $2::timestamptz
      AND (COALESCE(t.start_date, '-infinity'::date), t.id) > ($3::date, $4::uuid)
    ORDER BY
      COALESCE(t.start_date, '-infinity'::date) ASC,
      t.id ASC
    LIMIT
      $5
  ) t
ORDER BY
  COALESCE(t.start_date, '-infinity'::date) ASC,
  t.id ASC;

-- legislative-terms: list after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "2026-03-01", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  COALESCE(t.start_date, '-infinity'::date)::text AS _k0,
  t.id::text AS _k1
FROM
  (
    SELECT
      t.*
    FROM
      legislative_term t
    WHERE
      t.body_id = $1
      AND t.deleted_at IS NULL
      AND t.modified_at >= $2::timestamptz
      AND (COALESCE(t.start_date, '-infinity'::date), t.id) > ($3::date, $4::uuid)
    ORDER BY
      COALESCE(t.start_date, '-infinity'::date) ASC,
      t.id ASC
    LIMIT
      $5
  ) t
ORDER BY
  COALESCE(t.start_date, '-infinity'::date) ASC,
  t.id ASC;

-- legislative-terms: detail · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  legislative_term t
WHERE
  t.id = $1
  AND t.body_id = $2
  AND t.deleted_at IS NULL
  AND t.published_at IS NOT NULL;

-- legislative-terms: detail · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  legislative_term t
WHERE
  t.id = $1
  AND t.body_id = $2
  AND t.deleted_at IS NULL
  AND t.published_at IS NOT NULL;

-- legislative-terms: detail · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    t.id,
    'name',
    t.name,
    'startDate',
    to_char(t.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(t.end_date, 'YYYY-MM-DD'),
    'published',
    t.published_at IS NOT NULL,
    'created',
    to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(t.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  legislative_term t
WHERE
  t.id = $1
  AND t.body_id = $2
  AND t.deleted_at IS NULL;
