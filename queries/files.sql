-- The SQL of files, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- files: list · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  f.id::text AS _k0
FROM
  (
    SELECT
      f.*
    FROM
      file f
    WHERE
      f.body_id = $2
      AND f.deleted_at IS NULL
      AND f.published_at IS NOT NULL
      AND f.public
      AND COALESCE(
        (
          SELECT
            vd_f.deleted_at IS NULL
            AND vd_f.published_at IS NOT NULL
            AND vd_f.public
          FROM
            document vd_f
          WHERE
            vd_f.id = f.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_f.deleted_at IS NULL
            AND va_f.published_at IS NOT NULL
            AND va_f.public
            AND COALESCE(
              (
                SELECT
                  vs_va_f.deleted_at IS NULL
                  AND vs_va_f.published_at IS NOT NULL
                FROM
                  session vs_va_f
                WHERE
                  vs_va_f.id = va_f.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_f
          WHERE
            va_f.id = f.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_f.deleted_at IS NULL
            AND vs_f.published_at IS NOT NULL
          FROM
            session vs_f
          WHERE
            vs_f.id = f.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_f.deleted_at IS NULL
              AND vm_f.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_vm_f.deleted_at IS NULL
                    AND vs_vm_f.published_at IS NOT NULL
                  FROM
                    session vs_vm_f
                  WHERE
                    vs_vm_f.id = vm_f.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_f
          WHERE
            vm_f.file_id = f.id
            AND vm_f.deleted_at IS NULL
        ),
        TRUE
      )
    ORDER BY
      f.id ASC
    LIMIT
      $3
  ) f
ORDER BY
  f.id ASC;

-- files: list · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  f.id::text AS _k0
FROM
  (
    SELECT
      f.*
    FROM
      file f
    WHERE
      f.body_id = $2
      AND f.deleted_at IS NULL
      AND f.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_f.deleted_at IS NULL
            AND vd_f.published_at IS NOT NULL
          FROM
            document vd_f
          WHERE
            vd_f.id = f.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_f.deleted_at IS NULL
            AND va_f.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_f.deleted_at IS NULL
                  AND vs_va_f.published_at IS NOT NULL
                FROM
                  session vs_va_f
                WHERE
                  vs_va_f.id = va_f.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_f
          WHERE
            va_f.id = f.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_f.deleted_at IS NULL
            AND vs_f.published_at IS NOT NULL
          FROM
            session vs_f
          WHERE
            vs_f.id = f.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_f.deleted_at IS NULL
              AND vm_f.status IN ('approved', 'published')
              AND COALESCE(
                (
                  SELECT
                    vs_vm_f.deleted_at IS NULL
                    AND vs_vm_f.published_at IS NOT NULL
                  FROM
                    session vs_vm_f
                  WHERE
                    vs_vm_f.id = vm_f.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_f
          WHERE
            vm_f.file_id = f.id
            AND vm_f.deleted_at IS NULL
        ),
        TRUE
      )
    ORDER BY
      f.id ASC
    LIMIT
      $3
  ) f
ORDER BY
  f.id ASC;

-- files: list · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  f.id::text AS _k0
FROM
  (
    SELECT
      f.*
    FROM
      file f
    WHERE
      f.body_id = $2
      AND f.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vd_f.deleted_at IS NULL
          FROM
            document vd_f
          WHERE
            vd_f.id = f.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_f.deleted_at IS NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_f.deleted_at IS NULL
                FROM
                  session vs_va_f
                WHERE
                  vs_va_f.id = va_f.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_f
          WHERE
            va_f.id = f.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_f.deleted_at IS NULL
          FROM
            session vs_f
          WHERE
            vs_f.id = f.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_f.deleted_at IS NULL
              AND TRUE
              AND COALESCE(
                (
                  SELECT
                    vs_vm_f.deleted_at IS NULL
                  FROM
                    session vs_vm_f
                  WHERE
                    vs_vm_f.id = vm_f.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_f
          WHERE
            vm_f.file_id = f.id
            AND vm_f.deleted_at IS NULL
        ),
        TRUE
      )
    ORDER BY
      f.id ASC
    LIMIT
      $3
  ) f
ORDER BY
  f.id ASC;

-- files: list with every filter, after a cursor · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "application/pdf", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  f.id::text AS _k0
FROM
  (
    SELECT
      f.*
    FROM
      file f
    WHERE
      f.body_id = $2
      AND f.deleted_at IS NULL
      AND f.published_at IS NOT NULL
      AND f.public
      AND COALESCE(
        (
          SELECT
            vd_f.deleted_at IS NULL
            AND vd_f.published_at IS NOT NULL
            AND vd_f.public
          FROM
            document vd_f
          WHERE
            vd_f.id = f.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_f.deleted_at IS NULL
            AND va_f.published_at IS NOT NULL
            AND va_f.public
            AND COALESCE(
              (
                SELECT
                  vs_va_f.deleted_at IS NULL
                  AND vs_va_f.published_at IS NOT NULL
                FROM
                  session vs_va_f
                WHERE
                  vs_va_f.id = va_f.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_f
          WHERE
            va_f.id = f.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_f.deleted_at IS NULL
            AND vs_f.published_at IS NOT NULL
          FROM
            session vs_f
          WHERE
            vs_f.id = f.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_f.deleted_at IS NULL
              AND vm_f.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_vm_f.deleted_at IS NULL
                    AND vs_vm_f.published_at IS NOT NULL
                  FROM
                    session vs_vm_f
                  WHERE
                    vs_vm_f.id = vm_f.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_f
          WHERE
            vm_f.file_id = f.id
            AND vm_f.deleted_at IS NULL
        ),
        TRUE
      )
      AND f.document_id = $3::uuid
      AND f.agenda_item_id = $4::uuid
      AND f.session_id = $5::uuid
      AND f.mime_type = $6
      AND f.modified_at >= $7::timestamptz
      AND (f.id) > ($8::uuid)
    ORDER BY
      f.id ASC
    LIMIT
      $9
  ) f
ORDER BY
  f.id ASC;

-- files: list with every filter, after a cursor · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "application/pdf", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  f.id::text AS _k0
FROM
  (
    SELECT
      f.*
    FROM
      file f
    WHERE
      f.body_id = $2
      AND f.deleted_at IS NULL
      AND f.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_f.deleted_at IS NULL
            AND vd_f.published_at IS NOT NULL
          FROM
            document vd_f
          WHERE
            vd_f.id = f.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_f.deleted_at IS NULL
            AND va_f.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_f.deleted_at IS NULL
                  AND vs_va_f.published_at IS NOT NULL
                FROM
                  session vs_va_f
                WHERE
                  vs_va_f.id = va_f.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_f
          WHERE
            va_f.id = f.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_f.deleted_at IS NULL
            AND vs_f.published_at IS NOT NULL
          FROM
            session vs_f
          WHERE
            vs_f.id = f.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_f.deleted_at IS NULL
              AND vm_f.status IN ('approved', 'published')
              AND COALESCE(
                (
                  SELECT
                    vs_vm_f.deleted_at IS NULL
                    AND vs_vm_f.published_at IS NOT NULL
                  FROM
                    session vs_vm_f
                  WHERE
                    vs_vm_f.id = vm_f.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_f
          WHERE
            vm_f.file_id = f.id
            AND vm_f.deleted_at IS NULL
        ),
        TRUE
      )
      AND f.document_id = $3::uuid
      AND f.agenda_item_id = $4::uuid
      AND f.session_id = $5::uuid
      AND f.mime_type = $6
      AND f.modified_at >= $7::timestamptz
      AND (f.id) > ($8::uuid)
    ORDER BY
      f.id ASC
    LIMIT
      $9
  ) f
ORDER BY
  f.id ASC;

-- files: list with every filter, after a cursor · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "application/pdf", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  f.id::text AS _k0
FROM
  (
    SELECT
      f.*
    FROM
      file f
    WHERE
      f.body_id = $2
      AND f.deleted_at IS NULL
      AND COALESCE(
        (
          SELECT
            vd_f.deleted_at IS NULL
          FROM
            document vd_f
          WHERE
            vd_f.id = f.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_f.deleted_at IS NULL
            AND COALESCE(
              (
                SELECT
                  vs_va_f.deleted_at IS NULL
                FROM
                  session vs_va_f
                WHERE
                  vs_va_f.id = va_f.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_f
          WHERE
            va_f.id = f.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_f.deleted_at IS NULL
          FROM
            session vs_f
          WHERE
            vs_f.id = f.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_f.deleted_at IS NULL
              AND TRUE
              AND COALESCE(
                (
                  SELECT
                    vs_vm_f.deleted_at IS NULL
                  FROM
                    session vs_vm_f
                  WHERE
                    vs_vm_f.id = vm_f.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_f
          WHERE
            vm_f.file_id = f.id
            AND vm_f.deleted_at IS NULL
        ),
        TRUE
      )
      AND f.document_id = $3::uuid
      AND f.agenda_item_id = $4::uuid
      AND f.session_id = $5::uuid
      AND f.mime_type = $6
      AND f.modified_at >= $7::timestamptz
      AND (f.id) > ($8::uuid)
    ORDER BY
      f.id ASC
    LIMIT
      $9
  ) f
ORDER BY
  f.id ASC;

-- files: detail · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j,
  NOT (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND f.public
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
          AND vd_f.public
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND va_f.public
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status = 'published'
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone
FROM
  file f
WHERE
  f.id = $2
  AND f.body_id = $3
  AND (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND f.public
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
          AND vd_f.public
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND va_f.public
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status = 'published'
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR f.widest_audience >= 2
    AND COALESCE(
      (
        SELECT
          od_f.widest_audience >= 2
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          oa_f.widest_audience >= 2
          AND COALESCE(
            (
              SELECT
                os_oa_f.widest_audience >= 2
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          os_f.widest_audience >= 2
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            om_f.widest_audience >= 2
            AND COALESCE(
              (
                SELECT
                  os_om_f.widest_audience >= 2
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: detail · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j,
  NOT (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status IN ('approved', 'published')
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone
FROM
  file f
WHERE
  f.id = $2
  AND f.body_id = $3
  AND (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status IN ('approved', 'published')
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR f.widest_audience >= 1
    AND COALESCE(
      (
        SELECT
          od_f.widest_audience >= 1
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          oa_f.widest_audience >= 1
          AND COALESCE(
            (
              SELECT
                os_oa_f.widest_audience >= 1
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          os_f.widest_audience >= 1
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            om_f.widest_audience >= 1
            AND COALESCE(
              (
                SELECT
                  os_om_f.widest_audience >= 1
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: detail · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j,
  NOT (
    f.deleted_at IS NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND TRUE
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone
FROM
  file f
WHERE
  f.id = $2
  AND f.body_id = $3
  AND (
    f.deleted_at IS NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND TRUE
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR TRUE
    AND COALESCE(
      (
        SELECT
          TRUE
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          TRUE
          AND COALESCE(
            (
              SELECT
                TRUE
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          TRUE
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            TRUE
            AND COALESCE(
              (
                SELECT
                  TRUE
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: detail with text · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'text',
    f.text
  )::text AS j,
  NOT (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND f.public
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
          AND vd_f.public
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND va_f.public
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status = 'published'
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone
FROM
  file f
WHERE
  f.id = $2
  AND f.body_id = $3
  AND (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND f.public
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
          AND vd_f.public
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND va_f.public
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status = 'published'
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR f.widest_audience >= 2
    AND COALESCE(
      (
        SELECT
          od_f.widest_audience >= 2
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          oa_f.widest_audience >= 2
          AND COALESCE(
            (
              SELECT
                os_oa_f.widest_audience >= 2
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          os_f.widest_audience >= 2
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            om_f.widest_audience >= 2
            AND COALESCE(
              (
                SELECT
                  os_om_f.widest_audience >= 2
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: detail with text · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'text',
    f.text
  )::text AS j,
  NOT (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status IN ('approved', 'published')
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone
FROM
  file f
WHERE
  f.id = $2
  AND f.body_id = $3
  AND (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status IN ('approved', 'published')
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR f.widest_audience >= 1
    AND COALESCE(
      (
        SELECT
          od_f.widest_audience >= 1
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          oa_f.widest_audience >= 1
          AND COALESCE(
            (
              SELECT
                os_oa_f.widest_audience >= 1
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          os_f.widest_audience >= 1
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            om_f.widest_audience >= 1
            AND COALESCE(
              (
                SELECT
                  os_om_f.widest_audience >= 1
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: detail with text · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    f.id,
    'name',
    f.name,
    'fileName',
    f.file_name,
    'mimeType',
    f.mime_type,
    'size',
    f.size,
    'sha512',
    f.sha512,
    'date',
    to_char(f.date, 'YYYY-MM-DD'),
    'role',
    f.role,
    'public',
    f.public,
    'position',
    f.position,
    'documentId',
    f.document_id,
    'agendaItemId',
    f.agenda_item_id,
    'sessionId',
    f.session_id,
    'license',
    f.file_license,
    'textOrigin',
    f.text_origin,
    'accessUrl',
    $1 || '/files/' || f.id || '/content',
    'downloadUrl',
    $1 || '/files/' || f.id || '/content?download=1',
    'published',
    f.published_at IS NOT NULL,
    'created',
    to_char(f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(f.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'text',
    f.text
  )::text AS j,
  NOT (
    f.deleted_at IS NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND TRUE
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone
FROM
  file f
WHERE
  f.id = $2
  AND f.body_id = $3
  AND (
    f.deleted_at IS NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND TRUE
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR TRUE
    AND COALESCE(
      (
        SELECT
          TRUE
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          TRUE
          AND COALESCE(
            (
              SELECT
                TRUE
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          TRUE
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            TRUE
            AND COALESCE(
              (
                SELECT
                  TRUE
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: content · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  f.storage_key AS "storageKey",
  f.mime_type AS "mimeType",
  f.size,
  f.sha512,
  f.file_name AS "fileName",
  f.created_at AS "createdAt",
  NOT (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND f.public
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
          AND vd_f.public
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND va_f.public
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status = 'published'
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone,
  f.source_access_url AS "sourceUrl",
  f.source_download_url AS "sourceDownloadUrl"
FROM
  file f
WHERE
  f.id = $1
  AND f.body_id = $2
  AND (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND f.public
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
          AND vd_f.public
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND va_f.public
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status = 'published'
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR f.widest_audience >= 2
    AND COALESCE(
      (
        SELECT
          od_f.widest_audience >= 2
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          oa_f.widest_audience >= 2
          AND COALESCE(
            (
              SELECT
                os_oa_f.widest_audience >= 2
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          os_f.widest_audience >= 2
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            om_f.widest_audience >= 2
            AND COALESCE(
              (
                SELECT
                  os_om_f.widest_audience >= 2
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: content · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  f.storage_key AS "storageKey",
  f.mime_type AS "mimeType",
  f.size,
  f.sha512,
  f.file_name AS "fileName",
  f.created_at AS "createdAt",
  NOT (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status IN ('approved', 'published')
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone,
  f.source_access_url AS "sourceUrl",
  f.source_download_url AS "sourceDownloadUrl"
FROM
  file f
WHERE
  f.id = $1
  AND f.body_id = $2
  AND (
    f.deleted_at IS NULL
    AND f.published_at IS NOT NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
          AND vd_f.published_at IS NOT NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND va_f.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
                AND vs_va_f.published_at IS NOT NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
          AND vs_f.published_at IS NOT NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND vm_f.status IN ('approved', 'published')
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                  AND vs_vm_f.published_at IS NOT NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR f.widest_audience >= 1
    AND COALESCE(
      (
        SELECT
          od_f.widest_audience >= 1
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          oa_f.widest_audience >= 1
          AND COALESCE(
            (
              SELECT
                os_oa_f.widest_audience >= 1
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          os_f.widest_audience >= 1
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            om_f.widest_audience >= 1
            AND COALESCE(
              (
                SELECT
                  os_om_f.widest_audience >= 1
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );

-- files: content · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  f.storage_key AS "storageKey",
  f.mime_type AS "mimeType",
  f.size,
  f.sha512,
  f.file_name AS "fileName",
  f.created_at AS "createdAt",
  NOT (
    f.deleted_at IS NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND TRUE
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
  ) AS gone,
  f.source_access_url AS "sourceUrl",
  f.source_download_url AS "sourceDownloadUrl"
FROM
  file f
WHERE
  f.id = $1
  AND f.body_id = $2
  AND (
    f.deleted_at IS NULL
    AND COALESCE(
      (
        SELECT
          vd_f.deleted_at IS NULL
        FROM
          document vd_f
        WHERE
          vd_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          va_f.deleted_at IS NULL
          AND COALESCE(
            (
              SELECT
                vs_va_f.deleted_at IS NULL
              FROM
                session vs_va_f
              WHERE
                vs_va_f.id = va_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item va_f
        WHERE
          va_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          vs_f.deleted_at IS NULL
        FROM
          session vs_f
        WHERE
          vs_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            vm_f.deleted_at IS NULL
            AND TRUE
            AND COALESCE(
              (
                SELECT
                  vs_vm_f.deleted_at IS NULL
                FROM
                  session vs_vm_f
                WHERE
                  vs_vm_f.id = vm_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes vm_f
        WHERE
          vm_f.file_id = f.id
          AND vm_f.deleted_at IS NULL
      ),
      TRUE
    )
    OR TRUE
    AND COALESCE(
      (
        SELECT
          TRUE
        FROM
          document od_f
        WHERE
          od_f.id = f.document_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          TRUE
          AND COALESCE(
            (
              SELECT
                TRUE
              FROM
                session os_oa_f
              WHERE
                os_oa_f.id = oa_f.session_id
            ),
            FALSE
          )
        FROM
          agenda_item oa_f
        WHERE
          oa_f.id = f.agenda_item_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          TRUE
        FROM
          session os_f
        WHERE
          os_f.id = f.session_id
      ),
      TRUE
    )
    AND COALESCE(
      (
        SELECT
          bool_and(
            TRUE
            AND COALESCE(
              (
                SELECT
                  TRUE
                FROM
                  session os_om_f
                WHERE
                  os_om_f.id = om_f.session_id
              ),
              FALSE
            )
          )
        FROM
          minutes om_f
        WHERE
          om_f.file_id = f.id
          AND om_f.deleted_at IS NULL
      ),
      TRUE
    )
  );
