import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['legislative_term', 'location', 'committee', 'person', 'membership', 'session', 'agenda_item', 'document', 'consultation', 'file', 'minutes'];
const WITH_PUBLIC_FLAG = ['agenda_item', 'document', 'file'];

/** The audience a row's own flags give it now, deletion left aside (2 everyone, 1 members, 0 editors). */
function ownAudience(table: string): string {
    if (table === 'minutes') return `CASE "status" WHEN 'published' THEN 2 WHEN 'approved' THEN 1 ELSE 0 END`;
    if (WITH_PUBLIC_FLAG.includes(table)) return `CASE WHEN "published_at" IS NULL THEN 0 WHEN "public" THEN 2 ELSE 1 END`;
    return `CASE WHEN "published_at" IS NULL THEN 0 ELSE 2 END`;
}

/**
 * `widest_audience`: the widest audience a row's own flags ever gave it (2 everyone, 1 members,
 * 0 editors only). Tombstones, `modified` stamps and calendar sequences tell an audience of
 * deletions and withdrawals only of what it could once see, so drafts leave no trace.
 * A trigger keeps it on every insert and update, whoever writes (API, importer, seeds); it
 * never goes down. Existing rows start from what they show now, what their change events
 * say, and, for deleted rows, the flags they were deleted with.
 */
export class WidestAudience1796200000000 implements MigrationInterface {
    name = 'WidestAudience1796200000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION "widest_audience"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                own smallint := 0;
            BEGIN
                IF NEW.deleted_at IS NULL THEN
                    IF TG_TABLE_NAME = 'minutes' THEN
                        IF NEW.status = 'published' THEN own := 2; ELSIF NEW.status = 'approved' THEN own := 1; END IF;
                    ELSIF NEW.published_at IS NOT NULL THEN
                        own := 2;
                        IF TG_TABLE_NAME IN ('agenda_item', 'document', 'file') THEN
                            IF NOT NEW.public THEN own := 1; END IF;
                        END IF;
                    END IF;
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    NEW.widest_audience := GREATEST(OLD.widest_audience, own);
                ELSE
                    NEW.widest_audience := own;
                END IF;
                RETURN NEW;
            END
            $$`);
        for (const table of TABLES) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "widest_audience" smallint NOT NULL DEFAULT '0'`);
            await queryRunner.query(`UPDATE "${table}" SET "widest_audience" = ${ownAudience(table)}`);
            await queryRunner.query(
                `UPDATE "${table}" t SET "widest_audience" = e.audience
                 FROM (SELECT resource_id, max(GREATEST(audience_before, audience_after)) AS audience FROM change_event GROUP BY resource_id) e
                 WHERE e.resource_id = t.id AND e.audience > t.widest_audience`,
            );
            await queryRunner.query(
                `CREATE TRIGGER "${table}_widest_audience" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "widest_audience"()`,
            );
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            await queryRunner.query(`DROP TRIGGER "${table}_widest_audience" ON "${table}"`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "widest_audience"`);
        }
        await queryRunner.query(`DROP FUNCTION "widest_audience"()`);
    }
}
