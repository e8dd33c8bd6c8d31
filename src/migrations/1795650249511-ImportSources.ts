import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenant tables that can hold imported records. */
const TABLES = ['legislative_term', 'location', 'committee', 'person', 'membership', 'session', 'agenda_item', 'document', 'consultation', 'file', 'minutes'];

/**
 * Imports from an old system (OParl): every tenant row may remember the id it has there
 * (`source_id`, unique per body) and the fields an editor changed locally (`locally_owned`),
 * which a re-import must not overwrite. Files imported without their bytes have no checksum
 * and no storage key yet, but remember where the bytes can be fetched. `import_source` keeps
 * one row per imported endpoint and body, for incremental runs.
 */
export class ImportSources1795650249511 implements MigrationInterface {
  name = 'ImportSources1795650249511';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "source_id" text`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "locally_owned" text array NOT NULL DEFAULT '{}'`);
      await queryRunner.query(`CREATE UNIQUE INDEX "uq_${table}_source" ON "${table}" ("body_id", "source_id") WHERE source_id IS NOT NULL`);
    }
    await queryRunner.query(`ALTER TABLE "file" ALTER COLUMN "sha512" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "file" ALTER COLUMN "storage_key" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "file" ADD "source_access_url" text`);
    await queryRunner.query(`ALTER TABLE "file" ADD "source_download_url" text`);
    await queryRunner.query(`
      CREATE TABLE "import_source" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "body_id" uuid NOT NULL,
        "url" text NOT NULL,
        "oparl_version" text,
        "last_started_at" TIMESTAMP WITH TIME ZONE,
        "last_success_at" TIMESTAMP WITH TIME ZONE,
        "last_summary" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_import_source" PRIMARY KEY ("id"),
        CONSTRAINT "fk_import_source_body" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_import_source_body_url" ON "import_source" ("body_id", "url")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_source"`);
    await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "source_download_url"`);
    await queryRunner.query(`ALTER TABLE "file" DROP COLUMN "source_access_url"`);
    await queryRunner.query(`UPDATE "file" SET "sha512" = repeat('0', 128) WHERE "sha512" IS NULL`);
    await queryRunner.query(`UPDATE "file" SET "storage_key" = '' WHERE "storage_key" IS NULL`);
    await queryRunner.query(`ALTER TABLE "file" ALTER COLUMN "storage_key" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "file" ALTER COLUMN "sha512" SET NOT NULL`);
    for (const table of [...TABLES].reverse()) {
      await queryRunner.query(`DROP INDEX "public"."uq_${table}_source"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "locally_owned"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "source_id"`);
    }
  }
}
