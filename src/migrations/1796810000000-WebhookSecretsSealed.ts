import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing secrets of webhook subscriptions sealed at rest (see webhook-secrets.ts): the id of
 * the server key that sealed them and the sealed current and previous secret. A migration
 * cannot read WEBHOOK_KEYS, so the plaintext columns stay (nullable) until the worker has
 * sealed each row, which it does by itself at start and on its tick and then empties them.
 * A row holds its secret either in plaintext (not yet sealed) or sealed with its key id.
 */
export class WebhookSecretsSealed1796810000000 implements MigrationInterface {
  name = 'WebhookSecretsSealed1796810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_subscription"
      ADD COLUMN "secret_key_id" text,
      ADD COLUMN "secret_sealed" bytea,
      ADD COLUMN "previous_secret_sealed" bytea,
      ALTER COLUMN "secret" DROP NOT NULL,
      ADD CONSTRAINT "ck_webhook_subscription_secret" CHECK ("secret" IS NOT NULL OR ("secret_key_id" IS NOT NULL AND "secret_sealed" IS NOT NULL))`);
  }

  /** Refused while any secret is sealed: the previous schema could not sign with it. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    const sealed: unknown[] = await queryRunner.query(`SELECT 1 FROM "webhook_subscription" WHERE "secret" IS NULL LIMIT 1`);
    if (sealed.length) throw new Error('webhook signing secrets are sealed; delete or re-create those subscriptions before reverting this migration');
    await queryRunner.query(`ALTER TABLE "webhook_subscription"
      DROP CONSTRAINT "ck_webhook_subscription_secret",
      ALTER COLUMN "secret" SET NOT NULL,
      DROP COLUMN "previous_secret_sealed",
      DROP COLUMN "secret_sealed",
      DROP COLUMN "secret_key_id"`);
  }
}
