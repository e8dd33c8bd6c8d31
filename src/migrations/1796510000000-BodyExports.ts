import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk downloads: one row per stored export archive of a body (the bytes live in storage under
 * `storage_key`). A row is written only after its archive is stored; the newest few are kept.
 */
export class BodyExports1796510000000 implements MigrationInterface {
    name = 'BodyExports1796510000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "body_export" (
                "id" uuid NOT NULL,
                "body_id" uuid NOT NULL,
                "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                "counts" jsonb NOT NULL,
                CONSTRAINT "pk_body_export" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`CREATE INDEX "ix_body_export_body" ON "body_export" ("body_id", "generated_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_body_export_body"`);
        await queryRunner.query(`DROP TABLE "body_export"`);
    }
}
