import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search (PostgreSQL engine): the title/metadata index covers records but not files (their
 * names are searched with their text), which halves what a common word reads from it; a GIN
 * index on committee ids serves the committee filter.
 */
export class SearchIndexes1795700000000 implements MigrationInterface {
    name = 'SearchIndexes1795700000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_search_entry_head"`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_head" ON "search_entry" USING gin ("tsv_head") WHERE chunk = 0 AND type <> 'file'`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_committees" ON "search_entry" USING gin ("committee_ids")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_search_entry_committees"`);
        await queryRunner.query(`DROP INDEX "ix_search_entry_head"`);
        await queryRunner.query(`CREATE INDEX "ix_search_entry_head" ON "search_entry" USING gin ("tsv_head") WHERE chunk = 0`);
    }
}
