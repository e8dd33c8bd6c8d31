import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * App accounts (tokens, pairing codes, member grants) and their personal data: notes,
 * markings, bookmarks, follows, idempotency keys, and the files whose markings are anchored.
 * Texts are stored encrypted; the GIN indexes serve the blind-index tokens (tags, search).
 */
export class PersonalData1796529345641 implements MigrationInterface {
    name = 'PersonalData1796529345641';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "app_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key_id" text NOT NULL, "wrapped_key" bytea NOT NULL, "change_seq" bigint NOT NULL DEFAULT '0', "purged_seq" bigint NOT NULL DEFAULT '0', "feed_position" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_67616a35344586911a7e0e936f6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_app_account_key" ON "app_account" ("key_id") `);
        await queryRunner.query(`CREATE INDEX "ix_app_account_last_used" ON "app_account" ("last_used_at") `);
        await queryRunner.query(`CREATE TABLE "app_account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "token_prefix" text NOT NULL, "device_name" bytea, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6994a2dc5f988ccce9e1d9fef73" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_account_token_hash" ON "app_account_token" ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "ix_app_account_token_account" ON "app_account_token" ("account_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "app_pairing_code" ("code_hash" character(64) NOT NULL, "account_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ff997faf27843bb2f1b18790c92" PRIMARY KEY ("code_hash"))`);
        await queryRunner.query(`CREATE INDEX "ix_app_pairing_code_expires" ON "app_pairing_code" ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "ix_app_pairing_code_account" ON "app_pairing_code" ("account_id") `);
        await queryRunner.query(`CREATE TABLE "app_member_grant" ("account_id" uuid NOT NULL, "body_id" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "granted_by_key_id" uuid, CONSTRAINT "PK_6feebbd35a43e178713b871da76" PRIMARY KEY ("account_id", "body_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_app_member_grant_body" ON "app_member_grant" ("body_id", "granted_at") `);
        await queryRunner.query(`CREATE TYPE "public"."me_note_target_type" AS ENUM('session', 'agenda-item', 'document', 'file', 'committee')`);
        await queryRunner.query(`CREATE TABLE "me_note" ("account_id" uuid NOT NULL, "id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "seq" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "target_type" "public"."me_note_target_type" NOT NULL, "target_id" uuid NOT NULL, "body_id" uuid NOT NULL, "page" integer, "content" bytea, "tag_tokens" bigint array NOT NULL DEFAULT '{}', "search_tokens" bigint array NOT NULL DEFAULT '{}', CONSTRAINT "PK_dcd3596659be44e137fef03ada2" PRIMARY KEY ("account_id", "id"))`);
        await queryRunner.query(`CREATE INDEX "ix_me_note_live" ON "me_note" ("account_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_note_body" ON "me_note" ("account_id", "body_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_note_target" ON "me_note" ("account_id", "target_type", "target_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_note_seq" ON "me_note" ("account_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "ix_me_note_tags" ON "me_note" USING gin ("tag_tokens") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_note_search" ON "me_note" USING gin ("search_tokens") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE TYPE "public"."me_marking_color" AS ENUM('yellow', 'green', 'blue', 'pink', 'orange', 'purple')`);
        await queryRunner.query(`CREATE TYPE "public"."me_anchor_status" AS ENUM('anchored', 'fuzzy', 'orphaned', 'pending')`);
        await queryRunner.query(`CREATE TABLE "me_marking" ("account_id" uuid NOT NULL, "id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "seq" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "file_id" uuid NOT NULL, "body_id" uuid NOT NULL, "color" "public"."me_marking_color", "anchor_status" "public"."me_anchor_status", "anchor_text_hash" character(64), "content" bytea, "tag_tokens" bigint array NOT NULL DEFAULT '{}', "search_tokens" bigint array NOT NULL DEFAULT '{}', CONSTRAINT "PK_c286c37b9977801ecfd7320259c" PRIMARY KEY ("account_id", "id"))`);
        await queryRunner.query(`CREATE INDEX "ix_me_marking_anchoring" ON "me_marking" ("file_id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_marking_live" ON "me_marking" ("account_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_marking_body" ON "me_marking" ("account_id", "body_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_marking_file" ON "me_marking" ("account_id", "file_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_marking_seq" ON "me_marking" ("account_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "ix_me_marking_tags" ON "me_marking" USING gin ("tag_tokens") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_me_marking_search" ON "me_marking" USING gin ("search_tokens") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE TYPE "public"."me_bookmark_target_type" AS ENUM('legislative-term', 'location', 'committee', 'person', 'membership', 'session', 'agenda-item', 'document', 'consultation', 'file', 'minutes')`);
        await queryRunner.query(`CREATE TABLE "me_bookmark" ("account_id" uuid NOT NULL, "id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "seq" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "target_type" "public"."me_bookmark_target_type" NOT NULL, "target_id" uuid NOT NULL, "body_id" uuid NOT NULL, CONSTRAINT "PK_cc8fa18cb277c7394e38e170c3f" PRIMARY KEY ("account_id", "id"))`);
        await queryRunner.query(`CREATE INDEX "ix_me_bookmark_live" ON "me_bookmark" ("account_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_bookmark_target" ON "me_bookmark" ("account_id", "target_type", "target_id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_bookmark_seq" ON "me_bookmark" ("account_id", "seq") `);
        await queryRunner.query(`CREATE TYPE "public"."me_follow_kind" AS ENUM('committee', 'document', 'session', 'keyword')`);
        await queryRunner.query(`CREATE TABLE "me_follow" ("account_id" uuid NOT NULL, "id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "seq" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "kind" "public"."me_follow_kind" NOT NULL, "target_id" uuid, "body_id" uuid, "keyword" bytea, "keyword_token" bigint, CONSTRAINT "PK_1ee7f69ee2e07408d478b331030" PRIMARY KEY ("account_id", "id"))`);
        await queryRunner.query(`CREATE INDEX "ix_me_follow_live" ON "me_follow" ("account_id", "created_at", "id") WHERE deleted_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_follow_keyword" ON "me_follow" ("account_id", "body_id", "keyword_token") WHERE deleted_at IS NULL AND keyword_token IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_follow_target" ON "me_follow" ("account_id", "kind", "target_id") WHERE deleted_at IS NULL AND target_id IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_me_follow_seq" ON "me_follow" ("account_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "me_idempotency_key" ("account_id" uuid NOT NULL, "key_hash" character(64) NOT NULL, "fingerprint" character(64) NOT NULL, "resource" text NOT NULL, "resource_id" uuid NOT NULL, "status" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1fa75c9f1dbe43165e4fafa16d" PRIMARY KEY ("account_id", "key_hash"))`);
        await queryRunner.query(`CREATE INDEX "ix_me_idempotency_key_created" ON "me_idempotency_key" ("created_at") `);
        await queryRunner.query(`CREATE TABLE "me_file_anchor" ("file_id" uuid NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bcbcc142f743de234c4b24fa265" PRIMARY KEY ("file_id"))`);
        await queryRunner.query(`ALTER TABLE "app_account_token" ADD CONSTRAINT "FK_1cc3a118e5bbb1fdc4d69d7303d" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "app_pairing_code" ADD CONSTRAINT "FK_4d765fadb7da0b8fc635c53800d" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "app_member_grant" ADD CONSTRAINT "FK_249a79ae9f449c3552798e5bd10" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "app_member_grant" ADD CONSTRAINT "FK_22ac95295eb981c5b6ffe7b03e5" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "me_note" ADD CONSTRAINT "FK_1ae136bfe03e4b539cf78622e77" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "me_marking" ADD CONSTRAINT "FK_19ab41cba560a6b6985ec17daca" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "me_bookmark" ADD CONSTRAINT "FK_7caa39bb76130fb3ae7e380b849" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "me_follow" ADD CONSTRAINT "FK_b42b8ca0d33c33ca6e0118c07b8" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "me_idempotency_key" ADD CONSTRAINT "FK_2ff9f83b4683fe9a563931e1cb7" FOREIGN KEY ("account_id") REFERENCES "app_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "me_file_anchor" ADD CONSTRAINT "FK_bcbcc142f743de234c4b24fa265" FOREIGN KEY ("file_id") REFERENCES "file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "me_file_anchor" DROP CONSTRAINT "FK_bcbcc142f743de234c4b24fa265"`);
        await queryRunner.query(`ALTER TABLE "me_idempotency_key" DROP CONSTRAINT "FK_2ff9f83b4683fe9a563931e1cb7"`);
        await queryRunner.query(`ALTER TABLE "me_follow" DROP CONSTRAINT "FK_b42b8ca0d33c33ca6e0118c07b8"`);
        await queryRunner.query(`ALTER TABLE "me_bookmark" DROP CONSTRAINT "FK_7caa39bb76130fb3ae7e380b849"`);
        await queryRunner.query(`ALTER TABLE "me_marking" DROP CONSTRAINT "FK_19ab41cba560a6b6985ec17daca"`);
        await queryRunner.query(`ALTER TABLE "me_note" DROP CONSTRAINT "FK_1ae136bfe03e4b539cf78622e77"`);
        await queryRunner.query(`ALTER TABLE "app_member_grant" DROP CONSTRAINT "FK_22ac95295eb981c5b6ffe7b03e5"`);
        await queryRunner.query(`ALTER TABLE "app_member_grant" DROP CONSTRAINT "FK_249a79ae9f449c3552798e5bd10"`);
        await queryRunner.query(`ALTER TABLE "app_pairing_code" DROP CONSTRAINT "FK_4d765fadb7da0b8fc635c53800d"`);
        await queryRunner.query(`ALTER TABLE "app_account_token" DROP CONSTRAINT "FK_1cc3a118e5bbb1fdc4d69d7303d"`);
        await queryRunner.query(`DROP TABLE "me_file_anchor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_idempotency_key_created"`);
        await queryRunner.query(`DROP TABLE "me_idempotency_key"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_follow_seq"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_follow_target"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_follow_keyword"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_follow_live"`);
        await queryRunner.query(`DROP TABLE "me_follow"`);
        await queryRunner.query(`DROP TYPE "public"."me_follow_kind"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_bookmark_seq"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_bookmark_target"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_bookmark_live"`);
        await queryRunner.query(`DROP TABLE "me_bookmark"`);
        await queryRunner.query(`DROP TYPE "public"."me_bookmark_target_type"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_marking_search"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_marking_tags"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_marking_seq"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_marking_file"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_marking_body"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_marking_live"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_marking_anchoring"`);
        await queryRunner.query(`DROP TABLE "me_marking"`);
        await queryRunner.query(`DROP TYPE "public"."me_anchor_status"`);
        await queryRunner.query(`DROP TYPE "public"."me_marking_color"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_note_search"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_note_tags"`);
        await queryRunner.query(`DROP INDEX "public"."uq_me_note_seq"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_note_target"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_note_body"`);
        await queryRunner.query(`DROP INDEX "public"."ix_me_note_live"`);
        await queryRunner.query(`DROP TABLE "me_note"`);
        await queryRunner.query(`DROP TYPE "public"."me_note_target_type"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_member_grant_body"`);
        await queryRunner.query(`DROP TABLE "app_member_grant"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_pairing_code_account"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_pairing_code_expires"`);
        await queryRunner.query(`DROP TABLE "app_pairing_code"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_account_token_account"`);
        await queryRunner.query(`DROP INDEX "public"."uq_app_account_token_hash"`);
        await queryRunner.query(`DROP TABLE "app_account_token"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_account_last_used"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_account_key"`);
        await queryRunner.query(`DROP TABLE "app_account"`);
    }
}
