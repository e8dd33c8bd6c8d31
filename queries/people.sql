-- The SQL of people, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- people: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  p.name::text AS _k0,
  p.id::text AS _k1
FROM
  (
    SELECT
      p.*
    FROM
      person p
    WHERE
      p.body_id = $1
      AND p.deleted_at IS NULL
      AND p.published_at IS NOT NULL
    ORDER BY
      p.name ASC,
      p.id ASC
    LIMIT
      $2
  ) p
ORDER BY
  p.name ASC,
  p.id ASC;

-- people: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  p.name::text AS _k0,
  p.id::text AS _k1
FROM
  (
    SELECT
      p.*
    FROM
      person p
    WHERE
      p.body_id = $1
      AND p.deleted_at IS NULL
      AND p.published_at IS NOT NULL
    ORDER BY
      p.name ASC,
      p.id ASC
    LIMIT
      $2
  ) p
ORDER BY
  p.name ASC,
  p.id ASC;

-- people: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  p.name::text AS _k0,
  p.id::text AS _k1
FROM
  (
    SELECT
      p.*
    FROM
      person p
    WHERE
      p.body_id = $1
      AND p.deleted_at IS NULL
    ORDER BY
      p.name ASC,
      p.id ASC
    LIMIT
      $2
  ) p
ORDER BY
  p.name ASC,
  p.id ASC;

-- people: list with every filter, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "Musterstadt", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  p.name::text AS _k0,
  p.id::text AS _k1
FROM
  (
    SELECT
      p.*
    FROM
      person p
    WHERE
      p.body_id = $1
      AND p.deleted_at IS NULL
      AND p.published_at IS NOT NULL
      AND EXISTS (
        SELECT
          1
        FROM
          membership fm
          JOIN committee fc ON fc.id = fm.committee_id
        WHERE
          fm.person_id = p.id
          AND fm.deleted_at IS NULL
          AND fm.published_at IS NOT NULL
          AND fc.deleted_at IS NULL
          AND fc.published_at IS NOT NULL
          AND fm.committee_id = $2::uuid
      )
      AND EXISTS (
        SELECT
          1
        FROM
          membership fm
          JOIN committee fc ON fc.id = fm.committee_id
        WHERE
          fm.person_id = p.id
          AND fm.deleted_at IS NULL
          AND fm.published_at IS NOT NULL
          AND fc.deleted_at IS NULL
          AND fc.published_at IS NOT NULL
          AND fm.committee_id = $2::uuid
          AND (
            fm.end_date IS NULL
            OR fm.end_date >= CURRENT_DATE
          )
      )
      AND p.modified_at >= $3::timestamptz
      AND (p.name, p.id) > ($4::text, $5::uuid)
    ORDER BY
      p.name ASC,
      p.id ASC
    LIMIT
      $6
  ) p
ORDER BY
  p.name ASC,
  p.id ASC;

-- people: list with every filter, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "Musterstadt", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  p.name::text AS _k0,
  p.id::text AS _k1
FROM
  (
    SELECT
      p.*
    FROM
      person p
    WHERE
      p.body_id = $1
      AND p.deleted_at IS NULL
      AND p.published_at IS NOT NULL
      AND EXISTS (
        SELECT
          1
        FROM
          membership fm
          JOIN committee fc ON fc.id = fm.committee_id
        WHERE
          fm.person_id = p.id
          AND fm.deleted_at IS NULL
          AND fm.published_at IS NOT NULL
          AND fc.deleted_at IS NULL
          AND fc.published_at IS NOT NULL
          AND fm.committee_id = $2::uuid
      )
      AND EXISTS (
        SELECT
          1
        FROM
          membership fm
          JOIN committee fc ON fc.id = fm.committee_id
        WHERE
          fm.person_id = p.id
          AND fm.deleted_at IS NULL
          AND fm.published_at IS NOT NULL
          AND fc.deleted_at IS NULL
          AND fc.published_at IS NOT NULL
          AND fm.committee_id = $2::uuid
          AND (
            fm.end_date IS NULL
            OR fm.end_date >= CURRENT_DATE
          )
      )
      AND p.modified_at >= $3::timestamptz
      AND (p.name, p.id) > ($4::text, $5::uuid)
    ORDER BY
      p.name ASC,
      p.id ASC
    LIMIT
      $6
  ) p
ORDER BY
  p.name ASC,
  p.id ASC;

-- people: list with every filter, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "Musterstadt", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  p.name::text AS _k0,
  p.id::text AS _k1
FROM
  (
    SELECT
      p.*
    FROM
      person p
    WHERE
      p.body_id = $1
      AND p.deleted_at IS NULL
      AND EXISTS (
        SELECT
          1
        FROM
          membership fm
          JOIN committee fc ON fc.id = fm.committee_id
        WHERE
          fm.person_id = p.id
          AND fm.deleted_at IS NULL
          AND fc.deleted_at IS NULL
          AND fm.committee_id = $2::uuid
      )
      AND EXISTS (
        SELECT
          1
        FROM
          membership fm
          JOIN committee fc ON fc.id = fm.committee_id
        WHERE
          fm.person_id = p.id
          AND fm.deleted_at IS NULL
          AND fc.deleted_at IS NULL
          AND fm.committee_id = $2::uuid
          AND (
            fm.end_date IS NULL
            OR fm.end_date >= CURRENT_DATE
          )
      )
      AND p.modified_at >= $3::timestamptz
      AND (p.name, p.id) > ($4::text, $5::uuid)
    ORDER BY
      p.name ASC,
      p.id ASC
    LIMIT
      $6
  ) p
ORDER BY
  p.name ASC,
  p.id ASC;

-- people: detail · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'memberships',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              m.id,
              'committee',
              json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name),
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
              m.start_date DESC NULLS LAST,
              c.name,
              m.id
          )
        FROM
          membership m
          JOIN committee c ON c.id = m.committee_id
        WHERE
          m.person_id = p.id
          AND m.deleted_at IS NULL
          AND m.published_at IS NOT NULL
          AND c.deleted_at IS NULL
          AND c.published_at IS NOT NULL
      ),
      '[]'::json
    )
  )::text AS j
FROM
  person p
WHERE
  p.id = $1
  AND p.body_id = $2
  AND p.deleted_at IS NULL
  AND p.published_at IS NOT NULL;

-- people: detail · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'memberships',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              m.id,
              'committee',
              json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name),
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
              m.start_date DESC NULLS LAST,
              c.name,
              m.id
          )
        FROM
          membership m
          JOIN committee c ON c.id = m.committee_id
        WHERE
          m.person_id = p.id
          AND m.deleted_at IS NULL
          AND m.published_at IS NOT NULL
          AND c.deleted_at IS NULL
          AND c.published_at IS NOT NULL
      ),
      '[]'::json
    )
  )::text AS j
FROM
  person p
WHERE
  p.id = $1
  AND p.body_id = $2
  AND p.deleted_at IS NULL
  AND p.published_at IS NOT NULL;

-- people: detail · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    p.id,
    'name',
    p.name,
    'familyName',
    p.family_name,
    'givenName',
    p.given_name,
    'formOfAddress',
    p.form_of_address,
    'affix',
    p.affix,
    'title',
    p.title,
    'gender',
    p.gender,
    'email',
    p.email,
    'phone',
    p.phone,
    'status',
    p.status,
    'life',
    p.life,
    'lifeSource',
    p.life_source,
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
        loc.id = p.location_id
        AND loc.deleted_at IS NULL
    ),
    'published',
    p.published_at IS NOT NULL,
    'created',
    to_char(p.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(p.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'memberships',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              m.id,
              'committee',
              json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name),
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
              m.start_date DESC NULLS LAST,
              c.name,
              m.id
          )
        FROM
          membership m
          JOIN committee c ON c.id = m.committee_id
        WHERE
          m.person_id = p.id
          AND m.deleted_at IS NULL
          AND c.deleted_at IS NULL
      ),
      '[]'::json
    )
  )::text AS j
FROM
  person p
WHERE
  p.id = $1
  AND p.body_id = $2
  AND p.deleted_at IS NULL;
