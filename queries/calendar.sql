-- The SQL of calendar, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- calendar: sessions of the body · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          ai.widest_audience >= 2
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
          AND ai.public
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL
  AND s.start >= now() - interval '400 days'
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of the body · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          ai.widest_audience >= 1
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL
  AND s.start >= now() - interval '400 days'
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of the body · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          TRUE
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.start >= now() - interval '400 days'
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of a committee · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          ai.widest_audience >= 2
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
          AND ai.public
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL
  AND s.start >= now() - interval '400 days'
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee fc
    WHERE
      fc.session_id = s.id
      AND fc.committee_id = $2::uuid
  )
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of a committee · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          ai.widest_audience >= 1
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL
  AND s.start >= now() - interval '400 days'
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee fc
    WHERE
      fc.session_id = s.id
      AND fc.committee_id = $2::uuid
  )
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of a committee · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          TRUE
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.start >= now() - interval '400 days'
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee fc
    WHERE
      fc.session_id = s.id
      AND fc.committee_id = $2::uuid
  )
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of a person · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          ai.widest_audience >= 2
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
          AND ai.public
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL
  AND s.start >= now() - interval '400 days'
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee fc
      JOIN membership m ON m.committee_id = fc.committee_id
    WHERE
      fc.session_id = s.id
      AND m.person_id = $2::uuid
      AND m.deleted_at IS NULL
      AND m.published_at IS NOT NULL
      AND (
        m.start_date IS NULL
        OR m.start_date <= s.start::date
      )
      AND (
        m.end_date IS NULL
        OR m.end_date >= s.start::date
      )
  )
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of a person · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
      AND l.published_at IS NOT NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          ai.widest_audience >= 1
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL
  AND s.start >= now() - interval '400 days'
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee fc
      JOIN membership m ON m.committee_id = fc.committee_id
    WHERE
      fc.session_id = s.id
      AND m.person_id = $2::uuid
      AND m.deleted_at IS NULL
      AND m.published_at IS NOT NULL
      AND (
        m.start_date IS NULL
        OR m.start_date <= s.start::date
      )
      AND (
        m.end_date IS NULL
        OR m.end_date >= s.start::date
      )
  )
ORDER BY
  s.start,
  s.id
LIMIT
  5000;

-- calendar: sessions of a person · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start, 'YYYYMMDD"T"HH24MISS') AS start,
  to_char(s."end", 'YYYYMMDD"T"HH24MISS') AS "end",
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYYMMDD"T"HH24MISS"Z"'
  ) AS stamp,
  floor(
    extract(
      epoch
      FROM
        GREATEST(s.modified_at, items.changed) - s.created_at
    )
  )::bigint::text AS sequence,
  (
    SELECT
      NULLIF(
        concat_ws(
          ', ',
          l.description,
          l.room,
          l.street_address,
          NULLIF(concat_ws(' ', l.postal_code, l.locality), '')
        ),
        ''
      )
    FROM
      location l
    WHERE
      l.id = s.location_id
      AND l.deleted_at IS NULL
  ) AS location,
  items.agenda,
  (
    SELECT
      array_agg(
        c.name
        ORDER BY
          sc.position
      )
    FROM
      session_committee sc
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      sc.session_id = s.id
      AND c.deleted_at IS NULL
  ) AS committees
FROM
  session s
  LEFT JOIN LATERAL (
    SELECT
      max(GREATEST(ai.modified_at, ai.deleted_at)) FILTER (
        WHERE
          TRUE
      ) AS changed,
      string_agg(
        concat_ws(' ', ai.number, ai.name),
        E'\n'
        ORDER BY
          ai.position,
          ai.id
      ) FILTER (
        WHERE
          ai.deleted_at IS NULL
      ) AS agenda
    FROM
      agenda_item ai
    WHERE
      ai.session_id = s.id
  ) items ON TRUE
WHERE
  s.body_id = $1
  AND s.deleted_at IS NULL
  AND s.start >= now() - interval '400 days'
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee fc
      JOIN membership m ON m.committee_id = fc.committee_id
    WHERE
      fc.session_id = s.id
      AND m.person_id = $2::uuid
      AND m.deleted_at IS NULL
      AND (
        m.start_date IS NULL
        OR m.start_date <= s.start::date
      )
      AND (
        m.end_date IS NULL
        OR m.end_date >= s.start::date
      )
  )
ORDER BY
  s.start,
  s.id
LIMIT
  5000;
