-- The SQL of committees, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- committees: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
        AND pc.published_at IS NOT NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  c.name::text AS _k0,
  c.id::text AS _k1
FROM
  (
    SELECT
      c.*
    FROM
      committee c
    WHERE
      c.body_id = $1
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
    ORDER BY
      c.name ASC,
      c.id ASC
    LIMIT
      $2
  ) c
ORDER BY
  c.name ASC,
  c.id ASC;

-- committees: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
        AND pc.published_at IS NOT NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  c.name::text AS _k0,
  c.id::text AS _k1
FROM
  (
    SELECT
      c.*
    FROM
      committee c
    WHERE
      c.body_id = $1
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
    ORDER BY
      c.name ASC,
      c.id ASC
    LIMIT
      $2
  ) c
ORDER BY
  c.name ASC,
  c.id ASC;

-- committees: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  c.name::text AS _k0,
  c.id::text AS _k1
FROM
  (
    SELECT
      c.*
    FROM
      committee c
    WHERE
      c.body_id = $1
      AND c.deleted_at IS NULL
    ORDER BY
      c.name ASC,
      c.id ASC
    LIMIT
      $2
  ) c
ORDER BY
  c.name ASC,
  c.id ASC;

-- committees: list with every filter, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "committee", "2026-01-01T00:00:00Z", "Musterstadt", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
        AND pc.published_at IS NOT NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  c.name::text AS _k0,
  c.id::text AS _k1
FROM
  (
    SELECT
      c.*
    FROM
      committee c
    WHERE
      c.body_id = $1
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
      AND c.kind = $2
      AND (
        c.end_date IS NULL
        OR c.end_date >= CURRENT_DATE
      )
      AND c.modified_at >= $3::timestamptz
      AND (c.name, c.id) > ($4::text, $5::uuid)
    ORDER BY
      c.name ASC,
      c.id ASC
    LIMIT
      $6
  ) c
ORDER BY
  c.name ASC,
  c.id ASC;

-- committees: list with every filter, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "committee", "2026-01-01T00:00:00Z", "Musterstadt", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
        AND pc.published_at IS NOT NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  c.name::text AS _k0,
  c.id::text AS _k1
FROM
  (
    SELECT
      c.*
    FROM
      committee c
    WHERE
      c.body_id = $1
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
      AND c.kind = $2
      AND (
        c.end_date IS NULL
        OR c.end_date >= CURRENT_DATE
      )
      AND c.modified_at >= $3::timestamptz
      AND (c.name, c.id) > ($4::text, $5::uuid)
    ORDER BY
      c.name ASC,
      c.id ASC
    LIMIT
      $6
  ) c
ORDER BY
  c.name ASC,
  c.id ASC;

-- committees: list with every filter, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "committee", "2026-01-01T00:00:00Z", "Musterstadt", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  c.name::text AS _k0,
  c.id::text AS _k1
FROM
  (
    SELECT
      c.*
    FROM
      committee c
    WHERE
      c.body_id = $1
      AND c.deleted_at IS NULL
      AND c.kind = $2
      AND (
        c.end_date IS NULL
        OR c.end_date >= CURRENT_DATE
      )
      AND c.modified_at >= $3::timestamptz
      AND (c.name, c.id) > ($4::text, $5::uuid)
    ORDER BY
      c.name ASC,
      c.id ASC
    LIMIT
      $6
  ) c
ORDER BY
  c.name ASC,
  c.id ASC;

-- committees: detail · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
        AND pc.published_at IS NOT NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'members',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'membershipId',
              m.id,
              'person',
              json_build_object('id', p.id, 'name', p.name),
              'role',
              m.role,
              'votingRight',
              m.voting_right,
              'onBehalfOf',
              (
                SELECT
                  json_build_object('id', ob_m.id, 'name', ob_m.name, 'shortName', ob_m.short_name)
                FROM
                  committee ob_m
                WHERE
                  ob_m.id = m.on_behalf_of_id
                  AND ob_m.deleted_at IS NULL
                  AND ob_m.published_at IS NOT NULL
              ),
              'startDate',
              to_char(m.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(m.end_date, 'YYYY-MM-DD')
            )
            ORDER BY
              p.name,
              p.id,
              m.id
          )
        FROM
          membership m
          JOIN person p ON p.id = m.person_id
        WHERE
          m.committee_id = c.id
          AND m.deleted_at IS NULL
          AND m.published_at IS NOT NULL
          AND p.deleted_at IS NULL
          AND p.published_at IS NOT NULL
          AND (
            m.end_date IS NULL
            OR m.end_date >= CURRENT_DATE
          )
      ),
      '[]'::json
    )
  )::text AS j
FROM
  committee c
WHERE
  c.id = $1
  AND c.body_id = $2
  AND c.deleted_at IS NULL
  AND c.published_at IS NOT NULL;

-- committees: detail · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
        AND pc.published_at IS NOT NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'members',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'membershipId',
              m.id,
              'person',
              json_build_object('id', p.id, 'name', p.name),
              'role',
              m.role,
              'votingRight',
              m.voting_right,
              'onBehalfOf',
              (
                SELECT
                  json_build_object('id', ob_m.id, 'name', ob_m.name, 'shortName', ob_m.short_name)
                FROM
                  committee ob_m
                WHERE
                  ob_m.id = m.on_behalf_of_id
                  AND ob_m.deleted_at IS NULL
                  AND ob_m.published_at IS NOT NULL
              ),
              'startDate',
              to_char(m.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(m.end_date, 'YYYY-MM-DD')
            )
            ORDER BY
              p.name,
              p.id,
              m.id
          )
        FROM
          membership m
          JOIN person p ON p.id = m.person_id
        WHERE
          m.committee_id = c.id
          AND m.deleted_at IS NULL
          AND m.published_at IS NOT NULL
          AND p.deleted_at IS NULL
          AND p.published_at IS NOT NULL
          AND (
            m.end_date IS NULL
            OR m.end_date >= CURRENT_DATE
          )
      ),
      '[]'::json
    )
  )::text AS j
FROM
  committee c
WHERE
  c.id = $1
  AND c.body_id = $2
  AND c.deleted_at IS NULL
  AND c.published_at IS NOT NULL;

-- committees: detail · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    c.id,
    'name',
    c.name,
    'shortName',
    c.short_name,
    'kind',
    c.kind,
    'classification',
    c.classification,
    'startDate',
    to_char(c.start_date, 'YYYY-MM-DD'),
    'endDate',
    to_char(c.end_date, 'YYYY-MM-DD'),
    'parent',
    (
      SELECT
        json_build_object('id', pc.id, 'name', pc.name, 'shortName', pc.short_name)
      FROM
        committee pc
      WHERE
        pc.id = c.parent_id
        AND pc.deleted_at IS NULL
    ),
    'location',
    (
      SELECT
        json_build_object(
          'id',
          loc.id,
          'description',
          loc.description,
          'streetAddress',
          loc.street_address,
          'room',
          loc.room,
          'postalCode',
          loc.postal_code,
          'subLocality',
          loc.sub_locality,
          'locality',
          loc.locality,
          'geojson',
          loc.geojson
        )
      FROM
        location loc
      WHERE
        loc.id = c.location_id
        AND loc.deleted_at IS NULL
    ),
    'website',
    c.website,
    'published',
    c.published_at IS NOT NULL,
    'created',
    to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(c.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'members',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'membershipId',
              m.id,
              'person',
              json_build_object('id', p.id, 'name', p.name),
              'role',
              m.role,
              'votingRight',
              m.voting_right,
              'onBehalfOf',
              (
                SELECT
                  json_build_object('id', ob_m.id, 'name', ob_m.name, 'shortName', ob_m.short_name)
                FROM
                  committee ob_m
                WHERE
                  ob_m.id = m.on_behalf_of_id
                  AND ob_m.deleted_at IS NULL
              ),
              'startDate',
              to_char(m.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(m.end_date, 'YYYY-MM-DD')
            )
            ORDER BY
              p.name,
              p.id,
              m.id
          )
        FROM
          membership m
          JOIN person p ON p.id = m.person_id
        WHERE
          m.committee_id = c.id
          AND m.deleted_at IS NULL
          AND p.deleted_at IS NULL
          AND (
            m.end_date IS NULL
            OR m.end_date >= CURRENT_DATE
          )
      ),
      '[]'::json
    )
  )::text AS j
FROM
  committee c
WHERE
  c.id = $1
  AND c.body_id = $2
  AND c.deleted_at IS NULL;
