-- The SQL of locations, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- locations: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  l.id::text AS _k0
FROM
  (
    SELECT
      l.*
    FROM
      location l
    WHERE
      l.body_id = $1
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
    ORDER BY
      l.id ASC
    LIMIT
      $2
  ) l
ORDER BY
  l.id ASC;

-- locations: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  l.id::text AS _k0
FROM
  (
    SELECT
      l.*
    FROM
      location l
    WHERE
      l.body_id = $1
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
    ORDER BY
      l.id ASC
    LIMIT
      $2
  ) l
ORDER BY
  l.id ASC;

-- locations: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  l.id::text AS _k0
FROM
  (
    SELECT
      l.*
    FROM
      location l
    WHERE
      l.body_id = $1
      AND l.deleted_at IS NULL
    ORDER BY
      l.id ASC
    LIMIT
      $2
  ) l
ORDER BY
  l.id ASC;

-- locations: list after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  l.id::text AS _k0
FROM
  (
    SELECT
      l.*
    FROM
      location l
    WHERE
      l.body_id = $1
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
      AND l.modified_at >= $2::timestamptz
      AND (l.id) > ($3::uuid)
    ORDER BY
      l.id ASC
    LIMIT
      $4
  ) l
ORDER BY
  l.id ASC;

-- locations: list after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  l.id::text AS _k0
FROM
  (
    SELECT
      l.*
    FROM
      location l
    WHERE
      l.body_id = $1
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
      AND l.modified_at >= $2::timestamptz
      AND (l.id) > ($3::uuid)
    ORDER BY
      l.id ASC
    LIMIT
      $4
  ) l
ORDER BY
  l.id ASC;

-- locations: list after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  l.id::text AS _k0
FROM
  (
    SELECT
      l.*
    FROM
      location l
    WHERE
      l.body_id = $1
      AND l.deleted_at IS NULL
      AND l.modified_at >= $2::timestamptz
      AND (l.id) > ($3::uuid)
    ORDER BY
      l.id ASC
    LIMIT
      $4
  ) l
ORDER BY
  l.id ASC;

-- locations: detail · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  location l
WHERE
  l.id = $1
  AND l.body_id = $2
  AND l.deleted_at IS NULL
  AND l.published_at IS NOT NULL;

-- locations: detail · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  location l
WHERE
  l.id = $1
  AND l.body_id = $2
  AND l.deleted_at IS NULL
  AND l.published_at IS NOT NULL;

-- locations: detail · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    l.id,
    'description',
    l.description,
    'streetAddress',
    l.street_address,
    'room',
    l.room,
    'postalCode',
    l.postal_code,
    'subLocality',
    l.sub_locality,
    'locality',
    l.locality,
    'geojson',
    l.geojson,
    'published',
    l.published_at IS NOT NULL,
    'created',
    to_char(l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(l.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  location l
WHERE
  l.id = $1
  AND l.body_id = $2
  AND l.deleted_at IS NULL;
