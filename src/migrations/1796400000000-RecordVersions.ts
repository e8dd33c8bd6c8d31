import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version of every record of a body, moved on by each write that records a change (editor
 * writes and imports alike): editors' writes send it back in `If-Match`, so that a write made
 * on an older version is refused (412) instead of silently overwriting another's change.
 */
export class RecordVersions1796400000000 implements MigrationInterface {
    name = 'RecordVersions1796400000000';

    private readonly tables = ['legislative_term', 'location', 'committee', 'person', 'membership', 'session', 'agenda_item', 'document', 'consultation', 'file', 'minutes'];

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of this.tables) await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT '1'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of [...this.tables].reverse()) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
    }
}
