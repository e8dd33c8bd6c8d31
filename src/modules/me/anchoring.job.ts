import type { DataSource } from 'typeorm';
import { visible } from '../../common/access/visibility.sql';
import type { AccountKeyRing } from '../accounts/accounts.crypto';
import { itemAad } from './items';
import { anchorIn, MarkingContent, textHash } from './marking-content';
import { runLocked } from './personal-writer';

interface FileState {
  text: string | null;
  bodyId: string;
  /** New bytes whose text is not extracted yet: the text is stale. */
  stale: boolean;
  publicVisible: boolean;
  memberVisible: boolean;
}

interface MarkingOwner {
  accountId: string;
  keyId: string;
  wrappedKey: Buffer;
  member: boolean;
}

/**
 * Re-anchors the markings of one file after its text changed (new bytes extracted, or an
 * import brought new text): each marking whose anchor was computed on another text is anchored
 * again by its quote (anchoring.ts). Markings move in their owners' sync feeds; those whose
 * quote is gone are kept and flagged `orphaned`. Only markings of accounts that may see the
 * file are re-anchored, so an anchor never tells anything about text its owner cannot read.
 * Idempotent: markings anchored on the current text are left alone. Returns how many changed.
 */
export async function reanchorFile(ds: DataSource, keys: AccountKeyRing, fileId: string): Promise<number> {
  const [file]: FileState[] = await ds.query(
    `SELECT f.text, f.body_id AS "bodyId",
       (f.storage_key IS NOT NULL AND f.sha512 IS DISTINCT FROM f.text_source_sha512) AS stale,
       (${visible.file('f', 'public')}) AS "publicVisible", (${visible.file('f', 'member')}) AS "memberVisible"
     FROM file f WHERE f.id = $1`,
    [fileId],
  );
  // Nothing to compare with: no file, no text yet, or text of replaced bytes still being extracted.
  if (!file || file.text === null || file.stale) return 0;
  const hash = textHash(file.text);
  const owners: MarkingOwner[] = await ds.query(
    `SELECT DISTINCT k.account_id AS "accountId", a.key_id AS "keyId", a.wrapped_key AS "wrappedKey",
       EXISTS (SELECT 1 FROM app_member_grant g WHERE g.account_id = k.account_id AND g.body_id = $3) AS member
     FROM me_marking k JOIN app_account a ON a.id = k.account_id
     WHERE k.file_id = $1 AND k.deleted_at IS NULL AND k.anchor_text_hash IS DISTINCT FROM $2`,
    [fileId, hash, file.bodyId],
  );
  let changed = 0;
  for (const owner of owners) {
    if (!(file.publicVisible || (owner.member && file.memberVisible))) continue;
    const key = keys.unwrap(owner.accountId, { keyId: owner.keyId, wrapped: owner.wrappedKey });
    changed += await runLocked(ds, owner.accountId, key, async (tx) => {
      const rows: { id: string; content: Buffer }[] = await tx.m.query(
        `SELECT id, content FROM me_marking WHERE account_id = $1 AND file_id = $2 AND deleted_at IS NULL AND anchor_text_hash IS DISTINCT FROM $3 FOR UPDATE`,
        [tx.accountId, fileId, hash],
      );
      let n = 0;
      for (const row of rows) {
        const aad = itemAad('marking', tx.accountId, row.id);
        const content = tx.key.openJson<MarkingContent>(aad, row.content);
        const anchor = anchorIn(file.text, content);
        if (JSON.stringify(anchor) === JSON.stringify(content.anchor)) {
          // Same place in the new text: nothing the owner needs to sync.
          await tx.m.query(`UPDATE me_marking SET anchor_text_hash = $3 WHERE account_id = $1 AND id = $2`, [tx.accountId, row.id, hash]);
          continue;
        }
        await tx.m.query(
          `UPDATE me_marking SET content = $3, anchor_status = $4, anchor_text_hash = $5, version = version + 1, seq = $6, modified_at = now() WHERE account_id = $1 AND id = $2`,
          [tx.accountId, row.id, tx.key.sealJson(aad, { ...content, anchor }), anchor.status, hash, tx.nextSeq()],
        );
        n++;
      }
      return n;
    });
  }
  await ds.query(`INSERT INTO me_file_anchor (file_id, checked_at) VALUES ($1, now()) ON CONFLICT (file_id) DO UPDATE SET checked_at = now()`, [fileId]);
  return changed;
}

/**
 * Files with markings whose text may have changed since their markings were last checked
 * (text extracted or the row changed afterwards): the safety net behind the change events,
 * for text that arrives after the event of its file was handled.
 */
export async function filesToReanchor(ds: DataSource, limit = 200): Promise<string[]> {
  const rows: { fileId: string }[] = await ds.query(
    `SELECT a.file_id AS "fileId" FROM me_file_anchor a JOIN file f ON f.id = a.file_id
     WHERE GREATEST(f.text_extracted_at, f.modified_at) > a.checked_at ORDER BY a.checked_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.fileId);
}
