-- The SQL of sessions, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- sessions: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
WITH
  s AS MATERIALIZED (
    SELECT
      s.*
    FROM
      session s
    WHERE
      s.body_id = $1
      AND s.deleted_at IS NULL
      AND s.published_at IS NOT NULL
    ORDER BY
      s.start ASC,
      s.id ASC
    LIMIT
      $2
  ),
  sc AS (
    SELECT
      sc.session_id,
      json_agg(
        json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
        ORDER BY
          sc.position
      ) AS j
    FROM
      s
      JOIN session_committee sc ON sc.session_id = s.id
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
    GROUP BY
      sc.session_id
  )
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'location',
    CASE
      WHEN loc.id IS NOT NULL THEN json_build_object(
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
    END,
    'committees',
    COALESCE(sc.j, '[]'::json),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  s.start::text AS _k0,
  s.id::text AS _k1
FROM
  s
  LEFT JOIN location loc ON loc.id = s.location_id
  AND loc.deleted_at IS NULL
  AND loc.published_at IS NOT NULL
  LEFT JOIN sc ON sc.session_id = s.id
ORDER BY
  s.start ASC,
  s.id ASC;

-- sessions: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
WITH
  s AS MATERIALIZED (
    SELECT
      s.*
    FROM
      session s
    WHERE
      s.body_id = $1
      AND s.deleted_at IS NULL
      AND s.published_at IS NOT NULL
    ORDER BY
      s.start ASC,
      s.id ASC
    LIMIT
      $2
  ),
  sc AS (
    SELECT
      sc.session_id,
      json_agg(
        json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
        ORDER BY
          sc.position
      ) AS j
    FROM
      s
      JOIN session_committee sc ON sc.session_id = s.id
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
    GROUP BY
      sc.session_id
  )
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'location',
    CASE
      WHEN loc.id IS NOT NULL THEN json_build_object(
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
    END,
    'committees',
    COALESCE(sc.j, '[]'::json),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  s.start::text AS _k0,
  s.id::text AS _k1
FROM
  s
  LEFT JOIN location loc ON loc.id = s.location_id
  AND loc.deleted_at IS NULL
  AND loc.published_at IS NOT NULL
  LEFT JOIN sc ON sc.session_id = s.id
ORDER BY
  s.start ASC,
  s.id ASC;

-- sessions: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
WITH
  s AS MATERIALIZED (
    SELECT
      s.*
    FROM
      session s
    WHERE
      s.body_id = $1
      AND s.deleted_at IS NULL
    ORDER BY
      s.start ASC,
      s.id ASC
    LIMIT
      $2
  ),
  sc AS (
    SELECT
      sc.session_id,
      json_agg(
        json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
        ORDER BY
          sc.position
      ) AS j
    FROM
      s
      JOIN session_committee sc ON sc.session_id = s.id
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      c.deleted_at IS NULL
    GROUP BY
      sc.session_id
  )
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'location',
    CASE
      WHEN loc.id IS NOT NULL THEN json_build_object(
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
    END,
    'committees',
    COALESCE(sc.j, '[]'::json),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  s.start::text AS _k0,
  s.id::text AS _k1
FROM
  s
  LEFT JOIN location loc ON loc.id = s.location_id
  AND loc.deleted_at IS NULL
  LEFT JOIN sc ON sc.session_id = s.id
ORDER BY
  s.start ASC,
  s.id ASC;

-- sessions: list with every filter, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01", "2026-12-31", "00000000-0000-4000-8000-0000000000a2", "scheduled", false, "2026-01-01T00:00:00Z", "2026-03-01 18:00:00+01", "00000000-0000-4000-8000-0000000000a2", 26
WITH
  s AS MATERIALIZED (
    SELECT
      s.*
    FROM
      session s
    WHERE
      s.body_id = $1
      AND s.deleted_at IS NULL
      AND s.published_at IS NOT NULL
      AND s.start >= $2::timestamptz
      AND s.start < ($3::date + 1)::timestamptz
      AND EXISTS (
        SELECT
          1
        FROM
          session_committee fc
        WHERE
          fc.session_id = s.id
          AND fc.committee_id = $4::uuid
      )
      AND s.state = $5
      AND s.cancelled = $6
      AND s.modified_at >= $7::timestamptz
      AND (s.start, s.id) > ($8::timestamptz, $9::uuid)
    ORDER BY
      s.start ASC,
      s.id ASC
    LIMIT
      $10
  ),
  sc AS (
    SELECT
      sc.session_id,
      json_agg(
        json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
        ORDER BY
          sc.position
      ) AS j
    FROM
      s
      JOIN session_committee sc ON sc.session_id = s.id
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
    GROUP BY
      sc.session_id
  )
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'location',
    CASE
      WHEN loc.id IS NOT NULL THEN json_build_object(
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
    END,
    'committees',
    COALESCE(sc.j, '[]'::json),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  s.start::text AS _k0,
  s.id::text AS _k1
FROM
  s
  LEFT JOIN location loc ON loc.id = s.location_id
  AND loc.deleted_at IS NULL
  AND loc.published_at IS NOT NULL
  LEFT JOIN sc ON sc.session_id = s.id
ORDER BY
  s.start ASC,
  s.id ASC;

-- sessions: list with every filter, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01", "2026-12-31", "00000000-0000-4000-8000-0000000000a2", "scheduled", false, "2026-01-01T00:00:00Z", "2026-03-01 18:00:00+01", "00000000-0000-4000-8000-0000000000a2", 26
WITH
  s AS MATERIALIZED (
    SELECT
      s.*
    FROM
      session s
    WHERE
      s.body_id = $1
      AND s.deleted_at IS NULL
      AND s.published_at IS NOT NULL
      AND s.start >= $2::timestamptz
      AND s.start < ($3::date + 1)::timestamptz
      AND EXISTS (
        SELECT
          1
        FROM
          session_committee fc
        WHERE
          fc.session_id = s.id
          AND fc.committee_id = $4::uuid
      )
      AND s.state = $5
      AND s.cancelled = $6
      AND s.modified_at >= $7::timestamptz
      AND (s.start, s.id) > ($8::timestamptz, $9::uuid)
    ORDER BY
      s.start ASC,
      s.id ASC
    LIMIT
      $10
  ),
  sc AS (
    SELECT
      sc.session_id,
      json_agg(
        json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
        ORDER BY
          sc.position
      ) AS j
    FROM
      s
      JOIN session_committee sc ON sc.session_id = s.id
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      c.deleted_at IS NULL
      AND c.published_at IS NOT NULL
    GROUP BY
      sc.session_id
  )
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'location',
    CASE
      WHEN loc.id IS NOT NULL THEN json_build_object(
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
    END,
    'committees',
    COALESCE(sc.j, '[]'::json),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  s.start::text AS _k0,
  s.id::text AS _k1
FROM
  s
  LEFT JOIN location loc ON loc.id = s.location_id
  AND loc.deleted_at IS NULL
  AND loc.published_at IS NOT NULL
  LEFT JOIN sc ON sc.session_id = s.id
ORDER BY
  s.start ASC,
  s.id ASC;

-- sessions: list with every filter, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01", "2026-12-31", "00000000-0000-4000-8000-0000000000a2", "scheduled", false, "2026-01-01T00:00:00Z", "2026-03-01 18:00:00+01", "00000000-0000-4000-8000-0000000000a2", 26
WITH
  s AS MATERIALIZED (
    SELECT
      s.*
    FROM
      session s
    WHERE
      s.body_id = $1
      AND s.deleted_at IS NULL
      AND s.start >= $2::timestamptz
      AND s.start < ($3::date + 1)::timestamptz
      AND EXISTS (
        SELECT
          1
        FROM
          session_committee fc
        WHERE
          fc.session_id = s.id
          AND fc.committee_id = $4::uuid
      )
      AND s.state = $5
      AND s.cancelled = $6
      AND s.modified_at >= $7::timestamptz
      AND (s.start, s.id) > ($8::timestamptz, $9::uuid)
    ORDER BY
      s.start ASC,
      s.id ASC
    LIMIT
      $10
  ),
  sc AS (
    SELECT
      sc.session_id,
      json_agg(
        json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
        ORDER BY
          sc.position
      ) AS j
    FROM
      s
      JOIN session_committee sc ON sc.session_id = s.id
      JOIN committee c ON c.id = sc.committee_id
    WHERE
      c.deleted_at IS NULL
    GROUP BY
      sc.session_id
  )
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'location',
    CASE
      WHEN loc.id IS NOT NULL THEN json_build_object(
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
    END,
    'committees',
    COALESCE(sc.j, '[]'::json),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  s.start::text AS _k0,
  s.id::text AS _k1
FROM
  s
  LEFT JOIN location loc ON loc.id = s.location_id
  AND loc.deleted_at IS NULL
  LEFT JOIN sc ON sc.session_id = s.id
ORDER BY
  s.start ASC,
  s.id ASC;

-- sessions: detail · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
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
        loc.id = s.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'committees',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
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
      ),
      '[]'::json
    ),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'agendaItems',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              ai.id,
              'number',
              ai.number,
              'order',
              ai.position,
              'name',
              ai.name,
              'public',
              ai.public,
              'result',
              ai.result,
              'resolutionText',
              ai.resolution_text,
              'documents',
              COALESCE(
                (
                  SELECT
                    json_agg(
                      json_build_object(
                        'id',
                        d.id,
                        'name',
                        d.name,
                        'reference',
                        d.reference,
                        'type',
                        d.document_type,
                        'public',
                        d.public
                      )
                      ORDER BY
                        co.position,
                        d.reference,
                        d.id
                    )
                  FROM
                    consultation co
                    JOIN document d ON d.id = co.document_id
                  WHERE
                    co.agenda_item_id = ai.id
                    AND co.deleted_at IS NULL
                    AND co.published_at IS NOT NULL
                    AND d.deleted_at IS NULL
                    AND d.published_at IS NOT NULL
                    AND d.public
                ),
                '[]'::json
              ),
              'files',
              COALESCE(
                (
                  SELECT
                    json_agg(
                      json_build_object(
                        'id',
                        fi.id,
                        'name',
                        fi.name,
                        'fileName',
                        fi.file_name,
                        'mimeType',
                        fi.mime_type,
                        'size',
                        fi.size,
                        'role',
                        fi.role,
                        'accessUrl',
                        $1 || '/files/' || fi.id || '/content',
                        'downloadUrl',
                        $1 || '/files/' || fi.id || '/content?download=1'
                      )
                      ORDER BY
                        fi.position,
                        fi.id
                    )
                  FROM
                    file fi
                  WHERE
                    fi.agenda_item_id = ai.id
                    AND fi.deleted_at IS NULL
                    AND fi.published_at IS NOT NULL
                    AND fi.public
                    AND COALESCE(
                      (
                        SELECT
                          vd_fi.deleted_at IS NULL
                          AND vd_fi.published_at IS NOT NULL
                          AND vd_fi.public
                        FROM
                          document vd_fi
                        WHERE
                          vd_fi.id = fi.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          va_fi.deleted_at IS NULL
                          AND va_fi.published_at IS NOT NULL
                          AND va_fi.public
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_fi.deleted_at IS NULL
                                AND vs_va_fi.published_at IS NOT NULL
                              FROM
                                session vs_va_fi
                              WHERE
                                vs_va_fi.id = va_fi.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_fi
                        WHERE
                          va_fi.id = fi.agenda_item_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_fi.deleted_at IS NULL
                          AND vs_fi.published_at IS NOT NULL
                        FROM
                          session vs_fi
                        WHERE
                          vs_fi.id = fi.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_fi.deleted_at IS NULL
                            AND vm_fi.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_fi.deleted_at IS NULL
                                  AND vs_vm_fi.published_at IS NOT NULL
                                FROM
                                  session vs_vm_fi
                                WHERE
                                  vs_vm_fi.id = vm_fi.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_fi
                        WHERE
                          vm_fi.file_id = fi.id
                          AND vm_fi.deleted_at IS NULL
                      ),
                      TRUE
                    )
                ),
                '[]'::json
              )
            )
            ORDER BY
              ai.position,
              ai.id
          )
        FROM
          agenda_item ai
        WHERE
          ai.session_id = s.id
          AND ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
          AND ai.public
      ),
      '[]'::json
    ),
    'files',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              fi.id,
              'name',
              fi.name,
              'fileName',
              fi.file_name,
              'mimeType',
              fi.mime_type,
              'size',
              fi.size,
              'role',
              fi.role,
              'accessUrl',
              $1 || '/files/' || fi.id || '/content',
              'downloadUrl',
              $1 || '/files/' || fi.id || '/content?download=1'
            )
            ORDER BY
              fi.position,
              fi.id
          )
        FROM
          file fi
        WHERE
          fi.session_id = s.id
          AND fi.deleted_at IS NULL
          AND fi.published_at IS NOT NULL
          AND fi.public
          AND COALESCE(
            (
              SELECT
                vd_fi.deleted_at IS NULL
                AND vd_fi.published_at IS NOT NULL
                AND vd_fi.public
              FROM
                document vd_fi
              WHERE
                vd_fi.id = fi.document_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                va_fi.deleted_at IS NULL
                AND va_fi.published_at IS NOT NULL
                AND va_fi.public
                AND COALESCE(
                  (
                    SELECT
                      vs_va_fi.deleted_at IS NULL
                      AND vs_va_fi.published_at IS NOT NULL
                    FROM
                      session vs_va_fi
                    WHERE
                      vs_va_fi.id = va_fi.session_id
                  ),
                  FALSE
                )
              FROM
                agenda_item va_fi
              WHERE
                va_fi.id = fi.agenda_item_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                vs_fi.deleted_at IS NULL
                AND vs_fi.published_at IS NOT NULL
              FROM
                session vs_fi
              WHERE
                vs_fi.id = fi.session_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                bool_and(
                  vm_fi.deleted_at IS NULL
                  AND vm_fi.status = 'published'
                  AND COALESCE(
                    (
                      SELECT
                        vs_vm_fi.deleted_at IS NULL
                        AND vs_vm_fi.published_at IS NOT NULL
                      FROM
                        session vs_vm_fi
                      WHERE
                        vs_vm_fi.id = vm_fi.session_id
                    ),
                    FALSE
                  )
                )
              FROM
                minutes vm_fi
              WHERE
                vm_fi.file_id = fi.id
                AND vm_fi.deleted_at IS NULL
            ),
            TRUE
          )
      ),
      '[]'::json
    ),
    'minutes',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              m.id,
              'kind',
              m.kind,
              'status',
              m.status,
              'file',
              (
                SELECT
                  json_build_object(
                    'id',
                    mf.id,
                    'name',
                    mf.name,
                    'fileName',
                    mf.file_name,
                    'mimeType',
                    mf.mime_type,
                    'size',
                    mf.size,
                    'role',
                    mf.role,
                    'accessUrl',
                    $1 || '/files/' || mf.id || '/content',
                    'downloadUrl',
                    $1 || '/files/' || mf.id || '/content?download=1'
                  )
                FROM
                  file mf
                WHERE
                  mf.id = m.file_id
                  AND mf.deleted_at IS NULL
                  AND mf.published_at IS NOT NULL
                  AND mf.public
                  AND COALESCE(
                    (
                      SELECT
                        vd_mf.deleted_at IS NULL
                        AND vd_mf.published_at IS NOT NULL
                        AND vd_mf.public
                      FROM
                        document vd_mf
                      WHERE
                        vd_mf.id = mf.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        va_mf.deleted_at IS NULL
                        AND va_mf.published_at IS NOT NULL
                        AND va_mf.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_mf.deleted_at IS NULL
                              AND vs_va_mf.published_at IS NOT NULL
                            FROM
                              session vs_va_mf
                            WHERE
                              vs_va_mf.id = va_mf.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_mf
                      WHERE
                        va_mf.id = mf.agenda_item_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_mf.deleted_at IS NULL
                        AND vs_mf.published_at IS NOT NULL
                      FROM
                        session vs_mf
                      WHERE
                        vs_mf.id = mf.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_mf.deleted_at IS NULL
                          AND vm_mf.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_mf.deleted_at IS NULL
                                AND vs_vm_mf.published_at IS NOT NULL
                              FROM
                                session vs_vm_mf
                              WHERE
                                vs_vm_mf.id = vm_mf.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_mf
                      WHERE
                        vm_mf.file_id = mf.id
                        AND vm_mf.deleted_at IS NULL
                    ),
                    TRUE
                  )
              )
            )
            ORDER BY
              m.kind,
              m.id
          )
        FROM
          minutes m
        WHERE
          m.session_id = s.id
          AND m.deleted_at IS NULL
          AND m.status = 'published'
      ),
      '[]'::json
    )
  )::text AS j
FROM
  session s
WHERE
  s.id = $2
  AND s.body_id = $3
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL;

-- sessions: detail · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
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
        loc.id = s.location_id
        AND loc.deleted_at IS NULL
        AND loc.published_at IS NOT NULL
    ),
    'committees',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
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
      ),
      '[]'::json
    ),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'agendaItems',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              ai.id,
              'number',
              ai.number,
              'order',
              ai.position,
              'name',
              ai.name,
              'public',
              ai.public,
              'result',
              ai.result,
              'resolutionText',
              ai.resolution_text,
              'documents',
              COALESCE(
                (
                  SELECT
                    json_agg(
                      json_build_object(
                        'id',
                        d.id,
                        'name',
                        d.name,
                        'reference',
                        d.reference,
                        'type',
                        d.document_type,
                        'public',
                        d.public
                      )
                      ORDER BY
                        co.position,
                        d.reference,
                        d.id
                    )
                  FROM
                    consultation co
                    JOIN document d ON d.id = co.document_id
                  WHERE
                    co.agenda_item_id = ai.id
                    AND co.deleted_at IS NULL
                    AND co.published_at IS NOT NULL
                    AND d.deleted_at IS NULL
                    AND d.published_at IS NOT NULL
                ),
                '[]'::json
              ),
              'files',
              COALESCE(
                (
                  SELECT
                    json_agg(
                      json_build_object(
                        'id',
                        fi.id,
                        'name',
                        fi.name,
                        'fileName',
                        fi.file_name,
                        'mimeType',
                        fi.mime_type,
                        'size',
                        fi.size,
                        'role',
                        fi.role,
                        'accessUrl',
                        $1 || '/files/' || fi.id || '/content',
                        'downloadUrl',
                        $1 || '/files/' || fi.id || '/content?download=1'
                      )
                      ORDER BY
                        fi.position,
                        fi.id
                    )
                  FROM
                    file fi
                  WHERE
                    fi.agenda_item_id = ai.id
                    AND fi.deleted_at IS NULL
                    AND fi.published_at IS NOT NULL
                    AND COALESCE(
                      (
                        SELECT
                          vd_fi.deleted_at IS NULL
                          AND vd_fi.published_at IS NOT NULL
                        FROM
                          document vd_fi
                        WHERE
                          vd_fi.id = fi.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          va_fi.deleted_at IS NULL
                          AND va_fi.published_at IS NOT NULL
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_fi.deleted_at IS NULL
                                AND vs_va_fi.published_at IS NOT NULL
                              FROM
                                session vs_va_fi
                              WHERE
                                vs_va_fi.id = va_fi.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_fi
                        WHERE
                          va_fi.id = fi.agenda_item_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_fi.deleted_at IS NULL
                          AND vs_fi.published_at IS NOT NULL
                        FROM
                          session vs_fi
                        WHERE
                          vs_fi.id = fi.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_fi.deleted_at IS NULL
                            AND vm_fi.status IN ('approved', 'published')
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_fi.deleted_at IS NULL
                                  AND vs_vm_fi.published_at IS NOT NULL
                                FROM
                                  session vs_vm_fi
                                WHERE
                                  vs_vm_fi.id = vm_fi.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_fi
                        WHERE
                          vm_fi.file_id = fi.id
                          AND vm_fi.deleted_at IS NULL
                      ),
                      TRUE
                    )
                ),
                '[]'::json
              )
            )
            ORDER BY
              ai.position,
              ai.id
          )
        FROM
          agenda_item ai
        WHERE
          ai.session_id = s.id
          AND ai.deleted_at IS NULL
          AND ai.published_at IS NOT NULL
      ),
      '[]'::json
    ),
    'files',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              fi.id,
              'name',
              fi.name,
              'fileName',
              fi.file_name,
              'mimeType',
              fi.mime_type,
              'size',
              fi.size,
              'role',
              fi.role,
              'accessUrl',
              $1 || '/files/' || fi.id || '/content',
              'downloadUrl',
              $1 || '/files/' || fi.id || '/content?download=1'
            )
            ORDER BY
              fi.position,
              fi.id
          )
        FROM
          file fi
        WHERE
          fi.session_id = s.id
          AND fi.deleted_at IS NULL
          AND fi.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vd_fi.deleted_at IS NULL
                AND vd_fi.published_at IS NOT NULL
              FROM
                document vd_fi
              WHERE
                vd_fi.id = fi.document_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                va_fi.deleted_at IS NULL
                AND va_fi.published_at IS NOT NULL
                AND COALESCE(
                  (
                    SELECT
                      vs_va_fi.deleted_at IS NULL
                      AND vs_va_fi.published_at IS NOT NULL
                    FROM
                      session vs_va_fi
                    WHERE
                      vs_va_fi.id = va_fi.session_id
                  ),
                  FALSE
                )
              FROM
                agenda_item va_fi
              WHERE
                va_fi.id = fi.agenda_item_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                vs_fi.deleted_at IS NULL
                AND vs_fi.published_at IS NOT NULL
              FROM
                session vs_fi
              WHERE
                vs_fi.id = fi.session_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                bool_and(
                  vm_fi.deleted_at IS NULL
                  AND vm_fi.status IN ('approved', 'published')
                  AND COALESCE(
                    (
                      SELECT
                        vs_vm_fi.deleted_at IS NULL
                        AND vs_vm_fi.published_at IS NOT NULL
                      FROM
                        session vs_vm_fi
                      WHERE
                        vs_vm_fi.id = vm_fi.session_id
                    ),
                    FALSE
                  )
                )
              FROM
                minutes vm_fi
              WHERE
                vm_fi.file_id = fi.id
                AND vm_fi.deleted_at IS NULL
            ),
            TRUE
          )
      ),
      '[]'::json
    ),
    'minutes',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              m.id,
              'kind',
              m.kind,
              'status',
              m.status,
              'file',
              (
                SELECT
                  json_build_object(
                    'id',
                    mf.id,
                    'name',
                    mf.name,
                    'fileName',
                    mf.file_name,
                    'mimeType',
                    mf.mime_type,
                    'size',
                    mf.size,
                    'role',
                    mf.role,
                    'accessUrl',
                    $1 || '/files/' || mf.id || '/content',
                    'downloadUrl',
                    $1 || '/files/' || mf.id || '/content?download=1'
                  )
                FROM
                  file mf
                WHERE
                  mf.id = m.file_id
                  AND mf.deleted_at IS NULL
                  AND mf.published_at IS NOT NULL
                  AND COALESCE(
                    (
                      SELECT
                        vd_mf.deleted_at IS NULL
                        AND vd_mf.published_at IS NOT NULL
                      FROM
                        document vd_mf
                      WHERE
                        vd_mf.id = mf.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        va_mf.deleted_at IS NULL
                        AND va_mf.published_at IS NOT NULL
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_mf.deleted_at IS NULL
                              AND vs_va_mf.published_at IS NOT NULL
                            FROM
                              session vs_va_mf
                            WHERE
                              vs_va_mf.id = va_mf.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_mf
                      WHERE
                        va_mf.id = mf.agenda_item_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_mf.deleted_at IS NULL
                        AND vs_mf.published_at IS NOT NULL
                      FROM
                        session vs_mf
                      WHERE
                        vs_mf.id = mf.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_mf.deleted_at IS NULL
                          AND vm_mf.status IN ('approved', 'published')
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_mf.deleted_at IS NULL
                                AND vs_vm_mf.published_at IS NOT NULL
                              FROM
                                session vs_vm_mf
                              WHERE
                                vs_vm_mf.id = vm_mf.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_mf
                      WHERE
                        vm_mf.file_id = mf.id
                        AND vm_mf.deleted_at IS NULL
                    ),
                    TRUE
                  )
              )
            )
            ORDER BY
              m.kind,
              m.id
          )
        FROM
          minutes m
        WHERE
          m.session_id = s.id
          AND m.deleted_at IS NULL
          AND m.status IN ('approved', 'published')
      ),
      '[]'::json
    )
  )::text AS j
FROM
  session s
WHERE
  s.id = $2
  AND s.body_id = $3
  AND s.deleted_at IS NULL
  AND s.published_at IS NOT NULL;

-- sessions: detail · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    s.id,
    'name',
    s.name,
    'state',
    s.state,
    'cancelled',
    s.cancelled,
    'start',
    to_char(s.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(s."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
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
        loc.id = s.location_id
        AND loc.deleted_at IS NULL
    ),
    'committees',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object('id', c.id, 'name', c.name, 'shortName', c.short_name)
            ORDER BY
              sc.position
          )
        FROM
          session_committee sc
          JOIN committee c ON c.id = sc.committee_id
        WHERE
          sc.session_id = s.id
          AND c.deleted_at IS NULL
      ),
      '[]'::json
    ),
    'published',
    s.published_at IS NOT NULL,
    'created',
    to_char(s.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(s.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'agendaItems',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              ai.id,
              'number',
              ai.number,
              'order',
              ai.position,
              'name',
              ai.name,
              'public',
              ai.public,
              'result',
              ai.result,
              'resolutionText',
              ai.resolution_text,
              'documents',
              COALESCE(
                (
                  SELECT
                    json_agg(
                      json_build_object(
                        'id',
                        d.id,
                        'name',
                        d.name,
                        'reference',
                        d.reference,
                        'type',
                        d.document_type,
                        'public',
                        d.public
                      )
                      ORDER BY
                        co.position,
                        d.reference,
                        d.id
                    )
                  FROM
                    consultation co
                    JOIN document d ON d.id = co.document_id
                  WHERE
                    co.agenda_item_id = ai.id
                    AND co.deleted_at IS NULL
                    AND d.deleted_at IS NULL
                ),
                '[]'::json
              ),
              'files',
              COALESCE(
                (
                  SELECT
                    json_agg(
                      json_build_object(
                        'id',
                        fi.id,
                        'name',
                        fi.name,
                        'fileName',
                        fi.file_name,
                        'mimeType',
                        fi.mime_type,
                        'size',
                        fi.size,
                        'role',
                        fi.role,
                        'accessUrl',
                        $1 || '/files/' || fi.id || '/content',
                        'downloadUrl',
                        $1 || '/files/' || fi.id || '/content?download=1'
                      )
                      ORDER BY
                        fi.position,
                        fi.id
                    )
                  FROM
                    file fi
                  WHERE
                    fi.agenda_item_id = ai.id
                    AND fi.deleted_at IS NULL
                    AND COALESCE(
                      (
                        SELECT
                          vd_fi.deleted_at IS NULL
                        FROM
                          document vd_fi
                        WHERE
                          vd_fi.id = fi.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          va_fi.deleted_at IS NULL
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_fi.deleted_at IS NULL
                              FROM
                                session vs_va_fi
                              WHERE
                                vs_va_fi.id = va_fi.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_fi
                        WHERE
                          va_fi.id = fi.agenda_item_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_fi.deleted_at IS NULL
                        FROM
                          session vs_fi
                        WHERE
                          vs_fi.id = fi.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_fi.deleted_at IS NULL
                            AND TRUE
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_fi.deleted_at IS NULL
                                FROM
                                  session vs_vm_fi
                                WHERE
                                  vs_vm_fi.id = vm_fi.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_fi
                        WHERE
                          vm_fi.file_id = fi.id
                          AND vm_fi.deleted_at IS NULL
                      ),
                      TRUE
                    )
                ),
                '[]'::json
              )
            )
            ORDER BY
              ai.position,
              ai.id
          )
        FROM
          agenda_item ai
        WHERE
          ai.session_id = s.id
          AND ai.deleted_at IS NULL
      ),
      '[]'::json
    ),
    'files',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              fi.id,
              'name',
              fi.name,
              'fileName',
              fi.file_name,
              'mimeType',
              fi.mime_type,
              'size',
              fi.size,
              'role',
              fi.role,
              'accessUrl',
              $1 || '/files/' || fi.id || '/content',
              'downloadUrl',
              $1 || '/files/' || fi.id || '/content?download=1'
            )
            ORDER BY
              fi.position,
              fi.id
          )
        FROM
          file fi
        WHERE
          fi.session_id = s.id
          AND fi.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vd_fi.deleted_at IS NULL
              FROM
                document vd_fi
              WHERE
                vd_fi.id = fi.document_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                va_fi.deleted_at IS NULL
                AND COALESCE(
                  (
                    SELECT
                      vs_va_fi.deleted_at IS NULL
                    FROM
                      session vs_va_fi
                    WHERE
                      vs_va_fi.id = va_fi.session_id
                  ),
                  FALSE
                )
              FROM
                agenda_item va_fi
              WHERE
                va_fi.id = fi.agenda_item_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                vs_fi.deleted_at IS NULL
              FROM
                session vs_fi
              WHERE
                vs_fi.id = fi.session_id
            ),
            TRUE
          )
          AND COALESCE(
            (
              SELECT
                bool_and(
                  vm_fi.deleted_at IS NULL
                  AND TRUE
                  AND COALESCE(
                    (
                      SELECT
                        vs_vm_fi.deleted_at IS NULL
                      FROM
                        session vs_vm_fi
                      WHERE
                        vs_vm_fi.id = vm_fi.session_id
                    ),
                    FALSE
                  )
                )
              FROM
                minutes vm_fi
              WHERE
                vm_fi.file_id = fi.id
                AND vm_fi.deleted_at IS NULL
            ),
            TRUE
          )
      ),
      '[]'::json
    ),
    'minutes',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              m.id,
              'kind',
              m.kind,
              'status',
              m.status,
              'file',
              (
                SELECT
                  json_build_object(
                    'id',
                    mf.id,
                    'name',
                    mf.name,
                    'fileName',
                    mf.file_name,
                    'mimeType',
                    mf.mime_type,
                    'size',
                    mf.size,
                    'role',
                    mf.role,
                    'accessUrl',
                    $1 || '/files/' || mf.id || '/content',
                    'downloadUrl',
                    $1 || '/files/' || mf.id || '/content?download=1'
                  )
                FROM
                  file mf
                WHERE
                  mf.id = m.file_id
                  AND mf.deleted_at IS NULL
                  AND COALESCE(
                    (
                      SELECT
                        vd_mf.deleted_at IS NULL
                      FROM
                        document vd_mf
                      WHERE
                        vd_mf.id = mf.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        va_mf.deleted_at IS NULL
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_mf.deleted_at IS NULL
                            FROM
                              session vs_va_mf
                            WHERE
                              vs_va_mf.id = va_mf.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_mf
                      WHERE
                        va_mf.id = mf.agenda_item_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_mf.deleted_at IS NULL
                      FROM
                        session vs_mf
                      WHERE
                        vs_mf.id = mf.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_mf.deleted_at IS NULL
                          AND TRUE
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_mf.deleted_at IS NULL
                              FROM
                                session vs_vm_mf
                              WHERE
                                vs_vm_mf.id = vm_mf.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_mf
                      WHERE
                        vm_mf.file_id = mf.id
                        AND vm_mf.deleted_at IS NULL
                    ),
                    TRUE
                  )
              )
            )
            ORDER BY
              m.kind,
              m.id
          )
        FROM
          minutes m
        WHERE
          m.session_id = s.id
          AND m.deleted_at IS NULL
          AND TRUE
      ),
      '[]'::json
    )
  )::text AS j
FROM
  session s
WHERE
  s.id = $2
  AND s.body_id = $3
  AND s.deleted_at IS NULL;
