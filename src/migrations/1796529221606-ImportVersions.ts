import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imported files: what the source says of the bytes now and when they were fetched
 * (`source_version`, `fetched_version`), so that `--download` fetches changed bytes again. An
 * import source remembers, per list of embedded types, whether its parents name every object
 * of the list (`embeds_all`): incremental runs rely on it to delete what vanished.
 */
export class ImportVersions1796529221606 implements MigrationInterface {
    name = 'ImportVersions1796529221606';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "file" ADD "source_version" jsonb`);
        await queryRunner.query(`ALTER TABLE "file" ADD "fetched_version" jsonb`);
        await queryRunner.query(`ALTER TABLE "import_source" ADD "embeds_all" jsonb`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_source" DROP COLUMN "embeds_all"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "fetched_version"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "source_version"`);
    }
}
