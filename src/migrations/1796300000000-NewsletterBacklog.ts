import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change events the newsletter has yet to read, recorded by the outbox relay in the
 * transaction that marks them relayed, so that a Redis that loses their jobs loses no news.
 */
export class NewsletterBacklog1796300000000 implements MigrationInterface {
    name = 'NewsletterBacklog1796300000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "newsletter_backlog" ("change_event_id" bigint NOT NULL, "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d6e95136e07d69073eaf79f0c1" PRIMARY KEY ("change_event_id"))`);
        await queryRunner.query(`ALTER TABLE "newsletter_backlog" ADD CONSTRAINT "FK_3d6e95136e07d69073eaf79f0c1" FOREIGN KEY ("change_event_id") REFERENCES "change_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "newsletter_backlog" DROP CONSTRAINT "FK_3d6e95136e07d69073eaf79f0c1"`);
        await queryRunner.query(`DROP TABLE "newsletter_backlog"`);
    }
}
