import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Newsletter tokens: an unsubscribe token per subscription (it can only unsubscribe; mails
 * carry it in List-Unsubscribe and their unsubscribe link), the website page for that link,
 * and manage tokens that expire. Manage tokens issued before expire 90 days from now.
 */
export class NewsletterTokens1796000000001 implements MigrationInterface {
    name = 'NewsletterTokens1796000000001';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."newsletter_token_purpose" ADD VALUE IF NOT EXISTS 'unsubscribe'`);
        await queryRunner.query(`ALTER TABLE "newsletter_subscription" ADD "unsubscribe_token_ciphertext" text`);
        await queryRunner.query(`ALTER TABLE "newsletter_settings" ADD "unsubscribe_url_template" text`);
        await queryRunner.query(`UPDATE "newsletter_token" SET "expires_at" = now() + interval '90 days' WHERE "purpose" = 'manage' AND "expires_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "newsletter_token" WHERE "purpose" = 'unsubscribe'`);
        await queryRunner.query(`ALTER TYPE "public"."newsletter_token_purpose" RENAME TO "newsletter_token_purpose_old"`);
        await queryRunner.query(`CREATE TYPE "public"."newsletter_token_purpose" AS ENUM('confirm', 'manage')`);
        await queryRunner.query(`ALTER TABLE "newsletter_token" ALTER COLUMN "purpose" TYPE "public"."newsletter_token_purpose" USING "purpose"::"text"::"public"."newsletter_token_purpose"`);
        await queryRunner.query(`DROP TYPE "public"."newsletter_token_purpose_old"`);
        await queryRunner.query(`ALTER TABLE "newsletter_settings" DROP COLUMN "unsubscribe_url_template"`);
        await queryRunner.query(`ALTER TABLE "newsletter_subscription" DROP COLUMN "unsubscribe_token_ciphertext"`);
    }
}
