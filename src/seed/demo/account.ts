import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { AccountKeyRing, sha256Hex } from '../../modules/accounts/accounts.crypto';
import { newAccountToken } from '../../modules/accounts/accounts.service';
import { Offsets } from '../../modules/me/anchoring';
import { itemAad } from '../../modules/me/items';
import { anchorIn, MarkingContent, markingColumns } from '../../modules/me/marking-content';
import { indexTokens, keywordToken, tagToken } from '../../modules/me/search-terms';
import { uuidV5 } from '../ids';

/** The demo account keeps its id; its token is new with every seed (printed, stored hashed). */
export const DEMO_ACCOUNT_ID = uuidV5('app-account:demo');

interface DocumentWithText {
  documentId: string;
  reference: string | null;
  name: string;
  fileId: string;
  text: string;
}

/** A sentence of a file's text worth marking: a full line of 60 to 220 characters. */
function sentences(text: string): { exact: string; start: number }[] {
  const out: { exact: string; start: number }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length >= 60 && trimmed.length <= 220 && trimmed.endsWith('.')) out.push({ exact: trimmed, start: offset + line.indexOf(trimmed) });
    offset += line.length + 1;
  }
  return out;
}

/**
 * One app account of a council member in Musterstadt, as an app would have made it: notes on
 * the newest proposals and the next (or last) council session, markings in the real PDFs' text (anchored
 * as the API anchors them), a bookmark and follows of a committee and a keyword. Everything is
 * encrypted with the account's own data key. Re-seeding replaces it. Returns the new token, or
 * null when app accounts are not configured.
 */
export async function seedDemoAccount(ds: DataSource, config: AppConfig, bodyId: string): Promise<{ id: string; token: string } | null> {
  const keys = new AccountKeyRing(config.accounts.keys);
  if (!keys.enabled) return null;
  const docs: DocumentWithText[] = await ds.query(
    `SELECT d.id AS "documentId", d.reference, d.name, f.id AS "fileId", f.text
     FROM document d JOIN file f ON f.document_id = d.id AND f.role = 'main' AND f.public AND f.published_at IS NOT NULL AND f.deleted_at IS NULL AND f.text IS NOT NULL
     WHERE d.body_id = $1 AND d.public AND d.published_at IS NOT NULL AND d.deleted_at IS NULL AND d.document_type = 'Beschlussvorlage'
     ORDER BY d.date DESC, d.reference DESC LIMIT 3`,
    [bodyId],
  );
  const [session]: { id: string; name: string }[] = await ds.query(
    `SELECT s.id, s.name FROM session s JOIN session_committee sc ON sc.session_id = s.id JOIN committee c ON c.id = sc.committee_id
     WHERE s.body_id = $1 AND c.kind = 'council' AND s.published_at IS NOT NULL AND s.deleted_at IS NULL
     ORDER BY s.start < now(), CASE WHEN s.start >= now() THEN s.start END, s.start DESC LIMIT 1`,
    [bodyId],
  );
  const [committee]: { id: string }[] = await ds.query(
    `SELECT id FROM committee WHERE body_id = $1 AND kind = 'committee' AND published_at IS NOT NULL AND deleted_at IS NULL ORDER BY name LIMIT 1`,
    [bodyId],
  );
  const token = newAccountToken();
  await ds.transaction(async (m) => {
    await m.query(`DELETE FROM app_account WHERE id = $1`, [DEMO_ACCOUNT_ID]);
    const { stored, key } = keys.newDataKey(DEMO_ACCOUNT_ID);
    await m.query(`INSERT INTO app_account (id, key_id, wrapped_key, feed_position) VALUES ($1, $2, $3, COALESCE((SELECT max(id) FROM change_event), 0))`, [
      DEMO_ACCOUNT_ID,
      stored.keyId,
      stored.wrapped,
    ]);
    const tokenId = randomUUID();
    await m.query(`INSERT INTO app_account_token (id, account_id, token_hash, token_prefix, device_name) VALUES ($1, $2, $3, $4, $5)`, [
      tokenId,
      DEMO_ACCOUNT_ID,
      sha256Hex(token),
      token.slice(0, 10),
      key.sealJson(`device:${DEMO_ACCOUNT_ID}:${tokenId}`, 'Demo-Tablet'),
    ]);
    let seq = 0;
    const note = async (targetType: string, targetId: string, page: number | null, text: string, tags: string[]): Promise<void> => {
      const id = randomUUID();
      await m.query(
        `INSERT INTO me_note (account_id, id, seq, target_type, target_id, body_id, page, content, tag_tokens, search_tokens) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint[], $10::bigint[])`,
        [DEMO_ACCOUNT_ID, id, ++seq, targetType, targetId, bodyId, page, key.sealJson(itemAad('note', DEMO_ACCOUNT_ID, id), { text, tags }), tags.map((t) => tagToken(key, t)), indexTokens(key, text, ...tags)],
      );
    };
    const marking = async (doc: DocumentWithText, pick: { exact: string; start: number }, color: 'yellow' | 'green' | 'orange', noteText: string | null, tags: string[]): Promise<void> => {
      const id = randomUUID();
      const offsets = new Offsets(doc.text);
      const selectors = {
        quote: { exact: pick.exact, prefix: doc.text.slice(Math.max(0, pick.start - 32), pick.start), suffix: doc.text.slice(pick.start + pick.exact.length, pick.start + pick.exact.length + 32) },
        position: { start: offsets.toCodePoints(pick.start), end: offsets.toCodePoints(pick.start + pick.exact.length) },
      };
      const content: MarkingContent = { ...selectors, anchor: anchorIn(doc.text, selectors), note: noteText, tags };
      const c = markingColumns(key, DEMO_ACCOUNT_ID, id, color, content, doc.text);
      await m.query(
        `INSERT INTO me_marking (account_id, id, seq, file_id, body_id, color, anchor_status, anchor_text_hash, content, tag_tokens, search_tokens)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bigint[], $11::bigint[])`,
        [DEMO_ACCOUNT_ID, id, ++seq, doc.fileId, bodyId, c.color, c.anchorStatus, c.anchorTextHash, c.content, c.tagTokens, c.searchTokens],
      );
      await m.query(`INSERT INTO me_file_anchor (file_id) VALUES ($1) ON CONFLICT (file_id) DO NOTHING`, [doc.fileId]);
    };
    const follow = async (kind: string, targetId: string | null, keyword: string | null): Promise<void> => {
      const id = randomUUID();
      await m.query(`INSERT INTO me_follow (account_id, id, seq, kind, target_id, body_id, keyword, keyword_token) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        DEMO_ACCOUNT_ID,
        id,
        ++seq,
        kind,
        targetId,
        bodyId,
        keyword ? key.sealJson(itemAad('follow', DEMO_ACCOUNT_ID, id), keyword) : null,
        keyword ? keywordToken(key, bodyId, keyword) : null,
      ]);
    };

    const [first, second, third] = docs;
    if (first) {
      await note('document', first.documentId, null, `Vorlage ${first.reference ?? ''} vor der Fraktionssitzung lesen.\n\n- Finanzierung klären\n- **Rückfrage** an die Verwaltung: Folgekosten?`, ['Fraktion', 'Rückfrage']);
      const [a, b] = sentences(first.text);
      if (a) await marking(first, a, 'yellow', 'Kernaussage – in der Rede zitieren.', ['Rede']);
      if (b) await marking(first, b, 'orange', null, []);
      await m.query(`INSERT INTO me_bookmark (account_id, id, seq, target_type, target_id, body_id) VALUES ($1, $2, $3, 'document', $4, $5)`, [DEMO_ACCOUNT_ID, randomUUID(), ++seq, first.documentId, bodyId]);
      await follow('document', first.documentId, null);
    }
    if (second) {
      await note('file', second.fileId, 1, 'Seite 1: Beschlussvorschlag mit dem Ausschuss abstimmen.', ['Ausschuss']);
      const [a] = sentences(second.text);
      if (a) await marking(second, a, 'green', 'Zustimmung signalisiert (Gespräch mit der Fachbereichsleitung).', []);
    }
    if (third) {
      const [, b] = sentences(third.text);
      if (b) await marking(third, b, 'yellow', null, ['Nachfrage']);
    }
    if (session) await note('session', session.id, null, `${session.name}: Wortmeldung vorbereiten, Unterlagen ausdrucken.`, ['Vorbereitung']);
    if (committee) await follow('committee', committee.id, null);
    await follow('keyword', null, 'Radweg');
    await m.query(`UPDATE app_account SET change_seq = $2 WHERE id = $1`, [DEMO_ACCOUNT_ID, seq]);
  });
  return { id: DEMO_ACCOUNT_ID, token };
}
