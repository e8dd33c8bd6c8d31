-- The SQL of feeds, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- feeds: sessions · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'
  ) AS updated,
  to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
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
  AND s.start >= now() - interval '60 days'
ORDER BY
  GREATEST(s.modified_at, items.changed) DESC,
  s.id
LIMIT
  50;

-- feeds: sessions · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'
  ) AS updated,
  to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
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
  AND s.start >= now() - interval '60 days'
ORDER BY
  GREATEST(s.modified_at, items.changed) DESC,
  s.id
LIMIT
  50;

-- feeds: sessions · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'
  ) AS updated,
  to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
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
  AND s.start >= now() - interval '60 days'
ORDER BY
  GREATEST(s.modified_at, items.changed) DESC,
  s.id
LIMIT
  50;

-- feeds: sessions of a committee · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'
  ) AS updated,
  to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
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
  AND s.start >= now() - interval '60 days'
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
  GREATEST(s.modified_at, items.changed) DESC,
  s.id
LIMIT
  50;

-- feeds: sessions of a committee · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'
  ) AS updated,
  to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
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
  AND s.start >= now() - interval '60 days'
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
  GREATEST(s.modified_at, items.changed) DESC,
  s.id
LIMIT
  50;

-- feeds: sessions of a committee · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2"
SELECT
  s.id,
  s.name,
  s.cancelled,
  to_char(s.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY HH24:MI') AS starts,
  to_char(
    GREATEST(s.modified_at, items.changed) AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'
  ) AS updated,
  to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
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
  AND s.start >= now() - interval '60 days'
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
  GREATEST(s.modified_at, items.changed) DESC,
  s.id
LIMIT
  50;

-- feeds: documents · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  d.id,
  d.name,
  d.reference,
  d.document_type AS "documentType",
  to_char(d.date, 'DD.MM.YYYY') AS date,
  to_char(d.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
  to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
  (
    SELECT
      array_agg(
        DISTINCT c.name
        ORDER BY
          c.name
      )
    FROM
      consultation k
      JOIN committee c ON c.id = k.committee_id
    WHERE
      k.document_id = d.id
      AND k.deleted_at IS NULL
      AND k.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_k.deleted_at IS NULL
            AND vd_k.published_at IS NOT NULL
            AND vd_k.public
          FROM
            document vd_k
          WHERE
            vd_k.id = k.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_k.deleted_at IS NULL
            AND va_k.published_at IS NOT NULL
            AND va_k.public
            AND COALESCE(
              (
                SELECT
                  vs_va_k.deleted_at IS NULL
                  AND vs_va_k.published_at IS NOT NULL
                FROM
                  session vs_va_k
                WHERE
                  vs_va_k.id = va_k.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_k
          WHERE
            va_k.id = k.agenda_item_id
        ),
        TRUE
      )
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  document d
WHERE
  d.body_id = $1
  AND d.deleted_at IS NULL
  AND d.published_at IS NOT NULL
  AND d.public
ORDER BY
  d.published_at DESC,
  d.id
LIMIT
  50;

-- feeds: documents · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  d.id,
  d.name,
  d.reference,
  d.document_type AS "documentType",
  to_char(d.date, 'DD.MM.YYYY') AS date,
  to_char(d.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
  to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
  (
    SELECT
      array_agg(
        DISTINCT c.name
        ORDER BY
          c.name
      )
    FROM
      consultation k
      JOIN committee c ON c.id = k.committee_id
    WHERE
      k.document_id = d.id
      AND k.deleted_at IS NULL
      AND k.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_k.deleted_at IS NULL
            AND vd_k.published_at IS NOT NULL
          FROM
            document vd_k
          WHERE
            vd_k.id = k.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_k.deleted_at IS NULL
            AND va_k.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_k.deleted_at IS NULL
                  AND vs_va_k.published_at IS NOT NULL
                FROM
                  session vs_va_k
                WHERE
                  vs_va_k.id = va_k.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_k
          WHERE
            va_k.id = k.agenda_item_id
        ),
        TRUE
      )
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  document d
WHERE
  d.body_id = $1
  AND d.deleted_at IS NULL
  AND d.published_at IS NOT NULL
ORDER BY
  d.published_at DESC,
  d.id
LIMIT
  50;

-- feeds: documents · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  d.id,
  d.name,
  d.reference,
  d.document_type AS "documentType",
  to_char(d.date, 'DD.MM.YYYY') AS date,
  to_char(d.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
  to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
  (
    SELECT
      array_agg(
        DISTINCT c.name
        ORDER BY
          c.name
      )
    FROM
      consultation k
      JOIN committee c ON c.id = k.committee_id
    WHERE
      k.document_id = d.id
      AND k.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vd_k.deleted_at IS NULL
          FROM
            document vd_k
          WHERE
            vd_k.id = k.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_k.deleted_at IS NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_k.deleted_at IS NULL
                FROM
                  session vs_va_k
                WHERE
                  vs_va_k.id = va_k.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_k
          WHERE
            va_k.id = k.agenda_item_id
        ),
        TRUE
      )
      AND c.deleted_at IS NULL
  ) AS committees
FROM
  document d
WHERE
  d.body_id = $1
  AND d.deleted_at IS NULL
ORDER BY
  d.published_at DESC,
  d.id
LIMIT
  50;

-- feeds: documents of a committee and type · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "Antrag", "00000000-0000-4000-8000-0000000000a2"
SELECT
  d.id,
  d.name,
  d.reference,
  d.document_type AS "documentType",
  to_char(d.date, 'DD.MM.YYYY') AS date,
  to_char(d.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
  to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
  (
    SELECT
      array_agg(
        DISTINCT c.name
        ORDER BY
          c.name
      )
    FROM
      consultation k
      JOIN committee c ON c.id = k.committee_id
    WHERE
      k.document_id = d.id
      AND k.deleted_at IS NULL
      AND k.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_k.deleted_at IS NULL
            AND vd_k.published_at IS NOT NULL
            AND vd_k.public
          FROM
            document vd_k
          WHERE
            vd_k.id = k.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_k.deleted_at IS NULL
            AND va_k.published_at IS NOT NULL
            AND va_k.public
            AND COALESCE(
              (
                SELECT
                  vs_va_k.deleted_at IS NULL
                  AND vs_va_k.published_at IS NOT NULL
                FROM
                  session vs_va_k
                WHERE
                  vs_va_k.id = va_k.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_k
          WHERE
            va_k.id = k.agenda_item_id
        ),
        TRUE
      )
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  document d
WHERE
  d.body_id = $1
  AND d.deleted_at IS NULL
  AND d.published_at IS NOT NULL
  AND d.public
  AND d.document_type = $2
  AND (
    $3::uuid = ANY (d.originator_committee_ids)
    OR $3::uuid = ANY (d.under_direction_of_ids)
    OR EXISTS (
      SELECT
        1
      FROM
        consultation fc
      WHERE
        fc.document_id = d.id
        AND fc.committee_id = $3::uuid
        AND fc.deleted_at IS NULL
        AND fc.published_at IS NOT NULL
        AND COALESCE(
          (
            SELECT
              vd_fc.deleted_at IS NULL
              AND vd_fc.published_at IS NOT NULL
              AND vd_fc.public
            FROM
              document vd_fc
            WHERE
              vd_fc.id = fc.document_id
          ),
          FALSE
        )
        AND COALESCE(
          (
            SELECT
              va_fc.deleted_at IS NULL
              AND va_fc.published_at IS NOT NULL
              AND va_fc.public
              AND COALESCE(
                (
                  SELECT
                    vs_va_fc.deleted_at IS NULL
                    AND vs_va_fc.published_at IS NOT NULL
                  FROM
                    session vs_va_fc
                  WHERE
                    vs_va_fc.id = va_fc.session_id
                ),
                FALSE
              )
            FROM
              agenda_item va_fc
            WHERE
              va_fc.id = fc.agenda_item_id
          ),
          TRUE
        )
    )
  )
ORDER BY
  d.published_at DESC,
  d.id
LIMIT
  50;

-- feeds: documents of a committee and type · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "Antrag", "00000000-0000-4000-8000-0000000000a2"
SELECT
  d.id,
  d.name,
  d.reference,
  d.document_type AS "documentType",
  to_char(d.date, 'DD.MM.YYYY') AS date,
  to_char(d.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
  to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
  (
    SELECT
      array_agg(
        DISTINCT c.name
        ORDER BY
          c.name
      )
    FROM
      consultation k
      JOIN committee c ON c.id = k.committee_id
    WHERE
      k.document_id = d.id
      AND k.deleted_at IS NULL
      AND k.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_k.deleted_at IS NULL
            AND vd_k.published_at IS NOT NULL
          FROM
            document vd_k
          WHERE
            vd_k.id = k.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_k.deleted_at IS NULL
            AND va_k.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_k.deleted_at IS NULL
                  AND vs_va_k.published_at IS NOT NULL
                FROM
                  session vs_va_k
                WHERE
                  vs_va_k.id = va_k.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_k
          WHERE
            va_k.id = k.agenda_item_id
        ),
        TRUE
      )
      AND c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
  ) AS committees
FROM
  document d
WHERE
  d.body_id = $1
  AND d.deleted_at IS NULL
  AND d.published_at IS NOT NULL
  AND d.document_type = $2
  AND (
    $3::uuid = ANY (d.originator_committee_ids)
    OR $3::uuid = ANY (d.under_direction_of_ids)
    OR EXISTS (
      SELECT
        1
      FROM
        consultation fc
      WHERE
        fc.document_id = d.id
        AND fc.committee_id = $3::uuid
        AND fc.deleted_at IS NULL
        AND fc.published_at IS NOT NULL
        AND COALESCE(
          (
            SELECT
              vd_fc.deleted_at IS NULL
              AND vd_fc.published_at IS NOT NULL
            FROM
              document vd_fc
            WHERE
              vd_fc.id = fc.document_id
          ),
          FALSE
        )
        AND COALESCE(
          (
            SELECT
              va_fc.deleted_at IS NULL
              AND va_fc.published_at IS NOT NULL
              AND COALESCE(
                (
                  SELECT
                    vs_va_fc.deleted_at IS NULL
                    AND vs_va_fc.published_at IS NOT NULL
                  FROM
                    session vs_va_fc
                  WHERE
                    vs_va_fc.id = va_fc.session_id
                ),
                FALSE
              )
            FROM
              agenda_item va_fc
            WHERE
              va_fc.id = fc.agenda_item_id
          ),
          TRUE
        )
    )
  )
ORDER BY
  d.published_at DESC,
  d.id
LIMIT
  50;

-- feeds: documents of a committee and type · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "Antrag", "00000000-0000-4000-8000-0000000000a2"
SELECT
  d.id,
  d.name,
  d.reference,
  d.document_type AS "documentType",
  to_char(d.date, 'DD.MM.YYYY') AS date,
  to_char(d.modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
  to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published,
  (
    SELECT
      array_agg(
        DISTINCT c.name
        ORDER BY
          c.name
      )
    FROM
      consultation k
      JOIN committee c ON c.id = k.committee_id
    WHERE
      k.document_id = d.id
      AND k.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vd_k.deleted_at IS NULL
          FROM
            document vd_k
          WHERE
            vd_k.id = k.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_k.deleted_at IS NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_k.deleted_at IS NULL
                FROM
                  session vs_va_k
                WHERE
                  vs_va_k.id = va_k.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_k
          WHERE
            va_k.id = k.agenda_item_id
        ),
        TRUE
      )
      AND c.deleted_at IS NULL
  ) AS committees
FROM
  document d
WHERE
  d.body_id = $1
  AND d.deleted_at IS NULL
  AND d.document_type = $2
  AND (
    $3::uuid = ANY (d.originator_committee_ids)
    OR $3::uuid = ANY (d.under_direction_of_ids)
    OR EXISTS (
      SELECT
        1
      FROM
        consultation fc
      WHERE
        fc.document_id = d.id
        AND fc.committee_id = $3::uuid
        AND fc.deleted_at IS NULL
        AND COALESCE(
          (
            SELECT
              vd_fc.deleted_at IS NULL
            FROM
              document vd_fc
            WHERE
              vd_fc.id = fc.document_id
          ),
          FALSE
        )
        AND COALESCE(
          (
            SELECT
              va_fc.deleted_at IS NULL
              AND COALESCE(
                (
                  SELECT
                    vs_va_fc.deleted_at IS NULL
                  FROM
                    session vs_va_fc
                  WHERE
                    vs_va_fc.id = va_fc.session_id
                ),
                FALSE
              )
            FROM
              agenda_item va_fc
            WHERE
              va_fc.id = fc.agenda_item_id
          ),
          TRUE
        )
    )
  )
ORDER BY
  d.published_at DESC,
  d.id
LIMIT
  50;
