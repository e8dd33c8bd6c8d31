-- The SQL of minutes, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- minutes: list · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
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
      minutes m
    WHERE
      m.body_id = $2
      AND m.deleted_at IS NULL
      AND m.status = 'published'
      AND COALESCE(
        (
          SELECT
            vs_m.deleted_at IS NULL
            AND vs_m.published_at IS NOT NULL
          FROM
            session vs_m
          WHERE
            vs_m.id = m.session_id
        ),
        FALSE
      )
    ORDER BY
      m.id ASC
    LIMIT
      $3
  ) m
ORDER BY
  m.id ASC;

-- minutes: list · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
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
      minutes m
    WHERE
      m.body_id = $2
      AND m.deleted_at IS NULL
      AND m.status IN ('approved', 'published')
      AND COALESCE(
        (
          SELECT
            vs_m.deleted_at IS NULL
            AND vs_m.published_at IS NOT NULL
          FROM
            session vs_m
          WHERE
            vs_m.id = m.session_id
        ),
        FALSE
      )
    ORDER BY
      m.id ASC
    LIMIT
      $3
  ) m
ORDER BY
  m.id ASC;

-- minutes: list · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
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
      minutes m
    WHERE
      m.body_id = $2
      AND m.deleted_at IS NULL
      AND TRUE
      AND COALESCE(
        (
          SELECT
            vs_m.deleted_at IS NULL
          FROM
            session vs_m
          WHERE
            vs_m.id = m.session_id
        ),
        FALSE
      )
    ORDER BY
      m.id ASC
    LIMIT
      $3
  ) m
ORDER BY
  m.id ASC;

-- minutes: list with every filter, after a cursor · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "approved", "results", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
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
      minutes m
    WHERE
      m.body_id = $2
      AND m.deleted_at IS NULL
      AND m.status = 'published'
      AND COALESCE(
        (
          SELECT
            vs_m.deleted_at IS NULL
            AND vs_m.published_at IS NOT NULL
          FROM
            session vs_m
          WHERE
            vs_m.id = m.session_id
        ),
        FALSE
      )
      AND m.session_id = $3::uuid
      AND m.status = $4
      AND m.kind = $5
      AND m.modified_at >= $6::timestamptz
      AND (m.id) > ($7::uuid)
    ORDER BY
      m.id ASC
    LIMIT
      $8
  ) m
ORDER BY
  m.id ASC;

-- minutes: list with every filter, after a cursor · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "approved", "results", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
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
      minutes m
    WHERE
      m.body_id = $2
      AND m.deleted_at IS NULL
      AND m.status IN ('approved', 'published')
      AND COALESCE(
        (
          SELECT
            vs_m.deleted_at IS NULL
            AND vs_m.published_at IS NOT NULL
          FROM
            session vs_m
          WHERE
            vs_m.id = m.session_id
        ),
        FALSE
      )
      AND m.session_id = $3::uuid
      AND m.status = $4
      AND m.kind = $5
      AND m.modified_at >= $6::timestamptz
      AND (m.id) > ($7::uuid)
    ORDER BY
      m.id ASC
    LIMIT
      $8
  ) m
ORDER BY
  m.id ASC;

-- minutes: list with every filter, after a cursor · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "approved", "results", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
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
      minutes m
    WHERE
      m.body_id = $2
      AND m.deleted_at IS NULL
      AND TRUE
      AND COALESCE(
        (
          SELECT
            vs_m.deleted_at IS NULL
          FROM
            session vs_m
          WHERE
            vs_m.id = m.session_id
        ),
        FALSE
      )
      AND m.session_id = $3::uuid
      AND m.status = $4
      AND m.kind = $5
      AND m.modified_at >= $6::timestamptz
      AND (m.id) > ($7::uuid)
    ORDER BY
      m.id ASC
    LIMIT
      $8
  ) m
ORDER BY
  m.id ASC;

-- minutes: detail · anonymous
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  minutes m
WHERE
  m.id = $2
  AND m.body_id = $3
  AND m.deleted_at IS NULL
  AND m.status = 'published'
  AND COALESCE(
    (
      SELECT
        vs_m.deleted_at IS NULL
        AND vs_m.published_at IS NOT NULL
      FROM
        session vs_m
      WHERE
        vs_m.id = m.session_id
    ),
    FALSE
  );

-- minutes: detail · member
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  minutes m
WHERE
  m.id = $2
  AND m.body_id = $3
  AND m.deleted_at IS NULL
  AND m.status IN ('approved', 'published')
  AND COALESCE(
    (
      SELECT
        vs_m.deleted_at IS NULL
        AND vs_m.published_at IS NOT NULL
      FROM
        session vs_m
      WHERE
        vs_m.id = m.session_id
    ),
    FALSE
  );

-- minutes: detail · editor
-- parameters: "https://ratsinfo.musterstadt.example/v1/bodies/musterstadt", "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    m.id,
    'kind',
    m.kind,
    'status',
    m.status,
    'approvedAt',
    to_char(m.approved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'session',
    (
      SELECT
        json_build_object(
          'id',
          ms.id,
          'name',
          ms.name,
          'start',
          to_char(ms.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
        )
      FROM
        session ms
      WHERE
        ms.id = m.session_id
    ),
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
    ),
    'published',
    m.published_at IS NOT NULL,
    'created',
    to_char(m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(m.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  minutes m
WHERE
  m.id = $2
  AND m.body_id = $3
  AND m.deleted_at IS NULL
  AND TRUE
  AND COALESCE(
    (
      SELECT
        vs_m.deleted_at IS NULL
      FROM
        session vs_m
      WHERE
        vs_m.id = m.session_id
    ),
    FALSE
  );
