-- The SQL of memberships, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- memberships: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
        AND pref.published_at IS NOT NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
        AND cref.published_at IS NOT NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  m.id::text AS _k0
FROM
  (
    SELECT
      m.*
    FROM
      membership m
    WHERE
      m.body_id = $1
      AND m.deleted_at IS NULL
      AND m.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vp_m.deleted_at IS NULL
            AND vp_m.published_at IS NOT NULL
          FROM
            person vp_m
          WHERE
            vp_m.id = m.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_m.deleted_at IS NULL
            AND vc_m.published_at IS NOT NULL
          FROM
            committee vc_m
          WHERE
            vc_m.id = m.committee_id
        ),
        FALSE
      )
    ORDER BY
      m.id ASC
    LIMIT
      $2
  ) m
ORDER BY
  m.id ASC;

-- memberships: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
        AND pref.published_at IS NOT NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
        AND cref.published_at IS NOT NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  m.id::text AS _k0
FROM
  (
    SELECT
      m.*
    FROM
      membership m
    WHERE
      m.body_id = $1
      AND m.deleted_at IS NULL
      AND m.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vp_m.deleted_at IS NULL
            AND vp_m.published_at IS NOT NULL
          FROM
            person vp_m
          WHERE
            vp_m.id = m.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_m.deleted_at IS NULL
            AND vc_m.published_at IS NOT NULL
          FROM
            committee vc_m
          WHERE
            vc_m.id = m.committee_id
        ),
        FALSE
      )
    ORDER BY
      m.id ASC
    LIMIT
      $2
  ) m
ORDER BY
  m.id ASC;

-- memberships: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  m.id::text AS _k0
FROM
  (
    SELECT
      m.*
    FROM
      membership m
    WHERE
      m.body_id = $1
      AND m.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vp_m.deleted_at IS NULL
          FROM
            person vp_m
          WHERE
            vp_m.id = m.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_m.deleted_at IS NULL
          FROM
            committee vc_m
          WHERE
            vc_m.id = m.committee_id
        ),
        FALSE
      )
    ORDER BY
      m.id ASC
    LIMIT
      $2
  ) m
ORDER BY
  m.id ASC;

-- memberships: list with every filter, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
        AND pref.published_at IS NOT NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
        AND cref.published_at IS NOT NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  m.id::text AS _k0
FROM
  (
    SELECT
      m.*
    FROM
      membership m
    WHERE
      m.body_id = $1
      AND m.deleted_at IS NULL
      AND m.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vp_m.deleted_at IS NULL
            AND vp_m.published_at IS NOT NULL
          FROM
            person vp_m
          WHERE
            vp_m.id = m.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_m.deleted_at IS NULL
            AND vc_m.published_at IS NOT NULL
          FROM
            committee vc_m
          WHERE
            vc_m.id = m.committee_id
        ),
        FALSE
      )
      AND m.person_id = $2::uuid
      AND m.committee_id = $3::uuid
      AND (
        m.end_date IS NULL
        OR m.end_date >= CURRENT_DATE
      )
      AND m.modified_at >= $4::timestamptz
      AND (m.id) > ($5::uuid)
    ORDER BY
      m.id ASC
    LIMIT
      $6
  ) m
ORDER BY
  m.id ASC;

-- memberships: list with every filter, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
        AND pref.published_at IS NOT NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
        AND cref.published_at IS NOT NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  m.id::text AS _k0
FROM
  (
    SELECT
      m.*
    FROM
      membership m
    WHERE
      m.body_id = $1
      AND m.deleted_at IS NULL
      AND m.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vp_m.deleted_at IS NULL
            AND vp_m.published_at IS NOT NULL
          FROM
            person vp_m
          WHERE
            vp_m.id = m.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_m.deleted_at IS NULL
            AND vc_m.published_at IS NOT NULL
          FROM
            committee vc_m
          WHERE
            vc_m.id = m.committee_id
        ),
        FALSE
      )
      AND m.person_id = $2::uuid
      AND m.committee_id = $3::uuid
      AND (
        m.end_date IS NULL
        OR m.end_date >= CURRENT_DATE
      )
      AND m.modified_at >= $4::timestamptz
      AND (m.id) > ($5::uuid)
    ORDER BY
      m.id ASC
    LIMIT
      $6
  ) m
ORDER BY
  m.id ASC;

-- memberships: list with every filter, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  m.id::text AS _k0
FROM
  (
    SELECT
      m.*
    FROM
      membership m
    WHERE
      m.body_id = $1
      AND m.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vp_m.deleted_at IS NULL
          FROM
            person vp_m
          WHERE
            vp_m.id = m.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_m.deleted_at IS NULL
          FROM
            committee vc_m
          WHERE
            vc_m.id = m.committee_id
        ),
        FALSE
      )
      AND m.person_id = $2::uuid
      AND m.committee_id = $3::uuid
      AND (
        m.end_date IS NULL
        OR m.end_date >= CURRENT_DATE
      )
      AND m.modified_at >= $4::timestamptz
      AND (m.id) > ($5::uuid)
    ORDER BY
      m.id ASC
    LIMIT
      $6
  ) m
ORDER BY
  m.id ASC;

-- memberships: detail · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
        AND pref.published_at IS NOT NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
        AND cref.published_at IS NOT NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  membership m
WHERE
  m.id = $1
  AND m.body_id = $2
  AND m.deleted_at IS NULL
  AND m.published_at IS NOT NULL
  AND COALESCE(
    (
      SELECT
        vp_m.deleted_at IS NULL
        AND vp_m.published_at IS NOT NULL
      FROM
        person vp_m
      WHERE
        vp_m.id = m.person_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        vc_m.deleted_at IS NULL
        AND vc_m.published_at IS NOT NULL
      FROM
        committee vc_m
      WHERE
        vc_m.id = m.committee_id
    ),
    FALSE
  );

-- memberships: detail · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
        AND pref.published_at IS NOT NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
        AND cref.published_at IS NOT NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  membership m
WHERE
  m.id = $1
  AND m.body_id = $2
  AND m.deleted_at IS NULL
  AND m.published_at IS NOT NULL
  AND COALESCE(
    (
      SELECT
        vp_m.deleted_at IS NULL
        AND vp_m.published_at IS NOT NULL
      FROM
        person vp_m
      WHERE
        vp_m.id = m.person_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        vc_m.deleted_at IS NULL
        AND vc_m.published_at IS NOT NULL
      FROM
        committee vc_m
      WHERE
        vc_m.id = m.committee_id
    ),
    FALSE
  );

-- memberships: detail · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    m.id,
    'person',
    (
      SELECT
        json_build_object('id', pref.id, 'name', pref.name)
      FROM
        person pref
      WHERE
        pref.id = m.person_id
        AND pref.deleted_at IS NULL
    ),
    'committee',
    (
      SELECT
        json_build_object('id', cref.id, 'name', cref.name, 'shortName', cref.short_name)
      FROM
        committee cref
      WHERE
        cref.id = m.committee_id
        AND cref.deleted_at IS NULL
    ),
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
    to_char(m.end_date, 'YYYY-MM-DD'),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  membership m
WHERE
  m.id = $1
  AND m.body_id = $2
  AND m.deleted_at IS NULL
  AND COALESCE(
    (
      SELECT
        vp_m.deleted_at IS NULL
      FROM
        person vp_m
      WHERE
        vp_m.id = m.person_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        vc_m.deleted_at IS NULL
      FROM
        committee vc_m
      WHERE
        vc_m.id = m.committee_id
    ),
    FALSE
  );
