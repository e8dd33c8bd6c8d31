-- The SQL of search, as each audience's request sends it (test/sql-snapshots.spec.ts).
-- Generated: `npm run sql:snapshots` rewrites this file; review the difference.

-- search: search (exact, prefix and typo stages) · anonymous · query 1 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' & 'sanierung'", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
        WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($5::UUID[])
      AND e.public
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $2), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
          WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $2)
        AND e.body_id = ANY ($5::UUID[])
        AND e.public
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.score DESC,
          g.date DESC NULLS LAST,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.score DESC,
      g.date DESC NULLS LAST,
      g.key
    LIMIT
      $7
    OFFSET
      $8
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($6::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  (
    SELECT
      COALESCE(json_object_agg(c, n), '{}')
    FROM
      (
        SELECT
          c,
          count(*) n
        FROM
          g,
          unnest(g.committee_ids) c
        GROUP BY
          c
      ) f
  ) AS f_committee,
  (
    SELECT
      COALESCE(json_object_agg(document_type, n), '{}')
    FROM
      (
        SELECT
          document_type,
          count(*) n
        FROM
          g
        WHERE
          document_type IS NOT NULL
        GROUP BY
          document_type
      ) f
  ) AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search (exact, prefix and typo stages) · anonymous · query 2 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], "'radwege' & 'sanierung'", 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
        WHEN e.tsv @@ to_tsquery('rs_german', $6) THEN 1
        ELSE 0
      END + CASE
        WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($4::UUID[])
      AND e.public
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
          WHEN e.tsv @@ to_tsquery('rs_german', $6) THEN 1
          ELSE 0
        END + CASE
          WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $1)
        AND e.body_id = ANY ($4::UUID[])
        AND e.public
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.score DESC,
          g.date DESC NULLS LAST,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.score DESC,
      g.date DESC NULLS LAST,
      g.key
    LIMIT
      $7
    OFFSET
      $8
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($5::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  (
    SELECT
      COALESCE(json_object_agg(c, n), '{}')
    FROM
      (
        SELECT
          c,
          count(*) n
        FROM
          g,
          unnest(g.committee_ids) c
        GROUP BY
          c
      ) f
  ) AS f_committee,
  (
    SELECT
      COALESCE(json_object_agg(document_type, n), '{}')
    FROM
      (
        SELECT
          document_type,
          count(*) n
        FROM
          g
        WHERE
          document_type IS NOT NULL
        GROUP BY
          document_type
      ) f
  ) AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search (exact, prefix and typo stages) · anonymous · query 3 of 3
-- parameters: ["radwege","sanierung"]
SELECT
  t,
  w.word
FROM
  unnest($1::TEXT[]) t,
  LATERAL (
    SELECT
      word
    FROM
      search_term
    WHERE
      word % t
      AND word <> t
    ORDER BY
      similarity (word, t) DESC
    LIMIT
      16
  ) w;

-- search: search (exact, prefix and typo stages) · member · query 1 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' & 'sanierung'", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
        WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($5::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($6::UUID[])
      )
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $2), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
          WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $2)
        AND e.body_id = ANY ($5::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($6::UUID[])
        )
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.score DESC,
          g.date DESC NULLS LAST,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.score DESC,
      g.date DESC NULLS LAST,
      g.key
    LIMIT
      $8
    OFFSET
      $9
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($7::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  (
    SELECT
      COALESCE(json_object_agg(c, n), '{}')
    FROM
      (
        SELECT
          c,
          count(*) n
        FROM
          g,
          unnest(g.committee_ids) c
        GROUP BY
          c
      ) f
  ) AS f_committee,
  (
    SELECT
      COALESCE(json_object_agg(document_type, n), '{}')
    FROM
      (
        SELECT
          document_type,
          count(*) n
        FROM
          g
        WHERE
          document_type IS NOT NULL
        GROUP BY
          document_type
      ) f
  ) AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search (exact, prefix and typo stages) · member · query 2 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], "'radwege' & 'sanierung'", 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
        WHEN e.tsv @@ to_tsquery('rs_german', $7) THEN 1
        ELSE 0
      END + CASE
        WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($4::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($5::UUID[])
      )
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
          WHEN e.tsv @@ to_tsquery('rs_german', $7) THEN 1
          ELSE 0
        END + CASE
          WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $1)
        AND e.body_id = ANY ($4::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($5::UUID[])
        )
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.score DESC,
          g.date DESC NULLS LAST,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.score DESC,
      g.date DESC NULLS LAST,
      g.key
    LIMIT
      $8
    OFFSET
      $9
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($6::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  (
    SELECT
      COALESCE(json_object_agg(c, n), '{}')
    FROM
      (
        SELECT
          c,
          count(*) n
        FROM
          g,
          unnest(g.committee_ids) c
        GROUP BY
          c
      ) f
  ) AS f_committee,
  (
    SELECT
      COALESCE(json_object_agg(document_type, n), '{}')
    FROM
      (
        SELECT
          document_type,
          count(*) n
        FROM
          g
        WHERE
          document_type IS NOT NULL
        GROUP BY
          document_type
      ) f
  ) AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search (exact, prefix and typo stages) · member · query 3 of 3
-- parameters: ["radwege","sanierung"]
SELECT
  t,
  w.word
FROM
  unnest($1::TEXT[]) t,
  LATERAL (
    SELECT
      word
    FROM
      search_term
    WHERE
      word % t
      AND word <> t
    ORDER BY
      similarity (word, t) DESC
    LIMIT
      16
  ) w;

-- search: search (exact, prefix and typo stages) · editor · query 1 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' & 'sanierung'", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
        WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($5::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($6::UUID[])
      )
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $2), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
          WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $2)
        AND e.body_id = ANY ($5::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($6::UUID[])
        )
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.score DESC,
          g.date DESC NULLS LAST,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.score DESC,
      g.date DESC NULLS LAST,
      g.key
    LIMIT
      $8
    OFFSET
      $9
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($7::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  (
    SELECT
      COALESCE(json_object_agg(c, n), '{}')
    FROM
      (
        SELECT
          c,
          count(*) n
        FROM
          g,
          unnest(g.committee_ids) c
        GROUP BY
          c
      ) f
  ) AS f_committee,
  (
    SELECT
      COALESCE(json_object_agg(document_type, n), '{}')
    FROM
      (
        SELECT
          document_type,
          count(*) n
        FROM
          g
        WHERE
          document_type IS NOT NULL
        GROUP BY
          document_type
      ) f
  ) AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search (exact, prefix and typo stages) · editor · query 2 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], "'radwege' & 'sanierung'", 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
        WHEN e.tsv @@ to_tsquery('rs_german', $7) THEN 1
        ELSE 0
      END + CASE
        WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($4::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($5::UUID[])
      )
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
          WHEN e.tsv @@ to_tsquery('rs_german', $7) THEN 1
          ELSE 0
        END + CASE
          WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $1)
        AND e.body_id = ANY ($4::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($5::UUID[])
        )
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.score DESC,
          g.date DESC NULLS LAST,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.score DESC,
      g.date DESC NULLS LAST,
      g.key
    LIMIT
      $8
    OFFSET
      $9
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($6::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  (
    SELECT
      COALESCE(json_object_agg(c, n), '{}')
    FROM
      (
        SELECT
          c,
          count(*) n
        FROM
          g,
          unnest(g.committee_ids) c
        GROUP BY
          c
      ) f
  ) AS f_committee,
  (
    SELECT
      COALESCE(json_object_agg(document_type, n), '{}')
    FROM
      (
        SELECT
          document_type,
          count(*) n
        FROM
          g
        WHERE
          document_type IS NOT NULL
        GROUP BY
          document_type
      ) f
  ) AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search (exact, prefix and typo stages) · editor · query 3 of 3
-- parameters: ["radwege","sanierung"]
SELECT
  t,
  w.word
FROM
  unnest($1::TEXT[]) t,
  LATERAL (
    SELECT
      word
    FROM
      search_term
    WHERE
      word % t
      AND word <> t
    ORDER BY
      similarity (word, t) DESC
    LIMIT
      16
  ) w;

-- search: search with every filter, newest first · anonymous · query 1 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' & 'sanierung'", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["document","session"], "00000000-0000-4000-8000-0000000000a2", "Antrag", "2026-01-01", "2026-12-31", ["00000000-0000-4000-8000-00000000b0d1"], 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
        WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($5::UUID[])
      AND e.public
      AND e.type = ANY ($6::TEXT[])
      AND e.committee_ids @> ARRAY[$7::uuid]
      AND e.document_type = $8
      AND e.date >= $9::date
      AND e.date <= $10::date
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $2), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
          WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $2)
        AND e.body_id = ANY ($5::UUID[])
        AND e.public
        AND e.type = ANY ($6::TEXT[])
        AND e.committee_ids @> ARRAY[$7::uuid]
        AND e.document_type = $8
        AND e.date >= $9::date
        AND e.date <= $10::date
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.date DESC NULLS LAST,
          g.score DESC,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.date DESC NULLS LAST,
      g.score DESC,
      g.key
    LIMIT
      $12
    OFFSET
      $13
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($11::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  '{}'::json AS f_committee,
  '{}'::json AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search with every filter, newest first · anonymous · query 2 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["document","session"], "00000000-0000-4000-8000-0000000000a2", "Antrag", "2026-01-01", "2026-12-31", ["00000000-0000-4000-8000-00000000b0d1"], "'radwege' & 'sanierung'", 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
        WHEN e.tsv @@ to_tsquery('rs_german', $11) THEN 1
        ELSE 0
      END + CASE
        WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($4::UUID[])
      AND e.public
      AND e.type = ANY ($5::TEXT[])
      AND e.committee_ids @> ARRAY[$6::uuid]
      AND e.document_type = $7
      AND e.date >= $8::date
      AND e.date <= $9::date
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
          WHEN e.tsv @@ to_tsquery('rs_german', $11) THEN 1
          ELSE 0
        END + CASE
          WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $1)
        AND e.body_id = ANY ($4::UUID[])
        AND e.public
        AND e.type = ANY ($5::TEXT[])
        AND e.committee_ids @> ARRAY[$6::uuid]
        AND e.document_type = $7
        AND e.date >= $8::date
        AND e.date <= $9::date
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.date DESC NULLS LAST,
          g.score DESC,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.date DESC NULLS LAST,
      g.score DESC,
      g.key
    LIMIT
      $12
    OFFSET
      $13
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($10::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  '{}'::json AS f_committee,
  '{}'::json AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search with every filter, newest first · anonymous · query 3 of 3
-- parameters: ["radwege","sanierung"]
SELECT
  t,
  w.word
FROM
  unnest($1::TEXT[]) t,
  LATERAL (
    SELECT
      word
    FROM
      search_term
    WHERE
      word % t
      AND word <> t
    ORDER BY
      similarity (word, t) DESC
    LIMIT
      16
  ) w;

-- search: search with every filter, newest first · member · query 1 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' & 'sanierung'", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["document","session"], "00000000-0000-4000-8000-0000000000a2", "Antrag", "2026-01-01", "2026-12-31", ["00000000-0000-4000-8000-00000000b0d1"], 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
        WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($5::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($6::UUID[])
      )
      AND e.type = ANY ($7::TEXT[])
      AND e.committee_ids @> ARRAY[$8::uuid]
      AND e.document_type = $9
      AND e.date >= $10::date
      AND e.date <= $11::date
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $2), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
          WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $2)
        AND e.body_id = ANY ($5::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($6::UUID[])
        )
        AND e.type = ANY ($7::TEXT[])
        AND e.committee_ids @> ARRAY[$8::uuid]
        AND e.document_type = $9
        AND e.date >= $10::date
        AND e.date <= $11::date
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.date DESC NULLS LAST,
          g.score DESC,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.date DESC NULLS LAST,
      g.score DESC,
      g.key
    LIMIT
      $13
    OFFSET
      $14
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($12::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  '{}'::json AS f_committee,
  '{}'::json AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search with every filter, newest first · member · query 2 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["document","session"], "00000000-0000-4000-8000-0000000000a2", "Antrag", "2026-01-01", "2026-12-31", ["00000000-0000-4000-8000-00000000b0d1"], "'radwege' & 'sanierung'", 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
        WHEN e.tsv @@ to_tsquery('rs_german', $12) THEN 1
        ELSE 0
      END + CASE
        WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($4::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($5::UUID[])
      )
      AND e.type = ANY ($6::TEXT[])
      AND e.committee_ids @> ARRAY[$7::uuid]
      AND e.document_type = $8
      AND e.date >= $9::date
      AND e.date <= $10::date
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
          WHEN e.tsv @@ to_tsquery('rs_german', $12) THEN 1
          ELSE 0
        END + CASE
          WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $1)
        AND e.body_id = ANY ($4::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($5::UUID[])
        )
        AND e.type = ANY ($6::TEXT[])
        AND e.committee_ids @> ARRAY[$7::uuid]
        AND e.document_type = $8
        AND e.date >= $9::date
        AND e.date <= $10::date
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.date DESC NULLS LAST,
          g.score DESC,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.date DESC NULLS LAST,
      g.score DESC,
      g.key
    LIMIT
      $13
    OFFSET
      $14
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($11::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  '{}'::json AS f_committee,
  '{}'::json AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search with every filter, newest first · member · query 3 of 3
-- parameters: ["radwege","sanierung"]
SELECT
  t,
  w.word
FROM
  unnest($1::TEXT[]) t,
  LATERAL (
    SELECT
      word
    FROM
      search_term
    WHERE
      word % t
      AND word <> t
    ORDER BY
      similarity (word, t) DESC
    LIMIT
      16
  ) w;

-- search: search with every filter, newest first · editor · query 1 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' & 'sanierung'", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["document","session"], "00000000-0000-4000-8000-0000000000a2", "Antrag", "2026-01-01", "2026-12-31", ["00000000-0000-4000-8000-00000000b0d1"], 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
        WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($5::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($6::UUID[])
      )
      AND e.type = ANY ($7::TEXT[])
      AND e.committee_ids @> ARRAY[$8::uuid]
      AND e.document_type = $9
      AND e.date >= $10::date
      AND e.date <= $11::date
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $2), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $3), 1) + CASE
          WHEN e.reference_key = ANY ($4::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $2)
        AND e.body_id = ANY ($5::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($6::UUID[])
        )
        AND e.type = ANY ($7::TEXT[])
        AND e.committee_ids @> ARRAY[$8::uuid]
        AND e.document_type = $9
        AND e.date >= $10::date
        AND e.date <= $11::date
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.date DESC NULLS LAST,
          g.score DESC,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.date DESC NULLS LAST,
      g.score DESC,
      g.key
    LIMIT
      $13
    OFFSET
      $14
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($12::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  '{}'::json AS f_committee,
  '{}'::json AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search with every filter, newest first · editor · query 2 of 3
-- parameters: "'radwege':* & 'sanierung':*", "'radwege' | 'sanierung'", [], ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], ["document","session"], "00000000-0000-4000-8000-0000000000a2", "Antrag", "2026-01-01", "2026-12-31", ["00000000-0000-4000-8000-00000000b0d1"], "'radwege' & 'sanierung'", 20, 0
WITH
  head AS MATERIALIZED (
    SELECT
      e.body_id,
      e.key,
      e.type,
      e.resource_id,
      e.date,
      e.committee_ids,
      e.document_type,
      ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
        WHEN e.tsv @@ to_tsquery('rs_german', $12) THEN 1
        ELSE 0
      END + CASE
        WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
        ELSE 0
      END + CASE e.type
        WHEN 'document' THEN 0.06
        WHEN 'committee' THEN 0.05
        WHEN 'person' THEN 0.05
        WHEN 'session' THEN 0.03
        WHEN 'agenda-item' THEN 0.02
        ELSE 0
      END AS score
    FROM
      search_entry e
    WHERE
      e.chunk = 0
      AND e.type <> 'file'
      AND e.tsv_head @@ to_tsquery('rs_german', $1)
      AND e.body_id = ANY ($4::UUID[])
      AND (
        e.public
        OR e.body_id = ANY ($5::UUID[])
      )
      AND e.type = ANY ($6::TEXT[])
      AND e.committee_ids @> ARRAY[$7::uuid]
      AND e.document_type = $8
      AND e.date >= $9::date
      AND e.date <= $10::date
    LIMIT
      200
  ),
  m AS (
    (
      SELECT
        *
      FROM
        head
    )
    UNION ALL
    (
      SELECT
        e.body_id,
        e.key,
        e.type,
        e.resource_id,
        e.date,
        e.committee_ids,
        e.document_type,
        ts_rank(e.tsv, to_tsquery('rs_german', $1), 1) + 5 * ts_rank(e.tsv_exact, to_tsquery('rs_simple', $2), 1) + CASE
          WHEN e.tsv @@ to_tsquery('rs_german', $12) THEN 1
          ELSE 0
        END + CASE
          WHEN e.reference_key = ANY ($3::TEXT[]) THEN 10
          ELSE 0
        END + CASE e.type
          WHEN 'document' THEN 0.06
          WHEN 'committee' THEN 0.05
          WHEN 'person' THEN 0.05
          WHEN 'session' THEN 0.03
          WHEN 'agenda-item' THEN 0.02
          ELSE 0
        END AS score
      FROM
        search_entry e
      WHERE
        (
          SELECT
            count(*)
          FROM
            head
        ) < 200
        AND e.tsv @@ to_tsquery('rs_german', $1)
        AND e.body_id = ANY ($4::UUID[])
        AND (
          e.public
          OR e.body_id = ANY ($5::UUID[])
        )
        AND e.type = ANY ($6::TEXT[])
        AND e.committee_ids @> ARRAY[$7::uuid]
        AND e.document_type = $8
        AND e.date >= $9::date
        AND e.date <= $10::date
      LIMIT
        250
    )
  ),
  g AS (
    SELECT DISTINCT
      ON (m.type, m.resource_id) m.*
    FROM
      m
    ORDER BY
      m.type,
      m.resource_id,
      m.score DESC,
      m.key
  ),
  page AS (
    SELECT
      g.body_id,
      g.key,
      row_number() OVER (
        ORDER BY
          g.date DESC NULLS LAST,
          g.score DESC,
          g.key
      ) AS n
    FROM
      g
    ORDER BY
      g.date DESC NULLS LAST,
      g.score DESC,
      g.key
    LIMIT
      $13
    OFFSET
      $14
  )
SELECT
  (
    SELECT
      count(*)::int
    FROM
      g
  ) AS total,
  (
    SELECT
      COALESCE(
        json_agg(
          json_build_object(
            'key',
            e.key,
            'body_id',
            e.body_id,
            'type',
            e.type,
            'resource_id',
            e.resource_id,
            'chunk',
            e.chunk,
            'page',
            e.page,
            'public',
            e.public,
            'title',
            e.title,
            'reference',
            e.reference,
            'meta',
            e.meta,
            'content',
            e.content,
            'date',
            to_char(e.date, 'YYYY-MM-DD'),
            'committee_ids',
            e.committee_ids,
            'document_type',
            e.document_type,
            'path',
            e.path
          )
          ORDER BY
            page.n
        ),
        '[]'
      )
    FROM
      page
      JOIN search_entry e ON e.body_id = page.body_id
      AND e.key = page.key
      AND e.body_id = ANY ($11::UUID[])
  ) AS hits,
  (
    SELECT
      COALESCE(json_object_agg(type, n), '{}')
    FROM
      (
        SELECT
          type,
          count(*) n
        FROM
          g
        GROUP BY
          type
      ) f
  ) AS f_type,
  '{}'::json AS f_committee,
  '{}'::json AS f_document_type,
  (
    SELECT
      COALESCE(json_object_agg(y, n), '{}')
    FROM
      (
        SELECT
          extract(
            YEAR
            FROM
              date
          )::int AS y,
          count(*) n
        FROM
          g
        WHERE
          date IS NOT NULL
        GROUP BY
          1
      ) f
  ) AS f_year;

-- search: search with every filter, newest first · editor · query 3 of 3
-- parameters: ["radwege","sanierung"]
SELECT
  t,
  w.word
FROM
  unnest($1::TEXT[]) t,
  LATERAL (
    SELECT
      word
    FROM
      search_term
    WHERE
      word % t
      AND word <> t
    ORDER BY
      similarity (word, t) DESC
    LIMIT
      16
  ) w;

-- search: suggest · anonymous
-- parameters: "'radw':*", ["00000000-0000-4000-8000-00000000b0d1"], 8
SELECT
  e.key,
  e.body_id,
  e.type,
  e.resource_id,
  e.chunk,
  e.page,
  e.public,
  e.title,
  e.reference,
  e.meta,
  e.content,
  to_char(e.date, 'YYYY-MM-DD') AS date,
  e.committee_ids,
  e.document_type,
  e.path
FROM
  search_entry e
WHERE
  e.chunk = 0
  AND e.body_id = ANY ($2::UUID[])
  AND e.public
  AND e.tsv_head @@ to_tsquery('rs_german', $1)
  AND e.type <> 'file'
ORDER BY
  ts_rank(e.tsv_head, to_tsquery('rs_german', $1)) + CASE e.type
    WHEN 'document' THEN 0.06
    WHEN 'committee' THEN 0.05
    WHEN 'person' THEN 0.05
    WHEN 'session' THEN 0.03
    WHEN 'agenda-item' THEN 0.02
    ELSE 0
  END DESC,
  length(e.title),
  e.key
LIMIT
  $3;

-- search: suggest · member
-- parameters: "'radw':*", ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], 8
SELECT
  e.key,
  e.body_id,
  e.type,
  e.resource_id,
  e.chunk,
  e.page,
  e.public,
  e.title,
  e.reference,
  e.meta,
  e.content,
  to_char(e.date, 'YYYY-MM-DD') AS date,
  e.committee_ids,
  e.document_type,
  e.path
FROM
  search_entry e
WHERE
  e.chunk = 0
  AND e.body_id = ANY ($2::UUID[])
  AND (
    e.public
    OR e.body_id = ANY ($3::UUID[])
  )
  AND e.tsv_head @@ to_tsquery('rs_german', $1)
  AND e.type <> 'file'
ORDER BY
  ts_rank(e.tsv_head, to_tsquery('rs_german', $1)) + CASE e.type
    WHEN 'document' THEN 0.06
    WHEN 'committee' THEN 0.05
    WHEN 'person' THEN 0.05
    WHEN 'session' THEN 0.03
    WHEN 'agenda-item' THEN 0.02
    ELSE 0
  END DESC,
  length(e.title),
  e.key
LIMIT
  $4;

-- search: suggest · editor
-- parameters: "'radw':*", ["00000000-0000-4000-8000-00000000b0d1"], ["00000000-0000-4000-8000-00000000b0d1"], 8
SELECT
  e.key,
  e.body_id,
  e.type,
  e.resource_id,
  e.chunk,
  e.page,
  e.public,
  e.title,
  e.reference,
  e.meta,
  e.content,
  to_char(e.date, 'YYYY-MM-DD') AS date,
  e.committee_ids,
  e.document_type,
  e.path
FROM
  search_entry e
WHERE
  e.chunk = 0
  AND e.body_id = ANY ($2::UUID[])
  AND (
    e.public
    OR e.body_id = ANY ($3::UUID[])
  )
  AND e.tsv_head @@ to_tsquery('rs_german', $1)
  AND e.type <> 'file'
ORDER BY
  ts_rank(e.tsv_head, to_tsquery('rs_german', $1)) + CASE e.type
    WHEN 'document' THEN 0.06
    WHEN 'committee' THEN 0.05
    WHEN 'person' THEN 0.05
    WHEN 'session' THEN 0.03
    WHEN 'agenda-item' THEN 0.02
    ELSE 0
  END DESC,
  length(e.title),
  e.key
LIMIT
  $4;
