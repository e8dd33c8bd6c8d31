import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search: text extraction columns on "file", the PostgreSQL full-text index (search_entry),
 * the word list for typo tolerance (search_term) and the backlog of index work kept while
 * the search engine is unreachable (search_backlog).
 */
export class Search1795650364312 implements MigrationInterface {
    name = 'Search1795650364312'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rs_german') THEN
                    CREATE TEXT SEARCH CONFIGURATION rs_german (COPY = pg_catalog.german);
                    ALTER TEXT SEARCH CONFIGURATION rs_german ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rs_simple') THEN
                    CREATE TEXT SEARCH CONFIGURATION rs_simple (COPY = pg_catalog.simple);
                    ALTER TEXT SEARCH CONFIGURATION rs_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
                END IF;
            END $$
        `);
        await queryRunner.query(`ALTER TABLE "file" ADD "page_count" integer`);
        await queryRunner.query(`ALTER TABLE "file" ADD "text_status" text`);
        await queryRunner.query(`ALTER TABLE "file" ADD "text_error" text`);
        await queryRunner.query(`ALTER TABLE "file" ADD "text_extracted_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "file" ADD "text_source_sha512" character(128)`);
        await queryRunner.query(`
            CREATE TABLE "search_entry" (
                "key" text NOT NULL,
                "body_id" uuid NOT NULL,
                "type" text NOT NULL,
                "resource_id" uuid NOT NULL,
                "chunk" integer NOT NULL DEFAULT 0,
                "page" integer,
                "public" boolean NOT NULL,
                "title" text NOT NULL,
                "reference" text,
                "reference_key" text,
                "meta" text NOT NULL DEFAULT '',
                "content" text NOT NULL DEFAULT '',
                "date" date,
                "committee_ids" uuid array NOT NULL DEFAULT '{}',
                "document_type" text,
                "path" text NOT NULL,
                "tsv" tsvector NOT NULL,
                "tsv_exact" tsvector NOT NULL,
                "tsv_head" tsvector NOT NULL,
                "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_search_entry" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_tsv" ON "search_entry" USING gin ("tsv")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_group" ON "search_entry" ("resource_id", "type")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_body" ON "search_entry" ("body_id", "type")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_reference" ON "search_entry" ("reference_key") WHERE reference_key IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_head" ON "search_entry" USING gin ("tsv_head") WHERE chunk = 0`);
        await queryRunner.query(`
            CREATE TABLE "search_term" (
                "word" text NOT NULL,
                CONSTRAINT "pk_search_term" PRIMARY KEY ("word")
            )
        `);
        await queryRunner.query(`CREATE INDEX "ix_search_term_trgm" ON "search_term" USING gin ("word" gin_trgm_ops)`);
        await queryRunner.query(`
            CREATE TABLE "search_backlog" (
                "type" text NOT NULL,
                "resource_id" uuid NOT NULL,
                "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_search_backlog" PRIMARY KEY ("type", "resource_id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "search_backlog"`);
        await queryRunner.query(`DROP TABLE "search_term"`);
        await queryRunner.query(`DROP TABLE "search_entry"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "text_source_sha512"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "text_extracted_at"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "text_error"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "text_status"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "page_count"`);
        await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS rs_simple`);
        await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS rs_german`);
    }
}
