import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a file's text came from (`text_origin`: an import source's File.text, or the method
 * that extracted it from the bytes), and the source's text while extracted text stands in for
 * it (`source_text`). Existing text was extracted from the bytes: its method follows from the
 * file type. Files without stored bytes are no longer marked `unsupported`: there is nothing
 * to extract.
 */
export class FileTextOrigin1796529221605 implements MigrationInterface {
    name = 'FileTextOrigin1796529221605';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."file_text_origin" AS ENUM('source', 'text-layer', 'ocr', 'office', 'plain')`);
        await queryRunner.query(`ALTER TABLE "file" ADD "text_origin" "public"."file_text_origin"`);
        await queryRunner.query(`ALTER TABLE "file" ADD "source_text" text`);
        await queryRunner.query(
            `UPDATE "file" SET "text_origin" = (CASE WHEN "mime_type" = 'application/pdf' THEN 'text-layer'
                WHEN "mime_type" LIKE 'text/%' THEN 'plain' WHEN "mime_type" LIKE 'image/%' THEN 'ocr' ELSE 'office' END)::"public"."file_text_origin"
             WHERE "text" IS NOT NULL`,
        );
        await queryRunner.query(`UPDATE "file" SET "text_status" = NULL, "text_error" = NULL WHERE "storage_key" IS NULL AND "text_status" = 'unsupported'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "source_text"`);
        await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "text_origin"`);
        await queryRunner.query(`DROP TYPE "public"."file_text_origin"`);
    }
}
