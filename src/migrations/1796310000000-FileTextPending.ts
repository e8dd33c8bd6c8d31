import { MigrationInterface, QueryRunner } from 'typeorm';

/** Files whose text is still to be extracted, for the worker's sweep that re-enqueues lost extraction jobs. */
export class FileTextPending1796310000000 implements MigrationInterface {
    name = 'FileTextPending1796310000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_file_text_pending" ON "file" ("id") WHERE deleted_at IS NULL AND storage_key IS NOT NULL AND (text_status IS NULL OR text_source_sha512 IS DISTINCT FROM sha512)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_file_text_pending"`);
    }
}
