import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the OParl objects are rendered from, and how a statement's rows name their body. */
const SOURCES: { table: string; body: string }[] = [
  { table: 'body', body: 'id' },
  ...['committee', 'person', 'membership', 'location', 'legislative_term', 'session', 'agenda_item', 'document', 'consultation', 'file', 'minutes'].map((table) => ({ table, body: 'body_id' })),
  { table: 'session_committee', body: '(SELECT s.body_id FROM session s WHERE s.id = x.session_id)' },
];

/**
 * OParl objects rendered ahead of reads (see src/modules/oparl/oparl-rendered.ts).
 *
 * - `oparl_rendered`: each body's public objects of every list, as the lists serve them.
 * - `oparl_render_state`: per body, the snapshot the objects were rendered in and the key of
 *   the rendering (base URLs and SQL), so that a reader can tell whether they are current.
 * - `oparl_write`: per body, the transactions that wrote to any table the objects are rendered
 *   from, recorded by statement triggers in the writing transaction itself, whoever writes
 *   (API, worker, import, seed, plain SQL). A write the snapshot did not see makes the body's
 *   rendered objects stale until they are rendered again.
 */
export class OparlRendered1796800000000 implements MigrationInterface {
  name = 'OparlRendered1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "oparl_rendered" (
      "body_id" uuid NOT NULL REFERENCES "body"("id") ON DELETE CASCADE,
      "kind" text NOT NULL,
      "id" uuid NOT NULL,
      "j" json NOT NULL,
      PRIMARY KEY ("body_id", "kind", "id"))`);
    // Objects are also read at their id alone (`/meeting/{id}`).
    await queryRunner.query(`CREATE INDEX "ix_oparl_rendered_id" ON "oparl_rendered" ("id")`);
    // Large objects (a meeting with its agenda) are compressed; lz4 unpacks several times faster than pglz.
    const [lz4] = (await queryRunner.query(`SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`)) as unknown[];
    if (lz4) await queryRunner.query(`ALTER TABLE "oparl_rendered" ALTER COLUMN "j" SET COMPRESSION lz4`);
    await queryRunner.query(`CREATE TABLE "oparl_render_state" (
      "body_id" uuid PRIMARY KEY REFERENCES "body"("id") ON DELETE CASCADE,
      "render_key" text NOT NULL,
      "snapshot" pg_snapshot NOT NULL,
      "built_at" timestamptz NOT NULL DEFAULT now(),
      "seconds" real NOT NULL,
      "objects" integer NOT NULL)`);
    // No foreign key: a body's own deletion is recorded too. Rows of bodies gone are pruned.
    await queryRunner.query(`CREATE TABLE "oparl_write" (
      "body_id" uuid NOT NULL,
      "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
      "at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("body_id", "xid"))`);
    for (const { table, body } of SOURCES) {
      const fn = `oparl_written_${table}`;
      await queryRunner.query(`CREATE FUNCTION "${fn}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            INSERT INTO oparl_write (body_id) SELECT id FROM body ON CONFLICT DO NOTHING;
          ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO oparl_write (body_id) SELECT DISTINCT b FROM (SELECT ${body} AS b FROM old_rows x) d WHERE b IS NOT NULL ON CONFLICT DO NOTHING;
          ELSE
            INSERT INTO oparl_write (body_id) SELECT DISTINCT b FROM (SELECT ${body} AS b FROM new_rows x) d WHERE b IS NOT NULL ON CONFLICT DO NOTHING;
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER "${fn}_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
      await queryRunner.query(`CREATE TRIGGER "${fn}_update" AFTER UPDATE ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
      await queryRunner.query(`CREATE TRIGGER "${fn}_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
      await queryRunner.query(`CREATE TRIGGER "${fn}_truncate" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of [...SOURCES].reverse()) {
      const fn = `oparl_written_${table}`;
      for (const op of ['truncate', 'delete', 'update', 'insert']) await queryRunner.query(`DROP TRIGGER "${fn}_${op}" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION "${fn}"()`);
    }
    await queryRunner.query(`DROP TABLE "oparl_write"`);
    await queryRunner.query(`DROP TABLE "oparl_render_state"`);
    await queryRunner.query(`DROP TABLE "oparl_rendered"`);
  }
}
