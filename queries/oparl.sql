-- The SQL of oparl, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- oparl: bodies · public
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", 101
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $1::text || '/bodies/' || b.slug,
      'type',
      'https://schema.oparl.org/1.1/Body',
      'system',
      $1::text || '/system',
      'shortName',
      NULLIF(b.short_name, ''),
      'name',
      NULLIF(b.name, ''),
      'website',
      NULLIF(b.website, ''),
      'license',
      NULLIF(b.license, ''),
      'ags',
      NULLIF(b.ags, ''),
      'rgs',
      NULLIF(b.rgs, ''),
      'contactEmail',
      NULLIF(b.contact_email, ''),
      'contactName',
      NULLIF(b.contact_name, ''),
      'organization',
      $1::text || '/bodies/' || b.slug || '/organization',
      'person',
      $1::text || '/bodies/' || b.slug || '/person',
      'meeting',
      $1::text || '/bodies/' || b.slug || '/meeting',
      'paper',
      $1::text || '/bodies/' || b.slug || '/paper',
      'legislativeTerm',
      COALESCE(
        (
          SELECT
            json_agg(
              json_build_object(
                'id',
                $1::text || '/legislativeTerm/' || b_t.id,
                'type',
                'https://schema.oparl.org/1.1/LegislativeTerm',
                'name',
                NULLIF(b_t.name, ''),
                'startDate',
                to_char(b_t.start_date, 'YYYY-MM-DD'),
                'endDate',
                to_char(b_t.end_date, 'YYYY-MM-DD'),
                'created',
                to_char(b_t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(b_t.modified_at, b_t.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'legislativeTerm', '{id}', b_t.id::text)
              )
              ORDER BY
                b_t.start_date NULLS FIRST,
                b_t.id
            )
          FROM
            legislative_term b_t
          WHERE
            b_t.body_id = b.id
            AND b_t.deleted_at IS NULL
            AND b_t.published_at IS NOT NULL
        ),
        '[]'::json
      ),
      'agendaItem',
      $1::text || '/bodies/' || b.slug || '/agendaItem',
      'consultation',
      $1::text || '/bodies/' || b.slug || '/consultation',
      'file',
      $1::text || '/bodies/' || b.slug || '/file',
      'locationList',
      $1::text || '/bodies/' || b.slug || '/location',
      'legislativeTermList',
      $1::text || '/bodies/' || b.slug || '/legislativeTerm',
      'membership',
      $1::text || '/bodies/' || b.slug || '/membership',
      'classification',
      NULLIF(b.classification, ''),
      'created',
      to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(
        GREATEST(
          GREATEST(b.modified_at, b.deleted_at),
          (
            SELECT
              max(GREATEST(b_mt.modified_at, b_mt.deleted_at))
            FROM
              legislative_term b_mt
            WHERE
              b_mt.body_id = b.id
              AND b_mt.widest_audience >= 2
          )
        ),
        'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
      ),
      'web',
      replace(b.web_url_templates ->> 'body', '{id}', b.id::text)
    )
  ) AS j,
  b.id::text AS _k0
FROM
  body b
WHERE
  b.deleted_at IS NULL
ORDER BY
  b.id ASC
LIMIT
  $2;

-- oparl: bodies changed since, after a cursor · public
-- parameters: "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1", 101
SELECT
  json_strip_nulls(
    CASE
      WHEN b.deleted_at IS NULL THEN json_build_object(
        'id',
        $3::text || '/bodies/' || b.slug,
        'type',
        'https://schema.oparl.org/1.1/Body',
        'system',
        $3::text || '/system',
        'shortName',
        NULLIF(b.short_name, ''),
        'name',
        NULLIF(b.name, ''),
        'website',
        NULLIF(b.website, ''),
        'license',
        NULLIF(b.license, ''),
        'ags',
        NULLIF(b.ags, ''),
        'rgs',
        NULLIF(b.rgs, ''),
        'contactEmail',
        NULLIF(b.contact_email, ''),
        'contactName',
        NULLIF(b.contact_name, ''),
        'organization',
        $3::text || '/bodies/' || b.slug || '/organization',
        'person',
        $3::text || '/bodies/' || b.slug || '/person',
        'meeting',
        $3::text || '/bodies/' || b.slug || '/meeting',
        'paper',
        $3::text || '/bodies/' || b.slug || '/paper',
        'legislativeTerm',
        COALESCE(
          (
            SELECT
              json_agg(
                json_build_object(
                  'id',
                  $3::text || '/legislativeTerm/' || b_t.id,
                  'type',
                  'https://schema.oparl.org/1.1/LegislativeTerm',
                  'name',
                  NULLIF(b_t.name, ''),
                  'startDate',
                  to_char(b_t.start_date, 'YYYY-MM-DD'),
                  'endDate',
                  to_char(b_t.end_date, 'YYYY-MM-DD'),
                  'created',
                  to_char(b_t.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(b_t.modified_at, b_t.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'legislativeTerm', '{id}', b_t.id::text)
                )
                ORDER BY
                  b_t.start_date NULLS FIRST,
                  b_t.id
              )
            FROM
              legislative_term b_t
            WHERE
              b_t.body_id = b.id
              AND b_t.deleted_at IS NULL
              AND b_t.published_at IS NOT NULL
          ),
          '[]'::json
        ),
        'agendaItem',
        $3::text || '/bodies/' || b.slug || '/agendaItem',
        'consultation',
        $3::text || '/bodies/' || b.slug || '/consultation',
        'file',
        $3::text || '/bodies/' || b.slug || '/file',
        'locationList',
        $3::text || '/bodies/' || b.slug || '/location',
        'legislativeTermList',
        $3::text || '/bodies/' || b.slug || '/legislativeTerm',
        'membership',
        $3::text || '/bodies/' || b.slug || '/membership',
        'classification',
        NULLIF(b.classification, ''),
        'created',
        to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(b.modified_at, b.deleted_at),
            (
              SELECT
                max(GREATEST(b_mt.modified_at, b_mt.deleted_at))
              FROM
                legislative_term b_mt
              WHERE
                b_mt.body_id = b.id
                AND b_mt.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'web',
        replace(b.web_url_templates ->> 'body', '{id}', b.id::text)
      )
      ELSE json_build_object(
        'id',
        $3::text || '/bodies/' || b.slug,
        'type',
        'https://schema.oparl.org/1.1/Body',
        'created',
        to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(b.modified_at, b.deleted_at),
            (
              SELECT
                max(GREATEST(b_mt.modified_at, b_mt.deleted_at))
              FROM
                legislative_term b_mt
              WHERE
                b_mt.body_id = b.id
                AND b_mt.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  b.id::text AS _k0
FROM
  body b
WHERE
  GREATEST(
    GREATEST(b.modified_at, b.deleted_at),
    (
      SELECT
        max(GREATEST(b_mt.modified_at, b_mt.deleted_at))
      FROM
        legislative_term b_mt
      WHERE
        b_mt.body_id = b.id
        AND b_mt.widest_audience >= 2
    )
  ) >= date_trunc('second', $1::timestamptz + interval '999999 microseconds')
  AND (b.id) > ($2::uuid)
ORDER BY
  b.id ASC
LIMIT
  $4;

-- oparl: list of organization · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'organization'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of organization · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $2::text || '/organization/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/Organization',
      'body',
      $2::text || '/bodies/' || b.slug,
      'name',
      NULLIF(x.name, ''),
      'shortName',
      NULLIF(x.short_name, ''),
      'membership',
      (
        SELECT
          json_agg(
            $2::text || '/membership/' || x_m.id
            ORDER BY
              x_m.id
          )
        FROM
          membership x_m
        WHERE
          x_m.committee_id = x.id
          AND x_m.deleted_at IS NULL
          AND x_m.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vp_x_m.deleted_at IS NULL
                AND vp_x_m.published_at IS NOT NULL
              FROM
                person vp_x_m
              WHERE
                vp_x_m.id = x_m.person_id
            ),
            FALSE
          )
          AND COALESCE(
            (
              SELECT
                vc_x_m.deleted_at IS NULL
                AND vc_x_m.published_at IS NOT NULL
              FROM
                committee vc_x_m
              WHERE
                vc_x_m.id = x_m.committee_id
            ),
            FALSE
          )
      ),
      'meeting',
      $2::text || '/organization/' || x.id || '/meeting',
      'consultation',
      $2::text || '/organization/' || x.id || '/consultation',
      'subOrganizationOf',
      (
        SELECT
          $2::text || '/organization/' || x_p.id
        FROM
          committee x_p
        WHERE
          x_p.id = x.parent_id
          AND x_p.deleted_at IS NULL
          AND x_p.published_at IS NOT NULL
      ),
      'organizationType',
      CASE x.kind
        WHEN 'council' THEN 'Gremium'
        WHEN 'committee' THEN 'Gremium'
        WHEN 'faction' THEN 'Fraktion'
        WHEN 'party' THEN 'Partei'
        WHEN 'administration' THEN 'Verwaltungsbereich'
        WHEN 'external' THEN 'externes Gremium'
        ELSE 'Sonstiges'
      END,
      'classification',
      COALESCE(
        NULLIF(x.classification, ''),
        CASE x.kind
          WHEN 'council' THEN 'Parlament'
          WHEN 'committee' THEN 'Ausschuss'
          WHEN 'faction' THEN 'Fraktion'
          WHEN 'party' THEN 'Partei'
        END
      ),
      'startDate',
      to_char(x.start_date, 'YYYY-MM-DD'),
      'endDate',
      to_char(x.end_date, 'YYYY-MM-DD'),
      'website',
      NULLIF(x.website, ''),
      'location',
      (
        SELECT
          json_build_object(
            'id',
            $2::text || '/location/' || x_l.id,
            'type',
            'https://schema.oparl.org/1.1/Location',
            'description',
            NULLIF(x_l.description, ''),
            'geojson',
            x_l.geojson,
            'streetAddress',
            NULLIF(x_l.street_address, ''),
            'room',
            NULLIF(x_l.room, ''),
            'postalCode',
            NULLIF(x_l.postal_code, ''),
            'subLocality',
            NULLIF(x_l.sub_locality, ''),
            'locality',
            NULLIF(x_l.locality, ''),
            'created',
            to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'web',
            replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
          )
        FROM
          location x_l
        WHERE
          x_l.id = x.location_id
          AND x_l.deleted_at IS NULL
          AND x_l.published_at IS NOT NULL
      ),
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(
        GREATEST(
          GREATEST(x.modified_at, x.deleted_at),
          (
            SELECT
              max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
            FROM
              membership x_mm
            WHERE
              x_mm.committee_id = x.id
              AND x_mm.widest_audience >= 2
              AND COALESCE(
                (
                  SELECT
                    op_x_mm.widest_audience >= 2
                  FROM
                    person op_x_mm
                  WHERE
                    op_x_mm.id = x_mm.person_id
                ),
                FALSE
              )
              AND COALESCE(
                (
                  SELECT
                    oc_x_mm.widest_audience >= 2
                  FROM
                    committee oc_x_mm
                  WHERE
                    oc_x_mm.id = x_mm.committee_id
                ),
                FALSE
              )
          ),
          (
            SELECT
              max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
            FROM
              location x_ml
            WHERE
              x_ml.id = x.location_id
              AND x_ml.widest_audience >= 2
          )
        ),
        'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
      ),
      'web',
      replace(b.web_url_templates ->> 'committee', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  committee x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of organization changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $4::text || '/organization/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Organization',
        'body',
        $4::text || '/bodies/' || b.slug,
        'name',
        NULLIF(x.name, ''),
        'shortName',
        NULLIF(x.short_name, ''),
        'membership',
        (
          SELECT
            json_agg(
              $4::text || '/membership/' || x_m.id
              ORDER BY
                x_m.id
            )
          FROM
            membership x_m
          WHERE
            x_m.committee_id = x.id
            AND x_m.deleted_at IS NULL
            AND x_m.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vp_x_m.deleted_at IS NULL
                  AND vp_x_m.published_at IS NOT NULL
                FROM
                  person vp_x_m
                WHERE
                  vp_x_m.id = x_m.person_id
              ),
              FALSE
            )
            AND COALESCE(
              (
                SELECT
                  vc_x_m.deleted_at IS NULL
                  AND vc_x_m.published_at IS NOT NULL
                FROM
                  committee vc_x_m
                WHERE
                  vc_x_m.id = x_m.committee_id
              ),
              FALSE
            )
        ),
        'meeting',
        $4::text || '/organization/' || x.id || '/meeting',
        'consultation',
        $4::text || '/organization/' || x.id || '/consultation',
        'subOrganizationOf',
        (
          SELECT
            $4::text || '/organization/' || x_p.id
          FROM
            committee x_p
          WHERE
            x_p.id = x.parent_id
            AND x_p.deleted_at IS NULL
            AND x_p.published_at IS NOT NULL
        ),
        'organizationType',
        CASE x.kind
          WHEN 'council' THEN 'Gremium'
          WHEN 'committee' THEN 'Gremium'
          WHEN 'faction' THEN 'Fraktion'
          WHEN 'party' THEN 'Partei'
          WHEN 'administration' THEN 'Verwaltungsbereich'
          WHEN 'external' THEN 'externes Gremium'
          ELSE 'Sonstiges'
        END,
        'classification',
        COALESCE(
          NULLIF(x.classification, ''),
          CASE x.kind
            WHEN 'council' THEN 'Parlament'
            WHEN 'committee' THEN 'Ausschuss'
            WHEN 'faction' THEN 'Fraktion'
            WHEN 'party' THEN 'Partei'
          END
        ),
        'startDate',
        to_char(x.start_date, 'YYYY-MM-DD'),
        'endDate',
        to_char(x.end_date, 'YYYY-MM-DD'),
        'website',
        NULLIF(x.website, ''),
        'location',
        (
          SELECT
            json_build_object(
              'id',
              $4::text || '/location/' || x_l.id,
              'type',
              'https://schema.oparl.org/1.1/Location',
              'description',
              NULLIF(x_l.description, ''),
              'geojson',
              x_l.geojson,
              'streetAddress',
              NULLIF(x_l.street_address, ''),
              'room',
              NULLIF(x_l.room, ''),
              'postalCode',
              NULLIF(x_l.postal_code, ''),
              'subLocality',
              NULLIF(x_l.sub_locality, ''),
              'locality',
              NULLIF(x_l.locality, ''),
              'created',
              to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'modified',
              to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'web',
              replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
            )
          FROM
            location x_l
          WHERE
            x_l.id = x.location_id
            AND x_l.deleted_at IS NULL
            AND x_l.published_at IS NOT NULL
        ),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.committee_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'web',
        replace(b.web_url_templates ->> 'committee', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $4::text || '/organization/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Organization',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.committee_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  committee x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(
    GREATEST(x.modified_at, x.deleted_at),
    (
      SELECT
        max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
      FROM
        membership x_mm
      WHERE
        x_mm.committee_id = x.id
        AND x_mm.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              op_x_mm.widest_audience >= 2
            FROM
              person op_x_mm
            WHERE
              op_x_mm.id = x_mm.person_id
          ),
          FALSE
        )
        AND COALESCE(
          (
            SELECT
              oc_x_mm.widest_audience >= 2
            FROM
              committee oc_x_mm
            WHERE
              oc_x_mm.id = x_mm.committee_id
          ),
          FALSE
        )
    ),
    (
      SELECT
        max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
      FROM
        location x_ml
      WHERE
        x_ml.id = x.location_id
        AND x_ml.widest_audience >= 2
    )
  ) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object organization · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'organization'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object organization · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $1::text || '/organization/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Organization',
        'body',
        $1::text || '/bodies/' || b.slug,
        'name',
        NULLIF(x.name, ''),
        'shortName',
        NULLIF(x.short_name, ''),
        'membership',
        (
          SELECT
            json_agg(
              $1::text || '/membership/' || x_m.id
              ORDER BY
                x_m.id
            )
          FROM
            membership x_m
          WHERE
            x_m.committee_id = x.id
            AND x_m.deleted_at IS NULL
            AND x_m.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vp_x_m.deleted_at IS NULL
                  AND vp_x_m.published_at IS NOT NULL
                FROM
                  person vp_x_m
                WHERE
                  vp_x_m.id = x_m.person_id
              ),
              FALSE
            )
            AND COALESCE(
              (
                SELECT
                  vc_x_m.deleted_at IS NULL
                  AND vc_x_m.published_at IS NOT NULL
                FROM
                  committee vc_x_m
                WHERE
                  vc_x_m.id = x_m.committee_id
              ),
              FALSE
            )
        ),
        'meeting',
        $1::text || '/organization/' || x.id || '/meeting',
        'consultation',
        $1::text || '/organization/' || x.id || '/consultation',
        'subOrganizationOf',
        (
          SELECT
            $1::text || '/organization/' || x_p.id
          FROM
            committee x_p
          WHERE
            x_p.id = x.parent_id
            AND x_p.deleted_at IS NULL
            AND x_p.published_at IS NOT NULL
        ),
        'organizationType',
        CASE x.kind
          WHEN 'council' THEN 'Gremium'
          WHEN 'committee' THEN 'Gremium'
          WHEN 'faction' THEN 'Fraktion'
          WHEN 'party' THEN 'Partei'
          WHEN 'administration' THEN 'Verwaltungsbereich'
          WHEN 'external' THEN 'externes Gremium'
          ELSE 'Sonstiges'
        END,
        'classification',
        COALESCE(
          NULLIF(x.classification, ''),
          CASE x.kind
            WHEN 'council' THEN 'Parlament'
            WHEN 'committee' THEN 'Ausschuss'
            WHEN 'faction' THEN 'Fraktion'
            WHEN 'party' THEN 'Partei'
          END
        ),
        'startDate',
        to_char(x.start_date, 'YYYY-MM-DD'),
        'endDate',
        to_char(x.end_date, 'YYYY-MM-DD'),
        'website',
        NULLIF(x.website, ''),
        'location',
        (
          SELECT
            json_build_object(
              'id',
              $1::text || '/location/' || x_l.id,
              'type',
              'https://schema.oparl.org/1.1/Location',
              'description',
              NULLIF(x_l.description, ''),
              'geojson',
              x_l.geojson,
              'streetAddress',
              NULLIF(x_l.street_address, ''),
              'room',
              NULLIF(x_l.room, ''),
              'postalCode',
              NULLIF(x_l.postal_code, ''),
              'subLocality',
              NULLIF(x_l.sub_locality, ''),
              'locality',
              NULLIF(x_l.locality, ''),
              'created',
              to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'modified',
              to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'web',
              replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
            )
          FROM
            location x_l
          WHERE
            x_l.id = x.location_id
            AND x_l.deleted_at IS NULL
            AND x_l.published_at IS NOT NULL
        ),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.committee_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'web',
        replace(b.web_url_templates ->> 'committee', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $1::text || '/organization/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Organization',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.committee_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  committee x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $2::uuid
  AND x.widest_audience >= 2;

-- oparl: list of person · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'person'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of person · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $2::text || '/person/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/Person',
      'body',
      $2::text || '/bodies/' || b.slug,
      'name',
      NULLIF(x.name, ''),
      'familyName',
      NULLIF(x.family_name, ''),
      'givenName',
      NULLIF(x.given_name, ''),
      'formOfAddress',
      NULLIF(x.form_of_address, ''),
      'affix',
      NULLIF(x.affix, ''),
      'title',
      (
        SELECT
          json_agg(
            x_ti.v
            ORDER BY
              x_ti.o
          )
        FROM
          unnest(x.title) WITH ORDINALITY x_ti (v, o)
        WHERE
          x_ti.v <> ''
      ),
      'gender',
      NULLIF(x.gender, ''),
      'phone',
      (
        SELECT
          json_agg(
            x_ph.v
            ORDER BY
              x_ph.o
          )
        FROM
          unnest(x.phone) WITH ORDINALITY x_ph (v, o)
        WHERE
          x_ph.v <> ''
      ),
      'email',
      (
        SELECT
          json_agg(
            x_em.v
            ORDER BY
              x_em.o
          )
        FROM
          unnest(x.email) WITH ORDINALITY x_em (v, o)
        WHERE
          x_em.v <> ''
      ),
      'location',
      (
        SELECT
          $2::text || '/location/' || x_lr.id
        FROM
          location x_lr
        WHERE
          x_lr.id = x.location_id
          AND x_lr.deleted_at IS NULL
          AND x_lr.published_at IS NOT NULL
      ),
      'locationObject',
      (
        SELECT
          json_build_object(
            'id',
            $2::text || '/location/' || x_l.id,
            'type',
            'https://schema.oparl.org/1.1/Location',
            'description',
            NULLIF(x_l.description, ''),
            'geojson',
            x_l.geojson,
            'streetAddress',
            NULLIF(x_l.street_address, ''),
            'room',
            NULLIF(x_l.room, ''),
            'postalCode',
            NULLIF(x_l.postal_code, ''),
            'subLocality',
            NULLIF(x_l.sub_locality, ''),
            'locality',
            NULLIF(x_l.locality, ''),
            'created',
            to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'web',
            replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
          )
        FROM
          location x_l
        WHERE
          x_l.id = x.location_id
          AND x_l.deleted_at IS NULL
          AND x_l.published_at IS NOT NULL
      ),
      'status',
      (
        SELECT
          json_agg(
            x_st.v
            ORDER BY
              x_st.o
          )
        FROM
          unnest(x.status) WITH ORDINALITY x_st (v, o)
        WHERE
          x_st.v <> ''
      ),
      'membership',
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              $2::text || '/membership/' || x_m.id,
              'type',
              'https://schema.oparl.org/1.1/Membership',
              'organization',
              $2::text || '/organization/' || x_m.committee_id,
              'role',
              NULLIF(x_m.role, ''),
              'votingRight',
              x_m.voting_right,
              'startDate',
              to_char(x_m.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(x_m.end_date, 'YYYY-MM-DD'),
              'onBehalfOf',
              CASE
                WHEN (
                  x_m.on_behalf_of_id IN (
                    SELECT
                      x_m_f_h.id
                    FROM
                      committee x_m_f_h
                    WHERE
                      x_m_f_h.body_id = $1::uuid
                      AND x_m_f_h.deleted_at IS NULL
                      AND x_m_f_h.published_at IS NOT NULL
                  )
                  OR (
                    SELECT
                      x_m_f.deleted_at IS NULL
                      AND x_m_f.published_at IS NOT NULL
                    FROM
                      committee x_m_f
                    WHERE
                      x_m_f.id = x_m.on_behalf_of_id
                  )
                ) THEN $2::text || '/organization/' || x_m.on_behalf_of_id
              END,
              'created',
              to_char(x_m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'modified',
              to_char(GREATEST(x_m.modified_at, x_m.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'web',
              replace(b.web_url_templates ->> 'membership', '{id}', x_m.id::text)
            )
            ORDER BY
              x_m.id
          )
        FROM
          membership x_m
        WHERE
          x_m.person_id = x.id
          AND x_m.deleted_at IS NULL
          AND x_m.published_at IS NOT NULL
          AND COALESCE(
            (
              SELECT
                vp_x_m.deleted_at IS NULL
                AND vp_x_m.published_at IS NOT NULL
              FROM
                person vp_x_m
              WHERE
                vp_x_m.id = x_m.person_id
            ),
            FALSE
          )
          AND COALESCE(
            (
              SELECT
                vc_x_m.deleted_at IS NULL
                AND vc_x_m.published_at IS NOT NULL
              FROM
                committee vc_x_m
              WHERE
                vc_x_m.id = x_m.committee_id
            ),
            FALSE
          )
      ),
      'life',
      NULLIF(x.life, ''),
      'lifeSource',
      NULLIF(x.life_source, ''),
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(
        GREATEST(
          GREATEST(x.modified_at, x.deleted_at),
          (
            SELECT
              max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
            FROM
              membership x_mm
            WHERE
              x_mm.person_id = x.id
              AND x_mm.widest_audience >= 2
              AND COALESCE(
                (
                  SELECT
                    op_x_mm.widest_audience >= 2
                  FROM
                    person op_x_mm
                  WHERE
                    op_x_mm.id = x_mm.person_id
                ),
                FALSE
              )
              AND COALESCE(
                (
                  SELECT
                    oc_x_mm.widest_audience >= 2
                  FROM
                    committee oc_x_mm
                  WHERE
                    oc_x_mm.id = x_mm.committee_id
                ),
                FALSE
              )
          ),
          (
            SELECT
              max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
            FROM
              location x_ml
            WHERE
              x_ml.id = x.location_id
              AND x_ml.widest_audience >= 2
          )
        ),
        'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
      ),
      'web',
      replace(b.web_url_templates ->> 'person', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  person x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of person changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $4::text || '/person/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Person',
        'body',
        $4::text || '/bodies/' || b.slug,
        'name',
        NULLIF(x.name, ''),
        'familyName',
        NULLIF(x.family_name, ''),
        'givenName',
        NULLIF(x.given_name, ''),
        'formOfAddress',
        NULLIF(x.form_of_address, ''),
        'affix',
        NULLIF(x.affix, ''),
        'title',
        (
          SELECT
            json_agg(
              x_ti.v
              ORDER BY
                x_ti.o
            )
          FROM
            unnest(x.title) WITH ORDINALITY x_ti (v, o)
          WHERE
            x_ti.v <> ''
        ),
        'gender',
        NULLIF(x.gender, ''),
        'phone',
        (
          SELECT
            json_agg(
              x_ph.v
              ORDER BY
                x_ph.o
            )
          FROM
            unnest(x.phone) WITH ORDINALITY x_ph (v, o)
          WHERE
            x_ph.v <> ''
        ),
        'email',
        (
          SELECT
            json_agg(
              x_em.v
              ORDER BY
                x_em.o
            )
          FROM
            unnest(x.email) WITH ORDINALITY x_em (v, o)
          WHERE
            x_em.v <> ''
        ),
        'location',
        (
          SELECT
            $4::text || '/location/' || x_lr.id
          FROM
            location x_lr
          WHERE
            x_lr.id = x.location_id
            AND x_lr.deleted_at IS NULL
            AND x_lr.published_at IS NOT NULL
        ),
        'locationObject',
        (
          SELECT
            json_build_object(
              'id',
              $4::text || '/location/' || x_l.id,
              'type',
              'https://schema.oparl.org/1.1/Location',
              'description',
              NULLIF(x_l.description, ''),
              'geojson',
              x_l.geojson,
              'streetAddress',
              NULLIF(x_l.street_address, ''),
              'room',
              NULLIF(x_l.room, ''),
              'postalCode',
              NULLIF(x_l.postal_code, ''),
              'subLocality',
              NULLIF(x_l.sub_locality, ''),
              'locality',
              NULLIF(x_l.locality, ''),
              'created',
              to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'modified',
              to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'web',
              replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
            )
          FROM
            location x_l
          WHERE
            x_l.id = x.location_id
            AND x_l.deleted_at IS NULL
            AND x_l.published_at IS NOT NULL
        ),
        'status',
        (
          SELECT
            json_agg(
              x_st.v
              ORDER BY
                x_st.o
            )
          FROM
            unnest(x.status) WITH ORDINALITY x_st (v, o)
          WHERE
            x_st.v <> ''
        ),
        'membership',
        (
          SELECT
            json_agg(
              json_build_object(
                'id',
                $4::text || '/membership/' || x_m.id,
                'type',
                'https://schema.oparl.org/1.1/Membership',
                'organization',
                $4::text || '/organization/' || x_m.committee_id,
                'role',
                NULLIF(x_m.role, ''),
                'votingRight',
                x_m.voting_right,
                'startDate',
                to_char(x_m.start_date, 'YYYY-MM-DD'),
                'endDate',
                to_char(x_m.end_date, 'YYYY-MM-DD'),
                'onBehalfOf',
                CASE
                  WHEN (
                    x_m.on_behalf_of_id IN (
                      SELECT
                        x_m_f_h.id
                      FROM
                        committee x_m_f_h
                      WHERE
                        x_m_f_h.body_id = $1::uuid
                        AND x_m_f_h.deleted_at IS NULL
                        AND x_m_f_h.published_at IS NOT NULL
                    )
                    OR (
                      SELECT
                        x_m_f.deleted_at IS NULL
                        AND x_m_f.published_at IS NOT NULL
                      FROM
                        committee x_m_f
                      WHERE
                        x_m_f.id = x_m.on_behalf_of_id
                    )
                  ) THEN $4::text || '/organization/' || x_m.on_behalf_of_id
                END,
                'created',
                to_char(x_m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_m.modified_at, x_m.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'membership', '{id}', x_m.id::text)
              )
              ORDER BY
                x_m.id
            )
          FROM
            membership x_m
          WHERE
            x_m.person_id = x.id
            AND x_m.deleted_at IS NULL
            AND x_m.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vp_x_m.deleted_at IS NULL
                  AND vp_x_m.published_at IS NOT NULL
                FROM
                  person vp_x_m
                WHERE
                  vp_x_m.id = x_m.person_id
              ),
              FALSE
            )
            AND COALESCE(
              (
                SELECT
                  vc_x_m.deleted_at IS NULL
                  AND vc_x_m.published_at IS NOT NULL
                FROM
                  committee vc_x_m
                WHERE
                  vc_x_m.id = x_m.committee_id
              ),
              FALSE
            )
        ),
        'life',
        NULLIF(x.life, ''),
        'lifeSource',
        NULLIF(x.life_source, ''),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.person_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'web',
        replace(b.web_url_templates ->> 'person', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $4::text || '/person/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Person',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.person_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  person x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(
    GREATEST(x.modified_at, x.deleted_at),
    (
      SELECT
        max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
      FROM
        membership x_mm
      WHERE
        x_mm.person_id = x.id
        AND x_mm.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              op_x_mm.widest_audience >= 2
            FROM
              person op_x_mm
            WHERE
              op_x_mm.id = x_mm.person_id
          ),
          FALSE
        )
        AND COALESCE(
          (
            SELECT
              oc_x_mm.widest_audience >= 2
            FROM
              committee oc_x_mm
            WHERE
              oc_x_mm.id = x_mm.committee_id
          ),
          FALSE
        )
    ),
    (
      SELECT
        max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
      FROM
        location x_ml
      WHERE
        x_ml.id = x.location_id
        AND x_ml.widest_audience >= 2
    )
  ) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object person · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'person'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object person · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $1::text || '/person/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Person',
        'body',
        $1::text || '/bodies/' || b.slug,
        'name',
        NULLIF(x.name, ''),
        'familyName',
        NULLIF(x.family_name, ''),
        'givenName',
        NULLIF(x.given_name, ''),
        'formOfAddress',
        NULLIF(x.form_of_address, ''),
        'affix',
        NULLIF(x.affix, ''),
        'title',
        (
          SELECT
            json_agg(
              x_ti.v
              ORDER BY
                x_ti.o
            )
          FROM
            unnest(x.title) WITH ORDINALITY x_ti (v, o)
          WHERE
            x_ti.v <> ''
        ),
        'gender',
        NULLIF(x.gender, ''),
        'phone',
        (
          SELECT
            json_agg(
              x_ph.v
              ORDER BY
                x_ph.o
            )
          FROM
            unnest(x.phone) WITH ORDINALITY x_ph (v, o)
          WHERE
            x_ph.v <> ''
        ),
        'email',
        (
          SELECT
            json_agg(
              x_em.v
              ORDER BY
                x_em.o
            )
          FROM
            unnest(x.email) WITH ORDINALITY x_em (v, o)
          WHERE
            x_em.v <> ''
        ),
        'location',
        (
          SELECT
            $1::text || '/location/' || x_lr.id
          FROM
            location x_lr
          WHERE
            x_lr.id = x.location_id
            AND x_lr.deleted_at IS NULL
            AND x_lr.published_at IS NOT NULL
        ),
        'locationObject',
        (
          SELECT
            json_build_object(
              'id',
              $1::text || '/location/' || x_l.id,
              'type',
              'https://schema.oparl.org/1.1/Location',
              'description',
              NULLIF(x_l.description, ''),
              'geojson',
              x_l.geojson,
              'streetAddress',
              NULLIF(x_l.street_address, ''),
              'room',
              NULLIF(x_l.room, ''),
              'postalCode',
              NULLIF(x_l.postal_code, ''),
              'subLocality',
              NULLIF(x_l.sub_locality, ''),
              'locality',
              NULLIF(x_l.locality, ''),
              'created',
              to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'modified',
              to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
              'web',
              replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
            )
          FROM
            location x_l
          WHERE
            x_l.id = x.location_id
            AND x_l.deleted_at IS NULL
            AND x_l.published_at IS NOT NULL
        ),
        'status',
        (
          SELECT
            json_agg(
              x_st.v
              ORDER BY
                x_st.o
            )
          FROM
            unnest(x.status) WITH ORDINALITY x_st (v, o)
          WHERE
            x_st.v <> ''
        ),
        'membership',
        (
          SELECT
            json_agg(
              json_build_object(
                'id',
                $1::text || '/membership/' || x_m.id,
                'type',
                'https://schema.oparl.org/1.1/Membership',
                'organization',
                $1::text || '/organization/' || x_m.committee_id,
                'role',
                NULLIF(x_m.role, ''),
                'votingRight',
                x_m.voting_right,
                'startDate',
                to_char(x_m.start_date, 'YYYY-MM-DD'),
                'endDate',
                to_char(x_m.end_date, 'YYYY-MM-DD'),
                'onBehalfOf',
                CASE
                  WHEN (
                    SELECT
                      x_m_f.deleted_at IS NULL
                      AND x_m_f.published_at IS NOT NULL
                    FROM
                      committee x_m_f
                    WHERE
                      x_m_f.id = x_m.on_behalf_of_id
                  ) THEN $1::text || '/organization/' || x_m.on_behalf_of_id
                END,
                'created',
                to_char(x_m.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_m.modified_at, x_m.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'membership', '{id}', x_m.id::text)
              )
              ORDER BY
                x_m.id
            )
          FROM
            membership x_m
          WHERE
            x_m.person_id = x.id
            AND x_m.deleted_at IS NULL
            AND x_m.published_at IS NOT NULL
            AND COALESCE(
              (
                SELECT
                  vp_x_m.deleted_at IS NULL
                  AND vp_x_m.published_at IS NOT NULL
                FROM
                  person vp_x_m
                WHERE
                  vp_x_m.id = x_m.person_id
              ),
              FALSE
            )
            AND COALESCE(
              (
                SELECT
                  vc_x_m.deleted_at IS NULL
                  AND vc_x_m.published_at IS NOT NULL
                FROM
                  committee vc_x_m
                WHERE
                  vc_x_m.id = x_m.committee_id
              ),
              FALSE
            )
        ),
        'life',
        NULLIF(x.life, ''),
        'lifeSource',
        NULLIF(x.life_source, ''),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.person_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'web',
        replace(b.web_url_templates ->> 'person', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $1::text || '/person/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Person',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                membership x_mm
              WHERE
                x_mm.person_id = x.id
                AND x_mm.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      op_x_mm.widest_audience >= 2
                    FROM
                      person op_x_mm
                    WHERE
                      op_x_mm.id = x_mm.person_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oc_x_mm.widest_audience >= 2
                    FROM
                      committee oc_x_mm
                    WHERE
                      oc_x_mm.id = x_mm.committee_id
                  ),
                  FALSE
                )
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  person x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $2::uuid
  AND x.widest_audience >= 2;

-- oparl: list of membership · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'membership'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of membership · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $2::text || '/membership/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/Membership',
      'person',
      $2::text || '/person/' || x.person_id,
      'organization',
      $2::text || '/organization/' || x.committee_id,
      'role',
      NULLIF(x.role, ''),
      'votingRight',
      x.voting_right,
      'startDate',
      to_char(x.start_date, 'YYYY-MM-DD'),
      'endDate',
      to_char(x.end_date, 'YYYY-MM-DD'),
      'onBehalfOf',
      CASE
        WHEN (
          x.on_behalf_of_id IN (
            SELECT
              x_f_h.id
            FROM
              committee x_f_h
            WHERE
              x_f_h.body_id = $1::uuid
              AND x_f_h.deleted_at IS NULL
              AND x_f_h.published_at IS NOT NULL
          )
          OR (
            SELECT
              x_f.deleted_at IS NULL
              AND x_f.published_at IS NOT NULL
            FROM
              committee x_f
            WHERE
              x_f.id = x.on_behalf_of_id
          )
        ) THEN $2::text || '/organization/' || x.on_behalf_of_id
      END,
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'web',
      replace(b.web_url_templates ->> 'membership', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  membership x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND COALESCE(
    (
      SELECT
        vp_x.deleted_at IS NULL
        AND vp_x.published_at IS NOT NULL
      FROM
        person vp_x
      WHERE
        vp_x.id = x.person_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        vc_x.deleted_at IS NULL
        AND vc_x.published_at IS NOT NULL
      FROM
        committee vc_x
      WHERE
        vc_x.id = x.committee_id
    ),
    FALSE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of membership changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vp_x.deleted_at IS NULL
            AND vp_x.published_at IS NOT NULL
          FROM
            person vp_x
          WHERE
            vp_x.id = x.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_x.deleted_at IS NULL
            AND vc_x.published_at IS NOT NULL
          FROM
            committee vc_x
          WHERE
            vc_x.id = x.committee_id
        ),
        FALSE
      ) THEN json_build_object(
        'id',
        $4::text || '/membership/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Membership',
        'person',
        $4::text || '/person/' || x.person_id,
        'organization',
        $4::text || '/organization/' || x.committee_id,
        'role',
        NULLIF(x.role, ''),
        'votingRight',
        x.voting_right,
        'startDate',
        to_char(x.start_date, 'YYYY-MM-DD'),
        'endDate',
        to_char(x.end_date, 'YYYY-MM-DD'),
        'onBehalfOf',
        CASE
          WHEN (
            x.on_behalf_of_id IN (
              SELECT
                x_f_h.id
              FROM
                committee x_f_h
              WHERE
                x_f_h.body_id = $1::uuid
                AND x_f_h.deleted_at IS NULL
                AND x_f_h.published_at IS NOT NULL
            )
            OR (
              SELECT
                x_f.deleted_at IS NULL
                AND x_f.published_at IS NOT NULL
              FROM
                committee x_f
              WHERE
                x_f.id = x.on_behalf_of_id
            )
          ) THEN $4::text || '/organization/' || x.on_behalf_of_id
        END,
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'membership', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $4::text || '/membership/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Membership',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  membership x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(x.modified_at, x.deleted_at) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        op_x.widest_audience >= 2
      FROM
        person op_x
      WHERE
        op_x.id = x.person_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        oc_x.widest_audience >= 2
      FROM
        committee oc_x
      WHERE
        oc_x.id = x.committee_id
    ),
    FALSE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object membership · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'membership'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object membership · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vp_x.deleted_at IS NULL
            AND vp_x.published_at IS NOT NULL
          FROM
            person vp_x
          WHERE
            vp_x.id = x.person_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            vc_x.deleted_at IS NULL
            AND vc_x.published_at IS NOT NULL
          FROM
            committee vc_x
          WHERE
            vc_x.id = x.committee_id
        ),
        FALSE
      ) THEN json_build_object(
        'id',
        $1::text || '/membership/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Membership',
        'person',
        $1::text || '/person/' || x.person_id,
        'organization',
        $1::text || '/organization/' || x.committee_id,
        'role',
        NULLIF(x.role, ''),
        'votingRight',
        x.voting_right,
        'startDate',
        to_char(x.start_date, 'YYYY-MM-DD'),
        'endDate',
        to_char(x.end_date, 'YYYY-MM-DD'),
        'onBehalfOf',
        CASE
          WHEN (
            SELECT
              x_f.deleted_at IS NULL
              AND x_f.published_at IS NOT NULL
            FROM
              committee x_f
            WHERE
              x_f.id = x.on_behalf_of_id
          ) THEN $1::text || '/organization/' || x.on_behalf_of_id
        END,
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'membership', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $1::text || '/membership/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Membership',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  membership x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $2::uuid
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        op_x.widest_audience >= 2
      FROM
        person op_x
      WHERE
        op_x.id = x.person_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        oc_x.widest_audience >= 2
      FROM
        committee oc_x
      WHERE
        oc_x.id = x.committee_id
    ),
    FALSE
  );

-- oparl: list of meeting · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'meeting'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of meeting · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    (
      SELECT
        json_build_object(
          'id',
          $2::text || '/meeting/' || x.id,
          'type',
          'https://schema.oparl.org/1.1/Meeting',
          'name',
          NULLIF(x.name, ''),
          'meetingState',
          CASE x.state
            WHEN 'scheduled' THEN 'terminiert'
            WHEN 'invited' THEN 'eingeladen'
            WHEN 'held' THEN 'durchgeführt'
          END,
          'cancelled',
          x.cancelled,
          'start',
          to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'end',
          to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'location',
          (
            SELECT
              json_build_object(
                'id',
                $2::text || '/location/' || x_l.id,
                'type',
                'https://schema.oparl.org/1.1/Location',
                'description',
                NULLIF(x_l.description, ''),
                'geojson',
                x_l.geojson,
                'streetAddress',
                NULLIF(x_l.street_address, ''),
                'room',
                NULLIF(x_l.room, ''),
                'postalCode',
                NULLIF(x_l.postal_code, ''),
                'subLocality',
                NULLIF(x_l.sub_locality, ''),
                'locality',
                NULLIF(x_l.locality, ''),
                'created',
                to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
              )
            FROM
              location x_l
            WHERE
              x_l.id = x.location_id
              AND x_l.deleted_at IS NULL
              AND x_l.published_at IS NOT NULL
          ),
          'organization',
          (
            SELECT
              json_agg(
                $2::text || '/organization/' || x_sc.committee_id
                ORDER BY
                  x_sc.position,
                  x_sc.committee_id
              )
            FROM
              session_committee x_sc
            WHERE
              x_sc.session_id = x.id
              AND (
                x_sc.committee_id IN (
                  SELECT
                    x_c_h.id
                  FROM
                    committee x_c_h
                  WHERE
                    x_c_h.body_id = $1::uuid
                    AND x_c_h.deleted_at IS NULL
                    AND x_c_h.published_at IS NOT NULL
                )
                OR (
                  SELECT
                    x_c.deleted_at IS NULL
                    AND x_c.published_at IS NOT NULL
                  FROM
                    committee x_c
                  WHERE
                    x_c.id = x_sc.committee_id
                )
              )
          ),
          'invitation',
          (
            SELECT
              json_build_object(
                'id',
                $2::text || '/file/' || x_if.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_if.name, ''),
                'fileName',
                NULLIF(x_if.file_name, ''),
                'mimeType',
                NULLIF(x_if.mime_type, ''),
                'date',
                to_char(x_if.date, 'YYYY-MM-DD'),
                'size',
                x_if.size,
                'sha512Checksum',
                lower(x_if.sha512),
                'accessUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content',
                'downloadUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_if.file_license, ''),
                'created',
                to_char(x_if.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_if.modified_at, x_if.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_if.id::text)
              )
            FROM
              file x_if
            WHERE
              x_if.session_id = x.id
              AND x_if.deleted_at IS NULL
              AND x_if.published_at IS NOT NULL
              AND x_if.public
              AND COALESCE(
                (
                  SELECT
                    vd_x_if.deleted_at IS NULL
                    AND vd_x_if.published_at IS NOT NULL
                    AND vd_x_if.public
                  FROM
                    document vd_x_if
                  WHERE
                    vd_x_if.id = x_if.document_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    va_x_if.deleted_at IS NULL
                    AND va_x_if.published_at IS NOT NULL
                    AND va_x_if.public
                    AND COALESCE(
                      (
                        SELECT
                          vs_va_x_if.deleted_at IS NULL
                          AND vs_va_x_if.published_at IS NOT NULL
                        FROM
                          session vs_va_x_if
                        WHERE
                          vs_va_x_if.id = va_x_if.session_id
                      ),
                      FALSE
                    )
                  FROM
                    agenda_item va_x_if
                  WHERE
                    va_x_if.id = x_if.agenda_item_id
                ),
                TRUE
              )
              AND NOT EXISTS (
                SELECT
                  1
                FROM
                  minutes x_if_x
                WHERE
                  x_if_x.file_id = x_if.id
              )
              AND x_if.role = 'invitation'
            ORDER BY
              x_if.position,
              x_if.id
            LIMIT
              1
          ),
          'resultsProtocol',
          (
            SELECT
              json_build_object(
                'id',
                $2::text || '/file/' || x_rp.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_rp.name, ''),
                'fileName',
                NULLIF(x_rp.file_name, ''),
                'mimeType',
                NULLIF(x_rp.mime_type, ''),
                'date',
                to_char(x_rp.date, 'YYYY-MM-DD'),
                'size',
                x_rp.size,
                'sha512Checksum',
                lower(x_rp.sha512),
                'accessUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content',
                'downloadUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_rp.file_license, ''),
                'created',
                to_char(x_rp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_rp.modified_at, x_rp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_rp.id::text)
              )
            FROM
              minutes x_rp_m
              JOIN file x_rp ON x_rp.id = x_rp_m.file_id
            WHERE
              x_rp_m.session_id = x.id
              AND x_rp_m.kind = 'results'
              AND x_rp_m.deleted_at IS NULL
              AND x_rp_m.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_x_rp_m.deleted_at IS NULL
                    AND vs_x_rp_m.published_at IS NOT NULL
                  FROM
                    session vs_x_rp_m
                  WHERE
                    vs_x_rp_m.id = x_rp_m.session_id
                ),
                FALSE
              )
              AND x_rp.deleted_at IS NULL
              AND x_rp.published_at IS NOT NULL
              AND x_rp.public
              AND COALESCE(
                (
                  SELECT
                    vd_x_rp.deleted_at IS NULL
                    AND vd_x_rp.published_at IS NOT NULL
                    AND vd_x_rp.public
                  FROM
                    document vd_x_rp
                  WHERE
                    vd_x_rp.id = x_rp.document_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    va_x_rp.deleted_at IS NULL
                    AND va_x_rp.published_at IS NOT NULL
                    AND va_x_rp.public
                    AND COALESCE(
                      (
                        SELECT
                          vs_va_x_rp.deleted_at IS NULL
                          AND vs_va_x_rp.published_at IS NOT NULL
                        FROM
                          session vs_va_x_rp
                        WHERE
                          vs_va_x_rp.id = va_x_rp.session_id
                      ),
                      FALSE
                    )
                  FROM
                    agenda_item va_x_rp
                  WHERE
                    va_x_rp.id = x_rp.agenda_item_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    vs_x_rp.deleted_at IS NULL
                    AND vs_x_rp.published_at IS NOT NULL
                  FROM
                    session vs_x_rp
                  WHERE
                    vs_x_rp.id = x_rp.session_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    bool_and(
                      vm_x_rp.deleted_at IS NULL
                      AND vm_x_rp.status = 'published'
                      AND COALESCE(
                        (
                          SELECT
                            vs_vm_x_rp.deleted_at IS NULL
                            AND vs_vm_x_rp.published_at IS NOT NULL
                          FROM
                            session vs_vm_x_rp
                          WHERE
                            vs_vm_x_rp.id = vm_x_rp.session_id
                        ),
                        FALSE
                      )
                    )
                  FROM
                    minutes vm_x_rp
                  WHERE
                    vm_x_rp.file_id = x_rp.id
                    AND vm_x_rp.deleted_at IS NULL
                ),
                TRUE
              )
            ORDER BY
              x_rp_m.created_at,
              x_rp_m.id
            LIMIT
              1
          ),
          'verbatimProtocol',
          (
            SELECT
              json_build_object(
                'id',
                $2::text || '/file/' || x_vp.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_vp.name, ''),
                'fileName',
                NULLIF(x_vp.file_name, ''),
                'mimeType',
                NULLIF(x_vp.mime_type, ''),
                'date',
                to_char(x_vp.date, 'YYYY-MM-DD'),
                'size',
                x_vp.size,
                'sha512Checksum',
                lower(x_vp.sha512),
                'accessUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content',
                'downloadUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_vp.file_license, ''),
                'created',
                to_char(x_vp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_vp.modified_at, x_vp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_vp.id::text)
              )
            FROM
              minutes x_vp_m
              JOIN file x_vp ON x_vp.id = x_vp_m.file_id
            WHERE
              x_vp_m.session_id = x.id
              AND x_vp_m.kind = 'verbatim'
              AND x_vp_m.deleted_at IS NULL
              AND x_vp_m.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_x_vp_m.deleted_at IS NULL
                    AND vs_x_vp_m.published_at IS NOT NULL
                  FROM
                    session vs_x_vp_m
                  WHERE
                    vs_x_vp_m.id = x_vp_m.session_id
                ),
                FALSE
              )
              AND x_vp.deleted_at IS NULL
              AND x_vp.published_at IS NOT NULL
              AND x_vp.public
              AND COALESCE(
                (
                  SELECT
                    vd_x_vp.deleted_at IS NULL
                    AND vd_x_vp.published_at IS NOT NULL
                    AND vd_x_vp.public
                  FROM
                    document vd_x_vp
                  WHERE
                    vd_x_vp.id = x_vp.document_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    va_x_vp.deleted_at IS NULL
                    AND va_x_vp.published_at IS NOT NULL
                    AND va_x_vp.public
                    AND COALESCE(
                      (
                        SELECT
                          vs_va_x_vp.deleted_at IS NULL
                          AND vs_va_x_vp.published_at IS NOT NULL
                        FROM
                          session vs_va_x_vp
                        WHERE
                          vs_va_x_vp.id = va_x_vp.session_id
                      ),
                      FALSE
                    )
                  FROM
                    agenda_item va_x_vp
                  WHERE
                    va_x_vp.id = x_vp.agenda_item_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    vs_x_vp.deleted_at IS NULL
                    AND vs_x_vp.published_at IS NOT NULL
                  FROM
                    session vs_x_vp
                  WHERE
                    vs_x_vp.id = x_vp.session_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    bool_and(
                      vm_x_vp.deleted_at IS NULL
                      AND vm_x_vp.status = 'published'
                      AND COALESCE(
                        (
                          SELECT
                            vs_vm_x_vp.deleted_at IS NULL
                            AND vs_vm_x_vp.published_at IS NOT NULL
                          FROM
                            session vs_vm_x_vp
                          WHERE
                            vs_vm_x_vp.id = vm_x_vp.session_id
                        ),
                        FALSE
                      )
                    )
                  FROM
                    minutes vm_x_vp
                  WHERE
                    vm_x_vp.file_id = x_vp.id
                    AND vm_x_vp.deleted_at IS NULL
                ),
                TRUE
              )
            ORDER BY
              x_vp_m.created_at,
              x_vp_m.id
            LIMIT
              1
          ),
          'auxiliaryFile',
          (
            SELECT
              json_agg(
                json_build_object(
                  'id',
                  $2::text || '/file/' || x_af.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_af.name, ''),
                  'fileName',
                  NULLIF(x_af.file_name, ''),
                  'mimeType',
                  NULLIF(x_af.mime_type, ''),
                  'date',
                  to_char(x_af.date, 'YYYY-MM-DD'),
                  'size',
                  x_af.size,
                  'sha512Checksum',
                  lower(x_af.sha512),
                  'accessUrl',
                  $3::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content',
                  'downloadUrl',
                  $3::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_af.file_license, ''),
                  'created',
                  to_char(x_af.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_af.modified_at, x_af.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_af.id::text)
                )
                ORDER BY
                  x_af.position,
                  x_af.id
              )
            FROM
              (
                SELECT
                  x_af_f.*,
                  (x_af_f.role = 'invitation') IS TRUE AS picked,
                  row_number() OVER (
                    PARTITION BY
                      (x_af_f.role = 'invitation') IS TRUE
                    ORDER BY
                      x_af_f.position,
                      x_af_f.id
                  ) AS rank
                FROM
                  file x_af_f
                WHERE
                  x_af_f.session_id = x.id
                  AND x_af_f.deleted_at IS NULL
                  AND x_af_f.published_at IS NOT NULL
                  AND x_af_f.public
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_af_f.deleted_at IS NULL
                        AND vd_x_af_f.published_at IS NOT NULL
                        AND vd_x_af_f.public
                      FROM
                        document vd_x_af_f
                      WHERE
                        vd_x_af_f.id = x_af_f.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        va_x_af_f.deleted_at IS NULL
                        AND va_x_af_f.published_at IS NOT NULL
                        AND va_x_af_f.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_af_f.deleted_at IS NULL
                              AND vs_va_x_af_f.published_at IS NOT NULL
                            FROM
                              session vs_va_x_af_f
                            WHERE
                              vs_va_x_af_f.id = va_x_af_f.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_af_f
                      WHERE
                        va_x_af_f.id = x_af_f.agenda_item_id
                    ),
                    TRUE
                  )
                  AND x_af_f.role NOT IN ('results_protocol', 'verbatim_protocol')
                  AND NOT EXISTS (
                    SELECT
                      1
                    FROM
                      minutes x_af_f_x
                    WHERE
                      x_af_f_x.file_id = x_af_f.id
                  )
              ) x_af
            WHERE
              NOT (
                x_af.picked
                AND x_af.rank = 1
              )
          ),
          'agendaItem',
          x_ag.items,
          'created',
          to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'modified',
          to_char(
            GREATEST(
              GREATEST(x.modified_at, x.deleted_at),
              x_ag.modified,
              (
                SELECT
                  max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
                FROM
                  file x_mf
                WHERE
                  x_mf.session_id = x.id
                  AND x_mf.widest_audience >= 2
              ),
              (
                SELECT
                  max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
                FROM
                  minutes x_mm
                WHERE
                  x_mm.session_id = x.id
                  AND x_mm.widest_audience >= 2
              ),
              (
                SELECT
                  max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
                FROM
                  location x_ml
                WHERE
                  x_ml.id = x.location_id
                  AND x_ml.widest_audience >= 2
              )
            ),
            'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
          ),
          'web',
          replace(b.web_url_templates ->> 'session', '{id}', x.id::text)
        )
      FROM
        (
          SELECT
            json_agg(
              (
                SELECT
                  json_build_object(
                    'id',
                    $2::text || '/agendaItem/' || x_ai.id,
                    'type',
                    'https://schema.oparl.org/1.1/AgendaItem',
                    'number',
                    NULLIF(x_ai.number, ''),
                    'order',
                    x_ai.rank,
                    'name',
                    NULLIF(x_ai.name, ''),
                    'public',
                    x_ai.public,
                    'consultation',
                    x_ai_ks.first,
                    'result',
                    NULLIF(x_ai.result, ''),
                    'resolutionText',
                    NULLIF(x_ai.resolution_text, ''),
                    'resolutionFile',
                    x_ai_fs.first,
                    'auxiliaryFile',
                    x_ai_fs.rest,
                    'start',
                    to_char(x_ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'end',
                    to_char(x_ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'created',
                    to_char(x_ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(x_ai.modified, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'agendaItem', '{id}', x_ai.id::text)
                  )
                FROM
                  (
                    SELECT
                      (
                        array_agg(
                          json_build_object(
                            'id',
                            $2::text || '/file/' || x_ai_f.id,
                            'type',
                            'https://schema.oparl.org/1.1/File',
                            'name',
                            NULLIF(x_ai_f.name, ''),
                            'fileName',
                            NULLIF(x_ai_f.file_name, ''),
                            'mimeType',
                            NULLIF(x_ai_f.mime_type, ''),
                            'date',
                            to_char(x_ai_f.date, 'YYYY-MM-DD'),
                            'size',
                            x_ai_f.size,
                            'sha512Checksum',
                            lower(x_ai_f.sha512),
                            'accessUrl',
                            $3::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                            'downloadUrl',
                            $3::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                            'fileLicense',
                            NULLIF(x_ai_f.file_license, ''),
                            'created',
                            to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                            'modified',
                            to_char(
                              GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                            ),
                            'web',
                            replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                          )
                          ORDER BY
                            x_ai_f.position,
                            x_ai_f.id
                        ) FILTER (
                          WHERE
                            x_ai_f.shown
                            AND x_ai_f.picked
                        )
                      ) [1] AS first,
                      json_agg(
                        json_build_object(
                          'id',
                          $2::text || '/file/' || x_ai_f.id,
                          'type',
                          'https://schema.oparl.org/1.1/File',
                          'name',
                          NULLIF(x_ai_f.name, ''),
                          'fileName',
                          NULLIF(x_ai_f.file_name, ''),
                          'mimeType',
                          NULLIF(x_ai_f.mime_type, ''),
                          'date',
                          to_char(x_ai_f.date, 'YYYY-MM-DD'),
                          'size',
                          x_ai_f.size,
                          'sha512Checksum',
                          lower(x_ai_f.sha512),
                          'accessUrl',
                          $3::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                          'downloadUrl',
                          $3::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                          'fileLicense',
                          NULLIF(x_ai_f.file_license, ''),
                          'created',
                          to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                          'modified',
                          to_char(
                            GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                            'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                          ),
                          'web',
                          replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                        )
                        ORDER BY
                          x_ai_f.position,
                          x_ai_f.id
                      ) FILTER (
                        WHERE
                          x_ai_f.shown
                          AND NOT (
                            x_ai_f.picked
                            AND x_ai_f.rank = 1
                          )
                      ) AS rest,
                      max(GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at)) FILTER (
                        WHERE
                          x_ai_f.seen
                      ) AS modified
                    FROM
                      (
                        SELECT
                          x_ai_f_f.*,
                          x_ai_f_f.deleted_at IS NULL
                          AND x_ai_f_f.published_at IS NOT NULL
                          AND x_ai_f_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vd_x_ai_f_f.deleted_at IS NULL
                                AND vd_x_ai_f_f.published_at IS NOT NULL
                                AND vd_x_ai_f_f.public
                              FROM
                                document vd_x_ai_f_f
                              WHERE
                                vd_x_ai_f_f.id = x_ai_f_f.document_id
                            ),
                            TRUE
                          )
                          AND COALESCE(
                            (
                              SELECT
                                vs_x_ai_f_f.deleted_at IS NULL
                                AND vs_x_ai_f_f.published_at IS NOT NULL
                              FROM
                                session vs_x_ai_f_f
                              WHERE
                                vs_x_ai_f_f.id = x_ai_f_f.session_id
                            ),
                            TRUE
                          )
                          AND COALESCE(
                            (
                              SELECT
                                bool_and(
                                  vm_x_ai_f_f.deleted_at IS NULL
                                  AND vm_x_ai_f_f.status = 'published'
                                  AND COALESCE(
                                    (
                                      SELECT
                                        vs_vm_x_ai_f_f.deleted_at IS NULL
                                        AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                      FROM
                                        session vs_vm_x_ai_f_f
                                      WHERE
                                        vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                    ),
                                    FALSE
                                  )
                                )
                              FROM
                                minutes vm_x_ai_f_f
                              WHERE
                                vm_x_ai_f_f.file_id = x_ai_f_f.id
                                AND vm_x_ai_f_f.deleted_at IS NULL
                            ),
                            TRUE
                          ) AS shown,
                          x_ai_f_f.widest_audience >= 2 AS seen,
                          (x_ai_f_f.role = 'resolution') IS TRUE AS picked,
                          row_number() OVER (
                            PARTITION BY
                              x_ai_f_f.deleted_at IS NULL
                              AND x_ai_f_f.published_at IS NOT NULL
                              AND x_ai_f_f.public
                              AND COALESCE(
                                (
                                  SELECT
                                    vd_x_ai_f_f.deleted_at IS NULL
                                    AND vd_x_ai_f_f.published_at IS NOT NULL
                                    AND vd_x_ai_f_f.public
                                  FROM
                                    document vd_x_ai_f_f
                                  WHERE
                                    vd_x_ai_f_f.id = x_ai_f_f.document_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_x_ai_f_f.deleted_at IS NULL
                                    AND vs_x_ai_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_x_ai_f_f
                                  WHERE
                                    vs_x_ai_f_f.id = x_ai_f_f.session_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    bool_and(
                                      vm_x_ai_f_f.deleted_at IS NULL
                                      AND vm_x_ai_f_f.status = 'published'
                                      AND COALESCE(
                                        (
                                          SELECT
                                            vs_vm_x_ai_f_f.deleted_at IS NULL
                                            AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                          FROM
                                            session vs_vm_x_ai_f_f
                                          WHERE
                                            vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                        ),
                                        FALSE
                                      )
                                    )
                                  FROM
                                    minutes vm_x_ai_f_f
                                  WHERE
                                    vm_x_ai_f_f.file_id = x_ai_f_f.id
                                    AND vm_x_ai_f_f.deleted_at IS NULL
                                ),
                                TRUE
                              ),
                              (x_ai_f_f.role = 'resolution') IS TRUE
                            ORDER BY
                              x_ai_f_f.position,
                              x_ai_f_f.id
                          ) AS rank
                        FROM
                          file x_ai_f_f
                        WHERE
                          x_ai_f_f.agenda_item_id = x_ai.id
                          AND (
                            x_ai_f_f.widest_audience >= 2
                            OR x_ai_f_f.deleted_at IS NULL
                            AND x_ai_f_f.published_at IS NOT NULL
                            AND x_ai_f_f.public
                            AND COALESCE(
                              (
                                SELECT
                                  vd_x_ai_f_f.deleted_at IS NULL
                                  AND vd_x_ai_f_f.published_at IS NOT NULL
                                  AND vd_x_ai_f_f.public
                                FROM
                                  document vd_x_ai_f_f
                                WHERE
                                  vd_x_ai_f_f.id = x_ai_f_f.document_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  vs_x_ai_f_f.deleted_at IS NULL
                                  AND vs_x_ai_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_x_ai_f_f
                                WHERE
                                  vs_x_ai_f_f.id = x_ai_f_f.session_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  bool_and(
                                    vm_x_ai_f_f.deleted_at IS NULL
                                    AND vm_x_ai_f_f.status = 'published'
                                    AND COALESCE(
                                      (
                                        SELECT
                                          vs_vm_x_ai_f_f.deleted_at IS NULL
                                          AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                        FROM
                                          session vs_vm_x_ai_f_f
                                        WHERE
                                          vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                      ),
                                      FALSE
                                    )
                                  )
                                FROM
                                  minutes vm_x_ai_f_f
                                WHERE
                                  vm_x_ai_f_f.file_id = x_ai_f_f.id
                                  AND vm_x_ai_f_f.deleted_at IS NULL
                              ),
                              TRUE
                            )
                          )
                      ) x_ai_f
                  ) x_ai_fs,
                  (
                    SELECT
                      (
                        array_agg(
                          $2::text || '/consultation/' || x_ai_c.id
                          ORDER BY
                            x_ai_c.position,
                            x_ai_c.id
                        ) FILTER (
                          WHERE
                            x_ai_c.shown
                        )
                      ) [1] AS first,
                      max(GREATEST(x_ai_c.modified_at, x_ai_c.deleted_at)) FILTER (
                        WHERE
                          x_ai_c.seen
                      ) AS modified
                    FROM
                      (
                        SELECT
                          x_ai_c_r.*,
                          x_ai_c_r.deleted_at IS NULL
                          AND x_ai_c_r.published_at IS NOT NULL
                          AND COALESCE(
                            (
                              SELECT
                                vd_x_ai_c_r.deleted_at IS NULL
                                AND vd_x_ai_c_r.published_at IS NOT NULL
                                AND vd_x_ai_c_r.public
                              FROM
                                document vd_x_ai_c_r
                              WHERE
                                vd_x_ai_c_r.id = x_ai_c_r.document_id
                            ),
                            FALSE
                          ) AS shown,
                          x_ai_c_r.widest_audience >= 2
                          AND COALESCE(
                            (
                              SELECT
                                od_x_ai_c_r.widest_audience >= 2
                              FROM
                                document od_x_ai_c_r
                              WHERE
                                od_x_ai_c_r.id = x_ai_c_r.document_id
                            ),
                            FALSE
                          ) AS seen
                        FROM
                          consultation x_ai_c_r
                        WHERE
                          x_ai_c_r.agenda_item_id = x_ai.id
                      ) x_ai_c
                  ) x_ai_ks
              )
              ORDER BY
                x_ai.rank
            ) FILTER (
              WHERE
                x_ai.shown
            ) AS items,
            max(x_ai.modified) FILTER (
              WHERE
                x_ai.seen
            ) AS modified
          FROM
            (
              SELECT
                x_v.*,
                x_v.deleted_at IS NULL
                AND x_v.published_at IS NOT NULL
                AND x_v.public AS shown,
                x_v.widest_audience >= 2 AS seen,
                GREATEST(
                  GREATEST(x_v.modified_at, x_v.deleted_at),
                  (
                    SELECT
                      max(GREATEST(x_v_mf.modified_at, x_v_mf.deleted_at))
                    FROM
                      file x_v_mf
                    WHERE
                      x_v_mf.agenda_item_id = x_v.id
                      AND x_v_mf.widest_audience >= 2
                  ),
                  (
                    SELECT
                      max(GREATEST(x_v_mc.modified_at, x_v_mc.deleted_at))
                    FROM
                      consultation x_v_mc
                    WHERE
                      x_v_mc.agenda_item_id = x_v.id
                      AND x_v_mc.widest_audience >= 2
                      AND COALESCE(
                        (
                          SELECT
                            od_x_v_mc.widest_audience >= 2
                          FROM
                            document od_x_v_mc
                          WHERE
                            od_x_v_mc.id = x_v_mc.document_id
                        ),
                        FALSE
                      )
                  )
                ) AS modified,
                (
                  row_number() OVER (
                    PARTITION BY
                      x_v.deleted_at IS NULL
                      AND x_v.published_at IS NOT NULL
                      AND x_v.public
                    ORDER BY
                      x_v.position,
                      x_v.id
                  ) - 1
                )::int AS rank
              FROM
                agenda_item x_v
              WHERE
                x_v.session_id = x.id
                AND (
                  x_v.deleted_at IS NULL
                  AND x_v.published_at IS NOT NULL
                  AND x_v.public
                  OR x_v.widest_audience >= 2
                )
            ) x_ai
        ) x_ag
    )
  ) AS j,
  x.id::text AS _k0
FROM
  session x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of meeting changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN (
        SELECT
          json_build_object(
            'id',
            $4::text || '/meeting/' || x.id,
            'type',
            'https://schema.oparl.org/1.1/Meeting',
            'name',
            NULLIF(x.name, ''),
            'meetingState',
            CASE x.state
              WHEN 'scheduled' THEN 'terminiert'
              WHEN 'invited' THEN 'eingeladen'
              WHEN 'held' THEN 'durchgeführt'
            END,
            'cancelled',
            x.cancelled,
            'start',
            to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'end',
            to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'location',
            (
              SELECT
                json_build_object(
                  'id',
                  $4::text || '/location/' || x_l.id,
                  'type',
                  'https://schema.oparl.org/1.1/Location',
                  'description',
                  NULLIF(x_l.description, ''),
                  'geojson',
                  x_l.geojson,
                  'streetAddress',
                  NULLIF(x_l.street_address, ''),
                  'room',
                  NULLIF(x_l.room, ''),
                  'postalCode',
                  NULLIF(x_l.postal_code, ''),
                  'subLocality',
                  NULLIF(x_l.sub_locality, ''),
                  'locality',
                  NULLIF(x_l.locality, ''),
                  'created',
                  to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
                )
              FROM
                location x_l
              WHERE
                x_l.id = x.location_id
                AND x_l.deleted_at IS NULL
                AND x_l.published_at IS NOT NULL
            ),
            'organization',
            (
              SELECT
                json_agg(
                  $4::text || '/organization/' || x_sc.committee_id
                  ORDER BY
                    x_sc.position,
                    x_sc.committee_id
                )
              FROM
                session_committee x_sc
              WHERE
                x_sc.session_id = x.id
                AND (
                  x_sc.committee_id IN (
                    SELECT
                      x_c_h.id
                    FROM
                      committee x_c_h
                    WHERE
                      x_c_h.body_id = $1::uuid
                      AND x_c_h.deleted_at IS NULL
                      AND x_c_h.published_at IS NOT NULL
                  )
                  OR (
                    SELECT
                      x_c.deleted_at IS NULL
                      AND x_c.published_at IS NOT NULL
                    FROM
                      committee x_c
                    WHERE
                      x_c.id = x_sc.committee_id
                  )
                )
            ),
            'invitation',
            (
              SELECT
                json_build_object(
                  'id',
                  $4::text || '/file/' || x_if.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_if.name, ''),
                  'fileName',
                  NULLIF(x_if.file_name, ''),
                  'mimeType',
                  NULLIF(x_if.mime_type, ''),
                  'date',
                  to_char(x_if.date, 'YYYY-MM-DD'),
                  'size',
                  x_if.size,
                  'sha512Checksum',
                  lower(x_if.sha512),
                  'accessUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content',
                  'downloadUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_if.file_license, ''),
                  'created',
                  to_char(x_if.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_if.modified_at, x_if.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_if.id::text)
                )
              FROM
                file x_if
              WHERE
                x_if.session_id = x.id
                AND x_if.deleted_at IS NULL
                AND x_if.published_at IS NOT NULL
                AND x_if.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_if.deleted_at IS NULL
                      AND vd_x_if.published_at IS NOT NULL
                      AND vd_x_if.public
                    FROM
                      document vd_x_if
                    WHERE
                      vd_x_if.id = x_if.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      va_x_if.deleted_at IS NULL
                      AND va_x_if.published_at IS NOT NULL
                      AND va_x_if.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_if.deleted_at IS NULL
                            AND vs_va_x_if.published_at IS NOT NULL
                          FROM
                            session vs_va_x_if
                          WHERE
                            vs_va_x_if.id = va_x_if.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_if
                    WHERE
                      va_x_if.id = x_if.agenda_item_id
                  ),
                  TRUE
                )
                AND NOT EXISTS (
                  SELECT
                    1
                  FROM
                    minutes x_if_x
                  WHERE
                    x_if_x.file_id = x_if.id
                )
                AND x_if.role = 'invitation'
              ORDER BY
                x_if.position,
                x_if.id
              LIMIT
                1
            ),
            'resultsProtocol',
            (
              SELECT
                json_build_object(
                  'id',
                  $4::text || '/file/' || x_rp.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_rp.name, ''),
                  'fileName',
                  NULLIF(x_rp.file_name, ''),
                  'mimeType',
                  NULLIF(x_rp.mime_type, ''),
                  'date',
                  to_char(x_rp.date, 'YYYY-MM-DD'),
                  'size',
                  x_rp.size,
                  'sha512Checksum',
                  lower(x_rp.sha512),
                  'accessUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content',
                  'downloadUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_rp.file_license, ''),
                  'created',
                  to_char(x_rp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_rp.modified_at, x_rp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_rp.id::text)
                )
              FROM
                minutes x_rp_m
                JOIN file x_rp ON x_rp.id = x_rp_m.file_id
              WHERE
                x_rp_m.session_id = x.id
                AND x_rp_m.kind = 'results'
                AND x_rp_m.deleted_at IS NULL
                AND x_rp_m.status = 'published'
                AND COALESCE(
                  (
                    SELECT
                      vs_x_rp_m.deleted_at IS NULL
                      AND vs_x_rp_m.published_at IS NOT NULL
                    FROM
                      session vs_x_rp_m
                    WHERE
                      vs_x_rp_m.id = x_rp_m.session_id
                  ),
                  FALSE
                )
                AND x_rp.deleted_at IS NULL
                AND x_rp.published_at IS NOT NULL
                AND x_rp.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_rp.deleted_at IS NULL
                      AND vd_x_rp.published_at IS NOT NULL
                      AND vd_x_rp.public
                    FROM
                      document vd_x_rp
                    WHERE
                      vd_x_rp.id = x_rp.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      va_x_rp.deleted_at IS NULL
                      AND va_x_rp.published_at IS NOT NULL
                      AND va_x_rp.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_rp.deleted_at IS NULL
                            AND vs_va_x_rp.published_at IS NOT NULL
                          FROM
                            session vs_va_x_rp
                          WHERE
                            vs_va_x_rp.id = va_x_rp.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_rp
                    WHERE
                      va_x_rp.id = x_rp.agenda_item_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      vs_x_rp.deleted_at IS NULL
                      AND vs_x_rp.published_at IS NOT NULL
                    FROM
                      session vs_x_rp
                    WHERE
                      vs_x_rp.id = x_rp.session_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      bool_and(
                        vm_x_rp.deleted_at IS NULL
                        AND vm_x_rp.status = 'published'
                        AND COALESCE(
                          (
                            SELECT
                              vs_vm_x_rp.deleted_at IS NULL
                              AND vs_vm_x_rp.published_at IS NOT NULL
                            FROM
                              session vs_vm_x_rp
                            WHERE
                              vs_vm_x_rp.id = vm_x_rp.session_id
                          ),
                          FALSE
                        )
                      )
                    FROM
                      minutes vm_x_rp
                    WHERE
                      vm_x_rp.file_id = x_rp.id
                      AND vm_x_rp.deleted_at IS NULL
                  ),
                  TRUE
                )
              ORDER BY
                x_rp_m.created_at,
                x_rp_m.id
              LIMIT
                1
            ),
            'verbatimProtocol',
            (
              SELECT
                json_build_object(
                  'id',
                  $4::text || '/file/' || x_vp.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_vp.name, ''),
                  'fileName',
                  NULLIF(x_vp.file_name, ''),
                  'mimeType',
                  NULLIF(x_vp.mime_type, ''),
                  'date',
                  to_char(x_vp.date, 'YYYY-MM-DD'),
                  'size',
                  x_vp.size,
                  'sha512Checksum',
                  lower(x_vp.sha512),
                  'accessUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content',
                  'downloadUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_vp.file_license, ''),
                  'created',
                  to_char(x_vp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_vp.modified_at, x_vp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_vp.id::text)
                )
              FROM
                minutes x_vp_m
                JOIN file x_vp ON x_vp.id = x_vp_m.file_id
              WHERE
                x_vp_m.session_id = x.id
                AND x_vp_m.kind = 'verbatim'
                AND x_vp_m.deleted_at IS NULL
                AND x_vp_m.status = 'published'
                AND COALESCE(
                  (
                    SELECT
                      vs_x_vp_m.deleted_at IS NULL
                      AND vs_x_vp_m.published_at IS NOT NULL
                    FROM
                      session vs_x_vp_m
                    WHERE
                      vs_x_vp_m.id = x_vp_m.session_id
                  ),
                  FALSE
                )
                AND x_vp.deleted_at IS NULL
                AND x_vp.published_at IS NOT NULL
                AND x_vp.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_vp.deleted_at IS NULL
                      AND vd_x_vp.published_at IS NOT NULL
                      AND vd_x_vp.public
                    FROM
                      document vd_x_vp
                    WHERE
                      vd_x_vp.id = x_vp.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      va_x_vp.deleted_at IS NULL
                      AND va_x_vp.published_at IS NOT NULL
                      AND va_x_vp.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_vp.deleted_at IS NULL
                            AND vs_va_x_vp.published_at IS NOT NULL
                          FROM
                            session vs_va_x_vp
                          WHERE
                            vs_va_x_vp.id = va_x_vp.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_vp
                    WHERE
                      va_x_vp.id = x_vp.agenda_item_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      vs_x_vp.deleted_at IS NULL
                      AND vs_x_vp.published_at IS NOT NULL
                    FROM
                      session vs_x_vp
                    WHERE
                      vs_x_vp.id = x_vp.session_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      bool_and(
                        vm_x_vp.deleted_at IS NULL
                        AND vm_x_vp.status = 'published'
                        AND COALESCE(
                          (
                            SELECT
                              vs_vm_x_vp.deleted_at IS NULL
                              AND vs_vm_x_vp.published_at IS NOT NULL
                            FROM
                              session vs_vm_x_vp
                            WHERE
                              vs_vm_x_vp.id = vm_x_vp.session_id
                          ),
                          FALSE
                        )
                      )
                    FROM
                      minutes vm_x_vp
                    WHERE
                      vm_x_vp.file_id = x_vp.id
                      AND vm_x_vp.deleted_at IS NULL
                  ),
                  TRUE
                )
              ORDER BY
                x_vp_m.created_at,
                x_vp_m.id
              LIMIT
                1
            ),
            'auxiliaryFile',
            (
              SELECT
                json_agg(
                  json_build_object(
                    'id',
                    $4::text || '/file/' || x_af.id,
                    'type',
                    'https://schema.oparl.org/1.1/File',
                    'name',
                    NULLIF(x_af.name, ''),
                    'fileName',
                    NULLIF(x_af.file_name, ''),
                    'mimeType',
                    NULLIF(x_af.mime_type, ''),
                    'date',
                    to_char(x_af.date, 'YYYY-MM-DD'),
                    'size',
                    x_af.size,
                    'sha512Checksum',
                    lower(x_af.sha512),
                    'accessUrl',
                    $5::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content',
                    'downloadUrl',
                    $5::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content' || '?download=1',
                    'fileLicense',
                    NULLIF(x_af.file_license, ''),
                    'created',
                    to_char(x_af.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(GREATEST(x_af.modified_at, x_af.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'file', '{id}', x_af.id::text)
                  )
                  ORDER BY
                    x_af.position,
                    x_af.id
                )
              FROM
                (
                  SELECT
                    x_af_f.*,
                    (x_af_f.role = 'invitation') IS TRUE AS picked,
                    row_number() OVER (
                      PARTITION BY
                        (x_af_f.role = 'invitation') IS TRUE
                      ORDER BY
                        x_af_f.position,
                        x_af_f.id
                    ) AS rank
                  FROM
                    file x_af_f
                  WHERE
                    x_af_f.session_id = x.id
                    AND x_af_f.deleted_at IS NULL
                    AND x_af_f.published_at IS NOT NULL
                    AND x_af_f.public
                    AND COALESCE(
                      (
                        SELECT
                          vd_x_af_f.deleted_at IS NULL
                          AND vd_x_af_f.published_at IS NOT NULL
                          AND vd_x_af_f.public
                        FROM
                          document vd_x_af_f
                        WHERE
                          vd_x_af_f.id = x_af_f.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          va_x_af_f.deleted_at IS NULL
                          AND va_x_af_f.published_at IS NOT NULL
                          AND va_x_af_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_x_af_f.deleted_at IS NULL
                                AND vs_va_x_af_f.published_at IS NOT NULL
                              FROM
                                session vs_va_x_af_f
                              WHERE
                                vs_va_x_af_f.id = va_x_af_f.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_x_af_f
                        WHERE
                          va_x_af_f.id = x_af_f.agenda_item_id
                      ),
                      TRUE
                    )
                    AND x_af_f.role NOT IN ('results_protocol', 'verbatim_protocol')
                    AND NOT EXISTS (
                      SELECT
                        1
                      FROM
                        minutes x_af_f_x
                      WHERE
                        x_af_f_x.file_id = x_af_f.id
                    )
                ) x_af
              WHERE
                NOT (
                  x_af.picked
                  AND x_af.rank = 1
                )
            ),
            'agendaItem',
            x_ag.items,
            'created',
            to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(
              GREATEST(
                GREATEST(x.modified_at, x.deleted_at),
                x_ag.modified,
                (
                  SELECT
                    max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
                  FROM
                    file x_mf
                  WHERE
                    x_mf.session_id = x.id
                    AND x_mf.widest_audience >= 2
                ),
                (
                  SELECT
                    max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
                  FROM
                    minutes x_mm
                  WHERE
                    x_mm.session_id = x.id
                    AND x_mm.widest_audience >= 2
                ),
                (
                  SELECT
                    max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
                  FROM
                    location x_ml
                  WHERE
                    x_ml.id = x.location_id
                    AND x_ml.widest_audience >= 2
                )
              ),
              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
            ),
            'web',
            replace(b.web_url_templates ->> 'session', '{id}', x.id::text)
          )
        FROM
          (
            SELECT
              json_agg(
                (
                  SELECT
                    json_build_object(
                      'id',
                      $4::text || '/agendaItem/' || x_ai.id,
                      'type',
                      'https://schema.oparl.org/1.1/AgendaItem',
                      'number',
                      NULLIF(x_ai.number, ''),
                      'order',
                      x_ai.rank,
                      'name',
                      NULLIF(x_ai.name, ''),
                      'public',
                      x_ai.public,
                      'consultation',
                      x_ai_ks.first,
                      'result',
                      NULLIF(x_ai.result, ''),
                      'resolutionText',
                      NULLIF(x_ai.resolution_text, ''),
                      'resolutionFile',
                      x_ai_fs.first,
                      'auxiliaryFile',
                      x_ai_fs.rest,
                      'start',
                      to_char(x_ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'end',
                      to_char(x_ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'created',
                      to_char(x_ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'modified',
                      to_char(x_ai.modified, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'web',
                      replace(b.web_url_templates ->> 'agendaItem', '{id}', x_ai.id::text)
                    )
                  FROM
                    (
                      SELECT
                        (
                          array_agg(
                            json_build_object(
                              'id',
                              $4::text || '/file/' || x_ai_f.id,
                              'type',
                              'https://schema.oparl.org/1.1/File',
                              'name',
                              NULLIF(x_ai_f.name, ''),
                              'fileName',
                              NULLIF(x_ai_f.file_name, ''),
                              'mimeType',
                              NULLIF(x_ai_f.mime_type, ''),
                              'date',
                              to_char(x_ai_f.date, 'YYYY-MM-DD'),
                              'size',
                              x_ai_f.size,
                              'sha512Checksum',
                              lower(x_ai_f.sha512),
                              'accessUrl',
                              $5::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                              'downloadUrl',
                              $5::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                              'fileLicense',
                              NULLIF(x_ai_f.file_license, ''),
                              'created',
                              to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                              'modified',
                              to_char(
                                GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                                'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                              ),
                              'web',
                              replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                            )
                            ORDER BY
                              x_ai_f.position,
                              x_ai_f.id
                          ) FILTER (
                            WHERE
                              x_ai_f.shown
                              AND x_ai_f.picked
                          )
                        ) [1] AS first,
                        json_agg(
                          json_build_object(
                            'id',
                            $4::text || '/file/' || x_ai_f.id,
                            'type',
                            'https://schema.oparl.org/1.1/File',
                            'name',
                            NULLIF(x_ai_f.name, ''),
                            'fileName',
                            NULLIF(x_ai_f.file_name, ''),
                            'mimeType',
                            NULLIF(x_ai_f.mime_type, ''),
                            'date',
                            to_char(x_ai_f.date, 'YYYY-MM-DD'),
                            'size',
                            x_ai_f.size,
                            'sha512Checksum',
                            lower(x_ai_f.sha512),
                            'accessUrl',
                            $5::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                            'downloadUrl',
                            $5::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                            'fileLicense',
                            NULLIF(x_ai_f.file_license, ''),
                            'created',
                            to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                            'modified',
                            to_char(
                              GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                            ),
                            'web',
                            replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                          )
                          ORDER BY
                            x_ai_f.position,
                            x_ai_f.id
                        ) FILTER (
                          WHERE
                            x_ai_f.shown
                            AND NOT (
                              x_ai_f.picked
                              AND x_ai_f.rank = 1
                            )
                        ) AS rest,
                        max(GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at)) FILTER (
                          WHERE
                            x_ai_f.seen
                        ) AS modified
                      FROM
                        (
                          SELECT
                            x_ai_f_f.*,
                            x_ai_f_f.deleted_at IS NULL
                            AND x_ai_f_f.published_at IS NOT NULL
                            AND x_ai_f_f.public
                            AND COALESCE(
                              (
                                SELECT
                                  vd_x_ai_f_f.deleted_at IS NULL
                                  AND vd_x_ai_f_f.published_at IS NOT NULL
                                  AND vd_x_ai_f_f.public
                                FROM
                                  document vd_x_ai_f_f
                                WHERE
                                  vd_x_ai_f_f.id = x_ai_f_f.document_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  vs_x_ai_f_f.deleted_at IS NULL
                                  AND vs_x_ai_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_x_ai_f_f
                                WHERE
                                  vs_x_ai_f_f.id = x_ai_f_f.session_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  bool_and(
                                    vm_x_ai_f_f.deleted_at IS NULL
                                    AND vm_x_ai_f_f.status = 'published'
                                    AND COALESCE(
                                      (
                                        SELECT
                                          vs_vm_x_ai_f_f.deleted_at IS NULL
                                          AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                        FROM
                                          session vs_vm_x_ai_f_f
                                        WHERE
                                          vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                      ),
                                      FALSE
                                    )
                                  )
                                FROM
                                  minutes vm_x_ai_f_f
                                WHERE
                                  vm_x_ai_f_f.file_id = x_ai_f_f.id
                                  AND vm_x_ai_f_f.deleted_at IS NULL
                              ),
                              TRUE
                            ) AS shown,
                            x_ai_f_f.widest_audience >= 2 AS seen,
                            (x_ai_f_f.role = 'resolution') IS TRUE AS picked,
                            row_number() OVER (
                              PARTITION BY
                                x_ai_f_f.deleted_at IS NULL
                                AND x_ai_f_f.published_at IS NOT NULL
                                AND x_ai_f_f.public
                                AND COALESCE(
                                  (
                                    SELECT
                                      vd_x_ai_f_f.deleted_at IS NULL
                                      AND vd_x_ai_f_f.published_at IS NOT NULL
                                      AND vd_x_ai_f_f.public
                                    FROM
                                      document vd_x_ai_f_f
                                    WHERE
                                      vd_x_ai_f_f.id = x_ai_f_f.document_id
                                  ),
                                  TRUE
                                )
                                AND COALESCE(
                                  (
                                    SELECT
                                      vs_x_ai_f_f.deleted_at IS NULL
                                      AND vs_x_ai_f_f.published_at IS NOT NULL
                                    FROM
                                      session vs_x_ai_f_f
                                    WHERE
                                      vs_x_ai_f_f.id = x_ai_f_f.session_id
                                  ),
                                  TRUE
                                )
                                AND COALESCE(
                                  (
                                    SELECT
                                      bool_and(
                                        vm_x_ai_f_f.deleted_at IS NULL
                                        AND vm_x_ai_f_f.status = 'published'
                                        AND COALESCE(
                                          (
                                            SELECT
                                              vs_vm_x_ai_f_f.deleted_at IS NULL
                                              AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                            FROM
                                              session vs_vm_x_ai_f_f
                                            WHERE
                                              vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                          ),
                                          FALSE
                                        )
                                      )
                                    FROM
                                      minutes vm_x_ai_f_f
                                    WHERE
                                      vm_x_ai_f_f.file_id = x_ai_f_f.id
                                      AND vm_x_ai_f_f.deleted_at IS NULL
                                  ),
                                  TRUE
                                ),
                                (x_ai_f_f.role = 'resolution') IS TRUE
                              ORDER BY
                                x_ai_f_f.position,
                                x_ai_f_f.id
                            ) AS rank
                          FROM
                            file x_ai_f_f
                          WHERE
                            x_ai_f_f.agenda_item_id = x_ai.id
                            AND (
                              x_ai_f_f.widest_audience >= 2
                              OR x_ai_f_f.deleted_at IS NULL
                              AND x_ai_f_f.published_at IS NOT NULL
                              AND x_ai_f_f.public
                              AND COALESCE(
                                (
                                  SELECT
                                    vd_x_ai_f_f.deleted_at IS NULL
                                    AND vd_x_ai_f_f.published_at IS NOT NULL
                                    AND vd_x_ai_f_f.public
                                  FROM
                                    document vd_x_ai_f_f
                                  WHERE
                                    vd_x_ai_f_f.id = x_ai_f_f.document_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_x_ai_f_f.deleted_at IS NULL
                                    AND vs_x_ai_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_x_ai_f_f
                                  WHERE
                                    vs_x_ai_f_f.id = x_ai_f_f.session_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    bool_and(
                                      vm_x_ai_f_f.deleted_at IS NULL
                                      AND vm_x_ai_f_f.status = 'published'
                                      AND COALESCE(
                                        (
                                          SELECT
                                            vs_vm_x_ai_f_f.deleted_at IS NULL
                                            AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                          FROM
                                            session vs_vm_x_ai_f_f
                                          WHERE
                                            vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                        ),
                                        FALSE
                                      )
                                    )
                                  FROM
                                    minutes vm_x_ai_f_f
                                  WHERE
                                    vm_x_ai_f_f.file_id = x_ai_f_f.id
                                    AND vm_x_ai_f_f.deleted_at IS NULL
                                ),
                                TRUE
                              )
                            )
                        ) x_ai_f
                    ) x_ai_fs,
                    (
                      SELECT
                        (
                          array_agg(
                            $4::text || '/consultation/' || x_ai_c.id
                            ORDER BY
                              x_ai_c.position,
                              x_ai_c.id
                          ) FILTER (
                            WHERE
                              x_ai_c.shown
                          )
                        ) [1] AS first,
                        max(GREATEST(x_ai_c.modified_at, x_ai_c.deleted_at)) FILTER (
                          WHERE
                            x_ai_c.seen
                        ) AS modified
                      FROM
                        (
                          SELECT
                            x_ai_c_r.*,
                            x_ai_c_r.deleted_at IS NULL
                            AND x_ai_c_r.published_at IS NOT NULL
                            AND COALESCE(
                              (
                                SELECT
                                  vd_x_ai_c_r.deleted_at IS NULL
                                  AND vd_x_ai_c_r.published_at IS NOT NULL
                                  AND vd_x_ai_c_r.public
                                FROM
                                  document vd_x_ai_c_r
                                WHERE
                                  vd_x_ai_c_r.id = x_ai_c_r.document_id
                              ),
                              FALSE
                            ) AS shown,
                            x_ai_c_r.widest_audience >= 2
                            AND COALESCE(
                              (
                                SELECT
                                  od_x_ai_c_r.widest_audience >= 2
                                FROM
                                  document od_x_ai_c_r
                                WHERE
                                  od_x_ai_c_r.id = x_ai_c_r.document_id
                              ),
                              FALSE
                            ) AS seen
                          FROM
                            consultation x_ai_c_r
                          WHERE
                            x_ai_c_r.agenda_item_id = x_ai.id
                        ) x_ai_c
                    ) x_ai_ks
                )
                ORDER BY
                  x_ai.rank
              ) FILTER (
                WHERE
                  x_ai.shown
              ) AS items,
              max(x_ai.modified) FILTER (
                WHERE
                  x_ai.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_v.*,
                  x_v.deleted_at IS NULL
                  AND x_v.published_at IS NOT NULL
                  AND x_v.public AS shown,
                  x_v.widest_audience >= 2 AS seen,
                  GREATEST(
                    GREATEST(x_v.modified_at, x_v.deleted_at),
                    (
                      SELECT
                        max(GREATEST(x_v_mf.modified_at, x_v_mf.deleted_at))
                      FROM
                        file x_v_mf
                      WHERE
                        x_v_mf.agenda_item_id = x_v.id
                        AND x_v_mf.widest_audience >= 2
                    ),
                    (
                      SELECT
                        max(GREATEST(x_v_mc.modified_at, x_v_mc.deleted_at))
                      FROM
                        consultation x_v_mc
                      WHERE
                        x_v_mc.agenda_item_id = x_v.id
                        AND x_v_mc.widest_audience >= 2
                        AND COALESCE(
                          (
                            SELECT
                              od_x_v_mc.widest_audience >= 2
                            FROM
                              document od_x_v_mc
                            WHERE
                              od_x_v_mc.id = x_v_mc.document_id
                          ),
                          FALSE
                        )
                    )
                  ) AS modified,
                  (
                    row_number() OVER (
                      PARTITION BY
                        x_v.deleted_at IS NULL
                        AND x_v.published_at IS NOT NULL
                        AND x_v.public
                      ORDER BY
                        x_v.position,
                        x_v.id
                    ) - 1
                  )::int AS rank
                FROM
                  agenda_item x_v
                WHERE
                  x_v.session_id = x.id
                  AND (
                    x_v.deleted_at IS NULL
                    AND x_v.published_at IS NOT NULL
                    AND x_v.public
                    OR x_v.widest_audience >= 2
                  )
              ) x_ai
          ) x_ag
      )
      ELSE json_build_object(
        'id',
        $4::text || '/meeting/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Meeting',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(
                  GREATEST(
                    GREATEST(x_ma.modified_at, x_ma.deleted_at),
                    (
                      SELECT
                        max(GREATEST(x_ma_mf.modified_at, x_ma_mf.deleted_at))
                      FROM
                        file x_ma_mf
                      WHERE
                        x_ma_mf.agenda_item_id = x_ma.id
                        AND x_ma_mf.widest_audience >= 2
                    ),
                    (
                      SELECT
                        max(GREATEST(x_ma_mc.modified_at, x_ma_mc.deleted_at))
                      FROM
                        consultation x_ma_mc
                      WHERE
                        x_ma_mc.agenda_item_id = x_ma.id
                        AND x_ma_mc.widest_audience >= 2
                        AND COALESCE(
                          (
                            SELECT
                              od_x_ma_mc.widest_audience >= 2
                            FROM
                              document od_x_ma_mc
                            WHERE
                              od_x_ma_mc.id = x_ma_mc.document_id
                          ),
                          FALSE
                        )
                    )
                  )
                )
              FROM
                agenda_item x_ma
              WHERE
                x_ma.session_id = x.id
                AND x_ma.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
              FROM
                file x_mf
              WHERE
                x_mf.session_id = x.id
                AND x_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                minutes x_mm
              WHERE
                x_mm.session_id = x.id
                AND x_mm.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  session x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(
    GREATEST(x.modified_at, x.deleted_at),
    (
      SELECT
        max(
          GREATEST(
            GREATEST(x_ma.modified_at, x_ma.deleted_at),
            (
              SELECT
                max(GREATEST(x_ma_mf.modified_at, x_ma_mf.deleted_at))
              FROM
                file x_ma_mf
              WHERE
                x_ma_mf.agenda_item_id = x_ma.id
                AND x_ma_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_ma_mc.modified_at, x_ma_mc.deleted_at))
              FROM
                consultation x_ma_mc
              WHERE
                x_ma_mc.agenda_item_id = x_ma.id
                AND x_ma_mc.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_ma_mc.widest_audience >= 2
                    FROM
                      document od_x_ma_mc
                    WHERE
                      od_x_ma_mc.id = x_ma_mc.document_id
                  ),
                  FALSE
                )
            )
          )
        )
      FROM
        agenda_item x_ma
      WHERE
        x_ma.session_id = x.id
        AND x_ma.widest_audience >= 2
    ),
    (
      SELECT
        max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
      FROM
        file x_mf
      WHERE
        x_mf.session_id = x.id
        AND x_mf.widest_audience >= 2
    ),
    (
      SELECT
        max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
      FROM
        minutes x_mm
      WHERE
        x_mm.session_id = x.id
        AND x_mm.widest_audience >= 2
    ),
    (
      SELECT
        max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
      FROM
        location x_ml
      WHERE
        x_ml.id = x.location_id
        AND x_ml.widest_audience >= 2
    )
  ) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object meeting · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'meeting'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object meeting · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN (
        SELECT
          json_build_object(
            'id',
            $1::text || '/meeting/' || x.id,
            'type',
            'https://schema.oparl.org/1.1/Meeting',
            'name',
            NULLIF(x.name, ''),
            'meetingState',
            CASE x.state
              WHEN 'scheduled' THEN 'terminiert'
              WHEN 'invited' THEN 'eingeladen'
              WHEN 'held' THEN 'durchgeführt'
            END,
            'cancelled',
            x.cancelled,
            'start',
            to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'end',
            to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'location',
            (
              SELECT
                json_build_object(
                  'id',
                  $1::text || '/location/' || x_l.id,
                  'type',
                  'https://schema.oparl.org/1.1/Location',
                  'description',
                  NULLIF(x_l.description, ''),
                  'geojson',
                  x_l.geojson,
                  'streetAddress',
                  NULLIF(x_l.street_address, ''),
                  'room',
                  NULLIF(x_l.room, ''),
                  'postalCode',
                  NULLIF(x_l.postal_code, ''),
                  'subLocality',
                  NULLIF(x_l.sub_locality, ''),
                  'locality',
                  NULLIF(x_l.locality, ''),
                  'created',
                  to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
                )
              FROM
                location x_l
              WHERE
                x_l.id = x.location_id
                AND x_l.deleted_at IS NULL
                AND x_l.published_at IS NOT NULL
            ),
            'organization',
            (
              SELECT
                json_agg(
                  $1::text || '/organization/' || x_sc.committee_id
                  ORDER BY
                    x_sc.position,
                    x_sc.committee_id
                )
              FROM
                session_committee x_sc
              WHERE
                x_sc.session_id = x.id
                AND (
                  SELECT
                    x_c.deleted_at IS NULL
                    AND x_c.published_at IS NOT NULL
                  FROM
                    committee x_c
                  WHERE
                    x_c.id = x_sc.committee_id
                )
            ),
            'invitation',
            (
              SELECT
                json_build_object(
                  'id',
                  $1::text || '/file/' || x_if.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_if.name, ''),
                  'fileName',
                  NULLIF(x_if.file_name, ''),
                  'mimeType',
                  NULLIF(x_if.mime_type, ''),
                  'date',
                  to_char(x_if.date, 'YYYY-MM-DD'),
                  'size',
                  x_if.size,
                  'sha512Checksum',
                  lower(x_if.sha512),
                  'accessUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content',
                  'downloadUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_if.file_license, ''),
                  'created',
                  to_char(x_if.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_if.modified_at, x_if.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_if.id::text)
                )
              FROM
                file x_if
              WHERE
                x_if.session_id = x.id
                AND x_if.deleted_at IS NULL
                AND x_if.published_at IS NOT NULL
                AND x_if.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_if.deleted_at IS NULL
                      AND vd_x_if.published_at IS NOT NULL
                      AND vd_x_if.public
                    FROM
                      document vd_x_if
                    WHERE
                      vd_x_if.id = x_if.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      va_x_if.deleted_at IS NULL
                      AND va_x_if.published_at IS NOT NULL
                      AND va_x_if.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_if.deleted_at IS NULL
                            AND vs_va_x_if.published_at IS NOT NULL
                          FROM
                            session vs_va_x_if
                          WHERE
                            vs_va_x_if.id = va_x_if.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_if
                    WHERE
                      va_x_if.id = x_if.agenda_item_id
                  ),
                  TRUE
                )
                AND NOT EXISTS (
                  SELECT
                    1
                  FROM
                    minutes x_if_x
                  WHERE
                    x_if_x.file_id = x_if.id
                )
                AND x_if.role = 'invitation'
              ORDER BY
                x_if.position,
                x_if.id
              LIMIT
                1
            ),
            'resultsProtocol',
            (
              SELECT
                json_build_object(
                  'id',
                  $1::text || '/file/' || x_rp.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_rp.name, ''),
                  'fileName',
                  NULLIF(x_rp.file_name, ''),
                  'mimeType',
                  NULLIF(x_rp.mime_type, ''),
                  'date',
                  to_char(x_rp.date, 'YYYY-MM-DD'),
                  'size',
                  x_rp.size,
                  'sha512Checksum',
                  lower(x_rp.sha512),
                  'accessUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content',
                  'downloadUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_rp.file_license, ''),
                  'created',
                  to_char(x_rp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_rp.modified_at, x_rp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_rp.id::text)
                )
              FROM
                minutes x_rp_m
                JOIN file x_rp ON x_rp.id = x_rp_m.file_id
              WHERE
                x_rp_m.session_id = x.id
                AND x_rp_m.kind = 'results'
                AND x_rp_m.deleted_at IS NULL
                AND x_rp_m.status = 'published'
                AND COALESCE(
                  (
                    SELECT
                      vs_x_rp_m.deleted_at IS NULL
                      AND vs_x_rp_m.published_at IS NOT NULL
                    FROM
                      session vs_x_rp_m
                    WHERE
                      vs_x_rp_m.id = x_rp_m.session_id
                  ),
                  FALSE
                )
                AND x_rp.deleted_at IS NULL
                AND x_rp.published_at IS NOT NULL
                AND x_rp.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_rp.deleted_at IS NULL
                      AND vd_x_rp.published_at IS NOT NULL
                      AND vd_x_rp.public
                    FROM
                      document vd_x_rp
                    WHERE
                      vd_x_rp.id = x_rp.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      va_x_rp.deleted_at IS NULL
                      AND va_x_rp.published_at IS NOT NULL
                      AND va_x_rp.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_rp.deleted_at IS NULL
                            AND vs_va_x_rp.published_at IS NOT NULL
                          FROM
                            session vs_va_x_rp
                          WHERE
                            vs_va_x_rp.id = va_x_rp.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_rp
                    WHERE
                      va_x_rp.id = x_rp.agenda_item_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      vs_x_rp.deleted_at IS NULL
                      AND vs_x_rp.published_at IS NOT NULL
                    FROM
                      session vs_x_rp
                    WHERE
                      vs_x_rp.id = x_rp.session_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      bool_and(
                        vm_x_rp.deleted_at IS NULL
                        AND vm_x_rp.status = 'published'
                        AND COALESCE(
                          (
                            SELECT
                              vs_vm_x_rp.deleted_at IS NULL
                              AND vs_vm_x_rp.published_at IS NOT NULL
                            FROM
                              session vs_vm_x_rp
                            WHERE
                              vs_vm_x_rp.id = vm_x_rp.session_id
                          ),
                          FALSE
                        )
                      )
                    FROM
                      minutes vm_x_rp
                    WHERE
                      vm_x_rp.file_id = x_rp.id
                      AND vm_x_rp.deleted_at IS NULL
                  ),
                  TRUE
                )
              ORDER BY
                x_rp_m.created_at,
                x_rp_m.id
              LIMIT
                1
            ),
            'verbatimProtocol',
            (
              SELECT
                json_build_object(
                  'id',
                  $1::text || '/file/' || x_vp.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_vp.name, ''),
                  'fileName',
                  NULLIF(x_vp.file_name, ''),
                  'mimeType',
                  NULLIF(x_vp.mime_type, ''),
                  'date',
                  to_char(x_vp.date, 'YYYY-MM-DD'),
                  'size',
                  x_vp.size,
                  'sha512Checksum',
                  lower(x_vp.sha512),
                  'accessUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content',
                  'downloadUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_vp.file_license, ''),
                  'created',
                  to_char(x_vp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_vp.modified_at, x_vp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_vp.id::text)
                )
              FROM
                minutes x_vp_m
                JOIN file x_vp ON x_vp.id = x_vp_m.file_id
              WHERE
                x_vp_m.session_id = x.id
                AND x_vp_m.kind = 'verbatim'
                AND x_vp_m.deleted_at IS NULL
                AND x_vp_m.status = 'published'
                AND COALESCE(
                  (
                    SELECT
                      vs_x_vp_m.deleted_at IS NULL
                      AND vs_x_vp_m.published_at IS NOT NULL
                    FROM
                      session vs_x_vp_m
                    WHERE
                      vs_x_vp_m.id = x_vp_m.session_id
                  ),
                  FALSE
                )
                AND x_vp.deleted_at IS NULL
                AND x_vp.published_at IS NOT NULL
                AND x_vp.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_vp.deleted_at IS NULL
                      AND vd_x_vp.published_at IS NOT NULL
                      AND vd_x_vp.public
                    FROM
                      document vd_x_vp
                    WHERE
                      vd_x_vp.id = x_vp.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      va_x_vp.deleted_at IS NULL
                      AND va_x_vp.published_at IS NOT NULL
                      AND va_x_vp.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_vp.deleted_at IS NULL
                            AND vs_va_x_vp.published_at IS NOT NULL
                          FROM
                            session vs_va_x_vp
                          WHERE
                            vs_va_x_vp.id = va_x_vp.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_vp
                    WHERE
                      va_x_vp.id = x_vp.agenda_item_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      vs_x_vp.deleted_at IS NULL
                      AND vs_x_vp.published_at IS NOT NULL
                    FROM
                      session vs_x_vp
                    WHERE
                      vs_x_vp.id = x_vp.session_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      bool_and(
                        vm_x_vp.deleted_at IS NULL
                        AND vm_x_vp.status = 'published'
                        AND COALESCE(
                          (
                            SELECT
                              vs_vm_x_vp.deleted_at IS NULL
                              AND vs_vm_x_vp.published_at IS NOT NULL
                            FROM
                              session vs_vm_x_vp
                            WHERE
                              vs_vm_x_vp.id = vm_x_vp.session_id
                          ),
                          FALSE
                        )
                      )
                    FROM
                      minutes vm_x_vp
                    WHERE
                      vm_x_vp.file_id = x_vp.id
                      AND vm_x_vp.deleted_at IS NULL
                  ),
                  TRUE
                )
              ORDER BY
                x_vp_m.created_at,
                x_vp_m.id
              LIMIT
                1
            ),
            'auxiliaryFile',
            (
              SELECT
                json_agg(
                  json_build_object(
                    'id',
                    $1::text || '/file/' || x_af.id,
                    'type',
                    'https://schema.oparl.org/1.1/File',
                    'name',
                    NULLIF(x_af.name, ''),
                    'fileName',
                    NULLIF(x_af.file_name, ''),
                    'mimeType',
                    NULLIF(x_af.mime_type, ''),
                    'date',
                    to_char(x_af.date, 'YYYY-MM-DD'),
                    'size',
                    x_af.size,
                    'sha512Checksum',
                    lower(x_af.sha512),
                    'accessUrl',
                    $2::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content',
                    'downloadUrl',
                    $2::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content' || '?download=1',
                    'fileLicense',
                    NULLIF(x_af.file_license, ''),
                    'created',
                    to_char(x_af.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(GREATEST(x_af.modified_at, x_af.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'file', '{id}', x_af.id::text)
                  )
                  ORDER BY
                    x_af.position,
                    x_af.id
                )
              FROM
                (
                  SELECT
                    x_af_f.*,
                    (x_af_f.role = 'invitation') IS TRUE AS picked,
                    row_number() OVER (
                      PARTITION BY
                        (x_af_f.role = 'invitation') IS TRUE
                      ORDER BY
                        x_af_f.position,
                        x_af_f.id
                    ) AS rank
                  FROM
                    file x_af_f
                  WHERE
                    x_af_f.session_id = x.id
                    AND x_af_f.deleted_at IS NULL
                    AND x_af_f.published_at IS NOT NULL
                    AND x_af_f.public
                    AND COALESCE(
                      (
                        SELECT
                          vd_x_af_f.deleted_at IS NULL
                          AND vd_x_af_f.published_at IS NOT NULL
                          AND vd_x_af_f.public
                        FROM
                          document vd_x_af_f
                        WHERE
                          vd_x_af_f.id = x_af_f.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          va_x_af_f.deleted_at IS NULL
                          AND va_x_af_f.published_at IS NOT NULL
                          AND va_x_af_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_x_af_f.deleted_at IS NULL
                                AND vs_va_x_af_f.published_at IS NOT NULL
                              FROM
                                session vs_va_x_af_f
                              WHERE
                                vs_va_x_af_f.id = va_x_af_f.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_x_af_f
                        WHERE
                          va_x_af_f.id = x_af_f.agenda_item_id
                      ),
                      TRUE
                    )
                    AND x_af_f.role NOT IN ('results_protocol', 'verbatim_protocol')
                    AND NOT EXISTS (
                      SELECT
                        1
                      FROM
                        minutes x_af_f_x
                      WHERE
                        x_af_f_x.file_id = x_af_f.id
                    )
                ) x_af
              WHERE
                NOT (
                  x_af.picked
                  AND x_af.rank = 1
                )
            ),
            'agendaItem',
            x_ag.items,
            'created',
            to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(
              GREATEST(
                GREATEST(x.modified_at, x.deleted_at),
                x_ag.modified,
                (
                  SELECT
                    max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
                  FROM
                    file x_mf
                  WHERE
                    x_mf.session_id = x.id
                    AND x_mf.widest_audience >= 2
                ),
                (
                  SELECT
                    max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
                  FROM
                    minutes x_mm
                  WHERE
                    x_mm.session_id = x.id
                    AND x_mm.widest_audience >= 2
                ),
                (
                  SELECT
                    max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
                  FROM
                    location x_ml
                  WHERE
                    x_ml.id = x.location_id
                    AND x_ml.widest_audience >= 2
                )
              ),
              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
            ),
            'web',
            replace(b.web_url_templates ->> 'session', '{id}', x.id::text)
          )
        FROM
          (
            SELECT
              json_agg(
                (
                  SELECT
                    json_build_object(
                      'id',
                      $1::text || '/agendaItem/' || x_ai.id,
                      'type',
                      'https://schema.oparl.org/1.1/AgendaItem',
                      'number',
                      NULLIF(x_ai.number, ''),
                      'order',
                      x_ai.rank,
                      'name',
                      NULLIF(x_ai.name, ''),
                      'public',
                      x_ai.public,
                      'consultation',
                      x_ai_ks.first,
                      'result',
                      NULLIF(x_ai.result, ''),
                      'resolutionText',
                      NULLIF(x_ai.resolution_text, ''),
                      'resolutionFile',
                      x_ai_fs.first,
                      'auxiliaryFile',
                      x_ai_fs.rest,
                      'start',
                      to_char(x_ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'end',
                      to_char(x_ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'created',
                      to_char(x_ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'modified',
                      to_char(x_ai.modified, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                      'web',
                      replace(b.web_url_templates ->> 'agendaItem', '{id}', x_ai.id::text)
                    )
                  FROM
                    (
                      SELECT
                        (
                          array_agg(
                            json_build_object(
                              'id',
                              $1::text || '/file/' || x_ai_f.id,
                              'type',
                              'https://schema.oparl.org/1.1/File',
                              'name',
                              NULLIF(x_ai_f.name, ''),
                              'fileName',
                              NULLIF(x_ai_f.file_name, ''),
                              'mimeType',
                              NULLIF(x_ai_f.mime_type, ''),
                              'date',
                              to_char(x_ai_f.date, 'YYYY-MM-DD'),
                              'size',
                              x_ai_f.size,
                              'sha512Checksum',
                              lower(x_ai_f.sha512),
                              'accessUrl',
                              $2::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                              'downloadUrl',
                              $2::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                              'fileLicense',
                              NULLIF(x_ai_f.file_license, ''),
                              'created',
                              to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                              'modified',
                              to_char(
                                GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                                'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                              ),
                              'web',
                              replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                            )
                            ORDER BY
                              x_ai_f.position,
                              x_ai_f.id
                          ) FILTER (
                            WHERE
                              x_ai_f.shown
                              AND x_ai_f.picked
                          )
                        ) [1] AS first,
                        json_agg(
                          json_build_object(
                            'id',
                            $1::text || '/file/' || x_ai_f.id,
                            'type',
                            'https://schema.oparl.org/1.1/File',
                            'name',
                            NULLIF(x_ai_f.name, ''),
                            'fileName',
                            NULLIF(x_ai_f.file_name, ''),
                            'mimeType',
                            NULLIF(x_ai_f.mime_type, ''),
                            'date',
                            to_char(x_ai_f.date, 'YYYY-MM-DD'),
                            'size',
                            x_ai_f.size,
                            'sha512Checksum',
                            lower(x_ai_f.sha512),
                            'accessUrl',
                            $2::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                            'downloadUrl',
                            $2::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                            'fileLicense',
                            NULLIF(x_ai_f.file_license, ''),
                            'created',
                            to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                            'modified',
                            to_char(
                              GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                            ),
                            'web',
                            replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                          )
                          ORDER BY
                            x_ai_f.position,
                            x_ai_f.id
                        ) FILTER (
                          WHERE
                            x_ai_f.shown
                            AND NOT (
                              x_ai_f.picked
                              AND x_ai_f.rank = 1
                            )
                        ) AS rest,
                        max(GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at)) FILTER (
                          WHERE
                            x_ai_f.seen
                        ) AS modified
                      FROM
                        (
                          SELECT
                            x_ai_f_f.*,
                            x_ai_f_f.deleted_at IS NULL
                            AND x_ai_f_f.published_at IS NOT NULL
                            AND x_ai_f_f.public
                            AND COALESCE(
                              (
                                SELECT
                                  vd_x_ai_f_f.deleted_at IS NULL
                                  AND vd_x_ai_f_f.published_at IS NOT NULL
                                  AND vd_x_ai_f_f.public
                                FROM
                                  document vd_x_ai_f_f
                                WHERE
                                  vd_x_ai_f_f.id = x_ai_f_f.document_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  vs_x_ai_f_f.deleted_at IS NULL
                                  AND vs_x_ai_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_x_ai_f_f
                                WHERE
                                  vs_x_ai_f_f.id = x_ai_f_f.session_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  bool_and(
                                    vm_x_ai_f_f.deleted_at IS NULL
                                    AND vm_x_ai_f_f.status = 'published'
                                    AND COALESCE(
                                      (
                                        SELECT
                                          vs_vm_x_ai_f_f.deleted_at IS NULL
                                          AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                        FROM
                                          session vs_vm_x_ai_f_f
                                        WHERE
                                          vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                      ),
                                      FALSE
                                    )
                                  )
                                FROM
                                  minutes vm_x_ai_f_f
                                WHERE
                                  vm_x_ai_f_f.file_id = x_ai_f_f.id
                                  AND vm_x_ai_f_f.deleted_at IS NULL
                              ),
                              TRUE
                            ) AS shown,
                            x_ai_f_f.widest_audience >= 2 AS seen,
                            (x_ai_f_f.role = 'resolution') IS TRUE AS picked,
                            row_number() OVER (
                              PARTITION BY
                                x_ai_f_f.deleted_at IS NULL
                                AND x_ai_f_f.published_at IS NOT NULL
                                AND x_ai_f_f.public
                                AND COALESCE(
                                  (
                                    SELECT
                                      vd_x_ai_f_f.deleted_at IS NULL
                                      AND vd_x_ai_f_f.published_at IS NOT NULL
                                      AND vd_x_ai_f_f.public
                                    FROM
                                      document vd_x_ai_f_f
                                    WHERE
                                      vd_x_ai_f_f.id = x_ai_f_f.document_id
                                  ),
                                  TRUE
                                )
                                AND COALESCE(
                                  (
                                    SELECT
                                      vs_x_ai_f_f.deleted_at IS NULL
                                      AND vs_x_ai_f_f.published_at IS NOT NULL
                                    FROM
                                      session vs_x_ai_f_f
                                    WHERE
                                      vs_x_ai_f_f.id = x_ai_f_f.session_id
                                  ),
                                  TRUE
                                )
                                AND COALESCE(
                                  (
                                    SELECT
                                      bool_and(
                                        vm_x_ai_f_f.deleted_at IS NULL
                                        AND vm_x_ai_f_f.status = 'published'
                                        AND COALESCE(
                                          (
                                            SELECT
                                              vs_vm_x_ai_f_f.deleted_at IS NULL
                                              AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                            FROM
                                              session vs_vm_x_ai_f_f
                                            WHERE
                                              vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                          ),
                                          FALSE
                                        )
                                      )
                                    FROM
                                      minutes vm_x_ai_f_f
                                    WHERE
                                      vm_x_ai_f_f.file_id = x_ai_f_f.id
                                      AND vm_x_ai_f_f.deleted_at IS NULL
                                  ),
                                  TRUE
                                ),
                                (x_ai_f_f.role = 'resolution') IS TRUE
                              ORDER BY
                                x_ai_f_f.position,
                                x_ai_f_f.id
                            ) AS rank
                          FROM
                            file x_ai_f_f
                          WHERE
                            x_ai_f_f.agenda_item_id = x_ai.id
                            AND (
                              x_ai_f_f.widest_audience >= 2
                              OR x_ai_f_f.deleted_at IS NULL
                              AND x_ai_f_f.published_at IS NOT NULL
                              AND x_ai_f_f.public
                              AND COALESCE(
                                (
                                  SELECT
                                    vd_x_ai_f_f.deleted_at IS NULL
                                    AND vd_x_ai_f_f.published_at IS NOT NULL
                                    AND vd_x_ai_f_f.public
                                  FROM
                                    document vd_x_ai_f_f
                                  WHERE
                                    vd_x_ai_f_f.id = x_ai_f_f.document_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_x_ai_f_f.deleted_at IS NULL
                                    AND vs_x_ai_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_x_ai_f_f
                                  WHERE
                                    vs_x_ai_f_f.id = x_ai_f_f.session_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    bool_and(
                                      vm_x_ai_f_f.deleted_at IS NULL
                                      AND vm_x_ai_f_f.status = 'published'
                                      AND COALESCE(
                                        (
                                          SELECT
                                            vs_vm_x_ai_f_f.deleted_at IS NULL
                                            AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                          FROM
                                            session vs_vm_x_ai_f_f
                                          WHERE
                                            vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                        ),
                                        FALSE
                                      )
                                    )
                                  FROM
                                    minutes vm_x_ai_f_f
                                  WHERE
                                    vm_x_ai_f_f.file_id = x_ai_f_f.id
                                    AND vm_x_ai_f_f.deleted_at IS NULL
                                ),
                                TRUE
                              )
                            )
                        ) x_ai_f
                    ) x_ai_fs,
                    (
                      SELECT
                        (
                          array_agg(
                            $1::text || '/consultation/' || x_ai_c.id
                            ORDER BY
                              x_ai_c.position,
                              x_ai_c.id
                          ) FILTER (
                            WHERE
                              x_ai_c.shown
                          )
                        ) [1] AS first,
                        max(GREATEST(x_ai_c.modified_at, x_ai_c.deleted_at)) FILTER (
                          WHERE
                            x_ai_c.seen
                        ) AS modified
                      FROM
                        (
                          SELECT
                            x_ai_c_r.*,
                            x_ai_c_r.deleted_at IS NULL
                            AND x_ai_c_r.published_at IS NOT NULL
                            AND COALESCE(
                              (
                                SELECT
                                  vd_x_ai_c_r.deleted_at IS NULL
                                  AND vd_x_ai_c_r.published_at IS NOT NULL
                                  AND vd_x_ai_c_r.public
                                FROM
                                  document vd_x_ai_c_r
                                WHERE
                                  vd_x_ai_c_r.id = x_ai_c_r.document_id
                              ),
                              FALSE
                            ) AS shown,
                            x_ai_c_r.widest_audience >= 2
                            AND COALESCE(
                              (
                                SELECT
                                  od_x_ai_c_r.widest_audience >= 2
                                FROM
                                  document od_x_ai_c_r
                                WHERE
                                  od_x_ai_c_r.id = x_ai_c_r.document_id
                              ),
                              FALSE
                            ) AS seen
                          FROM
                            consultation x_ai_c_r
                          WHERE
                            x_ai_c_r.agenda_item_id = x_ai.id
                        ) x_ai_c
                    ) x_ai_ks
                )
                ORDER BY
                  x_ai.rank
              ) FILTER (
                WHERE
                  x_ai.shown
              ) AS items,
              max(x_ai.modified) FILTER (
                WHERE
                  x_ai.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_v.*,
                  x_v.deleted_at IS NULL
                  AND x_v.published_at IS NOT NULL
                  AND x_v.public AS shown,
                  x_v.widest_audience >= 2 AS seen,
                  GREATEST(
                    GREATEST(x_v.modified_at, x_v.deleted_at),
                    (
                      SELECT
                        max(GREATEST(x_v_mf.modified_at, x_v_mf.deleted_at))
                      FROM
                        file x_v_mf
                      WHERE
                        x_v_mf.agenda_item_id = x_v.id
                        AND x_v_mf.widest_audience >= 2
                    ),
                    (
                      SELECT
                        max(GREATEST(x_v_mc.modified_at, x_v_mc.deleted_at))
                      FROM
                        consultation x_v_mc
                      WHERE
                        x_v_mc.agenda_item_id = x_v.id
                        AND x_v_mc.widest_audience >= 2
                        AND COALESCE(
                          (
                            SELECT
                              od_x_v_mc.widest_audience >= 2
                            FROM
                              document od_x_v_mc
                            WHERE
                              od_x_v_mc.id = x_v_mc.document_id
                          ),
                          FALSE
                        )
                    )
                  ) AS modified,
                  (
                    row_number() OVER (
                      PARTITION BY
                        x_v.deleted_at IS NULL
                        AND x_v.published_at IS NOT NULL
                        AND x_v.public
                      ORDER BY
                        x_v.position,
                        x_v.id
                    ) - 1
                  )::int AS rank
                FROM
                  agenda_item x_v
                WHERE
                  x_v.session_id = x.id
                  AND (
                    x_v.deleted_at IS NULL
                    AND x_v.published_at IS NOT NULL
                    AND x_v.public
                    OR x_v.widest_audience >= 2
                  )
              ) x_ai
          ) x_ag
      )
      ELSE json_build_object(
        'id',
        $1::text || '/meeting/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Meeting',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(
                  GREATEST(
                    GREATEST(x_ma.modified_at, x_ma.deleted_at),
                    (
                      SELECT
                        max(GREATEST(x_ma_mf.modified_at, x_ma_mf.deleted_at))
                      FROM
                        file x_ma_mf
                      WHERE
                        x_ma_mf.agenda_item_id = x_ma.id
                        AND x_ma_mf.widest_audience >= 2
                    ),
                    (
                      SELECT
                        max(GREATEST(x_ma_mc.modified_at, x_ma_mc.deleted_at))
                      FROM
                        consultation x_ma_mc
                      WHERE
                        x_ma_mc.agenda_item_id = x_ma.id
                        AND x_ma_mc.widest_audience >= 2
                        AND COALESCE(
                          (
                            SELECT
                              od_x_ma_mc.widest_audience >= 2
                            FROM
                              document od_x_ma_mc
                            WHERE
                              od_x_ma_mc.id = x_ma_mc.document_id
                          ),
                          FALSE
                        )
                    )
                  )
                )
              FROM
                agenda_item x_ma
              WHERE
                x_ma.session_id = x.id
                AND x_ma.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
              FROM
                file x_mf
              WHERE
                x_mf.session_id = x.id
                AND x_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
              FROM
                minutes x_mm
              WHERE
                x_mm.session_id = x.id
                AND x_mm.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
              FROM
                location x_ml
              WHERE
                x_ml.id = x.location_id
                AND x_ml.widest_audience >= 2
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  session x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $3::uuid
  AND x.widest_audience >= 2;

-- oparl: list of agendaItem · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'agendaItem'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of agendaItem · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    (
      SELECT
        json_build_object(
          'id',
          $2::text || '/agendaItem/' || x.id,
          'type',
          'https://schema.oparl.org/1.1/AgendaItem',
          'meeting',
          $2::text || '/meeting/' || x.session_id,
          'number',
          NULLIF(x.number, ''),
          'order',
          (
            SELECT
              count(*)::int
            FROM
              agenda_item x_r
            WHERE
              x_r.session_id = x.session_id
              AND (x_r.position, x_r.id) < (x.position, x.id)
              AND x_r.deleted_at IS NULL
              AND x_r.published_at IS NOT NULL
              AND x_r.public
          ),
          'name',
          NULLIF(x.name, ''),
          'public',
          x.public,
          'consultation',
          x_ks.first,
          'result',
          NULLIF(x.result, ''),
          'resolutionText',
          NULLIF(x.resolution_text, ''),
          'resolutionFile',
          x_fs.first,
          'auxiliaryFile',
          x_fs.rest,
          'start',
          to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'end',
          to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'created',
          to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'modified',
          to_char(
            GREATEST(GREATEST(x.modified_at, x.deleted_at), x_fs.modified, x_ks.modified),
            'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
          ),
          'web',
          replace(b.web_url_templates ->> 'agendaItem', '{id}', x.id::text)
        )
      FROM
        (
          SELECT
            (
              array_agg(
                json_build_object(
                  'id',
                  $2::text || '/file/' || x_f.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_f.name, ''),
                  'fileName',
                  NULLIF(x_f.file_name, ''),
                  'mimeType',
                  NULLIF(x_f.mime_type, ''),
                  'date',
                  to_char(x_f.date, 'YYYY-MM-DD'),
                  'size',
                  x_f.size,
                  'sha512Checksum',
                  lower(x_f.sha512),
                  'accessUrl',
                  $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                  'downloadUrl',
                  $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_f.file_license, ''),
                  'created',
                  to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                )
                ORDER BY
                  x_f.position,
                  x_f.id
              ) FILTER (
                WHERE
                  x_f.shown
                  AND x_f.picked
              )
            ) [1] AS first,
            json_agg(
              json_build_object(
                'id',
                $2::text || '/file/' || x_f.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_f.name, ''),
                'fileName',
                NULLIF(x_f.file_name, ''),
                'mimeType',
                NULLIF(x_f.mime_type, ''),
                'date',
                to_char(x_f.date, 'YYYY-MM-DD'),
                'size',
                x_f.size,
                'sha512Checksum',
                lower(x_f.sha512),
                'accessUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                'downloadUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_f.file_license, ''),
                'created',
                to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
              )
              ORDER BY
                x_f.position,
                x_f.id
            ) FILTER (
              WHERE
                x_f.shown
                AND NOT (
                  x_f.picked
                  AND x_f.rank = 1
                )
            ) AS rest,
            max(GREATEST(x_f.modified_at, x_f.deleted_at)) FILTER (
              WHERE
                x_f.seen
            ) AS modified
          FROM
            (
              SELECT
                x_f_f.*,
                x_f_f.deleted_at IS NULL
                AND x_f_f.published_at IS NOT NULL
                AND x_f_f.public
                AND COALESCE(
                  (
                    SELECT
                      vd_x_f_f.deleted_at IS NULL
                      AND vd_x_f_f.published_at IS NOT NULL
                      AND vd_x_f_f.public
                    FROM
                      document vd_x_f_f
                    WHERE
                      vd_x_f_f.id = x_f_f.document_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      vs_x_f_f.deleted_at IS NULL
                      AND vs_x_f_f.published_at IS NOT NULL
                    FROM
                      session vs_x_f_f
                    WHERE
                      vs_x_f_f.id = x_f_f.session_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      bool_and(
                        vm_x_f_f.deleted_at IS NULL
                        AND vm_x_f_f.status = 'published'
                        AND COALESCE(
                          (
                            SELECT
                              vs_vm_x_f_f.deleted_at IS NULL
                              AND vs_vm_x_f_f.published_at IS NOT NULL
                            FROM
                              session vs_vm_x_f_f
                            WHERE
                              vs_vm_x_f_f.id = vm_x_f_f.session_id
                          ),
                          FALSE
                        )
                      )
                    FROM
                      minutes vm_x_f_f
                    WHERE
                      vm_x_f_f.file_id = x_f_f.id
                      AND vm_x_f_f.deleted_at IS NULL
                  ),
                  TRUE
                ) AS shown,
                x_f_f.widest_audience >= 2 AS seen,
                (x_f_f.role = 'resolution') IS TRUE AS picked,
                row_number() OVER (
                  PARTITION BY
                    x_f_f.deleted_at IS NULL
                    AND x_f_f.published_at IS NOT NULL
                    AND x_f_f.public
                    AND COALESCE(
                      (
                        SELECT
                          vd_x_f_f.deleted_at IS NULL
                          AND vd_x_f_f.published_at IS NOT NULL
                          AND vd_x_f_f.public
                        FROM
                          document vd_x_f_f
                        WHERE
                          vd_x_f_f.id = x_f_f.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_x_f_f.deleted_at IS NULL
                          AND vs_x_f_f.published_at IS NOT NULL
                        FROM
                          session vs_x_f_f
                        WHERE
                          vs_x_f_f.id = x_f_f.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_x_f_f.deleted_at IS NULL
                            AND vm_x_f_f.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_x_f_f.deleted_at IS NULL
                                  AND vs_vm_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_vm_x_f_f
                                WHERE
                                  vs_vm_x_f_f.id = vm_x_f_f.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_x_f_f
                        WHERE
                          vm_x_f_f.file_id = x_f_f.id
                          AND vm_x_f_f.deleted_at IS NULL
                      ),
                      TRUE
                    ),
                    (x_f_f.role = 'resolution') IS TRUE
                  ORDER BY
                    x_f_f.position,
                    x_f_f.id
                ) AS rank
              FROM
                file x_f_f
              WHERE
                x_f_f.agenda_item_id = x.id
                AND (
                  x_f_f.widest_audience >= 2
                  OR x_f_f.deleted_at IS NULL
                  AND x_f_f.published_at IS NOT NULL
                  AND x_f_f.public
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_f_f.deleted_at IS NULL
                        AND vd_x_f_f.published_at IS NOT NULL
                        AND vd_x_f_f.public
                      FROM
                        document vd_x_f_f
                      WHERE
                        vd_x_f_f.id = x_f_f.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_x_f_f.deleted_at IS NULL
                        AND vs_x_f_f.published_at IS NOT NULL
                      FROM
                        session vs_x_f_f
                      WHERE
                        vs_x_f_f.id = x_f_f.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_x_f_f.deleted_at IS NULL
                          AND vm_x_f_f.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_x_f_f.deleted_at IS NULL
                                AND vs_vm_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_vm_x_f_f
                              WHERE
                                vs_vm_x_f_f.id = vm_x_f_f.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_x_f_f
                      WHERE
                        vm_x_f_f.file_id = x_f_f.id
                        AND vm_x_f_f.deleted_at IS NULL
                    ),
                    TRUE
                  )
                )
            ) x_f
        ) x_fs,
        (
          SELECT
            (
              array_agg(
                $2::text || '/consultation/' || x_c.id
                ORDER BY
                  x_c.position,
                  x_c.id
              ) FILTER (
                WHERE
                  x_c.shown
              )
            ) [1] AS first,
            max(GREATEST(x_c.modified_at, x_c.deleted_at)) FILTER (
              WHERE
                x_c.seen
            ) AS modified
          FROM
            (
              SELECT
                x_c_r.*,
                x_c_r.deleted_at IS NULL
                AND x_c_r.published_at IS NOT NULL
                AND COALESCE(
                  (
                    SELECT
                      vd_x_c_r.deleted_at IS NULL
                      AND vd_x_c_r.published_at IS NOT NULL
                      AND vd_x_c_r.public
                    FROM
                      document vd_x_c_r
                    WHERE
                      vd_x_c_r.id = x_c_r.document_id
                  ),
                  FALSE
                ) AS shown,
                x_c_r.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_c_r.widest_audience >= 2
                    FROM
                      document od_x_c_r
                    WHERE
                      od_x_c_r.id = x_c_r.document_id
                  ),
                  FALSE
                ) AS seen
              FROM
                consultation x_c_r
              WHERE
                x_c_r.agenda_item_id = x.id
            ) x_c
        ) x_ks
    )
  ) AS j,
  x.id::text AS _k0
FROM
  agenda_item x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND x.public
  AND COALESCE(
    (
      SELECT
        vs_x.deleted_at IS NULL
        AND vs_x.published_at IS NOT NULL
      FROM
        session vs_x
      WHERE
        vs_x.id = x.session_id
    ),
    FALSE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of agendaItem changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND x.public
      AND COALESCE(
        (
          SELECT
            vs_x.deleted_at IS NULL
            AND vs_x.published_at IS NOT NULL
          FROM
            session vs_x
          WHERE
            vs_x.id = x.session_id
        ),
        FALSE
      ) THEN (
        SELECT
          json_build_object(
            'id',
            $4::text || '/agendaItem/' || x.id,
            'type',
            'https://schema.oparl.org/1.1/AgendaItem',
            'meeting',
            $4::text || '/meeting/' || x.session_id,
            'number',
            NULLIF(x.number, ''),
            'order',
            (
              SELECT
                count(*)::int
              FROM
                agenda_item x_r
              WHERE
                x_r.session_id = x.session_id
                AND (x_r.position, x_r.id) < (x.position, x.id)
                AND x_r.deleted_at IS NULL
                AND x_r.published_at IS NOT NULL
                AND x_r.public
            ),
            'name',
            NULLIF(x.name, ''),
            'public',
            x.public,
            'consultation',
            x_ks.first,
            'result',
            NULLIF(x.result, ''),
            'resolutionText',
            NULLIF(x.resolution_text, ''),
            'resolutionFile',
            x_fs.first,
            'auxiliaryFile',
            x_fs.rest,
            'start',
            to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'end',
            to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'created',
            to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(
              GREATEST(GREATEST(x.modified_at, x.deleted_at), x_fs.modified, x_ks.modified),
              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
            ),
            'web',
            replace(b.web_url_templates ->> 'agendaItem', '{id}', x.id::text)
          )
        FROM
          (
            SELECT
              (
                array_agg(
                  json_build_object(
                    'id',
                    $4::text || '/file/' || x_f.id,
                    'type',
                    'https://schema.oparl.org/1.1/File',
                    'name',
                    NULLIF(x_f.name, ''),
                    'fileName',
                    NULLIF(x_f.file_name, ''),
                    'mimeType',
                    NULLIF(x_f.mime_type, ''),
                    'date',
                    to_char(x_f.date, 'YYYY-MM-DD'),
                    'size',
                    x_f.size,
                    'sha512Checksum',
                    lower(x_f.sha512),
                    'accessUrl',
                    $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                    'downloadUrl',
                    $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                    'fileLicense',
                    NULLIF(x_f.file_license, ''),
                    'created',
                    to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                  )
                  ORDER BY
                    x_f.position,
                    x_f.id
                ) FILTER (
                  WHERE
                    x_f.shown
                    AND x_f.picked
                )
              ) [1] AS first,
              json_agg(
                json_build_object(
                  'id',
                  $4::text || '/file/' || x_f.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_f.name, ''),
                  'fileName',
                  NULLIF(x_f.file_name, ''),
                  'mimeType',
                  NULLIF(x_f.mime_type, ''),
                  'date',
                  to_char(x_f.date, 'YYYY-MM-DD'),
                  'size',
                  x_f.size,
                  'sha512Checksum',
                  lower(x_f.sha512),
                  'accessUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                  'downloadUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_f.file_license, ''),
                  'created',
                  to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                )
                ORDER BY
                  x_f.position,
                  x_f.id
              ) FILTER (
                WHERE
                  x_f.shown
                  AND NOT (
                    x_f.picked
                    AND x_f.rank = 1
                  )
              ) AS rest,
              max(GREATEST(x_f.modified_at, x_f.deleted_at)) FILTER (
                WHERE
                  x_f.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_f_f.*,
                  x_f_f.deleted_at IS NULL
                  AND x_f_f.published_at IS NOT NULL
                  AND x_f_f.public
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_f_f.deleted_at IS NULL
                        AND vd_x_f_f.published_at IS NOT NULL
                        AND vd_x_f_f.public
                      FROM
                        document vd_x_f_f
                      WHERE
                        vd_x_f_f.id = x_f_f.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_x_f_f.deleted_at IS NULL
                        AND vs_x_f_f.published_at IS NOT NULL
                      FROM
                        session vs_x_f_f
                      WHERE
                        vs_x_f_f.id = x_f_f.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_x_f_f.deleted_at IS NULL
                          AND vm_x_f_f.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_x_f_f.deleted_at IS NULL
                                AND vs_vm_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_vm_x_f_f
                              WHERE
                                vs_vm_x_f_f.id = vm_x_f_f.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_x_f_f
                      WHERE
                        vm_x_f_f.file_id = x_f_f.id
                        AND vm_x_f_f.deleted_at IS NULL
                    ),
                    TRUE
                  ) AS shown,
                  x_f_f.widest_audience >= 2 AS seen,
                  (x_f_f.role = 'resolution') IS TRUE AS picked,
                  row_number() OVER (
                    PARTITION BY
                      x_f_f.deleted_at IS NULL
                      AND x_f_f.published_at IS NOT NULL
                      AND x_f_f.public
                      AND COALESCE(
                        (
                          SELECT
                            vd_x_f_f.deleted_at IS NULL
                            AND vd_x_f_f.published_at IS NOT NULL
                            AND vd_x_f_f.public
                          FROM
                            document vd_x_f_f
                          WHERE
                            vd_x_f_f.id = x_f_f.document_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            vs_x_f_f.deleted_at IS NULL
                            AND vs_x_f_f.published_at IS NOT NULL
                          FROM
                            session vs_x_f_f
                          WHERE
                            vs_x_f_f.id = x_f_f.session_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            bool_and(
                              vm_x_f_f.deleted_at IS NULL
                              AND vm_x_f_f.status = 'published'
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_vm_x_f_f.deleted_at IS NULL
                                    AND vs_vm_x_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_vm_x_f_f
                                  WHERE
                                    vs_vm_x_f_f.id = vm_x_f_f.session_id
                                ),
                                FALSE
                              )
                            )
                          FROM
                            minutes vm_x_f_f
                          WHERE
                            vm_x_f_f.file_id = x_f_f.id
                            AND vm_x_f_f.deleted_at IS NULL
                        ),
                        TRUE
                      ),
                      (x_f_f.role = 'resolution') IS TRUE
                    ORDER BY
                      x_f_f.position,
                      x_f_f.id
                  ) AS rank
                FROM
                  file x_f_f
                WHERE
                  x_f_f.agenda_item_id = x.id
                  AND (
                    x_f_f.widest_audience >= 2
                    OR x_f_f.deleted_at IS NULL
                    AND x_f_f.published_at IS NOT NULL
                    AND x_f_f.public
                    AND COALESCE(
                      (
                        SELECT
                          vd_x_f_f.deleted_at IS NULL
                          AND vd_x_f_f.published_at IS NOT NULL
                          AND vd_x_f_f.public
                        FROM
                          document vd_x_f_f
                        WHERE
                          vd_x_f_f.id = x_f_f.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_x_f_f.deleted_at IS NULL
                          AND vs_x_f_f.published_at IS NOT NULL
                        FROM
                          session vs_x_f_f
                        WHERE
                          vs_x_f_f.id = x_f_f.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_x_f_f.deleted_at IS NULL
                            AND vm_x_f_f.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_x_f_f.deleted_at IS NULL
                                  AND vs_vm_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_vm_x_f_f
                                WHERE
                                  vs_vm_x_f_f.id = vm_x_f_f.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_x_f_f
                        WHERE
                          vm_x_f_f.file_id = x_f_f.id
                          AND vm_x_f_f.deleted_at IS NULL
                      ),
                      TRUE
                    )
                  )
              ) x_f
          ) x_fs,
          (
            SELECT
              (
                array_agg(
                  $4::text || '/consultation/' || x_c.id
                  ORDER BY
                    x_c.position,
                    x_c.id
                ) FILTER (
                  WHERE
                    x_c.shown
                )
              ) [1] AS first,
              max(GREATEST(x_c.modified_at, x_c.deleted_at)) FILTER (
                WHERE
                  x_c.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_c_r.*,
                  x_c_r.deleted_at IS NULL
                  AND x_c_r.published_at IS NOT NULL
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_c_r.deleted_at IS NULL
                        AND vd_x_c_r.published_at IS NOT NULL
                        AND vd_x_c_r.public
                      FROM
                        document vd_x_c_r
                      WHERE
                        vd_x_c_r.id = x_c_r.document_id
                    ),
                    FALSE
                  ) AS shown,
                  x_c_r.widest_audience >= 2
                  AND COALESCE(
                    (
                      SELECT
                        od_x_c_r.widest_audience >= 2
                      FROM
                        document od_x_c_r
                      WHERE
                        od_x_c_r.id = x_c_r.document_id
                    ),
                    FALSE
                  ) AS seen
                FROM
                  consultation x_c_r
                WHERE
                  x_c_r.agenda_item_id = x.id
              ) x_c
          ) x_ks
      )
      ELSE json_build_object(
        'id',
        $4::text || '/agendaItem/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/AgendaItem',
        'order',
        x.position,
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
              FROM
                file x_mf
              WHERE
                x_mf.agenda_item_id = x.id
                AND x_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mc.modified_at, x_mc.deleted_at))
              FROM
                consultation x_mc
              WHERE
                x_mc.agenda_item_id = x.id
                AND x_mc.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_mc.widest_audience >= 2
                    FROM
                      document od_x_mc
                    WHERE
                      od_x_mc.id = x_mc.document_id
                  ),
                  FALSE
                )
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  agenda_item x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(
    GREATEST(x.modified_at, x.deleted_at),
    (
      SELECT
        max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
      FROM
        file x_mf
      WHERE
        x_mf.agenda_item_id = x.id
        AND x_mf.widest_audience >= 2
    ),
    (
      SELECT
        max(GREATEST(x_mc.modified_at, x_mc.deleted_at))
      FROM
        consultation x_mc
      WHERE
        x_mc.agenda_item_id = x.id
        AND x_mc.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              od_x_mc.widest_audience >= 2
            FROM
              document od_x_mc
            WHERE
              od_x_mc.id = x_mc.document_id
          ),
          FALSE
        )
    )
  ) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        os_x.widest_audience >= 2
      FROM
        session os_x
      WHERE
        os_x.id = x.session_id
    ),
    FALSE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object agendaItem · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'agendaItem'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object agendaItem · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND x.public
      AND COALESCE(
        (
          SELECT
            vs_x.deleted_at IS NULL
            AND vs_x.published_at IS NOT NULL
          FROM
            session vs_x
          WHERE
            vs_x.id = x.session_id
        ),
        FALSE
      ) THEN (
        SELECT
          json_build_object(
            'id',
            $1::text || '/agendaItem/' || x.id,
            'type',
            'https://schema.oparl.org/1.1/AgendaItem',
            'meeting',
            $1::text || '/meeting/' || x.session_id,
            'number',
            NULLIF(x.number, ''),
            'order',
            (
              SELECT
                count(*)::int
              FROM
                agenda_item x_r
              WHERE
                x_r.session_id = x.session_id
                AND (x_r.position, x_r.id) < (x.position, x.id)
                AND x_r.deleted_at IS NULL
                AND x_r.published_at IS NOT NULL
                AND x_r.public
            ),
            'name',
            NULLIF(x.name, ''),
            'public',
            x.public,
            'consultation',
            x_ks.first,
            'result',
            NULLIF(x.result, ''),
            'resolutionText',
            NULLIF(x.resolution_text, ''),
            'resolutionFile',
            x_fs.first,
            'auxiliaryFile',
            x_fs.rest,
            'start',
            to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'end',
            to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'created',
            to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(
              GREATEST(GREATEST(x.modified_at, x.deleted_at), x_fs.modified, x_ks.modified),
              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
            ),
            'web',
            replace(b.web_url_templates ->> 'agendaItem', '{id}', x.id::text)
          )
        FROM
          (
            SELECT
              (
                array_agg(
                  json_build_object(
                    'id',
                    $1::text || '/file/' || x_f.id,
                    'type',
                    'https://schema.oparl.org/1.1/File',
                    'name',
                    NULLIF(x_f.name, ''),
                    'fileName',
                    NULLIF(x_f.file_name, ''),
                    'mimeType',
                    NULLIF(x_f.mime_type, ''),
                    'date',
                    to_char(x_f.date, 'YYYY-MM-DD'),
                    'size',
                    x_f.size,
                    'sha512Checksum',
                    lower(x_f.sha512),
                    'accessUrl',
                    $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                    'downloadUrl',
                    $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                    'fileLicense',
                    NULLIF(x_f.file_license, ''),
                    'created',
                    to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                  )
                  ORDER BY
                    x_f.position,
                    x_f.id
                ) FILTER (
                  WHERE
                    x_f.shown
                    AND x_f.picked
                )
              ) [1] AS first,
              json_agg(
                json_build_object(
                  'id',
                  $1::text || '/file/' || x_f.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_f.name, ''),
                  'fileName',
                  NULLIF(x_f.file_name, ''),
                  'mimeType',
                  NULLIF(x_f.mime_type, ''),
                  'date',
                  to_char(x_f.date, 'YYYY-MM-DD'),
                  'size',
                  x_f.size,
                  'sha512Checksum',
                  lower(x_f.sha512),
                  'accessUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                  'downloadUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_f.file_license, ''),
                  'created',
                  to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                )
                ORDER BY
                  x_f.position,
                  x_f.id
              ) FILTER (
                WHERE
                  x_f.shown
                  AND NOT (
                    x_f.picked
                    AND x_f.rank = 1
                  )
              ) AS rest,
              max(GREATEST(x_f.modified_at, x_f.deleted_at)) FILTER (
                WHERE
                  x_f.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_f_f.*,
                  x_f_f.deleted_at IS NULL
                  AND x_f_f.published_at IS NOT NULL
                  AND x_f_f.public
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_f_f.deleted_at IS NULL
                        AND vd_x_f_f.published_at IS NOT NULL
                        AND vd_x_f_f.public
                      FROM
                        document vd_x_f_f
                      WHERE
                        vd_x_f_f.id = x_f_f.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_x_f_f.deleted_at IS NULL
                        AND vs_x_f_f.published_at IS NOT NULL
                      FROM
                        session vs_x_f_f
                      WHERE
                        vs_x_f_f.id = x_f_f.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_x_f_f.deleted_at IS NULL
                          AND vm_x_f_f.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_x_f_f.deleted_at IS NULL
                                AND vs_vm_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_vm_x_f_f
                              WHERE
                                vs_vm_x_f_f.id = vm_x_f_f.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_x_f_f
                      WHERE
                        vm_x_f_f.file_id = x_f_f.id
                        AND vm_x_f_f.deleted_at IS NULL
                    ),
                    TRUE
                  ) AS shown,
                  x_f_f.widest_audience >= 2 AS seen,
                  (x_f_f.role = 'resolution') IS TRUE AS picked,
                  row_number() OVER (
                    PARTITION BY
                      x_f_f.deleted_at IS NULL
                      AND x_f_f.published_at IS NOT NULL
                      AND x_f_f.public
                      AND COALESCE(
                        (
                          SELECT
                            vd_x_f_f.deleted_at IS NULL
                            AND vd_x_f_f.published_at IS NOT NULL
                            AND vd_x_f_f.public
                          FROM
                            document vd_x_f_f
                          WHERE
                            vd_x_f_f.id = x_f_f.document_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            vs_x_f_f.deleted_at IS NULL
                            AND vs_x_f_f.published_at IS NOT NULL
                          FROM
                            session vs_x_f_f
                          WHERE
                            vs_x_f_f.id = x_f_f.session_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            bool_and(
                              vm_x_f_f.deleted_at IS NULL
                              AND vm_x_f_f.status = 'published'
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_vm_x_f_f.deleted_at IS NULL
                                    AND vs_vm_x_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_vm_x_f_f
                                  WHERE
                                    vs_vm_x_f_f.id = vm_x_f_f.session_id
                                ),
                                FALSE
                              )
                            )
                          FROM
                            minutes vm_x_f_f
                          WHERE
                            vm_x_f_f.file_id = x_f_f.id
                            AND vm_x_f_f.deleted_at IS NULL
                        ),
                        TRUE
                      ),
                      (x_f_f.role = 'resolution') IS TRUE
                    ORDER BY
                      x_f_f.position,
                      x_f_f.id
                  ) AS rank
                FROM
                  file x_f_f
                WHERE
                  x_f_f.agenda_item_id = x.id
                  AND (
                    x_f_f.widest_audience >= 2
                    OR x_f_f.deleted_at IS NULL
                    AND x_f_f.published_at IS NOT NULL
                    AND x_f_f.public
                    AND COALESCE(
                      (
                        SELECT
                          vd_x_f_f.deleted_at IS NULL
                          AND vd_x_f_f.published_at IS NOT NULL
                          AND vd_x_f_f.public
                        FROM
                          document vd_x_f_f
                        WHERE
                          vd_x_f_f.id = x_f_f.document_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_x_f_f.deleted_at IS NULL
                          AND vs_x_f_f.published_at IS NOT NULL
                        FROM
                          session vs_x_f_f
                        WHERE
                          vs_x_f_f.id = x_f_f.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_x_f_f.deleted_at IS NULL
                            AND vm_x_f_f.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_x_f_f.deleted_at IS NULL
                                  AND vs_vm_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_vm_x_f_f
                                WHERE
                                  vs_vm_x_f_f.id = vm_x_f_f.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_x_f_f
                        WHERE
                          vm_x_f_f.file_id = x_f_f.id
                          AND vm_x_f_f.deleted_at IS NULL
                      ),
                      TRUE
                    )
                  )
              ) x_f
          ) x_fs,
          (
            SELECT
              (
                array_agg(
                  $1::text || '/consultation/' || x_c.id
                  ORDER BY
                    x_c.position,
                    x_c.id
                ) FILTER (
                  WHERE
                    x_c.shown
                )
              ) [1] AS first,
              max(GREATEST(x_c.modified_at, x_c.deleted_at)) FILTER (
                WHERE
                  x_c.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_c_r.*,
                  x_c_r.deleted_at IS NULL
                  AND x_c_r.published_at IS NOT NULL
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_c_r.deleted_at IS NULL
                        AND vd_x_c_r.published_at IS NOT NULL
                        AND vd_x_c_r.public
                      FROM
                        document vd_x_c_r
                      WHERE
                        vd_x_c_r.id = x_c_r.document_id
                    ),
                    FALSE
                  ) AS shown,
                  x_c_r.widest_audience >= 2
                  AND COALESCE(
                    (
                      SELECT
                        od_x_c_r.widest_audience >= 2
                      FROM
                        document od_x_c_r
                      WHERE
                        od_x_c_r.id = x_c_r.document_id
                    ),
                    FALSE
                  ) AS seen
                FROM
                  consultation x_c_r
                WHERE
                  x_c_r.agenda_item_id = x.id
              ) x_c
          ) x_ks
      )
      ELSE json_build_object(
        'id',
        $1::text || '/agendaItem/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/AgendaItem',
        'order',
        x.position,
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
              FROM
                file x_mf
              WHERE
                x_mf.agenda_item_id = x.id
                AND x_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mc.modified_at, x_mc.deleted_at))
              FROM
                consultation x_mc
              WHERE
                x_mc.agenda_item_id = x.id
                AND x_mc.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_mc.widest_audience >= 2
                    FROM
                      document od_x_mc
                    WHERE
                      od_x_mc.id = x_mc.document_id
                  ),
                  FALSE
                )
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  agenda_item x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $3::uuid
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        os_x.widest_audience >= 2
      FROM
        session os_x
      WHERE
        os_x.id = x.session_id
    ),
    FALSE
  );

-- oparl: list of paper · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'paper'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of paper · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    (
      SELECT
        json_build_object(
          'id',
          $2::text || '/paper/' || x.id,
          'type',
          'https://schema.oparl.org/1.1/Paper',
          'body',
          $2::text || '/bodies/' || b.slug,
          'name',
          NULLIF(x.name, ''),
          'reference',
          NULLIF(x.reference, ''),
          'date',
          to_char(x.date, 'YYYY-MM-DD'),
          'paperType',
          NULLIF(x.document_type, ''),
          'relatedPaper',
          (
            SELECT
              json_agg(
                x_rp_z.u
                ORDER BY
                  x_rp_z.o
              ) FILTER (
                WHERE
                  x_rp_z.u IS NOT NULL
              )
            FROM
              (
                SELECT
                  (
                    SELECT
                      $2::text || '/paper/' || x_rp.id
                    FROM
                      document x_rp
                    WHERE
                      x_rp.id = x_rp_u.id
                      AND x_rp.body_id = x.body_id
                      AND x_rp.deleted_at IS NULL
                      AND x_rp.published_at IS NOT NULL
                      AND x_rp.public
                  ) AS u,
                  x_rp_u.o
                FROM
                  unnest(x.related_document_ids) WITH ORDINALITY x_rp_u (id, o)
              ) x_rp_z
          ),
          'superordinatedPaper',
          (
            SELECT
              json_build_array($2::text || '/paper/' || x_sp.id)
            FROM
              document x_sp
            WHERE
              x_sp.id = x.superordinated_document_id
              AND x_sp.deleted_at IS NULL
              AND x_sp.published_at IS NOT NULL
              AND x_sp.public
          ),
          'subordinatedPaper',
          (
            SELECT
              json_agg(
                $2::text || '/paper/' || x_bp.id
                ORDER BY
                  x_bp.date,
                  x_bp.id
              )
            FROM
              document x_bp
            WHERE
              x_bp.body_id = x.body_id
              AND x_bp.superordinated_document_id = x.id
              AND x_bp.deleted_at IS NULL
              AND x_bp.published_at IS NOT NULL
              AND x_bp.public
          ),
          'mainFile',
          x_fs.first,
          'auxiliaryFile',
          x_fs.rest,
          'originatorPerson',
          (
            SELECT
              json_agg(
                x_op_z.u
                ORDER BY
                  x_op_z.o
              ) FILTER (
                WHERE
                  x_op_z.u IS NOT NULL
              )
            FROM
              (
                SELECT
                  (
                    SELECT
                      $2::text || '/person/' || x_op.id
                    FROM
                      person x_op
                    WHERE
                      x_op.id = x_op_u.id
                      AND x_op.body_id = x.body_id
                      AND x_op.deleted_at IS NULL
                      AND x_op.published_at IS NOT NULL
                  ) AS u,
                  x_op_u.o
                FROM
                  unnest(x.originator_person_ids) WITH ORDINALITY x_op_u (id, o)
              ) x_op_z
          ),
          'underDirectionOf',
          (
            SELECT
              json_agg(
                x_ud_z.u
                ORDER BY
                  x_ud_z.o
              ) FILTER (
                WHERE
                  x_ud_z.u IS NOT NULL
              )
            FROM
              (
                SELECT
                  CASE
                    WHEN (
                      x.body_id = $1::uuid
                      AND x_ud_u.id IN (
                        SELECT
                          x_ud_h.id
                        FROM
                          committee x_ud_h
                        WHERE
                          x_ud_h.body_id = $1::uuid
                          AND x_ud_h.deleted_at IS NULL
                          AND x_ud_h.published_at IS NOT NULL
                      )
                      OR (
                        SELECT
                          x_ud.deleted_at IS NULL
                          AND x_ud.published_at IS NOT NULL
                        FROM
                          committee x_ud
                        WHERE
                          x_ud.id = x_ud_u.id
                          AND x_ud.body_id = x.body_id
                      )
                    ) THEN $2::text || '/organization/' || x_ud_u.id
                  END AS u,
                  x_ud_u.o
                FROM
                  unnest(x.under_direction_of_ids) WITH ORDINALITY x_ud_u (id, o)
              ) x_ud_z
          ),
          'originatorOrganization',
          (
            SELECT
              json_agg(
                x_oo_z.u
                ORDER BY
                  x_oo_z.o
              ) FILTER (
                WHERE
                  x_oo_z.u IS NOT NULL
              )
            FROM
              (
                SELECT
                  CASE
                    WHEN (
                      x.body_id = $1::uuid
                      AND x_oo_u.id IN (
                        SELECT
                          x_oo_h.id
                        FROM
                          committee x_oo_h
                        WHERE
                          x_oo_h.body_id = $1::uuid
                          AND x_oo_h.deleted_at IS NULL
                          AND x_oo_h.published_at IS NOT NULL
                      )
                      OR (
                        SELECT
                          x_oo.deleted_at IS NULL
                          AND x_oo.published_at IS NOT NULL
                        FROM
                          committee x_oo
                        WHERE
                          x_oo.id = x_oo_u.id
                          AND x_oo.body_id = x.body_id
                      )
                    ) THEN $2::text || '/organization/' || x_oo_u.id
                  END AS u,
                  x_oo_u.o
                FROM
                  unnest(x.originator_committee_ids) WITH ORDINALITY x_oo_u (id, o)
              ) x_oo_z
          ),
          'consultation',
          x_ks.items,
          'created',
          to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'modified',
          to_char(
            GREATEST(GREATEST(x.modified_at, x.deleted_at), x_fs.modified, x_ks.modified),
            'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
          ),
          'web',
          replace(b.web_url_templates ->> 'document', '{id}', x.id::text)
        )
      FROM
        (
          SELECT
            (
              array_agg(
                json_build_object(
                  'id',
                  $2::text || '/file/' || x_f.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_f.name, ''),
                  'fileName',
                  NULLIF(x_f.file_name, ''),
                  'mimeType',
                  NULLIF(x_f.mime_type, ''),
                  'date',
                  to_char(x_f.date, 'YYYY-MM-DD'),
                  'size',
                  x_f.size,
                  'sha512Checksum',
                  lower(x_f.sha512),
                  'accessUrl',
                  $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                  'downloadUrl',
                  $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_f.file_license, ''),
                  'created',
                  to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                )
                ORDER BY
                  x_f.position,
                  x_f.id
              ) FILTER (
                WHERE
                  x_f.shown
                  AND x_f.picked
              )
            ) [1] AS first,
            json_agg(
              json_build_object(
                'id',
                $2::text || '/file/' || x_f.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_f.name, ''),
                'fileName',
                NULLIF(x_f.file_name, ''),
                'mimeType',
                NULLIF(x_f.mime_type, ''),
                'date',
                to_char(x_f.date, 'YYYY-MM-DD'),
                'size',
                x_f.size,
                'sha512Checksum',
                lower(x_f.sha512),
                'accessUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                'downloadUrl',
                $3::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_f.file_license, ''),
                'created',
                to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
              )
              ORDER BY
                x_f.position,
                x_f.id
            ) FILTER (
              WHERE
                x_f.shown
                AND NOT (
                  x_f.picked
                  AND x_f.rank = 1
                )
            ) AS rest,
            max(GREATEST(x_f.modified_at, x_f.deleted_at)) FILTER (
              WHERE
                x_f.seen
            ) AS modified
          FROM
            (
              SELECT
                x_f_f.*,
                x_f_f.deleted_at IS NULL
                AND x_f_f.published_at IS NOT NULL
                AND x_f_f.public
                AND COALESCE(
                  (
                    SELECT
                      va_x_f_f.deleted_at IS NULL
                      AND va_x_f_f.published_at IS NOT NULL
                      AND va_x_f_f.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_f_f.deleted_at IS NULL
                            AND vs_va_x_f_f.published_at IS NOT NULL
                          FROM
                            session vs_va_x_f_f
                          WHERE
                            vs_va_x_f_f.id = va_x_f_f.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_f_f
                    WHERE
                      va_x_f_f.id = x_f_f.agenda_item_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      vs_x_f_f.deleted_at IS NULL
                      AND vs_x_f_f.published_at IS NOT NULL
                    FROM
                      session vs_x_f_f
                    WHERE
                      vs_x_f_f.id = x_f_f.session_id
                  ),
                  TRUE
                )
                AND COALESCE(
                  (
                    SELECT
                      bool_and(
                        vm_x_f_f.deleted_at IS NULL
                        AND vm_x_f_f.status = 'published'
                        AND COALESCE(
                          (
                            SELECT
                              vs_vm_x_f_f.deleted_at IS NULL
                              AND vs_vm_x_f_f.published_at IS NOT NULL
                            FROM
                              session vs_vm_x_f_f
                            WHERE
                              vs_vm_x_f_f.id = vm_x_f_f.session_id
                          ),
                          FALSE
                        )
                      )
                    FROM
                      minutes vm_x_f_f
                    WHERE
                      vm_x_f_f.file_id = x_f_f.id
                      AND vm_x_f_f.deleted_at IS NULL
                  ),
                  TRUE
                ) AS shown,
                x_f_f.widest_audience >= 2 AS seen,
                (x_f_f.role = 'main') IS TRUE AS picked,
                row_number() OVER (
                  PARTITION BY
                    x_f_f.deleted_at IS NULL
                    AND x_f_f.published_at IS NOT NULL
                    AND x_f_f.public
                    AND COALESCE(
                      (
                        SELECT
                          va_x_f_f.deleted_at IS NULL
                          AND va_x_f_f.published_at IS NOT NULL
                          AND va_x_f_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_x_f_f.deleted_at IS NULL
                                AND vs_va_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_va_x_f_f
                              WHERE
                                vs_va_x_f_f.id = va_x_f_f.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_x_f_f
                        WHERE
                          va_x_f_f.id = x_f_f.agenda_item_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_x_f_f.deleted_at IS NULL
                          AND vs_x_f_f.published_at IS NOT NULL
                        FROM
                          session vs_x_f_f
                        WHERE
                          vs_x_f_f.id = x_f_f.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_x_f_f.deleted_at IS NULL
                            AND vm_x_f_f.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_x_f_f.deleted_at IS NULL
                                  AND vs_vm_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_vm_x_f_f
                                WHERE
                                  vs_vm_x_f_f.id = vm_x_f_f.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_x_f_f
                        WHERE
                          vm_x_f_f.file_id = x_f_f.id
                          AND vm_x_f_f.deleted_at IS NULL
                      ),
                      TRUE
                    ),
                    (x_f_f.role = 'main') IS TRUE
                  ORDER BY
                    x_f_f.position,
                    x_f_f.id
                ) AS rank
              FROM
                file x_f_f
              WHERE
                x_f_f.document_id = x.id
                AND (
                  x_f_f.widest_audience >= 2
                  OR x_f_f.deleted_at IS NULL
                  AND x_f_f.published_at IS NOT NULL
                  AND x_f_f.public
                  AND COALESCE(
                    (
                      SELECT
                        va_x_f_f.deleted_at IS NULL
                        AND va_x_f_f.published_at IS NOT NULL
                        AND va_x_f_f.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_f_f.deleted_at IS NULL
                              AND vs_va_x_f_f.published_at IS NOT NULL
                            FROM
                              session vs_va_x_f_f
                            WHERE
                              vs_va_x_f_f.id = va_x_f_f.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_f_f
                      WHERE
                        va_x_f_f.id = x_f_f.agenda_item_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_x_f_f.deleted_at IS NULL
                        AND vs_x_f_f.published_at IS NOT NULL
                      FROM
                        session vs_x_f_f
                      WHERE
                        vs_x_f_f.id = x_f_f.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_x_f_f.deleted_at IS NULL
                          AND vm_x_f_f.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_x_f_f.deleted_at IS NULL
                                AND vs_vm_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_vm_x_f_f
                              WHERE
                                vs_vm_x_f_f.id = vm_x_f_f.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_x_f_f
                      WHERE
                        vm_x_f_f.file_id = x_f_f.id
                        AND vm_x_f_f.deleted_at IS NULL
                    ),
                    TRUE
                  )
                )
            ) x_f
        ) x_fs,
        (
          SELECT
            json_agg(
              json_build_object(
                'id',
                $2::text || '/consultation/' || x_k.id,
                'type',
                'https://schema.oparl.org/1.1/Consultation',
                'agendaItem',
                $2::text || '/agendaItem/' || x_k.agenda_item_id,
                'meeting',
                (
                  SELECT
                    $2::text || '/meeting/' || x_k_s.id
                  FROM
                    session x_k_s
                  WHERE
                    x_k_s.id = COALESCE(
                      x_k.session_id,
                      (
                        SELECT
                          x_k_as.session_id
                        FROM
                          agenda_item x_k_as
                        WHERE
                          x_k_as.id = x_k.agenda_item_id
                      )
                    )
                    AND x_k_s.deleted_at IS NULL
                    AND x_k_s.published_at IS NOT NULL
                ),
                'organization',
                CASE
                  WHEN (
                    x_k.committee_id IN (
                      SELECT
                        x_k_o_h.id
                      FROM
                        committee x_k_o_h
                      WHERE
                        x_k_o_h.body_id = $1::uuid
                        AND x_k_o_h.deleted_at IS NULL
                        AND x_k_o_h.published_at IS NOT NULL
                    )
                    OR (
                      SELECT
                        x_k_o.deleted_at IS NULL
                        AND x_k_o.published_at IS NOT NULL
                      FROM
                        committee x_k_o
                      WHERE
                        x_k_o.id = x_k.committee_id
                    )
                  ) THEN json_build_array($2::text || '/organization/' || x_k.committee_id)
                END,
                'authoritative',
                x_k.authoritative,
                'role',
                NULLIF(x_k.role, ''),
                'created',
                to_char(x_k.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_k.modified_at, x_k.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'consultation', '{id}', x_k.id::text)
              )
              ORDER BY
                x_k.position,
                x_k.id
            ) FILTER (
              WHERE
                x_k.shown
            ) AS items,
            max(GREATEST(x_k.modified_at, x_k.deleted_at)) FILTER (
              WHERE
                x_k.seen
            ) AS modified
          FROM
            (
              SELECT
                x_k_r.*,
                x_k_r.deleted_at IS NULL
                AND x_k_r.published_at IS NOT NULL
                AND COALESCE(
                  (
                    SELECT
                      va_x_k_r.deleted_at IS NULL
                      AND va_x_k_r.published_at IS NOT NULL
                      AND va_x_k_r.public
                      AND COALESCE(
                        (
                          SELECT
                            vs_va_x_k_r.deleted_at IS NULL
                            AND vs_va_x_k_r.published_at IS NOT NULL
                          FROM
                            session vs_va_x_k_r
                          WHERE
                            vs_va_x_k_r.id = va_x_k_r.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item va_x_k_r
                    WHERE
                      va_x_k_r.id = x_k_r.agenda_item_id
                  ),
                  TRUE
                ) AS shown,
                x_k_r.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_k_r.widest_audience >= 2
                    FROM
                      document od_x_k_r
                    WHERE
                      od_x_k_r.id = x_k_r.document_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oa_x_k_r.widest_audience >= 2
                      AND COALESCE(
                        (
                          SELECT
                            os_oa_x_k_r.widest_audience >= 2
                          FROM
                            session os_oa_x_k_r
                          WHERE
                            os_oa_x_k_r.id = oa_x_k_r.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item oa_x_k_r
                    WHERE
                      oa_x_k_r.id = x_k_r.agenda_item_id
                  ),
                  TRUE
                ) AS seen
              FROM
                consultation x_k_r
              WHERE
                x_k_r.document_id = x.id
            ) x_k
        ) x_ks
    )
  ) AS j,
  x.id::text AS _k0
FROM
  document x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND x.public
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of paper changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND x.public THEN (
        SELECT
          json_build_object(
            'id',
            $4::text || '/paper/' || x.id,
            'type',
            'https://schema.oparl.org/1.1/Paper',
            'body',
            $4::text || '/bodies/' || b.slug,
            'name',
            NULLIF(x.name, ''),
            'reference',
            NULLIF(x.reference, ''),
            'date',
            to_char(x.date, 'YYYY-MM-DD'),
            'paperType',
            NULLIF(x.document_type, ''),
            'relatedPaper',
            (
              SELECT
                json_agg(
                  x_rp_z.u
                  ORDER BY
                    x_rp_z.o
                ) FILTER (
                  WHERE
                    x_rp_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    (
                      SELECT
                        $4::text || '/paper/' || x_rp.id
                      FROM
                        document x_rp
                      WHERE
                        x_rp.id = x_rp_u.id
                        AND x_rp.body_id = x.body_id
                        AND x_rp.deleted_at IS NULL
                        AND x_rp.published_at IS NOT NULL
                        AND x_rp.public
                    ) AS u,
                    x_rp_u.o
                  FROM
                    unnest(x.related_document_ids) WITH ORDINALITY x_rp_u (id, o)
                ) x_rp_z
            ),
            'superordinatedPaper',
            (
              SELECT
                json_build_array($4::text || '/paper/' || x_sp.id)
              FROM
                document x_sp
              WHERE
                x_sp.id = x.superordinated_document_id
                AND x_sp.deleted_at IS NULL
                AND x_sp.published_at IS NOT NULL
                AND x_sp.public
            ),
            'subordinatedPaper',
            (
              SELECT
                json_agg(
                  $4::text || '/paper/' || x_bp.id
                  ORDER BY
                    x_bp.date,
                    x_bp.id
                )
              FROM
                document x_bp
              WHERE
                x_bp.body_id = x.body_id
                AND x_bp.superordinated_document_id = x.id
                AND x_bp.deleted_at IS NULL
                AND x_bp.published_at IS NOT NULL
                AND x_bp.public
            ),
            'mainFile',
            x_fs.first,
            'auxiliaryFile',
            x_fs.rest,
            'originatorPerson',
            (
              SELECT
                json_agg(
                  x_op_z.u
                  ORDER BY
                    x_op_z.o
                ) FILTER (
                  WHERE
                    x_op_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    (
                      SELECT
                        $4::text || '/person/' || x_op.id
                      FROM
                        person x_op
                      WHERE
                        x_op.id = x_op_u.id
                        AND x_op.body_id = x.body_id
                        AND x_op.deleted_at IS NULL
                        AND x_op.published_at IS NOT NULL
                    ) AS u,
                    x_op_u.o
                  FROM
                    unnest(x.originator_person_ids) WITH ORDINALITY x_op_u (id, o)
                ) x_op_z
            ),
            'underDirectionOf',
            (
              SELECT
                json_agg(
                  x_ud_z.u
                  ORDER BY
                    x_ud_z.o
                ) FILTER (
                  WHERE
                    x_ud_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    CASE
                      WHEN (
                        x.body_id = $1::uuid
                        AND x_ud_u.id IN (
                          SELECT
                            x_ud_h.id
                          FROM
                            committee x_ud_h
                          WHERE
                            x_ud_h.body_id = $1::uuid
                            AND x_ud_h.deleted_at IS NULL
                            AND x_ud_h.published_at IS NOT NULL
                        )
                        OR (
                          SELECT
                            x_ud.deleted_at IS NULL
                            AND x_ud.published_at IS NOT NULL
                          FROM
                            committee x_ud
                          WHERE
                            x_ud.id = x_ud_u.id
                            AND x_ud.body_id = x.body_id
                        )
                      ) THEN $4::text || '/organization/' || x_ud_u.id
                    END AS u,
                    x_ud_u.o
                  FROM
                    unnest(x.under_direction_of_ids) WITH ORDINALITY x_ud_u (id, o)
                ) x_ud_z
            ),
            'originatorOrganization',
            (
              SELECT
                json_agg(
                  x_oo_z.u
                  ORDER BY
                    x_oo_z.o
                ) FILTER (
                  WHERE
                    x_oo_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    CASE
                      WHEN (
                        x.body_id = $1::uuid
                        AND x_oo_u.id IN (
                          SELECT
                            x_oo_h.id
                          FROM
                            committee x_oo_h
                          WHERE
                            x_oo_h.body_id = $1::uuid
                            AND x_oo_h.deleted_at IS NULL
                            AND x_oo_h.published_at IS NOT NULL
                        )
                        OR (
                          SELECT
                            x_oo.deleted_at IS NULL
                            AND x_oo.published_at IS NOT NULL
                          FROM
                            committee x_oo
                          WHERE
                            x_oo.id = x_oo_u.id
                            AND x_oo.body_id = x.body_id
                        )
                      ) THEN $4::text || '/organization/' || x_oo_u.id
                    END AS u,
                    x_oo_u.o
                  FROM
                    unnest(x.originator_committee_ids) WITH ORDINALITY x_oo_u (id, o)
                ) x_oo_z
            ),
            'consultation',
            x_ks.items,
            'created',
            to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(
              GREATEST(GREATEST(x.modified_at, x.deleted_at), x_fs.modified, x_ks.modified),
              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
            ),
            'web',
            replace(b.web_url_templates ->> 'document', '{id}', x.id::text)
          )
        FROM
          (
            SELECT
              (
                array_agg(
                  json_build_object(
                    'id',
                    $4::text || '/file/' || x_f.id,
                    'type',
                    'https://schema.oparl.org/1.1/File',
                    'name',
                    NULLIF(x_f.name, ''),
                    'fileName',
                    NULLIF(x_f.file_name, ''),
                    'mimeType',
                    NULLIF(x_f.mime_type, ''),
                    'date',
                    to_char(x_f.date, 'YYYY-MM-DD'),
                    'size',
                    x_f.size,
                    'sha512Checksum',
                    lower(x_f.sha512),
                    'accessUrl',
                    $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                    'downloadUrl',
                    $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                    'fileLicense',
                    NULLIF(x_f.file_license, ''),
                    'created',
                    to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                  )
                  ORDER BY
                    x_f.position,
                    x_f.id
                ) FILTER (
                  WHERE
                    x_f.shown
                    AND x_f.picked
                )
              ) [1] AS first,
              json_agg(
                json_build_object(
                  'id',
                  $4::text || '/file/' || x_f.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_f.name, ''),
                  'fileName',
                  NULLIF(x_f.file_name, ''),
                  'mimeType',
                  NULLIF(x_f.mime_type, ''),
                  'date',
                  to_char(x_f.date, 'YYYY-MM-DD'),
                  'size',
                  x_f.size,
                  'sha512Checksum',
                  lower(x_f.sha512),
                  'accessUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                  'downloadUrl',
                  $5::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_f.file_license, ''),
                  'created',
                  to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                )
                ORDER BY
                  x_f.position,
                  x_f.id
              ) FILTER (
                WHERE
                  x_f.shown
                  AND NOT (
                    x_f.picked
                    AND x_f.rank = 1
                  )
              ) AS rest,
              max(GREATEST(x_f.modified_at, x_f.deleted_at)) FILTER (
                WHERE
                  x_f.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_f_f.*,
                  x_f_f.deleted_at IS NULL
                  AND x_f_f.published_at IS NOT NULL
                  AND x_f_f.public
                  AND COALESCE(
                    (
                      SELECT
                        va_x_f_f.deleted_at IS NULL
                        AND va_x_f_f.published_at IS NOT NULL
                        AND va_x_f_f.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_f_f.deleted_at IS NULL
                              AND vs_va_x_f_f.published_at IS NOT NULL
                            FROM
                              session vs_va_x_f_f
                            WHERE
                              vs_va_x_f_f.id = va_x_f_f.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_f_f
                      WHERE
                        va_x_f_f.id = x_f_f.agenda_item_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_x_f_f.deleted_at IS NULL
                        AND vs_x_f_f.published_at IS NOT NULL
                      FROM
                        session vs_x_f_f
                      WHERE
                        vs_x_f_f.id = x_f_f.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_x_f_f.deleted_at IS NULL
                          AND vm_x_f_f.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_x_f_f.deleted_at IS NULL
                                AND vs_vm_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_vm_x_f_f
                              WHERE
                                vs_vm_x_f_f.id = vm_x_f_f.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_x_f_f
                      WHERE
                        vm_x_f_f.file_id = x_f_f.id
                        AND vm_x_f_f.deleted_at IS NULL
                    ),
                    TRUE
                  ) AS shown,
                  x_f_f.widest_audience >= 2 AS seen,
                  (x_f_f.role = 'main') IS TRUE AS picked,
                  row_number() OVER (
                    PARTITION BY
                      x_f_f.deleted_at IS NULL
                      AND x_f_f.published_at IS NOT NULL
                      AND x_f_f.public
                      AND COALESCE(
                        (
                          SELECT
                            va_x_f_f.deleted_at IS NULL
                            AND va_x_f_f.published_at IS NOT NULL
                            AND va_x_f_f.public
                            AND COALESCE(
                              (
                                SELECT
                                  vs_va_x_f_f.deleted_at IS NULL
                                  AND vs_va_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_va_x_f_f
                                WHERE
                                  vs_va_x_f_f.id = va_x_f_f.session_id
                              ),
                              FALSE
                            )
                          FROM
                            agenda_item va_x_f_f
                          WHERE
                            va_x_f_f.id = x_f_f.agenda_item_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            vs_x_f_f.deleted_at IS NULL
                            AND vs_x_f_f.published_at IS NOT NULL
                          FROM
                            session vs_x_f_f
                          WHERE
                            vs_x_f_f.id = x_f_f.session_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            bool_and(
                              vm_x_f_f.deleted_at IS NULL
                              AND vm_x_f_f.status = 'published'
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_vm_x_f_f.deleted_at IS NULL
                                    AND vs_vm_x_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_vm_x_f_f
                                  WHERE
                                    vs_vm_x_f_f.id = vm_x_f_f.session_id
                                ),
                                FALSE
                              )
                            )
                          FROM
                            minutes vm_x_f_f
                          WHERE
                            vm_x_f_f.file_id = x_f_f.id
                            AND vm_x_f_f.deleted_at IS NULL
                        ),
                        TRUE
                      ),
                      (x_f_f.role = 'main') IS TRUE
                    ORDER BY
                      x_f_f.position,
                      x_f_f.id
                  ) AS rank
                FROM
                  file x_f_f
                WHERE
                  x_f_f.document_id = x.id
                  AND (
                    x_f_f.widest_audience >= 2
                    OR x_f_f.deleted_at IS NULL
                    AND x_f_f.published_at IS NOT NULL
                    AND x_f_f.public
                    AND COALESCE(
                      (
                        SELECT
                          va_x_f_f.deleted_at IS NULL
                          AND va_x_f_f.published_at IS NOT NULL
                          AND va_x_f_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_x_f_f.deleted_at IS NULL
                                AND vs_va_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_va_x_f_f
                              WHERE
                                vs_va_x_f_f.id = va_x_f_f.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_x_f_f
                        WHERE
                          va_x_f_f.id = x_f_f.agenda_item_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_x_f_f.deleted_at IS NULL
                          AND vs_x_f_f.published_at IS NOT NULL
                        FROM
                          session vs_x_f_f
                        WHERE
                          vs_x_f_f.id = x_f_f.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_x_f_f.deleted_at IS NULL
                            AND vm_x_f_f.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_x_f_f.deleted_at IS NULL
                                  AND vs_vm_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_vm_x_f_f
                                WHERE
                                  vs_vm_x_f_f.id = vm_x_f_f.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_x_f_f
                        WHERE
                          vm_x_f_f.file_id = x_f_f.id
                          AND vm_x_f_f.deleted_at IS NULL
                      ),
                      TRUE
                    )
                  )
              ) x_f
          ) x_fs,
          (
            SELECT
              json_agg(
                json_build_object(
                  'id',
                  $4::text || '/consultation/' || x_k.id,
                  'type',
                  'https://schema.oparl.org/1.1/Consultation',
                  'agendaItem',
                  $4::text || '/agendaItem/' || x_k.agenda_item_id,
                  'meeting',
                  (
                    SELECT
                      $4::text || '/meeting/' || x_k_s.id
                    FROM
                      session x_k_s
                    WHERE
                      x_k_s.id = COALESCE(
                        x_k.session_id,
                        (
                          SELECT
                            x_k_as.session_id
                          FROM
                            agenda_item x_k_as
                          WHERE
                            x_k_as.id = x_k.agenda_item_id
                        )
                      )
                      AND x_k_s.deleted_at IS NULL
                      AND x_k_s.published_at IS NOT NULL
                  ),
                  'organization',
                  CASE
                    WHEN (
                      x_k.committee_id IN (
                        SELECT
                          x_k_o_h.id
                        FROM
                          committee x_k_o_h
                        WHERE
                          x_k_o_h.body_id = $1::uuid
                          AND x_k_o_h.deleted_at IS NULL
                          AND x_k_o_h.published_at IS NOT NULL
                      )
                      OR (
                        SELECT
                          x_k_o.deleted_at IS NULL
                          AND x_k_o.published_at IS NOT NULL
                        FROM
                          committee x_k_o
                        WHERE
                          x_k_o.id = x_k.committee_id
                      )
                    ) THEN json_build_array($4::text || '/organization/' || x_k.committee_id)
                  END,
                  'authoritative',
                  x_k.authoritative,
                  'role',
                  NULLIF(x_k.role, ''),
                  'created',
                  to_char(x_k.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_k.modified_at, x_k.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'consultation', '{id}', x_k.id::text)
                )
                ORDER BY
                  x_k.position,
                  x_k.id
              ) FILTER (
                WHERE
                  x_k.shown
              ) AS items,
              max(GREATEST(x_k.modified_at, x_k.deleted_at)) FILTER (
                WHERE
                  x_k.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_k_r.*,
                  x_k_r.deleted_at IS NULL
                  AND x_k_r.published_at IS NOT NULL
                  AND COALESCE(
                    (
                      SELECT
                        va_x_k_r.deleted_at IS NULL
                        AND va_x_k_r.published_at IS NOT NULL
                        AND va_x_k_r.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_k_r.deleted_at IS NULL
                              AND vs_va_x_k_r.published_at IS NOT NULL
                            FROM
                              session vs_va_x_k_r
                            WHERE
                              vs_va_x_k_r.id = va_x_k_r.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_k_r
                      WHERE
                        va_x_k_r.id = x_k_r.agenda_item_id
                    ),
                    TRUE
                  ) AS shown,
                  x_k_r.widest_audience >= 2
                  AND COALESCE(
                    (
                      SELECT
                        od_x_k_r.widest_audience >= 2
                      FROM
                        document od_x_k_r
                      WHERE
                        od_x_k_r.id = x_k_r.document_id
                    ),
                    FALSE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        oa_x_k_r.widest_audience >= 2
                        AND COALESCE(
                          (
                            SELECT
                              os_oa_x_k_r.widest_audience >= 2
                            FROM
                              session os_oa_x_k_r
                            WHERE
                              os_oa_x_k_r.id = oa_x_k_r.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item oa_x_k_r
                      WHERE
                        oa_x_k_r.id = x_k_r.agenda_item_id
                    ),
                    TRUE
                  ) AS seen
                FROM
                  consultation x_k_r
                WHERE
                  x_k_r.document_id = x.id
              ) x_k
          ) x_ks
      )
      ELSE json_build_object(
        'id',
        $4::text || '/paper/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Paper',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
              FROM
                file x_mf
              WHERE
                x_mf.document_id = x.id
                AND x_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mc.modified_at, x_mc.deleted_at))
              FROM
                consultation x_mc
              WHERE
                x_mc.document_id = x.id
                AND x_mc.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_mc.widest_audience >= 2
                    FROM
                      document od_x_mc
                    WHERE
                      od_x_mc.id = x_mc.document_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oa_x_mc.widest_audience >= 2
                      AND COALESCE(
                        (
                          SELECT
                            os_oa_x_mc.widest_audience >= 2
                          FROM
                            session os_oa_x_mc
                          WHERE
                            os_oa_x_mc.id = oa_x_mc.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item oa_x_mc
                    WHERE
                      oa_x_mc.id = x_mc.agenda_item_id
                  ),
                  TRUE
                )
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  document x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(
    GREATEST(x.modified_at, x.deleted_at),
    (
      SELECT
        max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
      FROM
        file x_mf
      WHERE
        x_mf.document_id = x.id
        AND x_mf.widest_audience >= 2
    ),
    (
      SELECT
        max(GREATEST(x_mc.modified_at, x_mc.deleted_at))
      FROM
        consultation x_mc
      WHERE
        x_mc.document_id = x.id
        AND x_mc.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              od_x_mc.widest_audience >= 2
            FROM
              document od_x_mc
            WHERE
              od_x_mc.id = x_mc.document_id
          ),
          FALSE
        )
        AND COALESCE(
          (
            SELECT
              oa_x_mc.widest_audience >= 2
              AND COALESCE(
                (
                  SELECT
                    os_oa_x_mc.widest_audience >= 2
                  FROM
                    session os_oa_x_mc
                  WHERE
                    os_oa_x_mc.id = oa_x_mc.session_id
                ),
                FALSE
              )
            FROM
              agenda_item oa_x_mc
            WHERE
              oa_x_mc.id = x_mc.agenda_item_id
          ),
          TRUE
        )
    )
  ) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object paper · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'paper'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object paper · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND x.public THEN (
        SELECT
          json_build_object(
            'id',
            $1::text || '/paper/' || x.id,
            'type',
            'https://schema.oparl.org/1.1/Paper',
            'body',
            $1::text || '/bodies/' || b.slug,
            'name',
            NULLIF(x.name, ''),
            'reference',
            NULLIF(x.reference, ''),
            'date',
            to_char(x.date, 'YYYY-MM-DD'),
            'paperType',
            NULLIF(x.document_type, ''),
            'relatedPaper',
            (
              SELECT
                json_agg(
                  x_rp_z.u
                  ORDER BY
                    x_rp_z.o
                ) FILTER (
                  WHERE
                    x_rp_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    (
                      SELECT
                        $1::text || '/paper/' || x_rp.id
                      FROM
                        document x_rp
                      WHERE
                        x_rp.id = x_rp_u.id
                        AND x_rp.body_id = x.body_id
                        AND x_rp.deleted_at IS NULL
                        AND x_rp.published_at IS NOT NULL
                        AND x_rp.public
                    ) AS u,
                    x_rp_u.o
                  FROM
                    unnest(x.related_document_ids) WITH ORDINALITY x_rp_u (id, o)
                ) x_rp_z
            ),
            'superordinatedPaper',
            (
              SELECT
                json_build_array($1::text || '/paper/' || x_sp.id)
              FROM
                document x_sp
              WHERE
                x_sp.id = x.superordinated_document_id
                AND x_sp.deleted_at IS NULL
                AND x_sp.published_at IS NOT NULL
                AND x_sp.public
            ),
            'subordinatedPaper',
            (
              SELECT
                json_agg(
                  $1::text || '/paper/' || x_bp.id
                  ORDER BY
                    x_bp.date,
                    x_bp.id
                )
              FROM
                document x_bp
              WHERE
                x_bp.body_id = x.body_id
                AND x_bp.superordinated_document_id = x.id
                AND x_bp.deleted_at IS NULL
                AND x_bp.published_at IS NOT NULL
                AND x_bp.public
            ),
            'mainFile',
            x_fs.first,
            'auxiliaryFile',
            x_fs.rest,
            'originatorPerson',
            (
              SELECT
                json_agg(
                  x_op_z.u
                  ORDER BY
                    x_op_z.o
                ) FILTER (
                  WHERE
                    x_op_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    (
                      SELECT
                        $1::text || '/person/' || x_op.id
                      FROM
                        person x_op
                      WHERE
                        x_op.id = x_op_u.id
                        AND x_op.body_id = x.body_id
                        AND x_op.deleted_at IS NULL
                        AND x_op.published_at IS NOT NULL
                    ) AS u,
                    x_op_u.o
                  FROM
                    unnest(x.originator_person_ids) WITH ORDINALITY x_op_u (id, o)
                ) x_op_z
            ),
            'underDirectionOf',
            (
              SELECT
                json_agg(
                  x_ud_z.u
                  ORDER BY
                    x_ud_z.o
                ) FILTER (
                  WHERE
                    x_ud_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    CASE
                      WHEN (
                        SELECT
                          x_ud.deleted_at IS NULL
                          AND x_ud.published_at IS NOT NULL
                        FROM
                          committee x_ud
                        WHERE
                          x_ud.id = x_ud_u.id
                          AND x_ud.body_id = x.body_id
                      ) THEN $1::text || '/organization/' || x_ud_u.id
                    END AS u,
                    x_ud_u.o
                  FROM
                    unnest(x.under_direction_of_ids) WITH ORDINALITY x_ud_u (id, o)
                ) x_ud_z
            ),
            'originatorOrganization',
            (
              SELECT
                json_agg(
                  x_oo_z.u
                  ORDER BY
                    x_oo_z.o
                ) FILTER (
                  WHERE
                    x_oo_z.u IS NOT NULL
                )
              FROM
                (
                  SELECT
                    CASE
                      WHEN (
                        SELECT
                          x_oo.deleted_at IS NULL
                          AND x_oo.published_at IS NOT NULL
                        FROM
                          committee x_oo
                        WHERE
                          x_oo.id = x_oo_u.id
                          AND x_oo.body_id = x.body_id
                      ) THEN $1::text || '/organization/' || x_oo_u.id
                    END AS u,
                    x_oo_u.o
                  FROM
                    unnest(x.originator_committee_ids) WITH ORDINALITY x_oo_u (id, o)
                ) x_oo_z
            ),
            'consultation',
            x_ks.items,
            'created',
            to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
            'modified',
            to_char(
              GREATEST(GREATEST(x.modified_at, x.deleted_at), x_fs.modified, x_ks.modified),
              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
            ),
            'web',
            replace(b.web_url_templates ->> 'document', '{id}', x.id::text)
          )
        FROM
          (
            SELECT
              (
                array_agg(
                  json_build_object(
                    'id',
                    $1::text || '/file/' || x_f.id,
                    'type',
                    'https://schema.oparl.org/1.1/File',
                    'name',
                    NULLIF(x_f.name, ''),
                    'fileName',
                    NULLIF(x_f.file_name, ''),
                    'mimeType',
                    NULLIF(x_f.mime_type, ''),
                    'date',
                    to_char(x_f.date, 'YYYY-MM-DD'),
                    'size',
                    x_f.size,
                    'sha512Checksum',
                    lower(x_f.sha512),
                    'accessUrl',
                    $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                    'downloadUrl',
                    $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                    'fileLicense',
                    NULLIF(x_f.file_license, ''),
                    'created',
                    to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                  )
                  ORDER BY
                    x_f.position,
                    x_f.id
                ) FILTER (
                  WHERE
                    x_f.shown
                    AND x_f.picked
                )
              ) [1] AS first,
              json_agg(
                json_build_object(
                  'id',
                  $1::text || '/file/' || x_f.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_f.name, ''),
                  'fileName',
                  NULLIF(x_f.file_name, ''),
                  'mimeType',
                  NULLIF(x_f.mime_type, ''),
                  'date',
                  to_char(x_f.date, 'YYYY-MM-DD'),
                  'size',
                  x_f.size,
                  'sha512Checksum',
                  lower(x_f.sha512),
                  'accessUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content',
                  'downloadUrl',
                  $2::text || '/v1/bodies/' || b.slug || '/files/' || x_f.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_f.file_license, ''),
                  'created',
                  to_char(x_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_f.modified_at, x_f.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_f.id::text)
                )
                ORDER BY
                  x_f.position,
                  x_f.id
              ) FILTER (
                WHERE
                  x_f.shown
                  AND NOT (
                    x_f.picked
                    AND x_f.rank = 1
                  )
              ) AS rest,
              max(GREATEST(x_f.modified_at, x_f.deleted_at)) FILTER (
                WHERE
                  x_f.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_f_f.*,
                  x_f_f.deleted_at IS NULL
                  AND x_f_f.published_at IS NOT NULL
                  AND x_f_f.public
                  AND COALESCE(
                    (
                      SELECT
                        va_x_f_f.deleted_at IS NULL
                        AND va_x_f_f.published_at IS NOT NULL
                        AND va_x_f_f.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_f_f.deleted_at IS NULL
                              AND vs_va_x_f_f.published_at IS NOT NULL
                            FROM
                              session vs_va_x_f_f
                            WHERE
                              vs_va_x_f_f.id = va_x_f_f.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_f_f
                      WHERE
                        va_x_f_f.id = x_f_f.agenda_item_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        vs_x_f_f.deleted_at IS NULL
                        AND vs_x_f_f.published_at IS NOT NULL
                      FROM
                        session vs_x_f_f
                      WHERE
                        vs_x_f_f.id = x_f_f.session_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        bool_and(
                          vm_x_f_f.deleted_at IS NULL
                          AND vm_x_f_f.status = 'published'
                          AND COALESCE(
                            (
                              SELECT
                                vs_vm_x_f_f.deleted_at IS NULL
                                AND vs_vm_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_vm_x_f_f
                              WHERE
                                vs_vm_x_f_f.id = vm_x_f_f.session_id
                            ),
                            FALSE
                          )
                        )
                      FROM
                        minutes vm_x_f_f
                      WHERE
                        vm_x_f_f.file_id = x_f_f.id
                        AND vm_x_f_f.deleted_at IS NULL
                    ),
                    TRUE
                  ) AS shown,
                  x_f_f.widest_audience >= 2 AS seen,
                  (x_f_f.role = 'main') IS TRUE AS picked,
                  row_number() OVER (
                    PARTITION BY
                      x_f_f.deleted_at IS NULL
                      AND x_f_f.published_at IS NOT NULL
                      AND x_f_f.public
                      AND COALESCE(
                        (
                          SELECT
                            va_x_f_f.deleted_at IS NULL
                            AND va_x_f_f.published_at IS NOT NULL
                            AND va_x_f_f.public
                            AND COALESCE(
                              (
                                SELECT
                                  vs_va_x_f_f.deleted_at IS NULL
                                  AND vs_va_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_va_x_f_f
                                WHERE
                                  vs_va_x_f_f.id = va_x_f_f.session_id
                              ),
                              FALSE
                            )
                          FROM
                            agenda_item va_x_f_f
                          WHERE
                            va_x_f_f.id = x_f_f.agenda_item_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            vs_x_f_f.deleted_at IS NULL
                            AND vs_x_f_f.published_at IS NOT NULL
                          FROM
                            session vs_x_f_f
                          WHERE
                            vs_x_f_f.id = x_f_f.session_id
                        ),
                        TRUE
                      )
                      AND COALESCE(
                        (
                          SELECT
                            bool_and(
                              vm_x_f_f.deleted_at IS NULL
                              AND vm_x_f_f.status = 'published'
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_vm_x_f_f.deleted_at IS NULL
                                    AND vs_vm_x_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_vm_x_f_f
                                  WHERE
                                    vs_vm_x_f_f.id = vm_x_f_f.session_id
                                ),
                                FALSE
                              )
                            )
                          FROM
                            minutes vm_x_f_f
                          WHERE
                            vm_x_f_f.file_id = x_f_f.id
                            AND vm_x_f_f.deleted_at IS NULL
                        ),
                        TRUE
                      ),
                      (x_f_f.role = 'main') IS TRUE
                    ORDER BY
                      x_f_f.position,
                      x_f_f.id
                  ) AS rank
                FROM
                  file x_f_f
                WHERE
                  x_f_f.document_id = x.id
                  AND (
                    x_f_f.widest_audience >= 2
                    OR x_f_f.deleted_at IS NULL
                    AND x_f_f.published_at IS NOT NULL
                    AND x_f_f.public
                    AND COALESCE(
                      (
                        SELECT
                          va_x_f_f.deleted_at IS NULL
                          AND va_x_f_f.published_at IS NOT NULL
                          AND va_x_f_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vs_va_x_f_f.deleted_at IS NULL
                                AND vs_va_x_f_f.published_at IS NOT NULL
                              FROM
                                session vs_va_x_f_f
                              WHERE
                                vs_va_x_f_f.id = va_x_f_f.session_id
                            ),
                            FALSE
                          )
                        FROM
                          agenda_item va_x_f_f
                        WHERE
                          va_x_f_f.id = x_f_f.agenda_item_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          vs_x_f_f.deleted_at IS NULL
                          AND vs_x_f_f.published_at IS NOT NULL
                        FROM
                          session vs_x_f_f
                        WHERE
                          vs_x_f_f.id = x_f_f.session_id
                      ),
                      TRUE
                    )
                    AND COALESCE(
                      (
                        SELECT
                          bool_and(
                            vm_x_f_f.deleted_at IS NULL
                            AND vm_x_f_f.status = 'published'
                            AND COALESCE(
                              (
                                SELECT
                                  vs_vm_x_f_f.deleted_at IS NULL
                                  AND vs_vm_x_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_vm_x_f_f
                                WHERE
                                  vs_vm_x_f_f.id = vm_x_f_f.session_id
                              ),
                              FALSE
                            )
                          )
                        FROM
                          minutes vm_x_f_f
                        WHERE
                          vm_x_f_f.file_id = x_f_f.id
                          AND vm_x_f_f.deleted_at IS NULL
                      ),
                      TRUE
                    )
                  )
              ) x_f
          ) x_fs,
          (
            SELECT
              json_agg(
                json_build_object(
                  'id',
                  $1::text || '/consultation/' || x_k.id,
                  'type',
                  'https://schema.oparl.org/1.1/Consultation',
                  'agendaItem',
                  $1::text || '/agendaItem/' || x_k.agenda_item_id,
                  'meeting',
                  (
                    SELECT
                      $1::text || '/meeting/' || x_k_s.id
                    FROM
                      session x_k_s
                    WHERE
                      x_k_s.id = COALESCE(
                        x_k.session_id,
                        (
                          SELECT
                            x_k_as.session_id
                          FROM
                            agenda_item x_k_as
                          WHERE
                            x_k_as.id = x_k.agenda_item_id
                        )
                      )
                      AND x_k_s.deleted_at IS NULL
                      AND x_k_s.published_at IS NOT NULL
                  ),
                  'organization',
                  CASE
                    WHEN (
                      SELECT
                        x_k_o.deleted_at IS NULL
                        AND x_k_o.published_at IS NOT NULL
                      FROM
                        committee x_k_o
                      WHERE
                        x_k_o.id = x_k.committee_id
                    ) THEN json_build_array($1::text || '/organization/' || x_k.committee_id)
                  END,
                  'authoritative',
                  x_k.authoritative,
                  'role',
                  NULLIF(x_k.role, ''),
                  'created',
                  to_char(x_k.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_k.modified_at, x_k.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'consultation', '{id}', x_k.id::text)
                )
                ORDER BY
                  x_k.position,
                  x_k.id
              ) FILTER (
                WHERE
                  x_k.shown
              ) AS items,
              max(GREATEST(x_k.modified_at, x_k.deleted_at)) FILTER (
                WHERE
                  x_k.seen
              ) AS modified
            FROM
              (
                SELECT
                  x_k_r.*,
                  x_k_r.deleted_at IS NULL
                  AND x_k_r.published_at IS NOT NULL
                  AND COALESCE(
                    (
                      SELECT
                        va_x_k_r.deleted_at IS NULL
                        AND va_x_k_r.published_at IS NOT NULL
                        AND va_x_k_r.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_k_r.deleted_at IS NULL
                              AND vs_va_x_k_r.published_at IS NOT NULL
                            FROM
                              session vs_va_x_k_r
                            WHERE
                              vs_va_x_k_r.id = va_x_k_r.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_k_r
                      WHERE
                        va_x_k_r.id = x_k_r.agenda_item_id
                    ),
                    TRUE
                  ) AS shown,
                  x_k_r.widest_audience >= 2
                  AND COALESCE(
                    (
                      SELECT
                        od_x_k_r.widest_audience >= 2
                      FROM
                        document od_x_k_r
                      WHERE
                        od_x_k_r.id = x_k_r.document_id
                    ),
                    FALSE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        oa_x_k_r.widest_audience >= 2
                        AND COALESCE(
                          (
                            SELECT
                              os_oa_x_k_r.widest_audience >= 2
                            FROM
                              session os_oa_x_k_r
                            WHERE
                              os_oa_x_k_r.id = oa_x_k_r.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item oa_x_k_r
                      WHERE
                        oa_x_k_r.id = x_k_r.agenda_item_id
                    ),
                    TRUE
                  ) AS seen
                FROM
                  consultation x_k_r
                WHERE
                  x_k_r.document_id = x.id
              ) x_k
          ) x_ks
      )
      ELSE json_build_object(
        'id',
        $1::text || '/paper/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Paper',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(
          GREATEST(
            GREATEST(x.modified_at, x.deleted_at),
            (
              SELECT
                max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
              FROM
                file x_mf
              WHERE
                x_mf.document_id = x.id
                AND x_mf.widest_audience >= 2
            ),
            (
              SELECT
                max(GREATEST(x_mc.modified_at, x_mc.deleted_at))
              FROM
                consultation x_mc
              WHERE
                x_mc.document_id = x.id
                AND x_mc.widest_audience >= 2
                AND COALESCE(
                  (
                    SELECT
                      od_x_mc.widest_audience >= 2
                    FROM
                      document od_x_mc
                    WHERE
                      od_x_mc.id = x_mc.document_id
                  ),
                  FALSE
                )
                AND COALESCE(
                  (
                    SELECT
                      oa_x_mc.widest_audience >= 2
                      AND COALESCE(
                        (
                          SELECT
                            os_oa_x_mc.widest_audience >= 2
                          FROM
                            session os_oa_x_mc
                          WHERE
                            os_oa_x_mc.id = oa_x_mc.session_id
                        ),
                        FALSE
                      )
                    FROM
                      agenda_item oa_x_mc
                    WHERE
                      oa_x_mc.id = x_mc.agenda_item_id
                  ),
                  TRUE
                )
            )
          ),
          'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
        ),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  document x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $3::uuid
  AND x.widest_audience >= 2;

-- oparl: list of consultation · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'consultation'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of consultation · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $2::text || '/consultation/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/Consultation',
      'paper',
      $2::text || '/paper/' || x.document_id,
      'agendaItem',
      $2::text || '/agendaItem/' || x.agenda_item_id,
      'meeting',
      (
        SELECT
          $2::text || '/meeting/' || x_s.id
        FROM
          session x_s
        WHERE
          x_s.id = COALESCE(
            x.session_id,
            (
              SELECT
                x_as.session_id
              FROM
                agenda_item x_as
              WHERE
                x_as.id = x.agenda_item_id
            )
          )
          AND x_s.deleted_at IS NULL
          AND x_s.published_at IS NOT NULL
      ),
      'organization',
      CASE
        WHEN (
          x.committee_id IN (
            SELECT
              x_o_h.id
            FROM
              committee x_o_h
            WHERE
              x_o_h.body_id = $1::uuid
              AND x_o_h.deleted_at IS NULL
              AND x_o_h.published_at IS NOT NULL
          )
          OR (
            SELECT
              x_o.deleted_at IS NULL
              AND x_o.published_at IS NOT NULL
            FROM
              committee x_o
            WHERE
              x_o.id = x.committee_id
          )
        ) THEN json_build_array($2::text || '/organization/' || x.committee_id)
      END,
      'authoritative',
      x.authoritative,
      'role',
      NULLIF(x.role, ''),
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'web',
      replace(b.web_url_templates ->> 'consultation', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  consultation x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND COALESCE(
    (
      SELECT
        vd_x.deleted_at IS NULL
        AND vd_x.published_at IS NOT NULL
        AND vd_x.public
      FROM
        document vd_x
      WHERE
        vd_x.id = x.document_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        va_x.deleted_at IS NULL
        AND va_x.published_at IS NOT NULL
        AND va_x.public
        AND COALESCE(
          (
            SELECT
              vs_va_x.deleted_at IS NULL
              AND vs_va_x.published_at IS NOT NULL
            FROM
              session vs_va_x
            WHERE
              vs_va_x.id = va_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item va_x
      WHERE
        va_x.id = x.agenda_item_id
    ),
    TRUE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of consultation changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_x.deleted_at IS NULL
            AND vd_x.published_at IS NOT NULL
            AND vd_x.public
          FROM
            document vd_x
          WHERE
            vd_x.id = x.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_x.deleted_at IS NULL
            AND va_x.published_at IS NOT NULL
            AND va_x.public
            AND COALESCE(
              (
                SELECT
                  vs_va_x.deleted_at IS NULL
                  AND vs_va_x.published_at IS NOT NULL
                FROM
                  session vs_va_x
                WHERE
                  vs_va_x.id = va_x.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_x
          WHERE
            va_x.id = x.agenda_item_id
        ),
        TRUE
      ) THEN json_build_object(
        'id',
        $4::text || '/consultation/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Consultation',
        'paper',
        $4::text || '/paper/' || x.document_id,
        'agendaItem',
        $4::text || '/agendaItem/' || x.agenda_item_id,
        'meeting',
        (
          SELECT
            $4::text || '/meeting/' || x_s.id
          FROM
            session x_s
          WHERE
            x_s.id = COALESCE(
              x.session_id,
              (
                SELECT
                  x_as.session_id
                FROM
                  agenda_item x_as
                WHERE
                  x_as.id = x.agenda_item_id
              )
            )
            AND x_s.deleted_at IS NULL
            AND x_s.published_at IS NOT NULL
        ),
        'organization',
        CASE
          WHEN (
            x.committee_id IN (
              SELECT
                x_o_h.id
              FROM
                committee x_o_h
              WHERE
                x_o_h.body_id = $1::uuid
                AND x_o_h.deleted_at IS NULL
                AND x_o_h.published_at IS NOT NULL
            )
            OR (
              SELECT
                x_o.deleted_at IS NULL
                AND x_o.published_at IS NOT NULL
              FROM
                committee x_o
              WHERE
                x_o.id = x.committee_id
            )
          ) THEN json_build_array($4::text || '/organization/' || x.committee_id)
        END,
        'authoritative',
        x.authoritative,
        'role',
        NULLIF(x.role, ''),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'consultation', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $4::text || '/consultation/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Consultation',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  consultation x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(x.modified_at, x.deleted_at) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        od_x.widest_audience >= 2
      FROM
        document od_x
      WHERE
        od_x.id = x.document_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        oa_x.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              os_oa_x.widest_audience >= 2
            FROM
              session os_oa_x
            WHERE
              os_oa_x.id = oa_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item oa_x
      WHERE
        oa_x.id = x.agenda_item_id
    ),
    TRUE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object consultation · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'consultation'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object consultation · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND COALESCE(
        (
          SELECT
            vd_x.deleted_at IS NULL
            AND vd_x.published_at IS NOT NULL
            AND vd_x.public
          FROM
            document vd_x
          WHERE
            vd_x.id = x.document_id
        ),
        FALSE
      )
      AND COALESCE(
        (
          SELECT
            va_x.deleted_at IS NULL
            AND va_x.published_at IS NOT NULL
            AND va_x.public
            AND COALESCE(
              (
                SELECT
                  vs_va_x.deleted_at IS NULL
                  AND vs_va_x.published_at IS NOT NULL
                FROM
                  session vs_va_x
                WHERE
                  vs_va_x.id = va_x.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_x
          WHERE
            va_x.id = x.agenda_item_id
        ),
        TRUE
      ) THEN json_build_object(
        'id',
        $1::text || '/consultation/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Consultation',
        'paper',
        $1::text || '/paper/' || x.document_id,
        'agendaItem',
        $1::text || '/agendaItem/' || x.agenda_item_id,
        'meeting',
        (
          SELECT
            $1::text || '/meeting/' || x_s.id
          FROM
            session x_s
          WHERE
            x_s.id = COALESCE(
              x.session_id,
              (
                SELECT
                  x_as.session_id
                FROM
                  agenda_item x_as
                WHERE
                  x_as.id = x.agenda_item_id
              )
            )
            AND x_s.deleted_at IS NULL
            AND x_s.published_at IS NOT NULL
        ),
        'organization',
        CASE
          WHEN (
            SELECT
              x_o.deleted_at IS NULL
              AND x_o.published_at IS NOT NULL
            FROM
              committee x_o
            WHERE
              x_o.id = x.committee_id
          ) THEN json_build_array($1::text || '/organization/' || x.committee_id)
        END,
        'authoritative',
        x.authoritative,
        'role',
        NULLIF(x.role, ''),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'consultation', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $1::text || '/consultation/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Consultation',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  consultation x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $2::uuid
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        od_x.widest_audience >= 2
      FROM
        document od_x
      WHERE
        od_x.id = x.document_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        oa_x.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              os_oa_x.widest_audience >= 2
            FROM
              session os_oa_x
            WHERE
              os_oa_x.id = oa_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item oa_x
      WHERE
        oa_x.id = x.agenda_item_id
    ),
    TRUE
  );

-- oparl: list of file · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'file'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of file · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $3::text || '/file/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/File',
      'name',
      NULLIF(x.name, ''),
      'fileName',
      NULLIF(x.file_name, ''),
      'mimeType',
      NULLIF(x.mime_type, ''),
      'date',
      to_char(x.date, 'YYYY-MM-DD'),
      'size',
      x.size,
      'sha512Checksum',
      lower(x.sha512),
      'text',
      NULLIF(x.text, ''),
      'accessUrl',
      $2::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content',
      'downloadUrl',
      $2::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content' || '?download=1',
      'fileLicense',
      NULLIF(x.file_license, ''),
      'meeting',
      (
        SELECT
          json_agg(
            $3::text || '/meeting/' || x_s.id
            ORDER BY
              x_s.id
          )
        FROM
          (
            SELECT
              x.session_id AS id
            UNION
            SELECT
              x_m.session_id
            FROM
              minutes x_m
            WHERE
              x_m.file_id = x.id
          ) x_u
          JOIN session x_s ON x_s.id = x_u.id
        WHERE
          x_s.deleted_at IS NULL
          AND x_s.published_at IS NOT NULL
      ),
      'agendaItem',
      CASE
        WHEN x.agenda_item_id IS NOT NULL THEN json_build_array($3::text || '/agendaItem/' || x.agenda_item_id)
      END,
      'paper',
      CASE
        WHEN x.document_id IS NOT NULL THEN json_build_array($3::text || '/paper/' || x.document_id)
      END,
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'web',
      replace(b.web_url_templates ->> 'file', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  file x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND x.public
  AND COALESCE(
    (
      SELECT
        vd_x.deleted_at IS NULL
        AND vd_x.published_at IS NOT NULL
        AND vd_x.public
      FROM
        document vd_x
      WHERE
        vd_x.id = x.document_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        va_x.deleted_at IS NULL
        AND va_x.published_at IS NOT NULL
        AND va_x.public
        AND COALESCE(
          (
            SELECT
              vs_va_x.deleted_at IS NULL
              AND vs_va_x.published_at IS NOT NULL
            FROM
              session vs_va_x
            WHERE
              vs_va_x.id = va_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item va_x
      WHERE
        va_x.id = x.agenda_item_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        vs_x.deleted_at IS NULL
        AND vs_x.published_at IS NOT NULL
      FROM
        session vs_x
      WHERE
        vs_x.id = x.session_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        bool_and(
          vm_x.deleted_at IS NULL
          AND vm_x.status = 'published'
          AND COALESCE(
            (
              SELECT
                vs_vm_x.deleted_at IS NULL
                AND vs_vm_x.published_at IS NOT NULL
              FROM
                session vs_vm_x
              WHERE
                vs_vm_x.id = vm_x.session_id
            ),
            FALSE
          )
        )
      FROM
        minutes vm_x
      WHERE
        vm_x.file_id = x.id
        AND vm_x.deleted_at IS NULL
    ),
    TRUE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of file changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND x.public
      AND COALESCE(
        (
          SELECT
            vd_x.deleted_at IS NULL
            AND vd_x.published_at IS NOT NULL
            AND vd_x.public
          FROM
            document vd_x
          WHERE
            vd_x.id = x.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_x.deleted_at IS NULL
            AND va_x.published_at IS NOT NULL
            AND va_x.public
            AND COALESCE(
              (
                SELECT
                  vs_va_x.deleted_at IS NULL
                  AND vs_va_x.published_at IS NOT NULL
                FROM
                  session vs_va_x
                WHERE
                  vs_va_x.id = va_x.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_x
          WHERE
            va_x.id = x.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_x.deleted_at IS NULL
            AND vs_x.published_at IS NOT NULL
          FROM
            session vs_x
          WHERE
            vs_x.id = x.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_x.deleted_at IS NULL
              AND vm_x.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_vm_x.deleted_at IS NULL
                    AND vs_vm_x.published_at IS NOT NULL
                  FROM
                    session vs_vm_x
                  WHERE
                    vs_vm_x.id = vm_x.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_x
          WHERE
            vm_x.file_id = x.id
            AND vm_x.deleted_at IS NULL
        ),
        TRUE
      ) THEN json_build_object(
        'id',
        $5::text || '/file/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/File',
        'name',
        NULLIF(x.name, ''),
        'fileName',
        NULLIF(x.file_name, ''),
        'mimeType',
        NULLIF(x.mime_type, ''),
        'date',
        to_char(x.date, 'YYYY-MM-DD'),
        'size',
        x.size,
        'sha512Checksum',
        lower(x.sha512),
        'text',
        NULLIF(x.text, ''),
        'accessUrl',
        $4::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content',
        'downloadUrl',
        $4::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content' || '?download=1',
        'fileLicense',
        NULLIF(x.file_license, ''),
        'meeting',
        (
          SELECT
            json_agg(
              $5::text || '/meeting/' || x_s.id
              ORDER BY
                x_s.id
            )
          FROM
            (
              SELECT
                x.session_id AS id
              UNION
              SELECT
                x_m.session_id
              FROM
                minutes x_m
              WHERE
                x_m.file_id = x.id
            ) x_u
            JOIN session x_s ON x_s.id = x_u.id
          WHERE
            x_s.deleted_at IS NULL
            AND x_s.published_at IS NOT NULL
        ),
        'agendaItem',
        CASE
          WHEN x.agenda_item_id IS NOT NULL THEN json_build_array($5::text || '/agendaItem/' || x.agenda_item_id)
        END,
        'paper',
        CASE
          WHEN x.document_id IS NOT NULL THEN json_build_array($5::text || '/paper/' || x.document_id)
        END,
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'file', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $5::text || '/file/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/File',
        'accessUrl',
        $4::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  file x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(x.modified_at, x.deleted_at) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        od_x.widest_audience >= 2
      FROM
        document od_x
      WHERE
        od_x.id = x.document_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        oa_x.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              os_oa_x.widest_audience >= 2
            FROM
              session os_oa_x
            WHERE
              os_oa_x.id = oa_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item oa_x
      WHERE
        oa_x.id = x.agenda_item_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        os_x.widest_audience >= 2
      FROM
        session os_x
      WHERE
        os_x.id = x.session_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        bool_and(
          om_x.widest_audience >= 2
          AND COALESCE(
            (
              SELECT
                os_om_x.widest_audience >= 2
              FROM
                session os_om_x
              WHERE
                os_om_x.id = om_x.session_id
            ),
            FALSE
          )
        )
      FROM
        minutes om_x
      WHERE
        om_x.file_id = x.id
        AND om_x.deleted_at IS NULL
    ),
    TRUE
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object file · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'file'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object file · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example", "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL
      AND x.public
      AND COALESCE(
        (
          SELECT
            vd_x.deleted_at IS NULL
            AND vd_x.published_at IS NOT NULL
            AND vd_x.public
          FROM
            document vd_x
          WHERE
            vd_x.id = x.document_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            va_x.deleted_at IS NULL
            AND va_x.published_at IS NOT NULL
            AND va_x.public
            AND COALESCE(
              (
                SELECT
                  vs_va_x.deleted_at IS NULL
                  AND vs_va_x.published_at IS NOT NULL
                FROM
                  session vs_va_x
                WHERE
                  vs_va_x.id = va_x.session_id
              ),
              FALSE
            )
          FROM
            agenda_item va_x
          WHERE
            va_x.id = x.agenda_item_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            vs_x.deleted_at IS NULL
            AND vs_x.published_at IS NOT NULL
          FROM
            session vs_x
          WHERE
            vs_x.id = x.session_id
        ),
        TRUE
      )
      AND COALESCE(
        (
          SELECT
            bool_and(
              vm_x.deleted_at IS NULL
              AND vm_x.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_vm_x.deleted_at IS NULL
                    AND vs_vm_x.published_at IS NOT NULL
                  FROM
                    session vs_vm_x
                  WHERE
                    vs_vm_x.id = vm_x.session_id
                ),
                FALSE
              )
            )
          FROM
            minutes vm_x
          WHERE
            vm_x.file_id = x.id
            AND vm_x.deleted_at IS NULL
        ),
        TRUE
      ) THEN json_build_object(
        'id',
        $2::text || '/file/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/File',
        'name',
        NULLIF(x.name, ''),
        'fileName',
        NULLIF(x.file_name, ''),
        'mimeType',
        NULLIF(x.mime_type, ''),
        'date',
        to_char(x.date, 'YYYY-MM-DD'),
        'size',
        x.size,
        'sha512Checksum',
        lower(x.sha512),
        'text',
        NULLIF(x.text, ''),
        'accessUrl',
        $1::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content',
        'downloadUrl',
        $1::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content' || '?download=1',
        'fileLicense',
        NULLIF(x.file_license, ''),
        'meeting',
        (
          SELECT
            json_agg(
              $2::text || '/meeting/' || x_s.id
              ORDER BY
                x_s.id
            )
          FROM
            (
              SELECT
                x.session_id AS id
              UNION
              SELECT
                x_m.session_id
              FROM
                minutes x_m
              WHERE
                x_m.file_id = x.id
            ) x_u
            JOIN session x_s ON x_s.id = x_u.id
          WHERE
            x_s.deleted_at IS NULL
            AND x_s.published_at IS NOT NULL
        ),
        'agendaItem',
        CASE
          WHEN x.agenda_item_id IS NOT NULL THEN json_build_array($2::text || '/agendaItem/' || x.agenda_item_id)
        END,
        'paper',
        CASE
          WHEN x.document_id IS NOT NULL THEN json_build_array($2::text || '/paper/' || x.document_id)
        END,
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'file', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $2::text || '/file/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/File',
        'accessUrl',
        $1::text || '/v1/bodies/' || b.slug || '/files/' || x.id || '/content',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  file x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $3::uuid
  AND x.widest_audience >= 2
  AND COALESCE(
    (
      SELECT
        od_x.widest_audience >= 2
      FROM
        document od_x
      WHERE
        od_x.id = x.document_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        oa_x.widest_audience >= 2
        AND COALESCE(
          (
            SELECT
              os_oa_x.widest_audience >= 2
            FROM
              session os_oa_x
            WHERE
              os_oa_x.id = oa_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item oa_x
      WHERE
        oa_x.id = x.agenda_item_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        os_x.widest_audience >= 2
      FROM
        session os_x
      WHERE
        os_x.id = x.session_id
    ),
    TRUE
  )
  AND COALESCE(
    (
      SELECT
        bool_and(
          om_x.widest_audience >= 2
          AND COALESCE(
            (
              SELECT
                os_om_x.widest_audience >= 2
              FROM
                session os_om_x
              WHERE
                os_om_x.id = om_x.session_id
            ),
            FALSE
          )
        )
      FROM
        minutes om_x
      WHERE
        om_x.file_id = x.id
        AND om_x.deleted_at IS NULL
    ),
    TRUE
  );

-- oparl: list of location · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'location'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of location · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $2::text || '/location/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/Location',
      'description',
      NULLIF(x.description, ''),
      'geojson',
      x.geojson,
      'streetAddress',
      NULLIF(x.street_address, ''),
      'room',
      NULLIF(x.room, ''),
      'postalCode',
      NULLIF(x.postal_code, ''),
      'subLocality',
      NULLIF(x.sub_locality, ''),
      'locality',
      NULLIF(x.locality, ''),
      'organizations',
      (
        SELECT
          json_agg(
            $2::text || '/organization/' || x_c.id
            ORDER BY
              x_c.id
          )
        FROM
          committee x_c
        WHERE
          x_c.body_id = x.body_id
          AND x_c.location_id = x.id
          AND x_c.deleted_at IS NULL
          AND x_c.published_at IS NOT NULL
      ),
      'persons',
      (
        SELECT
          json_agg(
            $2::text || '/person/' || x_p.id
            ORDER BY
              x_p.id
          )
        FROM
          person x_p
        WHERE
          x_p.body_id = x.body_id
          AND x_p.location_id = x.id
          AND x_p.deleted_at IS NULL
          AND x_p.published_at IS NOT NULL
      ),
      'meetings',
      (
        SELECT
          json_agg(
            $2::text || '/meeting/' || x_s.id
            ORDER BY
              x_s.id
          )
        FROM
          session x_s
        WHERE
          x_s.body_id = x.body_id
          AND x_s.location_id = x.id
          AND x_s.deleted_at IS NULL
          AND x_s.published_at IS NOT NULL
      ),
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'web',
      replace(b.web_url_templates ->> 'location', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  location x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of location changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $4::text || '/location/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Location',
        'description',
        NULLIF(x.description, ''),
        'geojson',
        x.geojson,
        'streetAddress',
        NULLIF(x.street_address, ''),
        'room',
        NULLIF(x.room, ''),
        'postalCode',
        NULLIF(x.postal_code, ''),
        'subLocality',
        NULLIF(x.sub_locality, ''),
        'locality',
        NULLIF(x.locality, ''),
        'organizations',
        (
          SELECT
            json_agg(
              $4::text || '/organization/' || x_c.id
              ORDER BY
                x_c.id
            )
          FROM
            committee x_c
          WHERE
            x_c.body_id = x.body_id
            AND x_c.location_id = x.id
            AND x_c.deleted_at IS NULL
            AND x_c.published_at IS NOT NULL
        ),
        'persons',
        (
          SELECT
            json_agg(
              $4::text || '/person/' || x_p.id
              ORDER BY
                x_p.id
            )
          FROM
            person x_p
          WHERE
            x_p.body_id = x.body_id
            AND x_p.location_id = x.id
            AND x_p.deleted_at IS NULL
            AND x_p.published_at IS NOT NULL
        ),
        'meetings',
        (
          SELECT
            json_agg(
              $4::text || '/meeting/' || x_s.id
              ORDER BY
                x_s.id
            )
          FROM
            session x_s
          WHERE
            x_s.body_id = x.body_id
            AND x_s.location_id = x.id
            AND x_s.deleted_at IS NULL
            AND x_s.published_at IS NOT NULL
        ),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'location', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $4::text || '/location/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Location',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  location x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(x.modified_at, x.deleted_at) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object location · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'location'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object location · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $1::text || '/location/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Location',
        'description',
        NULLIF(x.description, ''),
        'geojson',
        x.geojson,
        'streetAddress',
        NULLIF(x.street_address, ''),
        'room',
        NULLIF(x.room, ''),
        'postalCode',
        NULLIF(x.postal_code, ''),
        'subLocality',
        NULLIF(x.sub_locality, ''),
        'locality',
        NULLIF(x.locality, ''),
        'organizations',
        (
          SELECT
            json_agg(
              $1::text || '/organization/' || x_c.id
              ORDER BY
                x_c.id
            )
          FROM
            committee x_c
          WHERE
            x_c.body_id = x.body_id
            AND x_c.location_id = x.id
            AND x_c.deleted_at IS NULL
            AND x_c.published_at IS NOT NULL
        ),
        'persons',
        (
          SELECT
            json_agg(
              $1::text || '/person/' || x_p.id
              ORDER BY
                x_p.id
            )
          FROM
            person x_p
          WHERE
            x_p.body_id = x.body_id
            AND x_p.location_id = x.id
            AND x_p.deleted_at IS NULL
            AND x_p.published_at IS NOT NULL
        ),
        'meetings',
        (
          SELECT
            json_agg(
              $1::text || '/meeting/' || x_s.id
              ORDER BY
                x_s.id
            )
          FROM
            session x_s
          WHERE
            x_s.body_id = x.body_id
            AND x_s.location_id = x.id
            AND x_s.deleted_at IS NULL
            AND x_s.published_at IS NOT NULL
        ),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'location', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $1::text || '/location/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/Location',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  location x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $2::uuid
  AND x.widest_audience >= 2;

-- oparl: list of legislativeTerm · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j AS j,
  r.id::text AS _k0
FROM
  oparl_rendered r
WHERE
  r.body_id = $1::uuid
  AND r.kind = 'legislativeTerm'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = $1::uuid
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  )
ORDER BY
  r.id ASC
LIMIT
  101;

-- oparl: list of legislativeTerm · public · query 2 of 2
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $2::text || '/legislativeTerm/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/LegislativeTerm',
      'body',
      $2::text || '/bodies/' || b.slug,
      'name',
      NULLIF(x.name, ''),
      'startDate',
      to_char(x.start_date, 'YYYY-MM-DD'),
      'endDate',
      to_char(x.end_date, 'YYYY-MM-DD'),
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'web',
      replace(b.web_url_templates ->> 'legislativeTerm', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  legislative_term x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of legislativeTerm changed since, after a cursor · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "2026-01-01T00:00:00Z", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $4::text || '/legislativeTerm/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/LegislativeTerm',
        'body',
        $4::text || '/bodies/' || b.slug,
        'name',
        NULLIF(x.name, ''),
        'startDate',
        to_char(x.start_date, 'YYYY-MM-DD'),
        'endDate',
        to_char(x.end_date, 'YYYY-MM-DD'),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'legislativeTerm', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $4::text || '/legislativeTerm/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/LegislativeTerm',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  ) AS j,
  x.id::text AS _k0
FROM
  legislative_term x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND GREATEST(x.modified_at, x.deleted_at) >= date_trunc('second', $2::timestamptz + interval '999999 microseconds')
  AND (x.id) > ($3::uuid)
  AND x.widest_audience >= 2
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: object legislativeTerm · public · query 1 of 2
-- parameters: "00000000-0000-4000-8000-0000000000a1", "WavbO-L_zrdLN_2itkB2zKrmQgr5GWnM9D7bgblk3h4"
SELECT
  r.j::text AS j
FROM
  oparl_rendered r
WHERE
  r.id = $1::uuid
  AND r.kind = 'legislativeTerm'
  AND EXISTS (
    SELECT
      1
    FROM
      oparl_render_state s
    WHERE
      s.body_id = r.body_id
      AND s.render_key = $2
      AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)
      AND NOT EXISTS (
        SELECT
          1
        FROM
          oparl_write w
        WHERE
          w.body_id = s.body_id
          AND NOT pg_visible_in_snapshot(w.xid, s.snapshot)
      )
  );

-- oparl: object legislativeTerm · public · query 2 of 2
-- parameters: "https://ratsinfo.musterstadt.example/oparl/v1.1", "00000000-0000-4000-8000-0000000000a1"
SELECT
  json_strip_nulls(
    CASE
      WHEN x.deleted_at IS NULL
      AND x.published_at IS NOT NULL THEN json_build_object(
        'id',
        $1::text || '/legislativeTerm/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/LegislativeTerm',
        'body',
        $1::text || '/bodies/' || b.slug,
        'name',
        NULLIF(x.name, ''),
        'startDate',
        to_char(x.start_date, 'YYYY-MM-DD'),
        'endDate',
        to_char(x.end_date, 'YYYY-MM-DD'),
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'web',
        replace(b.web_url_templates ->> 'legislativeTerm', '{id}', x.id::text)
      )
      ELSE json_build_object(
        'id',
        $1::text || '/legislativeTerm/' || x.id,
        'type',
        'https://schema.oparl.org/1.1/LegislativeTerm',
        'created',
        to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'modified',
        to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
        'deleted',
        TRUE
      )
    END
  )::text AS j
FROM
  legislative_term x
  JOIN body b ON b.id = x.body_id
  AND b.deleted_at IS NULL
WHERE
  x.id = $2::uuid
  AND x.widest_audience >= 2;

-- oparl: list of meeting of an organization · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1", "https://ratsinfo.musterstadt.example"
SELECT
  json_strip_nulls(
    (
      SELECT
        json_build_object(
          'id',
          $3::text || '/meeting/' || x.id,
          'type',
          'https://schema.oparl.org/1.1/Meeting',
          'name',
          NULLIF(x.name, ''),
          'meetingState',
          CASE x.state
            WHEN 'scheduled' THEN 'terminiert'
            WHEN 'invited' THEN 'eingeladen'
            WHEN 'held' THEN 'durchgeführt'
          END,
          'cancelled',
          x.cancelled,
          'start',
          to_char(x.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'end',
          to_char(x."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'location',
          (
            SELECT
              json_build_object(
                'id',
                $3::text || '/location/' || x_l.id,
                'type',
                'https://schema.oparl.org/1.1/Location',
                'description',
                NULLIF(x_l.description, ''),
                'geojson',
                x_l.geojson,
                'streetAddress',
                NULLIF(x_l.street_address, ''),
                'room',
                NULLIF(x_l.room, ''),
                'postalCode',
                NULLIF(x_l.postal_code, ''),
                'subLocality',
                NULLIF(x_l.sub_locality, ''),
                'locality',
                NULLIF(x_l.locality, ''),
                'created',
                to_char(x_l.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_l.modified_at, x_l.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'location', '{id}', x_l.id::text)
              )
            FROM
              location x_l
            WHERE
              x_l.id = x.location_id
              AND x_l.deleted_at IS NULL
              AND x_l.published_at IS NOT NULL
          ),
          'organization',
          (
            SELECT
              json_agg(
                $3::text || '/organization/' || x_sc.committee_id
                ORDER BY
                  x_sc.position,
                  x_sc.committee_id
              )
            FROM
              session_committee x_sc
            WHERE
              x_sc.session_id = x.id
              AND (
                x_sc.committee_id IN (
                  SELECT
                    x_c_h.id
                  FROM
                    committee x_c_h
                  WHERE
                    x_c_h.body_id = $1::uuid
                    AND x_c_h.deleted_at IS NULL
                    AND x_c_h.published_at IS NOT NULL
                )
                OR (
                  SELECT
                    x_c.deleted_at IS NULL
                    AND x_c.published_at IS NOT NULL
                  FROM
                    committee x_c
                  WHERE
                    x_c.id = x_sc.committee_id
                )
              )
          ),
          'invitation',
          (
            SELECT
              json_build_object(
                'id',
                $3::text || '/file/' || x_if.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_if.name, ''),
                'fileName',
                NULLIF(x_if.file_name, ''),
                'mimeType',
                NULLIF(x_if.mime_type, ''),
                'date',
                to_char(x_if.date, 'YYYY-MM-DD'),
                'size',
                x_if.size,
                'sha512Checksum',
                lower(x_if.sha512),
                'accessUrl',
                $4::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content',
                'downloadUrl',
                $4::text || '/v1/bodies/' || b.slug || '/files/' || x_if.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_if.file_license, ''),
                'created',
                to_char(x_if.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_if.modified_at, x_if.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_if.id::text)
              )
            FROM
              file x_if
            WHERE
              x_if.session_id = x.id
              AND x_if.deleted_at IS NULL
              AND x_if.published_at IS NOT NULL
              AND x_if.public
              AND COALESCE(
                (
                  SELECT
                    vd_x_if.deleted_at IS NULL
                    AND vd_x_if.published_at IS NOT NULL
                    AND vd_x_if.public
                  FROM
                    document vd_x_if
                  WHERE
                    vd_x_if.id = x_if.document_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    va_x_if.deleted_at IS NULL
                    AND va_x_if.published_at IS NOT NULL
                    AND va_x_if.public
                    AND COALESCE(
                      (
                        SELECT
                          vs_va_x_if.deleted_at IS NULL
                          AND vs_va_x_if.published_at IS NOT NULL
                        FROM
                          session vs_va_x_if
                        WHERE
                          vs_va_x_if.id = va_x_if.session_id
                      ),
                      FALSE
                    )
                  FROM
                    agenda_item va_x_if
                  WHERE
                    va_x_if.id = x_if.agenda_item_id
                ),
                TRUE
              )
              AND NOT EXISTS (
                SELECT
                  1
                FROM
                  minutes x_if_x
                WHERE
                  x_if_x.file_id = x_if.id
              )
              AND x_if.role = 'invitation'
            ORDER BY
              x_if.position,
              x_if.id
            LIMIT
              1
          ),
          'resultsProtocol',
          (
            SELECT
              json_build_object(
                'id',
                $3::text || '/file/' || x_rp.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_rp.name, ''),
                'fileName',
                NULLIF(x_rp.file_name, ''),
                'mimeType',
                NULLIF(x_rp.mime_type, ''),
                'date',
                to_char(x_rp.date, 'YYYY-MM-DD'),
                'size',
                x_rp.size,
                'sha512Checksum',
                lower(x_rp.sha512),
                'accessUrl',
                $4::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content',
                'downloadUrl',
                $4::text || '/v1/bodies/' || b.slug || '/files/' || x_rp.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_rp.file_license, ''),
                'created',
                to_char(x_rp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_rp.modified_at, x_rp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_rp.id::text)
              )
            FROM
              minutes x_rp_m
              JOIN file x_rp ON x_rp.id = x_rp_m.file_id
            WHERE
              x_rp_m.session_id = x.id
              AND x_rp_m.kind = 'results'
              AND x_rp_m.deleted_at IS NULL
              AND x_rp_m.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_x_rp_m.deleted_at IS NULL
                    AND vs_x_rp_m.published_at IS NOT NULL
                  FROM
                    session vs_x_rp_m
                  WHERE
                    vs_x_rp_m.id = x_rp_m.session_id
                ),
                FALSE
              )
              AND x_rp.deleted_at IS NULL
              AND x_rp.published_at IS NOT NULL
              AND x_rp.public
              AND COALESCE(
                (
                  SELECT
                    vd_x_rp.deleted_at IS NULL
                    AND vd_x_rp.published_at IS NOT NULL
                    AND vd_x_rp.public
                  FROM
                    document vd_x_rp
                  WHERE
                    vd_x_rp.id = x_rp.document_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    va_x_rp.deleted_at IS NULL
                    AND va_x_rp.published_at IS NOT NULL
                    AND va_x_rp.public
                    AND COALESCE(
                      (
                        SELECT
                          vs_va_x_rp.deleted_at IS NULL
                          AND vs_va_x_rp.published_at IS NOT NULL
                        FROM
                          session vs_va_x_rp
                        WHERE
                          vs_va_x_rp.id = va_x_rp.session_id
                      ),
                      FALSE
                    )
                  FROM
                    agenda_item va_x_rp
                  WHERE
                    va_x_rp.id = x_rp.agenda_item_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    vs_x_rp.deleted_at IS NULL
                    AND vs_x_rp.published_at IS NOT NULL
                  FROM
                    session vs_x_rp
                  WHERE
                    vs_x_rp.id = x_rp.session_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    bool_and(
                      vm_x_rp.deleted_at IS NULL
                      AND vm_x_rp.status = 'published'
                      AND COALESCE(
                        (
                          SELECT
                            vs_vm_x_rp.deleted_at IS NULL
                            AND vs_vm_x_rp.published_at IS NOT NULL
                          FROM
                            session vs_vm_x_rp
                          WHERE
                            vs_vm_x_rp.id = vm_x_rp.session_id
                        ),
                        FALSE
                      )
                    )
                  FROM
                    minutes vm_x_rp
                  WHERE
                    vm_x_rp.file_id = x_rp.id
                    AND vm_x_rp.deleted_at IS NULL
                ),
                TRUE
              )
            ORDER BY
              x_rp_m.created_at,
              x_rp_m.id
            LIMIT
              1
          ),
          'verbatimProtocol',
          (
            SELECT
              json_build_object(
                'id',
                $3::text || '/file/' || x_vp.id,
                'type',
                'https://schema.oparl.org/1.1/File',
                'name',
                NULLIF(x_vp.name, ''),
                'fileName',
                NULLIF(x_vp.file_name, ''),
                'mimeType',
                NULLIF(x_vp.mime_type, ''),
                'date',
                to_char(x_vp.date, 'YYYY-MM-DD'),
                'size',
                x_vp.size,
                'sha512Checksum',
                lower(x_vp.sha512),
                'accessUrl',
                $4::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content',
                'downloadUrl',
                $4::text || '/v1/bodies/' || b.slug || '/files/' || x_vp.id || '/content' || '?download=1',
                'fileLicense',
                NULLIF(x_vp.file_license, ''),
                'created',
                to_char(x_vp.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'modified',
                to_char(GREATEST(x_vp.modified_at, x_vp.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                'web',
                replace(b.web_url_templates ->> 'file', '{id}', x_vp.id::text)
              )
            FROM
              minutes x_vp_m
              JOIN file x_vp ON x_vp.id = x_vp_m.file_id
            WHERE
              x_vp_m.session_id = x.id
              AND x_vp_m.kind = 'verbatim'
              AND x_vp_m.deleted_at IS NULL
              AND x_vp_m.status = 'published'
              AND COALESCE(
                (
                  SELECT
                    vs_x_vp_m.deleted_at IS NULL
                    AND vs_x_vp_m.published_at IS NOT NULL
                  FROM
                    session vs_x_vp_m
                  WHERE
                    vs_x_vp_m.id = x_vp_m.session_id
                ),
                FALSE
              )
              AND x_vp.deleted_at IS NULL
              AND x_vp.published_at IS NOT NULL
              AND x_vp.public
              AND COALESCE(
                (
                  SELECT
                    vd_x_vp.deleted_at IS NULL
                    AND vd_x_vp.published_at IS NOT NULL
                    AND vd_x_vp.public
                  FROM
                    document vd_x_vp
                  WHERE
                    vd_x_vp.id = x_vp.document_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    va_x_vp.deleted_at IS NULL
                    AND va_x_vp.published_at IS NOT NULL
                    AND va_x_vp.public
                    AND COALESCE(
                      (
                        SELECT
                          vs_va_x_vp.deleted_at IS NULL
                          AND vs_va_x_vp.published_at IS NOT NULL
                        FROM
                          session vs_va_x_vp
                        WHERE
                          vs_va_x_vp.id = va_x_vp.session_id
                      ),
                      FALSE
                    )
                  FROM
                    agenda_item va_x_vp
                  WHERE
                    va_x_vp.id = x_vp.agenda_item_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    vs_x_vp.deleted_at IS NULL
                    AND vs_x_vp.published_at IS NOT NULL
                  FROM
                    session vs_x_vp
                  WHERE
                    vs_x_vp.id = x_vp.session_id
                ),
                TRUE
              )
              AND COALESCE(
                (
                  SELECT
                    bool_and(
                      vm_x_vp.deleted_at IS NULL
                      AND vm_x_vp.status = 'published'
                      AND COALESCE(
                        (
                          SELECT
                            vs_vm_x_vp.deleted_at IS NULL
                            AND vs_vm_x_vp.published_at IS NOT NULL
                          FROM
                            session vs_vm_x_vp
                          WHERE
                            vs_vm_x_vp.id = vm_x_vp.session_id
                        ),
                        FALSE
                      )
                    )
                  FROM
                    minutes vm_x_vp
                  WHERE
                    vm_x_vp.file_id = x_vp.id
                    AND vm_x_vp.deleted_at IS NULL
                ),
                TRUE
              )
            ORDER BY
              x_vp_m.created_at,
              x_vp_m.id
            LIMIT
              1
          ),
          'auxiliaryFile',
          (
            SELECT
              json_agg(
                json_build_object(
                  'id',
                  $3::text || '/file/' || x_af.id,
                  'type',
                  'https://schema.oparl.org/1.1/File',
                  'name',
                  NULLIF(x_af.name, ''),
                  'fileName',
                  NULLIF(x_af.file_name, ''),
                  'mimeType',
                  NULLIF(x_af.mime_type, ''),
                  'date',
                  to_char(x_af.date, 'YYYY-MM-DD'),
                  'size',
                  x_af.size,
                  'sha512Checksum',
                  lower(x_af.sha512),
                  'accessUrl',
                  $4::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content',
                  'downloadUrl',
                  $4::text || '/v1/bodies/' || b.slug || '/files/' || x_af.id || '/content' || '?download=1',
                  'fileLicense',
                  NULLIF(x_af.file_license, ''),
                  'created',
                  to_char(x_af.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'modified',
                  to_char(GREATEST(x_af.modified_at, x_af.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                  'web',
                  replace(b.web_url_templates ->> 'file', '{id}', x_af.id::text)
                )
                ORDER BY
                  x_af.position,
                  x_af.id
              )
            FROM
              (
                SELECT
                  x_af_f.*,
                  (x_af_f.role = 'invitation') IS TRUE AS picked,
                  row_number() OVER (
                    PARTITION BY
                      (x_af_f.role = 'invitation') IS TRUE
                    ORDER BY
                      x_af_f.position,
                      x_af_f.id
                  ) AS rank
                FROM
                  file x_af_f
                WHERE
                  x_af_f.session_id = x.id
                  AND x_af_f.deleted_at IS NULL
                  AND x_af_f.published_at IS NOT NULL
                  AND x_af_f.public
                  AND COALESCE(
                    (
                      SELECT
                        vd_x_af_f.deleted_at IS NULL
                        AND vd_x_af_f.published_at IS NOT NULL
                        AND vd_x_af_f.public
                      FROM
                        document vd_x_af_f
                      WHERE
                        vd_x_af_f.id = x_af_f.document_id
                    ),
                    TRUE
                  )
                  AND COALESCE(
                    (
                      SELECT
                        va_x_af_f.deleted_at IS NULL
                        AND va_x_af_f.published_at IS NOT NULL
                        AND va_x_af_f.public
                        AND COALESCE(
                          (
                            SELECT
                              vs_va_x_af_f.deleted_at IS NULL
                              AND vs_va_x_af_f.published_at IS NOT NULL
                            FROM
                              session vs_va_x_af_f
                            WHERE
                              vs_va_x_af_f.id = va_x_af_f.session_id
                          ),
                          FALSE
                        )
                      FROM
                        agenda_item va_x_af_f
                      WHERE
                        va_x_af_f.id = x_af_f.agenda_item_id
                    ),
                    TRUE
                  )
                  AND x_af_f.role NOT IN ('results_protocol', 'verbatim_protocol')
                  AND NOT EXISTS (
                    SELECT
                      1
                    FROM
                      minutes x_af_f_x
                    WHERE
                      x_af_f_x.file_id = x_af_f.id
                  )
              ) x_af
            WHERE
              NOT (
                x_af.picked
                AND x_af.rank = 1
              )
          ),
          'agendaItem',
          x_ag.items,
          'created',
          to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
          'modified',
          to_char(
            GREATEST(
              GREATEST(x.modified_at, x.deleted_at),
              x_ag.modified,
              (
                SELECT
                  max(GREATEST(x_mf.modified_at, x_mf.deleted_at))
                FROM
                  file x_mf
                WHERE
                  x_mf.session_id = x.id
                  AND x_mf.widest_audience >= 2
              ),
              (
                SELECT
                  max(GREATEST(x_mm.modified_at, x_mm.deleted_at))
                FROM
                  minutes x_mm
                WHERE
                  x_mm.session_id = x.id
                  AND x_mm.widest_audience >= 2
              ),
              (
                SELECT
                  max(GREATEST(x_ml.modified_at, x_ml.deleted_at))
                FROM
                  location x_ml
                WHERE
                  x_ml.id = x.location_id
                  AND x_ml.widest_audience >= 2
              )
            ),
            'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
          ),
          'web',
          replace(b.web_url_templates ->> 'session', '{id}', x.id::text)
        )
      FROM
        (
          SELECT
            json_agg(
              (
                SELECT
                  json_build_object(
                    'id',
                    $3::text || '/agendaItem/' || x_ai.id,
                    'type',
                    'https://schema.oparl.org/1.1/AgendaItem',
                    'number',
                    NULLIF(x_ai.number, ''),
                    'order',
                    x_ai.rank,
                    'name',
                    NULLIF(x_ai.name, ''),
                    'public',
                    x_ai.public,
                    'consultation',
                    x_ai_ks.first,
                    'result',
                    NULLIF(x_ai.result, ''),
                    'resolutionText',
                    NULLIF(x_ai.resolution_text, ''),
                    'resolutionFile',
                    x_ai_fs.first,
                    'auxiliaryFile',
                    x_ai_fs.rest,
                    'start',
                    to_char(x_ai.start, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'end',
                    to_char(x_ai."end", 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'created',
                    to_char(x_ai.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'modified',
                    to_char(x_ai.modified, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                    'web',
                    replace(b.web_url_templates ->> 'agendaItem', '{id}', x_ai.id::text)
                  )
                FROM
                  (
                    SELECT
                      (
                        array_agg(
                          json_build_object(
                            'id',
                            $3::text || '/file/' || x_ai_f.id,
                            'type',
                            'https://schema.oparl.org/1.1/File',
                            'name',
                            NULLIF(x_ai_f.name, ''),
                            'fileName',
                            NULLIF(x_ai_f.file_name, ''),
                            'mimeType',
                            NULLIF(x_ai_f.mime_type, ''),
                            'date',
                            to_char(x_ai_f.date, 'YYYY-MM-DD'),
                            'size',
                            x_ai_f.size,
                            'sha512Checksum',
                            lower(x_ai_f.sha512),
                            'accessUrl',
                            $4::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                            'downloadUrl',
                            $4::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                            'fileLicense',
                            NULLIF(x_ai_f.file_license, ''),
                            'created',
                            to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                            'modified',
                            to_char(
                              GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                              'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                            ),
                            'web',
                            replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                          )
                          ORDER BY
                            x_ai_f.position,
                            x_ai_f.id
                        ) FILTER (
                          WHERE
                            x_ai_f.shown
                            AND x_ai_f.picked
                        )
                      ) [1] AS first,
                      json_agg(
                        json_build_object(
                          'id',
                          $3::text || '/file/' || x_ai_f.id,
                          'type',
                          'https://schema.oparl.org/1.1/File',
                          'name',
                          NULLIF(x_ai_f.name, ''),
                          'fileName',
                          NULLIF(x_ai_f.file_name, ''),
                          'mimeType',
                          NULLIF(x_ai_f.mime_type, ''),
                          'date',
                          to_char(x_ai_f.date, 'YYYY-MM-DD'),
                          'size',
                          x_ai_f.size,
                          'sha512Checksum',
                          lower(x_ai_f.sha512),
                          'accessUrl',
                          $4::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content',
                          'downloadUrl',
                          $4::text || '/v1/bodies/' || b.slug || '/files/' || x_ai_f.id || '/content' || '?download=1',
                          'fileLicense',
                          NULLIF(x_ai_f.file_license, ''),
                          'created',
                          to_char(x_ai_f.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                          'modified',
                          to_char(
                            GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at),
                            'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'
                          ),
                          'web',
                          replace(b.web_url_templates ->> 'file', '{id}', x_ai_f.id::text)
                        )
                        ORDER BY
                          x_ai_f.position,
                          x_ai_f.id
                      ) FILTER (
                        WHERE
                          x_ai_f.shown
                          AND NOT (
                            x_ai_f.picked
                            AND x_ai_f.rank = 1
                          )
                      ) AS rest,
                      max(GREATEST(x_ai_f.modified_at, x_ai_f.deleted_at)) FILTER (
                        WHERE
                          x_ai_f.seen
                      ) AS modified
                    FROM
                      (
                        SELECT
                          x_ai_f_f.*,
                          x_ai_f_f.deleted_at IS NULL
                          AND x_ai_f_f.published_at IS NOT NULL
                          AND x_ai_f_f.public
                          AND COALESCE(
                            (
                              SELECT
                                vd_x_ai_f_f.deleted_at IS NULL
                                AND vd_x_ai_f_f.published_at IS NOT NULL
                                AND vd_x_ai_f_f.public
                              FROM
                                document vd_x_ai_f_f
                              WHERE
                                vd_x_ai_f_f.id = x_ai_f_f.document_id
                            ),
                            TRUE
                          )
                          AND COALESCE(
                            (
                              SELECT
                                vs_x_ai_f_f.deleted_at IS NULL
                                AND vs_x_ai_f_f.published_at IS NOT NULL
                              FROM
                                session vs_x_ai_f_f
                              WHERE
                                vs_x_ai_f_f.id = x_ai_f_f.session_id
                            ),
                            TRUE
                          )
                          AND COALESCE(
                            (
                              SELECT
                                bool_and(
                                  vm_x_ai_f_f.deleted_at IS NULL
                                  AND vm_x_ai_f_f.status = 'published'
                                  AND COALESCE(
                                    (
                                      SELECT
                                        vs_vm_x_ai_f_f.deleted_at IS NULL
                                        AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                      FROM
                                        session vs_vm_x_ai_f_f
                                      WHERE
                                        vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                    ),
                                    FALSE
                                  )
                                )
                              FROM
                                minutes vm_x_ai_f_f
                              WHERE
                                vm_x_ai_f_f.file_id = x_ai_f_f.id
                                AND vm_x_ai_f_f.deleted_at IS NULL
                            ),
                            TRUE
                          ) AS shown,
                          x_ai_f_f.widest_audience >= 2 AS seen,
                          (x_ai_f_f.role = 'resolution') IS TRUE AS picked,
                          row_number() OVER (
                            PARTITION BY
                              x_ai_f_f.deleted_at IS NULL
                              AND x_ai_f_f.published_at IS NOT NULL
                              AND x_ai_f_f.public
                              AND COALESCE(
                                (
                                  SELECT
                                    vd_x_ai_f_f.deleted_at IS NULL
                                    AND vd_x_ai_f_f.published_at IS NOT NULL
                                    AND vd_x_ai_f_f.public
                                  FROM
                                    document vd_x_ai_f_f
                                  WHERE
                                    vd_x_ai_f_f.id = x_ai_f_f.document_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    vs_x_ai_f_f.deleted_at IS NULL
                                    AND vs_x_ai_f_f.published_at IS NOT NULL
                                  FROM
                                    session vs_x_ai_f_f
                                  WHERE
                                    vs_x_ai_f_f.id = x_ai_f_f.session_id
                                ),
                                TRUE
                              )
                              AND COALESCE(
                                (
                                  SELECT
                                    bool_and(
                                      vm_x_ai_f_f.deleted_at IS NULL
                                      AND vm_x_ai_f_f.status = 'published'
                                      AND COALESCE(
                                        (
                                          SELECT
                                            vs_vm_x_ai_f_f.deleted_at IS NULL
                                            AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                          FROM
                                            session vs_vm_x_ai_f_f
                                          WHERE
                                            vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                        ),
                                        FALSE
                                      )
                                    )
                                  FROM
                                    minutes vm_x_ai_f_f
                                  WHERE
                                    vm_x_ai_f_f.file_id = x_ai_f_f.id
                                    AND vm_x_ai_f_f.deleted_at IS NULL
                                ),
                                TRUE
                              ),
                              (x_ai_f_f.role = 'resolution') IS TRUE
                            ORDER BY
                              x_ai_f_f.position,
                              x_ai_f_f.id
                          ) AS rank
                        FROM
                          file x_ai_f_f
                        WHERE
                          x_ai_f_f.agenda_item_id = x_ai.id
                          AND (
                            x_ai_f_f.widest_audience >= 2
                            OR x_ai_f_f.deleted_at IS NULL
                            AND x_ai_f_f.published_at IS NOT NULL
                            AND x_ai_f_f.public
                            AND COALESCE(
                              (
                                SELECT
                                  vd_x_ai_f_f.deleted_at IS NULL
                                  AND vd_x_ai_f_f.published_at IS NOT NULL
                                  AND vd_x_ai_f_f.public
                                FROM
                                  document vd_x_ai_f_f
                                WHERE
                                  vd_x_ai_f_f.id = x_ai_f_f.document_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  vs_x_ai_f_f.deleted_at IS NULL
                                  AND vs_x_ai_f_f.published_at IS NOT NULL
                                FROM
                                  session vs_x_ai_f_f
                                WHERE
                                  vs_x_ai_f_f.id = x_ai_f_f.session_id
                              ),
                              TRUE
                            )
                            AND COALESCE(
                              (
                                SELECT
                                  bool_and(
                                    vm_x_ai_f_f.deleted_at IS NULL
                                    AND vm_x_ai_f_f.status = 'published'
                                    AND COALESCE(
                                      (
                                        SELECT
                                          vs_vm_x_ai_f_f.deleted_at IS NULL
                                          AND vs_vm_x_ai_f_f.published_at IS NOT NULL
                                        FROM
                                          session vs_vm_x_ai_f_f
                                        WHERE
                                          vs_vm_x_ai_f_f.id = vm_x_ai_f_f.session_id
                                      ),
                                      FALSE
                                    )
                                  )
                                FROM
                                  minutes vm_x_ai_f_f
                                WHERE
                                  vm_x_ai_f_f.file_id = x_ai_f_f.id
                                  AND vm_x_ai_f_f.deleted_at IS NULL
                              ),
                              TRUE
                            )
                          )
                      ) x_ai_f
                  ) x_ai_fs,
                  (
                    SELECT
                      (
                        array_agg(
                          $3::text || '/consultation/' || x_ai_c.id
                          ORDER BY
                            x_ai_c.position,
                            x_ai_c.id
                        ) FILTER (
                          WHERE
                            x_ai_c.shown
                        )
                      ) [1] AS first,
                      max(GREATEST(x_ai_c.modified_at, x_ai_c.deleted_at)) FILTER (
                        WHERE
                          x_ai_c.seen
                      ) AS modified
                    FROM
                      (
                        SELECT
                          x_ai_c_r.*,
                          x_ai_c_r.deleted_at IS NULL
                          AND x_ai_c_r.published_at IS NOT NULL
                          AND COALESCE(
                            (
                              SELECT
                                vd_x_ai_c_r.deleted_at IS NULL
                                AND vd_x_ai_c_r.published_at IS NOT NULL
                                AND vd_x_ai_c_r.public
                              FROM
                                document vd_x_ai_c_r
                              WHERE
                                vd_x_ai_c_r.id = x_ai_c_r.document_id
                            ),
                            FALSE
                          ) AS shown,
                          x_ai_c_r.widest_audience >= 2
                          AND COALESCE(
                            (
                              SELECT
                                od_x_ai_c_r.widest_audience >= 2
                              FROM
                                document od_x_ai_c_r
                              WHERE
                                od_x_ai_c_r.id = x_ai_c_r.document_id
                            ),
                            FALSE
                          ) AS seen
                        FROM
                          consultation x_ai_c_r
                        WHERE
                          x_ai_c_r.agenda_item_id = x_ai.id
                      ) x_ai_c
                  ) x_ai_ks
              )
              ORDER BY
                x_ai.rank
            ) FILTER (
              WHERE
                x_ai.shown
            ) AS items,
            max(x_ai.modified) FILTER (
              WHERE
                x_ai.seen
            ) AS modified
          FROM
            (
              SELECT
                x_v.*,
                x_v.deleted_at IS NULL
                AND x_v.published_at IS NOT NULL
                AND x_v.public AS shown,
                x_v.widest_audience >= 2 AS seen,
                GREATEST(
                  GREATEST(x_v.modified_at, x_v.deleted_at),
                  (
                    SELECT
                      max(GREATEST(x_v_mf.modified_at, x_v_mf.deleted_at))
                    FROM
                      file x_v_mf
                    WHERE
                      x_v_mf.agenda_item_id = x_v.id
                      AND x_v_mf.widest_audience >= 2
                  ),
                  (
                    SELECT
                      max(GREATEST(x_v_mc.modified_at, x_v_mc.deleted_at))
                    FROM
                      consultation x_v_mc
                    WHERE
                      x_v_mc.agenda_item_id = x_v.id
                      AND x_v_mc.widest_audience >= 2
                      AND COALESCE(
                        (
                          SELECT
                            od_x_v_mc.widest_audience >= 2
                          FROM
                            document od_x_v_mc
                          WHERE
                            od_x_v_mc.id = x_v_mc.document_id
                        ),
                        FALSE
                      )
                  )
                ) AS modified,
                (
                  row_number() OVER (
                    PARTITION BY
                      x_v.deleted_at IS NULL
                      AND x_v.published_at IS NOT NULL
                      AND x_v.public
                    ORDER BY
                      x_v.position,
                      x_v.id
                  ) - 1
                )::int AS rank
              FROM
                agenda_item x_v
              WHERE
                x_v.session_id = x.id
                AND (
                  x_v.deleted_at IS NULL
                  AND x_v.published_at IS NOT NULL
                  AND x_v.public
                  OR x_v.widest_audience >= 2
                )
            ) x_ai
        ) x_ag
    )
  ) AS j,
  x.id::text AS _k0
FROM
  session x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND EXISTS (
    SELECT
      1
    FROM
      session_committee r
    WHERE
      r.session_id = x.id
      AND r.committee_id = $2::uuid
  )
ORDER BY
  x.id ASC
LIMIT
  101;

-- oparl: list of consultation of an organization · public
-- parameters: "00000000-0000-4000-8000-00000000b0d1", "00000000-0000-4000-8000-0000000000a2", "https://ratsinfo.musterstadt.example/oparl/v1.1"
SELECT
  json_strip_nulls(
    json_build_object(
      'id',
      $3::text || '/consultation/' || x.id,
      'type',
      'https://schema.oparl.org/1.1/Consultation',
      'paper',
      $3::text || '/paper/' || x.document_id,
      'agendaItem',
      $3::text || '/agendaItem/' || x.agenda_item_id,
      'meeting',
      (
        SELECT
          $3::text || '/meeting/' || x_s.id
        FROM
          session x_s
        WHERE
          x_s.id = COALESCE(
            x.session_id,
            (
              SELECT
                x_as.session_id
              FROM
                agenda_item x_as
              WHERE
                x_as.id = x.agenda_item_id
            )
          )
          AND x_s.deleted_at IS NULL
          AND x_s.published_at IS NOT NULL
      ),
      'organization',
      CASE
        WHEN (
          x.committee_id IN (
            SELECT
              x_o_h.id
            FROM
              committee x_o_h
            WHERE
              x_o_h.body_id = $1::uuid
              AND x_o_h.deleted_at IS NULL
              AND x_o_h.published_at IS NOT NULL
          )
          OR (
            SELECT
              x_o.deleted_at IS NULL
              AND x_o.published_at IS NOT NULL
            FROM
              committee x_o
            WHERE
              x_o.id = x.committee_id
          )
        ) THEN json_build_array($3::text || '/organization/' || x.committee_id)
      END,
      'authoritative',
      x.authoritative,
      'role',
      NULLIF(x.role, ''),
      'created',
      to_char(x.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'modified',
      to_char(GREATEST(x.modified_at, x.deleted_at), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
      'web',
      replace(b.web_url_templates ->> 'consultation', '{id}', x.id::text)
    )
  ) AS j,
  x.id::text AS _k0
FROM
  consultation x
  JOIN body b ON b.id = x.body_id
WHERE
  x.body_id = $1::uuid
  AND x.deleted_at IS NULL
  AND x.published_at IS NOT NULL
  AND COALESCE(
    (
      SELECT
        vd_x.deleted_at IS NULL
        AND vd_x.published_at IS NOT NULL
        AND vd_x.public
      FROM
        document vd_x
      WHERE
        vd_x.id = x.document_id
    ),
    FALSE
  )
  AND COALESCE(
    (
      SELECT
        va_x.deleted_at IS NULL
        AND va_x.published_at IS NOT NULL
        AND va_x.public
        AND COALESCE(
          (
            SELECT
              vs_va_x.deleted_at IS NULL
              AND vs_va_x.published_at IS NOT NULL
            FROM
              session vs_va_x
            WHERE
              vs_va_x.id = va_x.session_id
          ),
          FALSE
        )
      FROM
        agenda_item va_x
      WHERE
        va_x.id = x.agenda_item_id
    ),
    TRUE
  )
  AND x.committee_id = $2::uuid
ORDER BY
  x.id ASC
LIMIT
  101;
