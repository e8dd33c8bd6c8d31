-- The SQL of agenda-items, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- agenda-items: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  ai.id::text AS _k0
FROM
  (
    SELECT
      ai.*
    FROM
      agenda_item ai
    WHERE
      ai.body_id = $1
      AND ai.deleted_at IS NULL
      AND ai.published_at IS NOT NULL
      AND ai.public
      AND COALESCE(
        (
          SELECT
            vs_ai.deleted_at IS NULL
            AND vs_ai.published_at IS NOT NULL
          FROM
            session vs_ai
          WHERE
            vs_ai.id = ai.session_id
        ),
        FALSE
      )
    ORDER BY
      ai.id ASC
    LIMIT
      $2
  ) ai
ORDER BY
  ai.id ASC;

-- agenda-items: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  ai.id::text AS _k0
FROM
  (
    SELECT
      ai.*
    FROM
      agenda_item ai
    WHERE
      ai.body_id = $1
      AND ai.deleted_at IS NULL
      AND ai.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vs_ai.deleted_at IS NULL
            AND vs_ai.published_at IS NOT NULL
          FROM
            session vs_ai
          WHERE
            vs_ai.id = ai.session_id
        ),
        FALSE
      )
    ORDER BY
      ai.id ASC
    LIMIT
      $2
  ) ai
ORDER BY
  ai.id ASC;

-- agenda-items: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  ai.id::text AS _k0
FROM
  (
    SELECT
      ai.*
    FROM
      agenda_item ai
    WHERE
      ai.body_id = $1
      AND ai.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vs_ai.deleted_at IS NULL
          FROM
            session vs_ai
          WHERE
            vs_ai.id = ai.session_id
        ),
        FALSE
      )
    ORDER BY
      ai.id ASC
    LIMIT
      $2
  ) ai
ORDER BY
  ai.id ASC;

-- agenda-items: list of one session, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "3", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  ai.session_id::text AS _k0,
  ai.position::text AS _k1,
  ai.id::text AS _k2
FROM
  (
    SELECT
      ai.*
    FROM
      agenda_item ai
    WHERE
      ai.body_id = $1
      AND ai.deleted_at IS NULL
      AND ai.published_at IS NOT NULL
      AND ai.public
      AND COALESCE(
        (
          SELECT
            vs_ai.deleted_at IS NULL
            AND vs_ai.published_at IS NOT NULL
          FROM
            session vs_ai
          WHERE
            vs_ai.id = ai.session_id
        ),
        FALSE
      )
      AND ai.session_id = $2::uuid
      AND ai.modified_at >= $3::timestamptz
      AND (ai.session_id, ai.position, ai.id) > ($4::uuid, $5::int, $6::uuid)
    ORDER BY
      ai.session_id ASC,
      ai.position ASC,
      ai.id ASC
    LIMIT
      $7
  ) ai
ORDER BY
  ai.session_id ASC,
  ai.position ASC,
  ai.id ASC;

-- agenda-items: list of one session, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "3", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  ai.session_id::text AS _k0,
  ai.position::text AS _k1,
  ai.id::text AS _k2
FROM
  (
    SELECT
      ai.*
    FROM
      agenda_item ai
    WHERE
      ai.body_id = $1
      AND ai.deleted_at IS NULL
      AND ai.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vs_ai.deleted_at IS NULL
            AND vs_ai.published_at IS NOT NULL
          FROM
            session vs_ai
          WHERE
            vs_ai.id = ai.session_id
        ),
        FALSE
      )
      AND ai.session_id = $2::uuid
      AND ai.modified_at >= $3::timestamptz
      AND (ai.session_id, ai.position, ai.id) > ($4::uuid, $5::int, $6::uuid)
    ORDER BY
      ai.session_id ASC,
      ai.position ASC,
      ai.id ASC
    LIMIT
      $7
  ) ai
ORDER BY
  ai.session_id ASC,
  ai.position ASC,
  ai.id ASC;

-- agenda-items: list of one session, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "3", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  ai.session_id::text AS _k0,
  ai.position::text AS _k1,
  ai.id::text AS _k2
FROM
  (
    SELECT
      ai.*
    FROM
      agenda_item ai
    WHERE
      ai.body_id = $1
      AND ai.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vs_ai.deleted_at IS NULL
          FROM
            session vs_ai
          WHERE
            vs_ai.id = ai.session_id
        ),
        FALSE
      )
      AND ai.session_id = $2::uuid
      AND ai.modified_at >= $3::timestamptz
      AND (ai.session_id, ai.position, ai.id) > ($4::uuid, $5::int, $6::uuid)
    ORDER BY
      ai.session_id ASC,
      ai.position ASC,
      ai.id ASC
    LIMIT
      $7
  ) ai
ORDER BY
  ai.session_id ASC,
  ai.position ASC,
  ai.id ASC;

-- agenda-items: detail · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
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
    ),
    'consultations',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              co.id,
              'role',
              co.role,
              'authoritative',
              co.authoritative,
              'committee',
              (
                SELECT
                  json_build_object('id', cc.id, 'name', cc.name, 'shortName', cc.short_name)
                FROM
                  committee cc
                WHERE
                  cc.id = co.committee_id
                  AND cc.deleted_at IS NULL
                  AND cc.published_at IS NOT NULL
              ),
              'document',
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
            )
            ORDER BY
              co.position,
              co.id
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
    )
  )::text AS j
FROM
  agenda_item ai
WHERE
  ai.id = $2
  AND ai.body_id = $3
  AND ai.deleted_at IS NULL
  AND ai.published_at IS NOT NULL
  AND ai.public
  AND COALESCE(
    (
      SELECT
        vs_ai.deleted_at IS NULL
        AND vs_ai.published_at IS NOT NULL
      FROM
        session vs_ai
      WHERE
        vs_ai.id = ai.session_id
    ),
    FALSE
  );

-- agenda-items: detail · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
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
    ),
    'consultations',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              co.id,
              'role',
              co.role,
              'authoritative',
              co.authoritative,
              'committee',
              (
                SELECT
                  json_build_object('id', cc.id, 'name', cc.name, 'shortName', cc.short_name)
                FROM
                  committee cc
                WHERE
                  cc.id = co.committee_id
                  AND cc.deleted_at IS NULL
                  AND cc.published_at IS NOT NULL
              ),
              'document',
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
            )
            ORDER BY
              co.position,
              co.id
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
    )
  )::text AS j
FROM
  agenda_item ai
WHERE
  ai.id = $2
  AND ai.body_id = $3
  AND ai.deleted_at IS NULL
  AND ai.published_at IS NOT NULL
  AND COALESCE(
    (
      SELECT
        vs_ai.deleted_at IS NULL
        AND vs_ai.published_at IS NOT NULL
      FROM
        session vs_ai
      WHERE
        vs_ai.id = ai.session_id
    ),
    FALSE
  );

-- agenda-items: detail · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
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
    'start',
    to_char(ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'end',
    to_char(ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ais.id,
          'name',
          ais.name,
          'start',
          to_char(ais.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ais
      WHERE
        ais.id = ai.session_id
    ),
    'published',
    ai.published_at IS NOT NULL,
    'created',
    to_char(ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(ai.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
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
    ),
    'consultations',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              co.id,
              'role',
              co.role,
              'authoritative',
              co.authoritative,
              'committee',
              (
                SELECT
                  json_build_object('id', cc.id, 'name', cc.name, 'shortName', cc.short_name)
                FROM
                  committee cc
                WHERE
                  cc.id = co.committee_id
                  AND cc.deleted_at IS NULL
              ),
              'document',
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
            )
            ORDER BY
              co.position,
              co.id
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
    )
  )::text AS j
FROM
  agenda_item ai
WHERE
  ai.id = $2
  AND ai.body_id = $3
  AND ai.deleted_at IS NULL
  AND COALESCE(
    (
      SELECT
        vs_ai.deleted_at IS NULL
      FROM
        session vs_ai
      WHERE
        vs_ai.id = ai.session_id
    ),
    FALSE
  );
