-- The SQL of documents, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- documents: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  d.date::text AS _k0,
  d.id::text AS _k1
FROM
  (
    SELECT
      d.*
    FROM
      document d
    WHERE
      d.body_id = $1
      AND d.deleted_at IS NULL
      AND d.published_at IS NOT NULL
      AND d.public
    ORDER BY
      d.date DESC,
      d.id DESC
    LIMIT
      $2
  ) d
ORDER BY
  d.date DESC,
  d.id DESC;

-- documents: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  d.date::text AS _k0,
  d.id::text AS _k1
FROM
  (
    SELECT
      d.*
    FROM
      document d
    WHERE
      d.body_id = $1
      AND d.deleted_at IS NULL
      AND d.published_at IS NOT NULL
    ORDER BY
      d.date DESC,
      d.id DESC
    LIMIT
      $2
  ) d
ORDER BY
  d.date DESC,
  d.id DESC;

-- documents: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  d.date::text AS _k0,
  d.id::text AS _k1
FROM
  (
    SELECT
      d.*
    FROM
      document d
    WHERE
      d.body_id = $1
      AND d.deleted_at IS NULL
    ORDER BY
      d.date DESC,
      d.id DESC
    LIMIT
      $2
  ) d
ORDER BY
  d.date DESC,
  d.id DESC;

-- documents: list with every filter, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "Antrag", "DS 2026/001", "2026-01-01", "2026-12-31", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "2026-03-01", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  d.date::text AS _k0,
  d.id::text AS _k1
FROM
  (
    SELECT
      d.*
    FROM
      document d
    WHERE
      d.body_id = $1
      AND d.deleted_at IS NULL
      AND d.published_at IS NOT NULL
      AND d.public
      AND d.document_type = $2
      AND d.reference = $3
      AND d.date >= $4::date
      AND d.date <= $5::date
      AND d.id = ANY (
        ARRAY(
          SELECT
            fc.document_id
          FROM
            consultation fc
          WHERE
            fc.committee_id = $6::uuid
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
      AND d.modified_at >= $7::timestamptz
      AND (d.date, d.id) < ($8::date, $9::uuid)
    ORDER BY
      d.date DESC,
      d.id DESC
    LIMIT
      $10
  ) d
ORDER BY
  d.date DESC,
  d.id DESC;

-- documents: list with every filter, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "Antrag", "DS 2026/001", "2026-01-01", "2026-12-31", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "2026-03-01", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  d.date::text AS _k0,
  d.id::text AS _k1
FROM
  (
    SELECT
      d.*
    FROM
      document d
    WHERE
      d.body_id = $1
      AND d.deleted_at IS NULL
      AND d.published_at IS NOT NULL
      AND d.document_type = $2
      AND d.reference = $3
      AND d.date >= $4::date
      AND d.date <= $5::date
      AND d.id = ANY (
        ARRAY(
          SELECT
            fc.document_id
          FROM
            consultation fc
          WHERE
            fc.committee_id = $6::uuid
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
      AND d.modified_at >= $7::timestamptz
      AND (d.date, d.id) < ($8::date, $9::uuid)
    ORDER BY
      d.date DESC,
      d.id DESC
    LIMIT
      $10
  ) d
ORDER BY
  d.date DESC,
  d.id DESC;

-- documents: list with every filter, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "Antrag", "DS 2026/001", "2026-01-01", "2026-12-31", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "2026-03-01", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  d.date::text AS _k0,
  d.id::text AS _k1
FROM
  (
    SELECT
      d.*
    FROM
      document d
    WHERE
      d.body_id = $1
      AND d.deleted_at IS NULL
      AND d.document_type = $2
      AND d.reference = $3
      AND d.date >= $4::date
      AND d.date <= $5::date
      AND d.id = ANY (
        ARRAY(
          SELECT
            fc.document_id
          FROM
            consultation fc
          WHERE
            fc.committee_id = $6::uuid
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
      AND d.modified_at >= $7::timestamptz
      AND (d.date, d.id) < ($8::date, $9::uuid)
    ORDER BY
      d.date DESC,
      d.id DESC
    LIMIT
      $10
  ) d
ORDER BY
  d.date DESC,
  d.id DESC;

-- documents: detail · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'originators',
    json_build_object(
      'people',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object('id', op.id, 'name', op.name)
              ORDER BY
                u_op.n
            )
          FROM
            unnest(d.originator_person_ids) WITH ORDINALITY AS u_op (id, n)
            JOIN person op ON op.id = u_op.id
          WHERE
            op.body_id = d.body_id
            AND op.deleted_at IS NULL
            AND op.published_at IS NOT NULL
        ),
        '[]'::json
      ),
      'committees',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object('id', oc.id, 'name', oc.name, 'shortName', oc.short_name)
              ORDER BY
                u_oc.n
            )
          FROM
            unnest(d.originator_committee_ids) WITH ORDINALITY AS u_oc (id, n)
            JOIN committee oc ON oc.id = u_oc.id
          WHERE
            oc.body_id = d.body_id
            AND oc.deleted_at IS NULL
            AND oc.published_at IS NOT NULL
        ),
        '[]'::json
      )
    ),
    'underDirectionOf',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object('id', uc.id, 'name', uc.name, 'shortName', uc.short_name)
            ORDER BY
              u_uc.n
          )
        FROM
          unnest(d.under_direction_of_ids) WITH ORDINALITY AS u_uc (id, n)
          JOIN committee uc ON uc.id = u_uc.id
        WHERE
          uc.body_id = d.body_id
          AND uc.deleted_at IS NULL
          AND uc.published_at IS NOT NULL
      ),
      '[]'::json
    ),
    'relatedDocuments',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              rd.id,
              'name',
              rd.name,
              'reference',
              rd.reference,
              'type',
              rd.document_type,
              'public',
              rd.public
            )
            ORDER BY
              u_rd.n
          )
        FROM
          unnest(d.related_document_ids) WITH ORDINALITY AS u_rd (id, n)
          JOIN document rd ON rd.id = u_rd.id
        WHERE
          rd.body_id = d.body_id
          AND rd.deleted_at IS NULL
          AND rd.published_at IS NOT NULL
          AND rd.public
      ),
      '[]'::json
    ),
    'superordinatedDocument',
    (
      SELECT
        json_build_object(
          'id',
          sd.id,
          'name',
          sd.name,
          'reference',
          sd.reference,
          'type',
          sd.document_type,
          'public',
          sd.public
        )
      FROM
        document sd
      WHERE
        sd.id = d.superordinated_document_id
        AND sd.body_id = d.body_id
        AND sd.deleted_at IS NULL
        AND sd.published_at IS NOT NULL
        AND sd.public
    ),
    'subordinatedDocuments',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              bd.id,
              'name',
              bd.name,
              'reference',
              bd.reference,
              'type',
              bd.document_type,
              'public',
              bd.public
            )
            ORDER BY
              bd.date,
              bd.reference,
              bd.id
          )
        FROM
          document bd
        WHERE
          bd.superordinated_document_id = d.id
          AND bd.body_id = d.body_id
          AND bd.deleted_at IS NULL
          AND bd.published_at IS NOT NULL
          AND bd.public
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
          fi.document_id = d.id
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
              'session',
              (
                SELECT
                  json_build_object(
                    'id',
                    cs.id,
                    'name',
                    cs.name,
                    'start',
                    to_char(cs.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
                  )
                FROM
                  session cs
                WHERE
                  cs.id = co.session_id
                  AND cs.deleted_at IS NULL
                  AND cs.published_at IS NOT NULL
              ),
              'agendaItem',
              (
                SELECT
                  json_build_object('id', ca.id, 'number', ca.number, 'name', ca.name)
                FROM
                  agenda_item ca
                WHERE
                  ca.id = co.agenda_item_id
                  AND ca.deleted_at IS NULL
                  AND ca.published_at IS NOT NULL
                  AND ca.public
                  AND COALESCE(
                    (
                      SELECT
                        vs_ca.deleted_at IS NULL
                        AND vs_ca.published_at IS NOT NULL
                      FROM
                        session vs_ca
                      WHERE
                        vs_ca.id = ca.session_id
                    ),
                    FALSE
                  )
              )
            )
            ORDER BY
              co.position,
              co.id
          )
        FROM
          consultation co
        WHERE
          co.document_id = d.id
          AND co.deleted_at IS NULL
          AND co.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vd_co.deleted_at IS NULL
                AND vd_co.published_at IS NOT NULL
                AND vd_co.public
              FROM
                document vd_co
              WHERE
                vd_co.id = co.document_id
            ),
            FALSE
          )
          AND COALESCE(
            (
              SELECT
                va_co.deleted_at IS NULL
                AND va_co.published_at IS NOT NULL
                AND va_co.public
                AND COALESCE(
                  (
                    SELECT
                      vs_va_co.deleted_at IS NULL
                      AND vs_va_co.published_at IS NOT NULL
                    FROM
                      session vs_va_co
                    WHERE
                      vs_va_co.id = va_co.session_id
                  ),
                  FALSE
                )
              FROM
                agenda_item va_co
              WHERE
                va_co.id = co.agenda_item_id
            ),
            TRUE
          )
      ),
      '[]'::json
    )
  )::text AS j
FROM
  document d
WHERE
  d.id = $2
  AND d.body_id = $3
  AND d.deleted_at IS NULL
  AND d.published_at IS NOT NULL
  AND d.public;

-- documents: detail · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'originators',
    json_build_object(
      'people',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object('id', op.id, 'name', op.name)
              ORDER BY
                u_op.n
            )
          FROM
            unnest(d.originator_person_ids) WITH ORDINALITY AS u_op (id, n)
            JOIN person op ON op.id = u_op.id
          WHERE
            op.body_id = d.body_id
            AND op.deleted_at IS NULL
            AND op.published_at IS NOT NULL
        ),
        '[]'::json
      ),
      'committees',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object('id', oc.id, 'name', oc.name, 'shortName', oc.short_name)
              ORDER BY
                u_oc.n
            )
          FROM
            unnest(d.originator_committee_ids) WITH ORDINALITY AS u_oc (id, n)
            JOIN committee oc ON oc.id = u_oc.id
          WHERE
            oc.body_id = d.body_id
            AND oc.deleted_at IS NULL
            AND oc.published_at IS NOT NULL
        ),
        '[]'::json
      )
    ),
    'underDirectionOf',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object('id', uc.id, 'name', uc.name, 'shortName', uc.short_name)
            ORDER BY
              u_uc.n
          )
        FROM
          unnest(d.under_direction_of_ids) WITH ORDINALITY AS u_uc (id, n)
          JOIN committee uc ON uc.id = u_uc.id
        WHERE
          uc.body_id = d.body_id
          AND uc.deleted_at IS NULL
          AND uc.published_at IS NOT NULL
      ),
      '[]'::json
    ),
    'relatedDocuments',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              rd.id,
              'name',
              rd.name,
              'reference',
              rd.reference,
              'type',
              rd.document_type,
              'public',
              rd.public
            )
            ORDER BY
              u_rd.n
          )
        FROM
          unnest(d.related_document_ids) WITH ORDINALITY AS u_rd (id, n)
          JOIN document rd ON rd.id = u_rd.id
        WHERE
          rd.body_id = d.body_id
          AND rd.deleted_at IS NULL
          AND rd.published_at IS NOT NULL
      ),
      '[]'::json
    ),
    'superordinatedDocument',
    (
      SELECT
        json_build_object(
          'id',
          sd.id,
          'name',
          sd.name,
          'reference',
          sd.reference,
          'type',
          sd.document_type,
          'public',
          sd.public
        )
      FROM
        document sd
      WHERE
        sd.id = d.superordinated_document_id
        AND sd.body_id = d.body_id
        AND sd.deleted_at IS NULL
        AND sd.published_at IS NOT NULL
    ),
    'subordinatedDocuments',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              bd.id,
              'name',
              bd.name,
              'reference',
              bd.reference,
              'type',
              bd.document_type,
              'public',
              bd.public
            )
            ORDER BY
              bd.date,
              bd.reference,
              bd.id
          )
        FROM
          document bd
        WHERE
          bd.superordinated_document_id = d.id
          AND bd.body_id = d.body_id
          AND bd.deleted_at IS NULL
          AND bd.published_at IS NOT NULL
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
          fi.document_id = d.id
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
              'session',
              (
                SELECT
                  json_build_object(
                    'id',
                    cs.id,
                    'name',
                    cs.name,
                    'start',
                    to_char(cs.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
                  )
                FROM
                  session cs
                WHERE
                  cs.id = co.session_id
                  AND cs.deleted_at IS NULL
                  AND cs.published_at IS NOT NULL
              ),
              'agendaItem',
              (
                SELECT
                  json_build_object('id', ca.id, 'number', ca.number, 'name', ca.name)
                FROM
                  agenda_item ca
                WHERE
                  ca.id = co.agenda_item_id
                  AND ca.deleted_at IS NULL
                  AND ca.published_at IS NOT NULL
                  AND COALESCE(
                    (
                      SELECT
                        vs_ca.deleted_at IS NULL
                        AND vs_ca.published_at IS NOT NULL
                      FROM
                        session vs_ca
                      WHERE
                        vs_ca.id = ca.session_id
                    ),
                    FALSE
                  )
              )
            )
            ORDER BY
              co.position,
              co.id
          )
        FROM
          consultation co
        WHERE
          co.document_id = d.id
          AND co.deleted_at IS NULL
          AND co.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vd_co.deleted_at IS NULL
                AND vd_co.published_at IS NOT NULL
              FROM
                document vd_co
              WHERE
                vd_co.id = co.document_id
            ),
            FALSE
          )
          AND COALESCE(
            (
              SELECT
                va_co.deleted_at IS NULL
                AND va_co.published_at IS NOT NULL
                AND COALESCE(
                  (
                    SELECT
                      vs_va_co.deleted_at IS NULL
                      AND vs_va_co.published_at IS NOT NULL
                    FROM
                      session vs_va_co
                    WHERE
                      vs_va_co.id = va_co.session_id
                  ),
                  FALSE
                )
              FROM
                agenda_item va_co
              WHERE
                va_co.id = co.agenda_item_id
            ),
            TRUE
          )
      ),
      '[]'::json
    )
  )::text AS j
FROM
  document d
WHERE
  d.id = $2
  AND d.body_id = $3
  AND d.deleted_at IS NULL
  AND d.published_at IS NOT NULL;

-- documents: detail · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    d.id,
    'name',
    d.name,
    'reference',
    d.reference,
    'type',
    d.document_type,
    'date',
    to_char(d.date, 'YYYY-MM-DD'),
    'public',
    d.public,
    'published',
    d.published_at IS NOT NULL,
    'created',
    to_char(d.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(d.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'originators',
    json_build_object(
      'people',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object('id', op.id, 'name', op.name)
              ORDER BY
                u_op.n
            )
          FROM
            unnest(d.originator_person_ids) WITH ORDINALITY AS u_op (id, n)
            JOIN person op ON op.id = u_op.id
          WHERE
            op.body_id = d.body_id
            AND op.deleted_at IS NULL
        ),
        '[]'::json
      ),
      'committees',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object('id', oc.id, 'name', oc.name, 'shortName', oc.short_name)
              ORDER BY
                u_oc.n
            )
          FROM
            unnest(d.originator_committee_ids) WITH ORDINALITY AS u_oc (id, n)
            JOIN committee oc ON oc.id = u_oc.id
          WHERE
            oc.body_id = d.body_id
            AND oc.deleted_at IS NULL
        ),
        '[]'::json
      )
    ),
    'underDirectionOf',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object('id', uc.id, 'name', uc.name, 'shortName', uc.short_name)
            ORDER BY
              u_uc.n
          )
        FROM
          unnest(d.under_direction_of_ids) WITH ORDINALITY AS u_uc (id, n)
          JOIN committee uc ON uc.id = u_uc.id
        WHERE
          uc.body_id = d.body_id
          AND uc.deleted_at IS NULL
      ),
      '[]'::json
    ),
    'relatedDocuments',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              rd.id,
              'name',
              rd.name,
              'reference',
              rd.reference,
              'type',
              rd.document_type,
              'public',
              rd.public
            )
            ORDER BY
              u_rd.n
          )
        FROM
          unnest(d.related_document_ids) WITH ORDINALITY AS u_rd (id, n)
          JOIN document rd ON rd.id = u_rd.id
        WHERE
          rd.body_id = d.body_id
          AND rd.deleted_at IS NULL
      ),
      '[]'::json
    ),
    'superordinatedDocument',
    (
      SELECT
        json_build_object(
          'id',
          sd.id,
          'name',
          sd.name,
          'reference',
          sd.reference,
          'type',
          sd.document_type,
          'public',
          sd.public
        )
      FROM
        document sd
      WHERE
        sd.id = d.superordinated_document_id
        AND sd.body_id = d.body_id
        AND sd.deleted_at IS NULL
    ),
    'subordinatedDocuments',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              bd.id,
              'name',
              bd.name,
              'reference',
              bd.reference,
              'type',
              bd.document_type,
              'public',
              bd.public
            )
            ORDER BY
              bd.date,
              bd.reference,
              bd.id
          )
        FROM
          document bd
        WHERE
          bd.superordinated_document_id = d.id
          AND bd.body_id = d.body_id
          AND bd.deleted_at IS NULL
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
          fi.document_id = d.id
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
              'session',
              (
                SELECT
                  json_build_object(
                    'id',
                    cs.id,
                    'name',
                    cs.name,
                    'start',
                    to_char(cs.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
                  )
                FROM
                  session cs
                WHERE
                  cs.id = co.session_id
                  AND cs.deleted_at IS NULL
              ),
              'agendaItem',
              (
                SELECT
                  json_build_object('id', ca.id, 'number', ca.number, 'name', ca.name)
                FROM
                  agenda_item ca
                WHERE
                  ca.id = co.agenda_item_id
                  AND ca.deleted_at IS NULL
                  AND COALESCE(
                    (
                      SELECT
                        vs_ca.deleted_at IS NULL
                      FROM
                        session vs_ca
                      WHERE
                        vs_ca.id = ca.session_id
                    ),
                    FALSE
                  )
              )
            )
            ORDER BY
              co.position,
              co.id
          )
        FROM
          consultation co
        WHERE
          co.document_id = d.id
          AND co.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vd_co.deleted_at IS NULL
              FROM
                document vd_co
              WHERE
                vd_co.id = co.document_id
            ),
            FALSE
          )
          AND COALESCE(
            (
              SELECT
                va_co.deleted_at IS NULL
                AND COALESCE(
                  (
                    SELECT
                      vs_va_co.deleted_at IS NULL
                    FROM
                      session vs_va_co
                    WHERE
                      vs_va_co.id = va_co.session_id
                  ),
                  FALSE
                )
              FROM
                agenda_item va_co
              WHERE
                va_co.id = co.agenda_item_id
            ),
            TRUE
          )
      ),
      '[]'::json
    )
  )::text AS j
FROM
  document d
WHERE
  d.id = $2
  AND d.body_id = $3
  AND d.deleted_at IS NULL;
