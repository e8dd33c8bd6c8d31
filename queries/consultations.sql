-- The SQL of consultations, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- consultations: list · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
        AND cd.published_at IS NOT NULL
        AND cd.public
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  co.id::text AS _k0
FROM
  (
    SELECT
      co.*
    FROM
      consultation co
    WHERE
      co.body_id = $1
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
    ORDER BY
      co.id ASC
    LIMIT
      $2
  ) co
ORDER BY
  co.id ASC;

-- consultations: list · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
        AND cd.published_at IS NOT NULL
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  co.id::text AS _k0
FROM
  (
    SELECT
      co.*
    FROM
      consultation co
    WHERE
      co.body_id = $1
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
    ORDER BY
      co.id ASC
    LIMIT
      $2
  ) co
ORDER BY
  co.id ASC;

-- consultations: list · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", 26
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  co.id::text AS _k0
FROM
  (
    SELECT
      co.*
    FROM
      consultation co
    WHERE
      co.body_id = $1
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
    ORDER BY
      co.id ASC
    LIMIT
      $2
  ) co
ORDER BY
  co.id ASC;

-- consultations: list with every filter, after a cursor · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
        AND cd.published_at IS NOT NULL
        AND cd.public
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  co.id::text AS _k0
FROM
  (
    SELECT
      co.*
    FROM
      consultation co
    WHERE
      co.body_id = $1
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
      AND co.document_id = $2::uuid
      AND co.agenda_item_id = $3::uuid
      AND co.session_id = $4::uuid
      AND co.committee_id = $5::uuid
      AND co.modified_at >= $6::timestamptz
      AND (co.id) > ($7::uuid)
    ORDER BY
      co.id ASC
    LIMIT
      $8
  ) co
ORDER BY
  co.id ASC;

-- consultations: list with every filter, after a cursor · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
        AND cd.published_at IS NOT NULL
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  co.id::text AS _k0
FROM
  (
    SELECT
      co.*
    FROM
      consultation co
    WHERE
      co.body_id = $1
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
      AND co.document_id = $2::uuid
      AND co.agenda_item_id = $3::uuid
      AND co.session_id = $4::uuid
      AND co.committee_id = $5::uuid
      AND co.modified_at >= $6::timestamptz
      AND (co.id) > ($7::uuid)
    ORDER BY
      co.id ASC
    LIMIT
      $8
  ) co
ORDER BY
  co.id ASC;

-- consultations: list with every filter, after a cursor · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "00000000-0000-4000-8000-0000000000a2", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", 26
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  co.id::text AS _k0
FROM
  (
    SELECT
      co.*
    FROM
      consultation co
    WHERE
      co.body_id = $1
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
      AND co.document_id = $2::uuid
      AND co.agenda_item_id = $3::uuid
      AND co.session_id = $4::uuid
      AND co.committee_id = $5::uuid
      AND co.modified_at >= $6::timestamptz
      AND (co.id) > ($7::uuid)
    ORDER BY
      co.id ASC
    LIMIT
      $8
  ) co
ORDER BY
  co.id ASC;

-- consultations: detail · anonymous
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
        AND cd.published_at IS NOT NULL
        AND cd.public
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  consultation co
WHERE
  co.id = $1
  AND co.body_id = $2
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
  );

-- consultations: detail · member
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
        AND cd.published_at IS NOT NULL
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  consultation co
WHERE
  co.id = $1
  AND co.body_id = $2
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
  );

-- consultations: detail · editor
-- parameters: "00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    co.id,
    'role',
    co.role,
    'authoritative',
    co.authoritative,
    'order',
    co.position,
    'document',
    (
      SELECT
        json_build_object(
          'id',
          cd.id,
          'name',
          cd.name,
          'reference',
          cd.reference,
          'type',
          cd.document_type,
          'public',
          cd.public
        )
      FROM
        document cd
      WHERE
        cd.id = co.document_id
        AND cd.deleted_at IS NULL
    ),
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
    ),
    'published',
    co.published_at IS NOT NULL,
    'created',
    to_char(co.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(co.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  )::text AS j
FROM
  consultation co
WHERE
  co.id = $1
  AND co.body_id = $2
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
  );
