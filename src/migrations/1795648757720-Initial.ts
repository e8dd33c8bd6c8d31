import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795648757720 implements MigrationInterface {
    name = 'Initial1795648757720'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "body" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "short_name" text,
                "website" text,
                "license" text,
                "ags" text,
                "rgs" text,
                "classification" text,
                "contact_email" text,
                "contact_name" text,
                "web_url_templates" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_fcdfba471eb9ce3c1add2c1e83d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_body_slug" ON "body" ("slug")
        `);
        await queryRunner.query(`
            CREATE TABLE "location" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "description" text,
                "street_address" text,
                "room" text,
                "postal_code" text,
                "sub_locality" text,
                "locality" text,
                "geojson" jsonb,
                CONSTRAINT "PK_876d7bdba03c72251ec4c2dc827" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_21dbf921bed8c2ecc7b33eaaef" ON "location" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."committee_kind" AS ENUM(
                'council',
                'committee',
                'faction',
                'party',
                'administration',
                'external',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "committee" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "name" text NOT NULL,
                "short_name" text,
                "kind" "public"."committee_kind" NOT NULL,
                "classification" text,
                "start_date" date,
                "end_date" date,
                "parent_id" uuid,
                "location_id" uuid,
                "website" text,
                CONSTRAINT "PK_29569bbabae77e56711f2310563" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ee5964b83b814530963324bce5" ON "committee" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_committee_body_name" ON "committee" ("body_id", "name", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."session_state" AS ENUM('scheduled', 'invited', 'held')
        `);
        await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "name" text NOT NULL,
                "state" "public"."session_state" NOT NULL DEFAULT 'scheduled',
                "cancelled" boolean NOT NULL DEFAULT false,
                "start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "end" TIMESTAMP WITH TIME ZONE,
                "location_id" uuid,
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a1c80a3a6b97d39bc5859939a6" ON "session" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_session_body_start" ON "session" ("body_id", "start", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "session_committee" (
                "session_id" uuid NOT NULL,
                "committee_id" uuid NOT NULL,
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_39481331afdaf53403138eda4c1" PRIMARY KEY ("session_id", "committee_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_session_committee_committee" ON "session_committee" ("committee_id", "session_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "agenda_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "session_id" uuid NOT NULL,
                "number" text,
                "position" integer NOT NULL,
                "name" text NOT NULL,
                "public" boolean NOT NULL DEFAULT true,
                "result" text,
                "resolution_text" text,
                "start" TIMESTAMP WITH TIME ZONE,
                "end" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_096d4722bb0b4a4eb63b6ab7c6" ON "agenda_item" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_agenda_item_session" ON "agenda_item" ("session_id", "position", "id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."api_key_role" AS ENUM('admin', 'editor', 'member')
        `);
        await queryRunner.query(`
            CREATE TABLE "api_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "role" "public"."api_key_role" NOT NULL,
                "body_id" uuid,
                "key_hash" character(64) NOT NULL,
                "key_prefix" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key" ("key_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "change_event" (
                "id" BIGSERIAL NOT NULL,
                "body_id" uuid NOT NULL,
                "resource" text NOT NULL,
                "resource_id" uuid NOT NULL,
                "action" text NOT NULL,
                "audience_before" smallint NOT NULL,
                "audience_after" smallint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "api_key_id" uuid,
                "request_id" text,
                "relayed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_0ec064be863f2541f0d6f8fb94c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_change_event_unrelayed" ON "change_event" ("id")
            WHERE relayed_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_change_event_body" ON "change_event" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "document" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "name" text NOT NULL,
                "reference" text,
                "document_type" text,
                "date" date NOT NULL,
                "public" boolean NOT NULL DEFAULT true,
                "originator_person_ids" uuid array NOT NULL DEFAULT '{}',
                "originator_committee_ids" uuid array NOT NULL DEFAULT '{}',
                "under_direction_of_ids" uuid array NOT NULL DEFAULT '{}',
                "related_document_ids" uuid array NOT NULL DEFAULT '{}',
                "superordinated_document_id" uuid,
                CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3b1e5812bb8f7645d4a2e04beb" ON "document" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_document_body_reference" ON "document" ("body_id", "reference")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_document_superordinated" ON "document" ("superordinated_document_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_document_body_type_date" ON "document" ("body_id", "document_type", "date", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_document_body_date" ON "document" ("body_id", "date", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "consultation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "document_id" uuid NOT NULL,
                "agenda_item_id" uuid,
                "session_id" uuid,
                "committee_id" uuid,
                "role" text,
                "authoritative" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_5203569fac28a4a626c42abe70b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ead7062f90034aac0a96889823" ON "consultation" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_consultation_committee" ON "consultation" ("committee_id", "document_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_consultation_session" ON "consultation" ("session_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_consultation_agenda_item" ON "consultation" ("agenda_item_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_consultation_document" ON "consultation" ("document_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."file_role" AS ENUM(
                'main',
                'auxiliary',
                'resolution',
                'invitation',
                'results_protocol',
                'verbatim_protocol'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "file" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "name" text NOT NULL,
                "file_name" text NOT NULL,
                "mime_type" text NOT NULL,
                "size" bigint NOT NULL,
                "sha512" character(128) NOT NULL,
                "storage_key" text NOT NULL,
                "date" date,
                "public" boolean NOT NULL DEFAULT true,
                "document_id" uuid,
                "agenda_item_id" uuid,
                "session_id" uuid,
                "role" "public"."file_role" NOT NULL DEFAULT 'auxiliary',
                "position" integer NOT NULL DEFAULT '0',
                "file_license" text,
                "text" text,
                CONSTRAINT "PK_36b46d232307066b3a2c9ea3a1d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b94e930eb36186ad3f9adc6e6b" ON "file" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_file_session" ON "file" ("session_id", "position")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_file_agenda_item" ON "file" ("agenda_item_id", "position")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_file_document" ON "file" ("document_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "legislative_term" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "name" text NOT NULL,
                "start_date" date,
                "end_date" date,
                CONSTRAINT "PK_ff1cc9d51dbae1baed5ae1a2295" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d87699e39068d357b1275f9deb" ON "legislative_term" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "person" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "name" text NOT NULL,
                "family_name" text,
                "given_name" text,
                "form_of_address" text,
                "affix" text,
                "title" text array NOT NULL DEFAULT '{}',
                "gender" text,
                "email" text array NOT NULL DEFAULT '{}',
                "phone" text array NOT NULL DEFAULT '{}',
                "status" text array NOT NULL DEFAULT '{}',
                "life" text,
                "life_source" text,
                "location_id" uuid,
                CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fb39ac737740907320aa8289b8" ON "person" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_person_body_name" ON "person" ("body_id", "name", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "membership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "person_id" uuid NOT NULL,
                "committee_id" uuid NOT NULL,
                "role" text,
                "voting_right" boolean NOT NULL DEFAULT true,
                "on_behalf_of_id" uuid,
                "start_date" date,
                "end_date" date,
                CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d56009413191a9888b70e25bd1" ON "membership" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_membership_person" ON "membership" ("person_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_membership_committee" ON "membership" ("committee_id", "end_date")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."minutes_kind" AS ENUM('results', 'verbatim')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'approved', 'published')
        `);
        await queryRunner.query(`
            CREATE TABLE "minutes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "modified_by_key_id" uuid,
                "session_id" uuid NOT NULL,
                "kind" "public"."minutes_kind" NOT NULL DEFAULT 'results',
                "status" "public"."minutes_status" NOT NULL DEFAULT 'draft',
                "file_id" uuid,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6430e69788e26236b493d6fcc7e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b8dfd23bf086190f9f30640476" ON "minutes" ("body_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_minutes_session" ON "minutes" ("session_id", "kind")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_minutes_file" ON "minutes" ("file_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "location"
            ADD CONSTRAINT "FK_8e4e6580dcd3cd84fb99fe520ce" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "committee"
            ADD CONSTRAINT "FK_2262cdc4fbc949f198d7b63255a" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "committee"
            ADD CONSTRAINT "FK_1445a27ac477a3105eecd8359f3" FOREIGN KEY ("parent_id") REFERENCES "committee"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "committee"
            ADD CONSTRAINT "FK_28ce6565427d73beeffafc44fe1" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_c5409d3755dfbba97bf2bd3f1a9" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_beace472d7da4b379d8a7b08b32" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_committee"
            ADD CONSTRAINT "FK_102332d442f53d12e4d9bbeb5fe" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_committee"
            ADD CONSTRAINT "FK_041107766ffe1e6999a866434b7" FOREIGN KEY ("committee_id") REFERENCES "committee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_6d6994b3102dd05e634aa3c99e4" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_183946179c6a7ba34ec585fe20f" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key"
            ADD CONSTRAINT "FK_4d4fbb32e383b86b657daa61696" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "change_event"
            ADD CONSTRAINT "FK_f3e20eda181d513f93d8602c7f0" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document"
            ADD CONSTRAINT "FK_c1a474f024b52c7bc6597f4e5ae" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document"
            ADD CONSTRAINT "FK_cbf44cefd581a44ea66367551ff" FOREIGN KEY ("superordinated_document_id") REFERENCES "document"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation"
            ADD CONSTRAINT "FK_bbe6b1bd77c9ae82ab6d94dc507" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation"
            ADD CONSTRAINT "FK_1402a2196519f7502569836e68a" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation"
            ADD CONSTRAINT "FK_6e7350eff2a3995e373239055b1" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation"
            ADD CONSTRAINT "FK_8cbee4a0c5cc05b66e66128c34b" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation"
            ADD CONSTRAINT "FK_7a6b55abe6d0efd52b9d18c64ea" FOREIGN KEY ("committee_id") REFERENCES "committee"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "file"
            ADD CONSTRAINT "FK_ce47076718576666e8634148d15" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "file"
            ADD CONSTRAINT "FK_bd2fbea8346e28eb76bb62d8c9e" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "file"
            ADD CONSTRAINT "FK_8c04d2f75e309f671ce3f3f1014" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "file"
            ADD CONSTRAINT "FK_f09468f8e6b555745c2c752efca" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "legislative_term"
            ADD CONSTRAINT "FK_d419276d59eab11f6e930ffc6c9" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "person"
            ADD CONSTRAINT "FK_8992282dde031b0a2a958a52aba" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "person"
            ADD CONSTRAINT "FK_15aac71c1a17c2a6abad663790d" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_f899b288c84f00fced90b8f3b06" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_3aa4a70d376b1fc37dbc4940d8a" FOREIGN KEY ("committee_id") REFERENCES "committee"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_090b8f658d5032c99ecbaa153ac" FOREIGN KEY ("on_behalf_of_id") REFERENCES "committee"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes"
            ADD CONSTRAINT "FK_aa41e976aa9cec2ff47e65fa741" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes"
            ADD CONSTRAINT "FK_0e5b7d4fc987c098dd671d8d3f3" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes"
            ADD CONSTRAINT "FK_d0deb6f384e362d78e8b3f30a90" FOREIGN KEY ("file_id") REFERENCES "file"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "minutes" DROP CONSTRAINT "FK_d0deb6f384e362d78e8b3f30a90"
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes" DROP CONSTRAINT "FK_0e5b7d4fc987c098dd671d8d3f3"
        `);
        await queryRunner.query(`
            ALTER TABLE "minutes" DROP CONSTRAINT "FK_aa41e976aa9cec2ff47e65fa741"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_090b8f658d5032c99ecbaa153ac"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_3aa4a70d376b1fc37dbc4940d8a"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_f899b288c84f00fced90b8f3b06"
        `);
        await queryRunner.query(`
            ALTER TABLE "person" DROP CONSTRAINT "FK_15aac71c1a17c2a6abad663790d"
        `);
        await queryRunner.query(`
            ALTER TABLE "person" DROP CONSTRAINT "FK_8992282dde031b0a2a958a52aba"
        `);
        await queryRunner.query(`
            ALTER TABLE "legislative_term" DROP CONSTRAINT "FK_d419276d59eab11f6e930ffc6c9"
        `);
        await queryRunner.query(`
            ALTER TABLE "file" DROP CONSTRAINT "FK_f09468f8e6b555745c2c752efca"
        `);
        await queryRunner.query(`
            ALTER TABLE "file" DROP CONSTRAINT "FK_8c04d2f75e309f671ce3f3f1014"
        `);
        await queryRunner.query(`
            ALTER TABLE "file" DROP CONSTRAINT "FK_bd2fbea8346e28eb76bb62d8c9e"
        `);
        await queryRunner.query(`
            ALTER TABLE "file" DROP CONSTRAINT "FK_ce47076718576666e8634148d15"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation" DROP CONSTRAINT "FK_7a6b55abe6d0efd52b9d18c64ea"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation" DROP CONSTRAINT "FK_8cbee4a0c5cc05b66e66128c34b"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation" DROP CONSTRAINT "FK_6e7350eff2a3995e373239055b1"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation" DROP CONSTRAINT "FK_1402a2196519f7502569836e68a"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation" DROP CONSTRAINT "FK_bbe6b1bd77c9ae82ab6d94dc507"
        `);
        await queryRunner.query(`
            ALTER TABLE "document" DROP CONSTRAINT "FK_cbf44cefd581a44ea66367551ff"
        `);
        await queryRunner.query(`
            ALTER TABLE "document" DROP CONSTRAINT "FK_c1a474f024b52c7bc6597f4e5ae"
        `);
        await queryRunner.query(`
            ALTER TABLE "change_event" DROP CONSTRAINT "FK_f3e20eda181d513f93d8602c7f0"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_key" DROP CONSTRAINT "FK_4d4fbb32e383b86b657daa61696"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_183946179c6a7ba34ec585fe20f"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_6d6994b3102dd05e634aa3c99e4"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_committee" DROP CONSTRAINT "FK_041107766ffe1e6999a866434b7"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_committee" DROP CONSTRAINT "FK_102332d442f53d12e4d9bbeb5fe"
        `);
        await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_beace472d7da4b379d8a7b08b32"
        `);
        await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_c5409d3755dfbba97bf2bd3f1a9"
        `);
        await queryRunner.query(`
            ALTER TABLE "committee" DROP CONSTRAINT "FK_28ce6565427d73beeffafc44fe1"
        `);
        await queryRunner.query(`
            ALTER TABLE "committee" DROP CONSTRAINT "FK_1445a27ac477a3105eecd8359f3"
        `);
        await queryRunner.query(`
            ALTER TABLE "committee" DROP CONSTRAINT "FK_2262cdc4fbc949f198d7b63255a"
        `);
        await queryRunner.query(`
            ALTER TABLE "location" DROP CONSTRAINT "FK_8e4e6580dcd3cd84fb99fe520ce"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_minutes_file"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_minutes_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b8dfd23bf086190f9f30640476"
        `);
        await queryRunner.query(`
            DROP TABLE "minutes"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."minutes_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."minutes_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_membership_committee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_membership_person"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d56009413191a9888b70e25bd1"
        `);
        await queryRunner.query(`
            DROP TABLE "membership"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_person_body_name"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fb39ac737740907320aa8289b8"
        `);
        await queryRunner.query(`
            DROP TABLE "person"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d87699e39068d357b1275f9deb"
        `);
        await queryRunner.query(`
            DROP TABLE "legislative_term"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_file_document"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_file_agenda_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_file_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b94e930eb36186ad3f9adc6e6b"
        `);
        await queryRunner.query(`
            DROP TABLE "file"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."file_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_document"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_agenda_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_committee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ead7062f90034aac0a96889823"
        `);
        await queryRunner.query(`
            DROP TABLE "consultation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_document_body_date"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_document_body_type_date"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_document_superordinated"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_document_body_reference"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3b1e5812bb8f7645d4a2e04beb"
        `);
        await queryRunner.query(`
            DROP TABLE "document"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_change_event_body"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_change_event_unrelayed"
        `);
        await queryRunner.query(`
            DROP TABLE "change_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_api_key_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "api_key"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."api_key_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_agenda_item_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_096d4722bb0b4a4eb63b6ab7c6"
        `);
        await queryRunner.query(`
            DROP TABLE "agenda_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_session_committee_committee"
        `);
        await queryRunner.query(`
            DROP TABLE "session_committee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_session_body_start"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a1c80a3a6b97d39bc5859939a6"
        `);
        await queryRunner.query(`
            DROP TABLE "session"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."session_state"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_committee_body_name"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ee5964b83b814530963324bce5"
        `);
        await queryRunner.query(`
            DROP TABLE "committee"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."committee_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_21dbf921bed8c2ecc7b33eaaef"
        `);
        await queryRunner.query(`
            DROP TABLE "location"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_body_slug"
        `);
        await queryRunner.query(`
            DROP TABLE "body"
        `);
    }

}
