-- The SQL of bodies, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- bodies: list · public
-- parameters: "2026-01-01T00:00:00Z", "Musterstadt", 26
SELECT
  json_build_object(
    'id',
    b.id,
    'slug',
    b.slug,
    'name',
    b.name,
    'shortName',
    b.short_name,
    'website',
    b.website,
    'license',
    b.license,
    'ags',
    b.ags,
    'rgs',
    b.rgs,
    'classification',
    b.classification,
    'contact',
    json_build_object('name', b.contact_name, 'email', b.contact_email),
    'webUrlTemplates',
    b.web_url_templates,
    'created',
    to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(b.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
  ) AS j,
  b.slug::text AS _k0
FROM
  (
    SELECT
      b.*
    FROM
      body b
    WHERE
      b.deleted_at IS NULL
      AND b.modified_at >= $1::timestamptz
      AND (b.slug) > ($2::text)
    ORDER BY
      b.slug ASC
    LIMIT
      $3
  ) b
ORDER BY
  b.slug ASC;

-- bodies: detail · anonymous
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    b.id,
    'slug',
    b.slug,
    'name',
    b.name,
    'shortName',
    b.short_name,
    'website',
    b.website,
    'license',
    b.license,
    'ags',
    b.ags,
    'rgs',
    b.rgs,
    'classification',
    b.classification,
    'contact',
    json_build_object('name', b.contact_name, 'email', b.contact_email),
    'webUrlTemplates',
    b.web_url_templates,
    'created',
    to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(b.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'legislativeTerms',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              t.id,
              'name',
              t.name,
              'startDate',
              to_char(t.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(t.end_date, 'YYYY-MM-DD')
            )
            ORDER BY
              COALESCE(t.start_date, '-infinity'::date),
              t.id
          )
        FROM
          legislative_term t
        WHERE
          t.body_id = b.id
          AND t.deleted_at IS NULL
          AND t.published_at IS NOT NULL
      ),
      '[]'::json
    )
  )::text AS j
FROM
  body b
WHERE
  b.id = $1
  AND b.deleted_at IS NULL;

-- bodies: detail · member
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    b.id,
    'slug',
    b.slug,
    'name',
    b.name,
    'shortName',
    b.short_name,
    'website',
    b.website,
    'license',
    b.license,
    'ags',
    b.ags,
    'rgs',
    b.rgs,
    'classification',
    b.classification,
    'contact',
    json_build_object('name', b.contact_name, 'email', b.contact_email),
    'webUrlTemplates',
    b.web_url_templates,
    'created',
    to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(b.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'legislativeTerms',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              t.id,
              'name',
              t.name,
              'startDate',
              to_char(t.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(t.end_date, 'YYYY-MM-DD')
            )
            ORDER BY
              COALESCE(t.start_date, '-infinity'::date),
              t.id
          )
        FROM
          legislative_term t
        WHERE
          t.body_id = b.id
          AND t.deleted_at IS NULL
          AND t.published_at IS NOT NULL
      ),
      '[]'::json
    )
  )::text AS j
FROM
  body b
WHERE
  b.id = $1
  AND b.deleted_at IS NULL;

-- bodies: detail · editor
-- parameters: "00000000-0000-4000-8000-00000000b0d1"
SELECT
  json_build_object(
    'id',
    b.id,
    'slug',
    b.slug,
    'name',
    b.name,
    'shortName',
    b.short_name,
    'website',
    b.website,
    'license',
    b.license,
    'ags',
    b.ags,
    'rgs',
    b.rgs,
    'classification',
    b.classification,
    'contact',
    json_build_object('name', b.contact_name, 'email', b.contact_email),
    'webUrlTemplates',
    b.web_url_templates,
    'created',
    to_char(b.created_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'modified',
    to_char(b.modified_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
    'legislativeTerms',
    COALESCE(
      (
        SELECT
          json_agg(
            json_build_object(
              'id',
              t.id,
              'name',
              t.name,
              'startDate',
              to_char(t.start_date, 'YYYY-MM-DD'),
              'endDate',
              to_char(t.end_date, 'YYYY-MM-DD')
            )
            ORDER BY
              COALESCE(t.start_date, '-infinity'::date),
              t.id
          )
        FROM
          legislative_term t
        WHERE
          t.body_id = b.id
          AND t.deleted_at IS NULL
      ),
      '[]'::json
    )
  )::text AS j
FROM
  body b
WHERE
  b.id = $1
  AND b.deleted_at IS NULL;
