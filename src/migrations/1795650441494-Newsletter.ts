import { MigrationInterface, QueryRunner } from 'typeorm';

/** Newsletter: subscriptions (encrypted addresses), tokens, consent, events, digests, delivery log. */
export class Newsletter1795650441494 implements MigrationInterface {
    name = 'Newsletter1795650441494';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."newsletter_subscription_status" AS ENUM('pending', 'active', 'suspended', 'unsubscribed')`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_frequency" AS ENUM('immediate', 'daily', 'weekly')`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_language" AS ENUM('de', 'en')`);
        await queryRunner.query(`CREATE TABLE "newsletter_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "key_id" text NOT NULL, "email_hash" character(64) NOT NULL, "email_ciphertext" text NOT NULL, "manage_token_ciphertext" text, "status" "public"."newsletter_subscription_status" NOT NULL DEFAULT 'pending', "frequency" "public"."newsletter_frequency" NOT NULL, "language" "public"."newsletter_language" NOT NULL, "all_topics" boolean NOT NULL DEFAULT false, "committee_ids" uuid array NOT NULL DEFAULT '{}', "document_types" text array NOT NULL DEFAULT '{}', "keywords" text array NOT NULL DEFAULT '{}', "start_event_id" bigint NOT NULL DEFAULT '0', "bounce_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "suspended_at" TIMESTAMP WITH TIME ZONE, "unsubscribed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0e447c9eba4ae7ebdbaef097bc3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_subscription_status" ON "newsletter_subscription" ("status", "created_at")`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_subscription_audience" ON "newsletter_subscription" ("body_id", "frequency", "status")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_newsletter_subscription_email" ON "newsletter_subscription" ("body_id", "email_hash")`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_token_purpose" AS ENUM('confirm', 'manage')`);
        await queryRunner.query(`CREATE TABLE "newsletter_token" ("token_hash" character(64) NOT NULL, "subscription_id" uuid NOT NULL, "purpose" "public"."newsletter_token_purpose" NOT NULL, "payload" jsonb, "expires_at" TIMESTAMP WITH TIME ZONE, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a34020cd9cb2b207687d4b971ff" PRIMARY KEY ("token_hash"))`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_token_subscription" ON "newsletter_token" ("subscription_id", "purpose")`);
        await queryRunner.query(`CREATE TABLE "newsletter_consent" ("id" BIGSERIAL NOT NULL, "subscription_id" uuid NOT NULL, "action" text NOT NULL, "details" jsonb NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e691d0ac4b0fb265f2ec2e7700" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_consent_subscription" ON "newsletter_consent" ("subscription_id", "id")`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_event_kind" AS ENUM('session_scheduled', 'session_moved', 'session_cancelled', 'agenda_changed', 'document_published', 'minutes_published', 'results_recorded')`);
        await queryRunner.query(`CREATE TABLE "newsletter_event" ("id" BIGSERIAL NOT NULL, "body_id" uuid NOT NULL, "change_event_id" bigint NOT NULL, "kind" "public"."newsletter_event_kind" NOT NULL, "resource" text NOT NULL, "resource_id" uuid NOT NULL, "session_id" uuid, "committee_ids" uuid array NOT NULL DEFAULT '{}', "document_type" text, "search_text" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2968bddec1a4ff1d6360caba82d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_event_resource" ON "newsletter_event" ("resource_id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_newsletter_event_change" ON "newsletter_event" ("change_event_id", "kind")`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_event_body" ON "newsletter_event" ("body_id", "id")`);
        await queryRunner.query(`CREATE TABLE "newsletter_snapshot" ("resource_id" uuid NOT NULL, "body_id" uuid NOT NULL, "resource" text NOT NULL, "change_event_id" bigint NOT NULL, "state" jsonb, "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a27b38d465942de223ae9ab6f35" PRIMARY KEY ("resource_id"))`);
        await queryRunner.query(`CREATE TABLE "newsletter_digest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "frequency" "public"."newsletter_frequency" NOT NULL, "period" text NOT NULL, "from_event_id" bigint NOT NULL, "to_event_id" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_10c6e5fb5e2e84690c8bc3fa5ee" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_newsletter_digest_period" ON "newsletter_digest" ("body_id", "frequency", "period")`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_delivery_kind" AS ENUM('confirm', 'digest')`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_delivery_status" AS ENUM('queued', 'sending', 'sent', 'failed', 'skipped')`);
        await queryRunner.query(`CREATE TABLE "newsletter_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "kind" "public"."newsletter_delivery_kind" NOT NULL, "digest_id" uuid, "dedupe_key" text NOT NULL, "event_ids" bigint array NOT NULL DEFAULT '{}', "secret_ciphertext" text, "status" "public"."newsletter_delivery_status" NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "message_id" text NOT NULL, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ed49081e0ed0befe56663dd6628" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_delivery_status" ON "newsletter_delivery" ("status", "created_at")`);
        await queryRunner.query(`CREATE INDEX "ix_newsletter_delivery_digest" ON "newsletter_delivery" ("digest_id", "id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_newsletter_delivery_key" ON "newsletter_delivery" ("subscription_id", "dedupe_key")`);
        await queryRunner.query(`CREATE TABLE "newsletter_settings" ("body_id" uuid NOT NULL, "confirm_url_template" text, "manage_url_template" text, "sender_name" text, "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c38f4f1463653ceeae62ff210e1" PRIMARY KEY ("body_id"))`);
        await queryRunner.query(`ALTER TABLE "newsletter_subscription" ADD CONSTRAINT "FK_6570c22114d50b9f4743e9e8c1b" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_token" ADD CONSTRAINT "FK_149ffdc16c479e42ccd50d0ad82" FOREIGN KEY ("subscription_id") REFERENCES "newsletter_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_consent" ADD CONSTRAINT "FK_d40bbf1cbc259629c739ee08079" FOREIGN KEY ("subscription_id") REFERENCES "newsletter_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_event" ADD CONSTRAINT "FK_e1dd4ec0b2c22261486b482d23f" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_snapshot" ADD CONSTRAINT "FK_4454f53619dd2ed310819b30d4c" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_digest" ADD CONSTRAINT "FK_4ff5f67c7ccaffe7cbacec21c06" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_delivery" ADD CONSTRAINT "FK_f3ea3d64385ea4f96043c1c81ef" FOREIGN KEY ("subscription_id") REFERENCES "newsletter_subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_delivery" ADD CONSTRAINT "FK_c053d70560ff434d3eb063e1be7" FOREIGN KEY ("digest_id") REFERENCES "newsletter_digest"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "newsletter_settings" ADD CONSTRAINT "FK_c38f4f1463653ceeae62ff210e1" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "newsletter_settings" DROP CONSTRAINT "FK_c38f4f1463653ceeae62ff210e1"`);
        await queryRunner.query(`ALTER TABLE "newsletter_delivery" DROP CONSTRAINT "FK_c053d70560ff434d3eb063e1be7"`);
        await queryRunner.query(`ALTER TABLE "newsletter_delivery" DROP CONSTRAINT "FK_f3ea3d64385ea4f96043c1c81ef"`);
        await queryRunner.query(`ALTER TABLE "newsletter_digest" DROP CONSTRAINT "FK_4ff5f67c7ccaffe7cbacec21c06"`);
        await queryRunner.query(`ALTER TABLE "newsletter_snapshot" DROP CONSTRAINT "FK_4454f53619dd2ed310819b30d4c"`);
        await queryRunner.query(`ALTER TABLE "newsletter_event" DROP CONSTRAINT "FK_e1dd4ec0b2c22261486b482d23f"`);
        await queryRunner.query(`ALTER TABLE "newsletter_consent" DROP CONSTRAINT "FK_d40bbf1cbc259629c739ee08079"`);
        await queryRunner.query(`ALTER TABLE "newsletter_token" DROP CONSTRAINT "FK_149ffdc16c479e42ccd50d0ad82"`);
        await queryRunner.query(`ALTER TABLE "newsletter_subscription" DROP CONSTRAINT "FK_6570c22114d50b9f4743e9e8c1b"`);
        await queryRunner.query(`DROP TABLE "newsletter_settings"`);
        await queryRunner.query(`DROP INDEX "public"."uq_newsletter_delivery_key"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_delivery_digest"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_delivery_status"`);
        await queryRunner.query(`DROP TABLE "newsletter_delivery"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_delivery_status"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_delivery_kind"`);
        await queryRunner.query(`DROP INDEX "public"."uq_newsletter_digest_period"`);
        await queryRunner.query(`DROP TABLE "newsletter_digest"`);
        await queryRunner.query(`DROP TABLE "newsletter_snapshot"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_event_body"`);
        await queryRunner.query(`DROP INDEX "public"."uq_newsletter_event_change"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_event_resource"`);
        await queryRunner.query(`DROP TABLE "newsletter_event"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_event_kind"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_consent_subscription"`);
        await queryRunner.query(`DROP TABLE "newsletter_consent"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_token_subscription"`);
        await queryRunner.query(`DROP TABLE "newsletter_token"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_token_purpose"`);
        await queryRunner.query(`DROP INDEX "public"."uq_newsletter_subscription_email"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_subscription_audience"`);
        await queryRunner.query(`DROP INDEX "public"."ix_newsletter_subscription_status"`);
        await queryRunner.query(`DROP TABLE "newsletter_subscription"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_language"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_subscription_status"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_frequency"`);
    }
}
