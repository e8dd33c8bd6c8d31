import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: subscriptions of a body's change events (owned by the API key that created them),
 * one delivery per subscription and change event (recorded by the outbox relay, unique, so a
 * relay that runs twice records nothing twice), and the attempts of each delivery.
 */
export class Webhooks1796500000000 implements MigrationInterface {
  name = 'Webhooks1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_subscription" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "body_id" uuid NOT NULL REFERENCES "body" ("id") ON DELETE CASCADE,
        "api_key_id" uuid REFERENCES "api_key" ("id") ON DELETE SET NULL,
        "url" text NOT NULL,
        "event_types" text[] NOT NULL,
        "audience" smallint NOT NULL,
        "description" text,
        "secret" text NOT NULL,
        "previous_secret" text,
        "previous_secret_until" TIMESTAMP WITH TIME ZONE,
        "enabled" boolean NOT NULL DEFAULT true,
        "disabled_reason" text,
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "failed_messages" integer NOT NULL DEFAULT 0,
        "failing_since" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_webhook_subscription" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_subscription_body" ON "webhook_subscription" ("body_id") WHERE enabled`);
    await queryRunner.query(`
      CREATE TABLE "webhook_delivery" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subscription_id" uuid NOT NULL REFERENCES "webhook_subscription" ("id") ON DELETE CASCADE,
        "change_event_id" bigint NOT NULL,
        "type" text NOT NULL,
        "payload" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_webhook_delivery" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_delivery_event" UNIQUE ("subscription_id", "change_event_id"),
        CONSTRAINT "ck_webhook_delivery_status" CHECK ("status" IN ('pending', 'delivered', 'failed'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_due" ON "webhook_delivery" ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`
      CREATE TABLE "webhook_attempt" (
        "id" BIGSERIAL NOT NULL,
        "delivery_id" uuid NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE,
        "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "status_code" integer,
        "duration_ms" integer NOT NULL,
        "error" text,
        "response_body" text,
        CONSTRAINT "pk_webhook_attempt" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_attempt_delivery" ON "webhook_attempt" ("delivery_id", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_attempt"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
  }
}
