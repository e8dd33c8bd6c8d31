import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL regular expression class of the characters file names and titles no longer hold:
 * Unicode categories Cc, Cf, Zl and Zp (bidi controls such as U+202E, zero-width characters,
 * soft hyphens), computed from Node's Unicode data as ranges of `\uXXXX`/`\UXXXXXXXX` escapes.
 */
function invisibleClass(): string {
    const invisible = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]$/u;
    const escape = (code: number): string => (code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
    const parts: string[] = [];
    // PostgreSQL text never holds U+0000.
    for (let code = 1; code <= 0x10ffff; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue;
        if (!invisible.test(String.fromCodePoint(code))) continue;
        let last = code;
        while (last < 0x10ffff && invisible.test(String.fromCodePoint(last + 1))) last++;
        parts.push(last === code ? escape(code) : `${escape(code)}-${escape(last)}`);
        code = last;
    }
    return `[${parts.join('')}]`;
}

/**
 * Removes control, bidi and other invisible characters from the names and titles of files
 * stored before they were cleaned on the way in (uploads, imports, edits): "Vorlage‮fdp.exe"
 * must not read as "Vorlageexe.pdf" anywhere. A name left empty becomes the file's id, a title
 * left empty the file name. `modified_at` moves, so that clients syncing see the new names.
 */
export class CleanFileNames1796100000000 implements MigrationInterface {
    name = 'CleanFileNames1796100000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        const invisible = invisibleClass();
        await queryRunner.query(
            `UPDATE "file" SET
                "file_name" = COALESCE(NULLIF(btrim(regexp_replace("file_name", $1, '', 'g')), ''), "id"::text),
                "modified_at" = now()
             WHERE "file_name" ~ $1`,
            [invisible],
        );
        await queryRunner.query(
            `UPDATE "file" SET
                "name" = COALESCE(NULLIF(regexp_replace("name", $1, '', 'g'), ''), "file_name"),
                "modified_at" = now()
             WHERE "name" ~ $1`,
            [invisible],
        );
    }

    public async down(): Promise<void> {
        // The characters removed are gone; there is nothing to restore.
    }
}
