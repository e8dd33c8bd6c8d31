import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions, as the records have them (RecordVersions), of what editors change beside a body's
 * records: the body's own settings, its newsletter settings and its webhook subscriptions.
 * Every change moves the version on; writes answer it as a strong ETag and take it back in
 * `If-Match`, so that of two editors' changes made on one version the second is refused (412).
 */
export class SettingsVersions1796712000000 implements MigrationInterface {
    name = 'SettingsVersions1796712000000';

    private readonly tables = ['body', 'newsletter_settings', 'webhook_subscription'];

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of this.tables) await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT '1'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of [...this.tables].reverse()) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
    }
}
