import { createHash } from 'node:crypto';
import { ClientRequest, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type supertest from 'supertest';
import { Storage } from '../src/infra/storage/storage';
import { CleanFileNames1796100000000 } from '../src/migrations/1796100000000-CleanFileNames';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createDocument, createFile, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;

const path = '/v1/bodies/musterstadt/files';
const MiB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('hex');

/** Something file-type recognises as PDF, with binary bytes after the header as real PDFs have. */
function pdf(size = 20_000, seed = 'x'): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const body = Buffer.alloc(size - head.length);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + seed.charCodeAt(i % seed.length)) & 0xff;
  return Buffer.concat([head, body]);
}

/** A stored (uncompressed) ZIP with the given entries; enough for type recognition. */
function zip(entries: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of entries) {
    const fileName = Buffer.from(name);
    const data = Buffer.from(content);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    parts.push(header, fileName, data);
  }
  return Buffer.concat(parts);
}

/** A Windows executable header: "MZ", then binary. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]), Buffer.alloc(2000)]);

interface UploadFile {
  bytes: Buffer;
  filename?: string;
  contentType?: string;
}

function upload(t: Ctx, key: string | null, fields: Record<string, string>, file?: UploadFile): supertest.Test {
  let req = t.http().post(path);
  if (key) req = req.set(...bearer(key));
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  if (file) req = req.attach('file', file.bytes, { filename: file.filename ?? 'vorlage.pdf', contentType: file.contentType ?? 'application/pdf' });
  return req;
}

/** Collects a binary supertest response body as a Buffer. */
function binary(res: supertest.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

function download(t: Ctx, id: string, key?: string, query = ''): supertest.Test {
  const req = t.http().get(`${path}/${id}/content${query}`).buffer(true).parse(binary);
  return key ? req.set(...bearer(key)) : req;
}

async function storedFiles(t: Ctx): Promise<string[]> {
  if (t.config.storage.driver !== 'local') throw new Error('these tests run on local storage');
  const dir = t.config.storage.dir;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function fileRows(t: Ctx): Promise<number> {
  const rows: { n: number }[] = await t.ds.query('SELECT count(*)::int AS n FROM file');
  return rows[0].n;
}

describe('files', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('upload and download', () => {
    const bytes = pdf(20_000);
    let id: string;
    let documentId: string;

    beforeAll(async () => {
      documentId = (await createDocument(t.ds, { bodyId: t.body.id, name: 'Radwegekonzept' })).id;
      const res = await upload(
        t,
        t.keys.editor,
        { name: 'Vorlage 0123/2025', documentId, role: 'main', date: '2025-02-01', publish: 'true' },
        // The client claims text; the bytes say PDF.
        { bytes, filename: 'Vorlage Ärger "final".pdf', contentType: 'text/plain' },
      ).expect(201);
      id = res.body.id;
    });

    it('answers 201 with the metadata, the type recognised from the bytes', async () => {
      const res = await t.http().get(`${path}/${id}`).expect(200);
      expect(res.body).toMatchObject({
        id,
        name: 'Vorlage 0123/2025',
        fileName: 'Vorlage Ärger "final".pdf',
        mimeType: 'application/pdf',
        size: bytes.length,
        sha512: sha512(bytes),
        date: '2025-02-01',
        role: 'main',
        public: true,
        position: 0,
        documentId,
        agendaItemId: null,
        sessionId: null,
        published: true,
        accessUrl: `http://api.test${path}/${id}/content`,
        downloadUrl: `http://api.test${path}/${id}/content?download=1`,
      });
      expect(res.body).not.toHaveProperty('text');
      expect(res.body).not.toHaveProperty('storageKey');
    });

    it('records a change event in the same transaction', async () => {
      const rows: { action: string; audience_after: number }[] = await t.ds.query(`SELECT action, audience_after FROM change_event WHERE resource = 'file' AND resource_id = $1`, [id]);
      expect(rows).toEqual([{ action: 'created', audience_after: 2 }]);
    });

    it('streams the same bytes back with the stored type and validators', async () => {
      const res = await download(t, id).expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(bytes.length));
      expect(res.headers['etag']).toBe(`"${sha512(bytes).slice(0, 32)}"`);
      expect(new Date(res.headers['last-modified']).getTime()).not.toBeNaN();
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-disposition']).toBe("inline; filename*=UTF-8''Vorlage%20%C3%84rger%20%22final%22.pdf");
    });

    it('offers an attachment with an ASCII fallback name on ?download=1', async () => {
      const res = await download(t, id, undefined, '?download=1').expect(200);
      const disposition = res.headers['content-disposition'];
      expect(disposition.startsWith('attachment;')).toBe(true);
      expect(disposition).toBe(`attachment; filename="Vorlage Arger _final_.pdf"; filename*=UTF-8''Vorlage%20%C3%84rger%20%22final%22.pdf`);
      await download(t, id, undefined, '?download=yes').expect(400);
    });

    it('answers HEAD with the headers and no body', async () => {
      const res = await t.http().head(`${path}/${id}/content`).expect(200);
      expect(res.headers['content-length']).toBe(String(bytes.length));
      expect(res.headers['etag']).toBe(`"${sha512(bytes).slice(0, 32)}"`);
    });

    it('serves single byte ranges', async () => {
      const first = await download(t, id).set('Range', 'bytes=0-9').expect(206);
      expect(Buffer.compare(first.body as Buffer, bytes.subarray(0, 10))).toBe(0);
      expect(first.headers['content-range']).toBe(`bytes 0-9/${bytes.length}`);
      expect(first.headers['content-length']).toBe('10');
      expect(first.headers['content-type']).toBe('application/pdf');

      const middle = await download(t, id).set('Range', 'bytes=1000-1999').expect(206);
      expect(Buffer.compare(middle.body as Buffer, bytes.subarray(1000, 2000))).toBe(0);

      const open = await download(t, id).set('Range', `bytes=${bytes.length - 100}-`).expect(206);
      expect(Buffer.compare(open.body as Buffer, bytes.subarray(bytes.length - 100))).toBe(0);
      expect(open.headers['content-range']).toBe(`bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`);

      const suffix = await download(t, id).set('Range', 'bytes=-5').expect(206);
      expect(Buffer.compare(suffix.body as Buffer, bytes.subarray(bytes.length - 5))).toBe(0);

      const beyond = await download(t, id).set('Range', `bytes=${bytes.length - 3}-${bytes.length + 1000}`).expect(206);
      expect(beyond.headers['content-range']).toBe(`bytes ${bytes.length - 3}-${bytes.length - 1}/${bytes.length}`);
    });

    it('answers 416 for unsatisfiable ranges and ignores the ones it does not serve', async () => {
      const res = await t.http().get(`${path}/${id}/content`).set('Range', `bytes=${bytes.length}-`).expect(416);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['content-range']).toBe(`bytes */${bytes.length}`);
      expect(res.body).toMatchObject({ status: 416, code: 'range_not_satisfiable' });
      await t.http().get(`${path}/${id}/content`).set('Range', 'bytes=-0').expect(416);

      for (const range of ['bytes=0-1,5-6', 'items=0-5', 'bytes=9-3', 'bytes=abc']) {
        const full = await download(t, id).set('Range', range).expect(200);
        expect((full.body as Buffer).length).toBe(bytes.length);
      }
      // A range for an older version (If-Range no longer matching) gets the whole file.
      const stale = await download(t, id).set('Range', 'bytes=0-9').set('If-Range', '"0000"').expect(200);
      expect((stale.body as Buffer).length).toBe(bytes.length);
      await download(t, id).set('Range', 'bytes=0-9').set('If-Range', `"${sha512(bytes).slice(0, 32)}"`).expect(206);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const etag = `"${sha512(bytes).slice(0, 32)}"`;
      const res = await t.http().get(`${path}/${id}/content`).set('If-None-Match', etag).expect(304);
      expect(res.headers['etag']).toBe(etag);
      expect(res.text ?? '').toBe('');
      await t.http().get(`${path}/${id}/content`).set('If-None-Match', `"other", W/${etag}`).expect(304);
      await t.http().get(`${path}/${id}/content`).set('If-None-Match', '*').expect(304);
      await download(t, id).set('If-None-Match', '"other"').expect(200);
      // If-None-Match wins over a Range.
      await t.http().get(`${path}/${id}/content`).set('If-None-Match', etag).set('Range', 'bytes=0-1').expect(304);
      const since = new Date(Date.now() + 60_000).toUTCString();
      await t.http().get(`${path}/${id}/content`).set('If-Modified-Since', since).expect(304);
    });

    it('lists files by parent and type, without the text, in keyset pages', async () => {
      const other = await upload(t, t.keys.editor, { sessionId: (await createSession(t.ds, { bodyId: t.body.id })).id, publish: 'true' }, { bytes: Buffer.from('Einladung\n'), filename: 'einladung.txt', contentType: 'text/plain' }).expect(201);
      const byDocument = await t.http().get(`${path}?document=${documentId}`).expect(200);
      expect(byDocument.body.data.map((f: { id: string }) => f.id)).toEqual([id]);
      expect(byDocument.body.data[0]).not.toHaveProperty('text');
      const byType = await t.http().get(`${path}?mime_type=text/plain`).expect(200);
      expect(byType.body.data.map((f: { id: string }) => f.id)).toContain(other.body.id);
      expect(byType.body.data.map((f: { id: string }) => f.id)).not.toContain(id);

      const seen: string[] = [];
      let next: string | undefined = `${path}?limit=1`;
      while (next) {
        const page: supertest.Response = await t.http().get(next).expect(200);
        expect(page.body.data.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.data.map((f: { id: string }) => f.id));
        next = page.body.links.next ? new URL(page.body.links.next as string).pathname + new URL(page.body.links.next as string).search : undefined;
      }
      expect(seen).toEqual([...seen].sort());
      expect(seen).toEqual(expect.arrayContaining([id, other.body.id]));
      await t.http().get(`${path}?mime_type=pdf&colour=red`).expect(400);
    });

    it('adds the extracted text only on request', async () => {
      await t.ds.query(`UPDATE file SET text = 'Radwege für alle' WHERE id = $1`, [id]);
      const plain = await t.http().get(`${path}/${id}`).expect(200);
      expect(plain.body).not.toHaveProperty('text');
      const withText = await t.http().get(`${path}/${id}?include=text`).expect(200);
      expect(withText.body.text).toBe('Radwege für alle');
    });
  });

  describe('type recognition', () => {
    it('refuses executables and plain ZIPs with 415 and keeps nothing', async () => {
      const filesBefore = await storedFiles(t);
      const rowsBefore = await fileRows(t);
      const exe = await upload(t, t.keys.editor, {}, { bytes: EXE, filename: 'vorlage.pdf', contentType: 'application/pdf' }).expect(415);
      expect(exe.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(exe.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      const plainZip = zip([['hello.txt', 'hello world']]);
      await upload(t, t.keys.editor, {}, { bytes: plainZip, filename: 'archiv.zip', contentType: 'application/zip' }).expect(415);
      // Declaring an office type does not make a ZIP one.
      await upload(t, t.keys.editor, {}, { bytes: plainZip, filename: 'brief.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }).expect(415);
      expect(await storedFiles(t)).toEqual(filesBefore);
      expect(await fileRows(t)).toBe(rowsBefore);
    });

    it('accepts office documents recognised inside their ZIP container', async () => {
      const odt = zip([
        ['mimetype', 'application/vnd.oasis.opendocument.text'],
        ['content.xml', '<office:document-content/>'],
      ]);
      const res = await upload(t, t.keys.editor, {}, { bytes: odt, filename: 'antrag.odt', contentType: 'application/octet-stream' }).expect(201);
      expect(res.body.mimeType).toBe('application/vnd.oasis.opendocument.text');
      const docx = zip([
        ['[Content_Types].xml', '<Types/>'],
        ['word/document.xml', '<w:document/>'],
      ]);
      const res2 = await upload(t, t.keys.editor, {}, { bytes: docx, filename: 'antrag.docx', contentType: 'application/zip' }).expect(201);
      expect(res2.body.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    });

    it('accepts text and CSV only when declared and UTF-8 without NUL bytes', async () => {
      const text = Buffer.from('Tagesordnung\nÖ 1 Eröffnung\n');
      const res = await upload(t, t.keys.editor, { publish: 'true' }, { bytes: text, filename: 'to.txt', contentType: 'text/plain; charset=utf-8' }).expect(201);
      expect(res.body.mimeType).toBe('text/plain');
      const body = await download(t, res.body.id as string).expect(200);
      expect(body.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(Buffer.compare(body.body as Buffer, text)).toBe(0);
      // Text that starts like a bitmap ("BM") is still text when declared so.
      const csv = await upload(t, t.keys.editor, {}, { bytes: Buffer.from('BMW;Kfz;2025\nVW;Kfz;2024\n'), filename: 'fahrzeuge.csv', contentType: 'text/csv' }).expect(201);
      expect(csv.body.mimeType).toBe('text/csv');

      await upload(t, t.keys.editor, {}, { bytes: text, filename: 'to.pdf', contentType: 'application/pdf' }).expect(415);
      await upload(t, t.keys.editor, {}, { bytes: Buffer.from('abc\0def'), filename: 'nul.txt', contentType: 'text/plain' }).expect(415);
      await upload(t, t.keys.editor, {}, { bytes: Buffer.from([0x66, 0x6f, 0xe4, 0x0a]), filename: 'latin1.txt', contentType: 'text/plain' }).expect(415);
    });

    it('shows inline only PDFs, images other than SVG and plain text; sends everything else as an attachment, sandboxed and not to be sniffed', async () => {
      const storage = t.app.get(Storage);
      /** A file as an import stored it before its bytes were checked, or an upload of an allowed type. */
      const stored = async (mimeType: string, fileName: string, bytes: string): Promise<string> => {
        const file = await createFile(t.ds, { bodyId: t.body.id, mimeType, fileName, size: String(Buffer.byteLength(bytes)) });
        await storage.put(file.storageKey, Readable.from([Buffer.from(bytes)]), mimeType);
        return file.id;
      };
      const cases: [string, string, string, 'inline' | 'attachment'][] = [
        ['text/html', 'einladung.html', '<!DOCTYPE html><script>fetch("/v1/me")</script>', 'attachment'],
        ['image/svg+xml', 'wappen.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'attachment'],
        ['application/xhtml+xml', 'seite.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', 'attachment'],
        ['text/csv', 'haushalt.csv', 'Posten;Betrag\nSchulen;100\n', 'attachment'],
        ['application/vnd.oasis.opendocument.text', 'antrag.odt', 'PK', 'attachment'],
        ['text/plain', 'tagesordnung.txt', 'Ö 1 Eröffnung', 'inline'],
        ['image/png', 'plan.png', '\x89PNG', 'inline'],
        ['application/pdf', 'vorlage.pdf', '%PDF-1.7', 'inline'],
      ];
      for (const [mimeType, fileName, bytes, shown] of cases) {
        const res = await download(t, await stored(mimeType, fileName, bytes)).expect(200);
        const csp = (res.headers['content-security-policy']).split(/;\s*/);
        expect({ mimeType, disposition: (res.headers['content-disposition']).split(';')[0] }).toEqual({ mimeType, disposition: shown });
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(csp).toEqual(expect.arrayContaining(["default-src 'none'", "base-uri 'none'", "form-action 'none'"]));
        // Browsers show no PDF in a sandbox; everything else gets one.
        expect({ mimeType, sandbox: csp.includes('sandbox') }).toEqual({ mimeType, sandbox: mimeType !== 'application/pdf' });
        expect(res.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
      }
    });

    it('refuses a request that is not multipart with 415', async () => {
      await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'x' }).expect(415);
    });
  });

  describe('form validation', () => {
    it('requires the file part', async () => {
      const res = await upload(t, t.keys.editor, { name: 'ohne Datei' }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    });

    it('rejects unknown form fields, listing them, and keeps nothing', async () => {
      const filesBefore = await storedFiles(t);
      const res = await upload(t, t.keys.editor, { name: 'x', colour: 'red', owner: 'me' }, { bytes: pdf(5000) }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'owner']);
      expect(await storedFiles(t)).toEqual(filesBefore);
    });

    it('rejects invalid values and more than one parent', async () => {
      const res = await upload(t, t.keys.editor, { role: 'boss', public: 'maybe', date: '1.2.2025', documentId: 'nope' }, { bytes: pdf(5000) }).expect(400);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['date', 'documentId', 'public', 'role']);
      const doc = await createDocument(t.ds, { bodyId: t.body.id });
      const session = await createSession(t.ds, { bodyId: t.body.id });
      const two = await upload(t, t.keys.editor, { documentId: doc.id, sessionId: session.id }, { bytes: pdf(5000) }).expect(400);
      expect(two.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['documentId', 'sessionId']);
    });

    it('rejects a parent of another body with 400 and keeps nothing', async () => {
      const filesBefore = await storedFiles(t);
      const foreign = await createDocument(t.ds, { bodyId: t.other.id, name: 'Fremde Vorlage' });
      const res = await upload(t, t.keys.editor, { documentId: foreign.id }, { bytes: pdf(5000) }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'documentId' })]);
      const missing = await upload(t, t.keys.editor, { agendaItemId: '00000000-0000-4000-8000-000000000000' }, { bytes: pdf(5000) }).expect(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'agendaItemId' })]);
      expect(await storedFiles(t)).toEqual(filesBefore);
    });

    it('refuses a second file and removes the first', async () => {
      const filesBefore = await storedFiles(t);
      const res = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .attach('file', pdf(5000), { filename: 'a.pdf', contentType: 'application/pdf' })
        .attach('file', pdf(5000, 'b'), { filename: 'b.pdf', contentType: 'application/pdf' })
        .expect(413);
      expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large', detail: 'Senden Sie eine Datei pro Upload.' });
      expect(await storedFiles(t)).toEqual(filesBefore);
    });

    it('rejects form fields after the file part and removes the stored bytes', async () => {
      const filesBefore = await storedFiles(t);
      const res = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .attach('file', pdf(5000), { filename: 'a.pdf', contentType: 'application/pdf' })
        .field('name', 'zu spät')
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
      expect(await storedFiles(t)).toEqual(filesBefore);
    });
  });

  describe('access', () => {
    let secretId: string;
    let draftId: string;
    const secretBytes = pdf(3000, 'secret');

    beforeAll(async () => {
      secretId = (await upload(t, t.keys.editor, { public: 'false', publish: 'true', name: 'Geheimanlage' }, { bytes: secretBytes }).expect(201)).body.id;
      draftId = (await upload(t, t.keys.editor, { name: 'Entwurf' }, { bytes: pdf(3000, 'draft') }).expect(201)).body.id;
    });

    it('lets only editors of the body upload', async () => {
      await upload(t, null, {}, { bytes: pdf(3000) }).expect(401);
      await upload(t, t.keys.member, {}, { bytes: pdf(3000) }).expect(403);
      await upload(t, t.keys.otherEditor, {}, { bytes: pdf(3000) }).expect(403);
      await upload(t, t.keys.admin, {}, { bytes: pdf(3000) }).expect(201);
    });

    it('hides non-public files from anonymous callers exactly like missing ones', async () => {
      const unknown = '0b6f0a4e-1c43-4d1f-9a57-1f1f0d9a1e42';
      const hidden = await t.http().get(`${path}/${secretId}`).expect(404);
      const missing = await t.http().get(`${path}/${unknown}`).expect(404);
      expect(Object.keys(hidden.body).sort()).toEqual(Object.keys(missing.body).sort());
      expect(hidden.body).toMatchObject({ code: 'not_found', detail: `Datei ${secretId} nicht gefunden` });
      expect(missing.body).toMatchObject({ code: 'not_found', detail: `Datei ${unknown} nicht gefunden` });
      const hiddenBytes = await t.http().get(`${path}/${secretId}/content`).expect(404);
      const missingBytes = await t.http().get(`${path}/${unknown}/content`).expect(404);
      expect(hiddenBytes.headers['content-type']).toBe(missingBytes.headers['content-type']);
      expect(Object.keys(hiddenBytes.headers).sort()).toEqual(Object.keys(missingBytes.headers).sort());
      expect(hiddenBytes.body.detail).toBe(`Datei ${secretId} nicht gefunden`);
      expect(hiddenBytes.headers['accept-ranges']).toBeUndefined();
      await t.http().get(`${path}/${secretId}/content`).set('Range', 'bytes=0-1').expect(404);
      await t.http().get(`${path}/${secretId}/content`).set(...bearer(t.keys.otherMember)).expect(404);
      const list = await t.http().get(`${path}?limit=200`).expect(200);
      expect(list.body.data.map((f: { id: string }) => f.id)).not.toContain(secretId);
    });

    it('shows non-public files to members of the body', async () => {
      await t.http().get(`${path}/${secretId}`).set(...bearer(t.keys.member)).expect(200);
      const res = await download(t, secretId, t.keys.member).expect(200);
      expect(Buffer.compare(res.body as Buffer, secretBytes)).toBe(0);
      expect(res.headers['cache-control']).toBe('private, no-cache');
      const list = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.member)).expect(200);
      expect(list.body.data.map((f: { id: string }) => f.id)).toContain(secretId);
    });

    it('shows drafts to editors only', async () => {
      await t.http().get(`${path}/${draftId}`).expect(404);
      await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.member)).expect(404);
      await t.http().get(`${path}/${draftId}/content`).set(...bearer(t.keys.member)).expect(404);
      await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.editor)).expect(200);
      await download(t, draftId, t.keys.editor).expect(200);
    });

    it('hides files whose parent the caller may not see', async () => {
      const session = await createSession(t.ds, { bodyId: t.body.id });
      const item = await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId: session.id, public: false, number: 'N 1' });
      const res = await upload(t, t.keys.editor, { agendaItemId: item.id, publish: 'true' }, { bytes: pdf(3000, 'n1') }).expect(201);
      expect(res.body).toMatchObject({ agendaItemId: item.id, public: true, position: 0 });
      await t.http().get(`${path}/${res.body.id}/content`).expect(404);
      await download(t, res.body.id as string, t.keys.member).expect(200);
    });
  });

  describe('writes', () => {
    let id: string;

    beforeAll(async () => {
      id = (await upload(t, t.keys.editor, { name: 'Anlage 1' }, { bytes: pdf(4000, 'w') }).expect(201)).body.id;
    });

    it('publishes and withdraws', async () => {
      await t.http().get(`${path}/${id}`).expect(404);
      const published = await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      expect(published.body.published).toBe(true);
      await t.http().get(`${path}/${id}`).expect(200);
      await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.editor)).expect(200);
      // Withdrawn after the public saw it: gone (as its OParl tombstone says), bytes included.
      await t.http().get(`${path}/${id}`).expect(410);
      await t.http().get(`${path}/${id}/content`).expect(410);
      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.member)).expect(403);
    });

    it('changes metadata and parents, checking them', async () => {
      const doc = await createDocument(t.ds, { bodyId: t.body.id });
      const res = await t
        .http()
        .patch(`${path}/${id}`)
        .set(...bearer(t.keys.editor))
        .send({ name: 'Anlage 1 (neu)', role: 'resolution', public: false, date: '2025-03-01', documentId: doc.id, position: 3 })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'Anlage 1 (neu)', role: 'resolution', public: false, date: '2025-03-01', documentId: doc.id, position: 3 });
      const session = await createSession(t.ds, { bodyId: t.body.id });
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ sessionId: session.id }).expect(400);
      const moved = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ sessionId: session.id, documentId: null }).expect(200);
      expect(moved.body).toMatchObject({ sessionId: session.id, documentId: null });
      const foreign = await createDocument(t.ds, { bodyId: t.other.id });
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ documentId: foreign.id, sessionId: null }).expect(400);
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ sha512: 'x' }).expect(400);
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.member)).send({ name: 'x' }).expect(403);
      // What an editor changed by hand is kept from being overwritten by a re-import.
      const rows: { locally_owned: string[] }[] = await t.ds.query('SELECT locally_owned FROM file WHERE id = $1', [id]);
      expect([...rows[0].locally_owned].sort()).toEqual(['date', 'document', 'name', 'position', 'public', 'role', 'session']);
    });

    it('deletes softly: 410 for the bytes and metadata, the bytes stay in storage', async () => {
      const res = await upload(t, t.keys.editor, { publish: 'true' }, { bytes: pdf(4000, 'gone') }).expect(201);
      const goneId = res.body.id as string;
      const filesBefore = await storedFiles(t);
      await t.http().delete(`${path}/${goneId}`).set(...bearer(t.keys.editor)).expect(204);
      const bytes = await t.http().get(`${path}/${goneId}/content`).expect(410);
      expect(bytes.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bytes.body).toMatchObject({ status: 410, code: 'gone' });
      await t.http().get(`${path}/${goneId}`).expect(410);
      await t.http().delete(`${path}/${goneId}`).set(...bearer(t.keys.editor)).expect(404);
      expect(await storedFiles(t)).toEqual(filesBefore);
      // A deleted file nobody outside could see stays a 404 for them.
      const secret = await upload(t, t.keys.editor, { publish: 'true', public: 'false' }, { bytes: pdf(4000, 'gone2') }).expect(201);
      await t.http().delete(`${path}/${secret.body.id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${secret.body.id}/content`).expect(404);
      await t.http().get(`${path}/${secret.body.id}/content`).set(...bearer(t.keys.member)).expect(410);
    });

    it('sends callers of an imported file whose bytes were not fetched to its source', async () => {
      const imported = await createFile(t.ds, { bodyId: t.body.id, sourceAccessUrl: 'https://ris.example.org/file/17', sourceDownloadUrl: 'https://ris.example.org/file/17?download' });
      await t.ds.query('UPDATE file SET storage_key = NULL, sha512 = NULL WHERE id = $1', [imported.id]);
      const res = await t.http().get(`${path}/${imported.id}/content`).redirects(0).expect(307);
      expect(res.headers['location']).toBe('https://ris.example.org/file/17');
      const dl = await t.http().get(`${path}/${imported.id}/content?download=1`).redirects(0).expect(307);
      expect(dl.headers['location']).toBe('https://ris.example.org/file/17?download');
      await t.ds.query('UPDATE file SET source_access_url = NULL, source_download_url = NULL WHERE id = $1', [imported.id]);
      await t.http().get(`${path}/${imported.id}/content`).expect(404);
      const meta = await t.http().get(`${path}/${imported.id}`).expect(200);
      expect(meta.body.sha512).toBeNull();
    });

    it('serves files of other bodies only under their own body', async () => {
      const foreign = await createFile(t.ds, { bodyId: t.other.id });
      await t.http().get(`${path}/${foreign.id}`).set(...bearer(t.keys.admin)).expect(404);
      await t.http().get(`${path}/${foreign.id}/content`).set(...bearer(t.keys.admin)).expect(404);
      await t.http().delete(`${path}/${foreign.id}`).set(...bearer(t.keys.editor)).expect(404);
    });
  });

  describe('file names', () => {
    const BIDI = '\u202E';
    const disposition = async (id: string, query = ''): Promise<string> => (await download(t, id, t.keys.editor, query).expect(200)).headers['content-disposition'];

    it('keeps no bidi controls or other invisible characters in names of uploads, and umlauts and spaces as they are', async () => {
      const res = await upload(
        t,
        t.keys.editor,
        { publish: 'true' },
        { bytes: pdf(4000, 'bidi'), filename: `Beschluss Ärger ${BIDI}fdp.exe\u202C\u200B\u2066.pdf`, contentType: 'application/pdf' },
      ).expect(201);
      expect(res.body).toMatchObject({ fileName: 'Beschluss Ärger fdp.exe.pdf', name: 'Beschluss Ärger fdp.exe.pdf' });
      expect(await disposition(res.body.id as string)).toBe("inline; filename*=UTF-8''Beschluss%20%C3%84rger%20fdp.exe.pdf");
      const titled = await upload(t, t.keys.editor, { name: `\u2067Haushalt\u2069 2026\u200E` }, { bytes: pdf(4000, 'bidi2'), filename: 'haushalt.pdf' }).expect(201);
      expect(titled.body.name).toBe('Haushalt 2026');
      const rowsBefore = await fileRows(t);
      const invisible = await upload(t, t.keys.editor, { name: '\u200E\u202E' }, { bytes: pdf(4000, 'bidi3') }).expect(400);
      expect(invisible.body.errors).toEqual([{ field: 'name', code: 'invalid_value', message: 'name muss sichtbare Zeichen enthalten' }]);
      expect(await fileRows(t)).toBe(rowsBefore);
    });

    it('stores titles without them on update, and refuses a title of nothing else', async () => {
      const id = (await upload(t, t.keys.editor, {}, { bytes: pdf(4000, 'bidi4') }).expect(201)).body.id as string;
      const res = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ name: `Anlage ${BIDI}3 Übersicht` }).expect(200);
      expect(res.body.name).toBe('Anlage 3 Übersicht');
      const refused = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ name: BIDI }).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'name', code: 'invalid_value', message: 'name muss sichtbare Zeichen enthalten' }]);
      expect((await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(200)).body.name).toBe('Anlage 3 Übersicht');
    });

    it('leaves them out of Content-Disposition for names stored before, and the migration cleans those names', async () => {
      const storage = t.app.get(Storage);
      const old = await createFile(t.ds, { bodyId: t.body.id, fileName: `Vorlage ${BIDI}fdp.exe\u0085`, name: `Vorlage\u200F ${BIDI}`, size: '1000' });
      await storage.put(old.storageKey, Readable.from([pdf(1000, 'alt')]), 'application/pdf');
      expect(await disposition(old.id, '?download=1')).toBe(`attachment; filename="Vorlage fdp.exe"; filename*=UTF-8''Vorlage%20fdp.exe`);
      const empty = await createFile(t.ds, { bodyId: t.body.id, fileName: `${BIDI}\u200B`, name: `Leer${BIDI}` });

      const runner = t.ds.createQueryRunner();
      try {
        await new CleanFileNames1796100000000().up(runner);
      } finally {
        await runner.release();
      }
      const rows: { id: string; name: string; file_name: string }[] = await t.ds.query(`SELECT id, name, file_name FROM file WHERE id = ANY($1::uuid[]) ORDER BY name`, [[old.id, empty.id]]);
      expect(rows).toEqual([
        { id: empty.id, name: 'Leer', file_name: empty.id },
        { id: old.id, name: 'Vorlage ', file_name: 'Vorlage fdp.exe' },
      ]);
    });
  });

  it('documents the multipart upload and the byte responses in OpenAPI', async () => {
    const res = await t.http().get('/docs/openapi.json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { format?: string }> } }> }; responses: Record<string, { content?: Record<string, unknown> }> }>>;
    const post = paths['/v1/bodies/{body}/files'].post;
    const form = post.requestBody?.content['multipart/form-data'].schema;
    expect(form?.properties.file.format).toBe('binary');
    expect(Object.keys(form?.properties ?? {})).toEqual(expect.arrayContaining(['name', 'documentId', 'agendaItemId', 'sessionId', 'role', 'public', 'date', 'publish', 'file']));
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '415']));
    const content = paths['/v1/bodies/{body}/files/{id}/content'].get;
    expect(Object.keys(content.responses)).toEqual(expect.arrayContaining(['200', '206', '304', '404', '410', '416']));
    expect(content.responses['200'].content).toHaveProperty('application/pdf');
  });

  /**
   * Streaming is measured by the process RSS (client and server share the process). Node
   * collects buffer garbage lazily, tens of MB at a time; collecting every few MB makes the
   * RSS reflect what is held, not what is waiting for collection.
   */
  describe('streaming', () => {
    const size = 50 * MiB;
    const GC_EVERY = 4 * MiB;
    let base: string;

    beforeAll(async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    /**
     * 50 MB generated chunk by chunk, starting like a PDF; its SHA-512 is known once it has
     * been read. A few chunks are reused so that the client side makes little garbage.
     */
    function generated(): { stream: Readable; digest: () => string } {
      const hash = createHash('sha512');
      const chunkSize = 64 * 1024;
      const header = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(chunkSize, 0x41)]).subarray(0, chunkSize);
      const blocks = [0x20, 0x41, 0x7a, 0xe4].map((fill) => Buffer.alloc(chunkSize, fill));
      let sent = 0;
      let n = 0;
      const stream = new Readable({
        read() {
          if (sent >= size) return void this.push(null);
          const block = sent === 0 ? header : blocks[n++ % blocks.length];
          const chunk = size - sent < chunkSize ? block.subarray(0, size - sent) : block;
          sent += chunk.length;
          if (sent % GC_EVERY < chunk.length) gc();
          hash.update(chunk);
          this.push(chunk);
        },
      });
      return { stream, digest: () => hash.digest('hex') };
    }

    /** Highest RSS growth while `work` runs. */
    async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
      gc();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 10);
      try {
        const result = await work();
        peak = Math.max(peak, process.memoryUsage().rss);
        return { result, growth: peak - baseline };
      } finally {
        clearInterval(timer);
      }
    }

    /** A multipart upload written by hand, so the test decides when each byte goes out. */
    function openUpload(fields: Record<string, string>, fileName: string): { req: ClientRequest; response: Promise<{ status: number; body: string }>; finish: (last?: Buffer) => void } {
      const boundary = `----ratsinfo${Date.now()}`;
      const req = httpRequest(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Authorization: `Bearer ${t.keys.editor}` },
      });
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        });
      });
      for (const [name, value] of Object.entries(fields)) req.write(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      const finish = (last?: Buffer): void => {
        if (last) req.write(last);
        req.end(`\r\n--${boundary}--\r\n`);
      };
      return { req, response, finish };
    }

    function streamUpload(source: Readable): Promise<{ status: number; body: string }> {
      const { req, response, finish } = openUpload({ publish: 'true' }, 'haushalt-2025.pdf');
      source.on('end', () => finish());
      source.on('error', (error) => req.destroy(error));
      source.pipe(req, { end: false });
      return response;
    }

    /** Waits until storage holds more files than `before` (the server is writing). */
    async function storageGrows(before: string[]): Promise<void> {
      const started = Date.now();
      while ((await storedFiles(t)).length === before.length) {
        if (Date.now() - started > 5000) throw new Error('the server never started writing');
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    async function storageBackTo(before: string[]): Promise<void> {
      const started = Date.now();
      while (Date.now() - started < 10_000 && (await storedFiles(t)).length !== before.length) await new Promise((r) => setTimeout(r, 20));
      expect(await storedFiles(t)).toEqual(before);
    }

    function streamDownload(id: string): Promise<{ status: number; size: number; sha512: string; length: string | undefined }> {
      return new Promise((resolve, reject) => {
        httpRequest(`${base}${path}/${id}/content`, { method: 'GET' }, (res) => {
          const hash = createHash('sha512');
          let received = 0;
          res.on('data', (c: Buffer) => {
            received += c.length;
            if (received % GC_EVERY < c.length) gc();
            hash.update(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, size: received, sha512: hash.digest('hex'), length: res.headers['content-length'] }));
          res.on('error', reject);
        })
          .on('error', reject)
          .end();
      });
    }

    it('answers a refused large upload cleanly while the client is still sending', async () => {
      const exe = new Readable({
        read() {
          this.push(EXE);
          this.push(Buffer.alloc(8 * MiB));
          this.push(null);
        },
      });
      const res = await streamUpload(exe);
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body)).toMatchObject({ status: 415 });
    });

    it('removes the partial bytes when the client goes away half-way', async () => {
      const filesBefore = await storedFiles(t);
      const rowsBefore = await fileRows(t);
      const { req, response } = openUpload({}, 'halb.pdf');
      response.catch(() => undefined);
      req.write(pdf(2 * MiB, 'half'));
      await storageGrows(filesBefore);
      req.destroy();
      await storageBackTo(filesBefore);
      expect(await fileRows(t)).toBe(rowsBefore);
    });

    it('removes the stored bytes when the row cannot be written', async () => {
      const doc = await createDocument(t.ds, { bodyId: t.body.id });
      const filesBefore = await storedFiles(t);
      const rowsBefore = await fileRows(t);
      const { req, response, finish } = openUpload({ documentId: doc.id }, 'anlage.pdf');
      req.write(pdf(2 * MiB, 'first'));
      await storageGrows(filesBefore);
      // The parent disappears while the bytes are on their way: the transaction refuses the row.
      await t.ds.query('UPDATE document SET deleted_at = now() WHERE id = $1', [doc.id]);
      finish(Buffer.alloc(MiB, 0x41));
      const res = await response;
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).errors).toEqual([expect.objectContaining({ field: 'documentId' })]);
      await storageBackTo(filesBefore);
      expect(await fileRows(t)).toBe(rowsBefore);
    });

    it('streams a 50 MB file up and down without holding it in memory', async () => {
      // Warm up code paths and pools so the measurement sees only the transfer.
      await streamUpload(Readable.from([pdf(100_000)]));

      const source = generated();
      const up = await peakGrowth(() => streamUpload(source.stream));
      if (up.result.status !== 201) throw new Error(`upload answered ${up.result.status}: ${up.result.body}`);
      const meta = JSON.parse(up.result.body) as { id: string; size: number; sha512: string; mimeType: string };
      expect(meta).toMatchObject({ size, mimeType: 'application/pdf', sha512: source.digest() });
      expect(up.growth).toBeLessThan(40 * MiB);

      const down = await peakGrowth(() => streamDownload(meta.id));
      expect(down.result).toEqual({ status: 200, size, sha512: meta.sha512, length: String(size) });
      expect(down.growth).toBeLessThan(40 * MiB);
    });
  });
});

describe('files with a small upload limit', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody({ UPLOAD_MAX_BYTES: '10000' });
  });
  afterAll(async () => t.close());

  it('refuses larger files with 413 and keeps no partial bytes', async () => {
    const filesBefore = await storedFiles(t);
    const res = await upload(t, t.keys.editor, { name: 'zu groß' }, { bytes: pdf(50_000) }).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    await upload(t, t.keys.editor, {}, { bytes: pdf(10_001) }).expect(413);
    expect(await storedFiles(t)).toEqual(filesBefore);
    expect(await fileRows(t)).toBe(0);
  });

  it('accepts a file of exactly the limit', async () => {
    const res = await upload(t, t.keys.editor, {}, { bytes: pdf(10_000) }).expect(201);
    expect(res.body.size).toBe(10_000);
  });
});

describe('files on S3-compatible storage', () => {
  let t: Ctx;
  let s3: S3rverServer;
  let s3Dir: string;

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'ratsinfo-s3rver-'));
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'ratsinfo-files' }] });
    const { port } = await s3.run();
    t = await startWithBody({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: 'ratsinfo-files',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('stores, serves ranges of and refuses files just the same', async () => {
    const bytes = pdf(7 * MiB, 's3');
    const res = await upload(t, t.keys.editor, { publish: 'true' }, { bytes, filename: 'gross.pdf' }).expect(201);
    expect(res.body).toMatchObject({ size: bytes.length, sha512: sha512(bytes), mimeType: 'application/pdf' });
    const id = res.body.id as string;
    const full = await download(t, id).expect(200);
    expect(Buffer.compare(full.body as Buffer, bytes)).toBe(0);
    const part = await download(t, id).set('Range', 'bytes=5242870-5242889').expect(206);
    expect(Buffer.compare(part.body as Buffer, bytes.subarray(5242870, 5242890))).toBe(0);
    expect(part.headers['content-range']).toBe(`bytes 5242870-5242889/${bytes.length}`);
    await upload(t, t.keys.editor, {}, { bytes: EXE, filename: 'x.exe' }).expect(415);
    const objects = (await readdir(s3Dir, { recursive: true })).filter((f) => String(f).endsWith('._S3rver_object'));
    expect(objects).toHaveLength(1);
  });
});
