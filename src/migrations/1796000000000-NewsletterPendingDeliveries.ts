import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deliveries still to send, in id order: the worker's reconciliation walks them in
 * batches to give back the mail jobs Redis lost. Small, since sent mail leaves it.
 */
export class NewsletterPendingDeliveries1796000000000 implements MigrationInterface {
    name = 'NewsletterPendingDeliveries1796000000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_newsletter_delivery_pending" ON "newsletter_delivery" ("status", "id") WHERE status IN ('queued', 'sending')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_delivery_pending"`);
    }
}
