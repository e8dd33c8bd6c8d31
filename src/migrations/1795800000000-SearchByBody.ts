import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of search_entry (unchanged by this migration). */
const COLUMNS = `
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
  "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;

const OLD_INDEXES = ['ix_search_entry_tsv', 'ix_search_entry_group', 'ix_search_entry_body', 'ix_search_entry_reference', 'ix_search_entry_head', 'ix_search_entry_committees'];

/**
 * Search (PostgreSQL engine): one partition of search_entry per body, so that a body's
 * searches read only its own index (a data centre hosts dozens of cities in one database)
 * and a body's rebuild replaces only its own partition. Entries are moved over, so search
 * keeps working after the upgrade. Pending index work is claimed for a while by the worker
 * that indexes it (a lease), so that several workers share it.
 */
export class SearchByBody1795800000000 implements MigrationInterface {
    name = 'SearchByBody1795800000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "search_entry" RENAME TO "search_entry_unpartitioned"`);
        await queryRunner.query(`ALTER TABLE "search_entry_unpartitioned" DROP CONSTRAINT "pk_search_entry"`);
        for (const index of OLD_INDEXES) await queryRunner.query(`DROP INDEX "${index}"`);
        await queryRunner.query(`CREATE TABLE "search_entry" (${COLUMNS}) PARTITION BY LIST ("body_id")`);
        await queryRunner.query(`
            DO $$ DECLARE b uuid; BEGIN
                FOR b IN SELECT DISTINCT body_id FROM search_entry_unpartitioned LOOP
                    EXECUTE format('CREATE TABLE %I PARTITION OF search_entry FOR VALUES IN (%L)', 'search_entry_' || replace(b::text, '-', ''), b);
                END LOOP;
            END $$`);
        await queryRunner.query(`INSERT INTO "search_entry" SELECT * FROM "search_entry_unpartitioned"`);
        await queryRunner.query(`DROP TABLE "search_entry_unpartitioned"`);
        // Defined on the parent, built on every partition (and matched by the ones a rebuild attaches).
        await queryRunner.query(`ALTER TABLE "search_entry" ADD CONSTRAINT "pk_search_entry" PRIMARY KEY ("body_id", "key")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_tsv" ON "search_entry" USING gin ("tsv")`);
        // By resource only: with the type as a second column PostgreSQL used it to find all of a
        // type (a filter by type) by scanning the whole index.
        await queryRunner.query(`CREATE INDEX "ix_search_entry_group" ON "search_entry" ("resource_id")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_reference" ON "search_entry" ("reference_key") WHERE reference_key IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_head" ON "search_entry" USING gin ("tsv_head") WHERE chunk = 0 AND type <> 'file'`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_committees" ON "search_entry" USING gin ("committee_ids")`);
        await queryRunner.query(`ANALYZE "search_entry"`);
        await queryRunner.query(`ALTER TABLE "search_backlog" ADD "claimed_by" uuid`);
        await queryRunner.query(`ALTER TABLE "search_backlog" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_search_backlog_queued" ON "search_backlog" ("queued_at")`);
        await queryRunner.query(`CREATE INDEX "ix_search_backlog_claim" ON "search_backlog" ("claimed_by") WHERE claimed_by IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_search_backlog_claim"`);
        await queryRunner.query(`DROP INDEX "ix_search_backlog_queued"`);
        await queryRunner.query(`ALTER TABLE "search_backlog" DROP COLUMN "claimed_until"`);
        await queryRunner.query(`ALTER TABLE "search_backlog" DROP COLUMN "claimed_by"`);
        await queryRunner.query(`ALTER TABLE "search_entry" RENAME TO "search_entry_partitioned"`);
        await queryRunner.query(`ALTER TABLE "search_entry_partitioned" DROP CONSTRAINT "pk_search_entry"`);
        for (const index of OLD_INDEXES.filter((i) => i !== 'ix_search_entry_body')) await queryRunner.query(`DROP INDEX "${index}"`);
        await queryRunner.query(`CREATE TABLE "search_entry" (${COLUMNS})`);
        await queryRunner.query(`INSERT INTO "search_entry" SELECT * FROM "search_entry_partitioned"`);
        await queryRunner.query(`DROP TABLE "search_entry_partitioned"`);
        await queryRunner.query(`ALTER TABLE "search_entry" ADD CONSTRAINT "pk_search_entry" PRIMARY KEY ("key")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_tsv" ON "search_entry" USING gin ("tsv")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_group" ON "search_entry" ("resource_id", "type")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_body" ON "search_entry" ("body_id", "type")`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_reference" ON "search_entry" ("reference_key") WHERE reference_key IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_head" ON "search_entry" USING gin ("tsv_head") WHERE chunk = 0 AND type <> 'file'`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_committees" ON "search_entry" USING gin ("committee_ids")`);
    }
}
