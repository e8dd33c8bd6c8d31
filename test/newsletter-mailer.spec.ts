import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer, MailError, OutgoingMail } from '../src/infra/mail/mailer';
import { loadConfig } from '../src/config/config';
import { Links } from '../src/modules/newsletter/mail/render';
import { TestSmtp } from './support/smtp';

const mail = (to: string, messageId: string): OutgoingMail => ({
  to,
  subject: 'Ratsinformation Stadt Musterstadt: 1 Neuigkeit',
  text: 'Neue Sitzungen',
  html: '<p>Neue Sitzungen</p>',
  messageId,
  fromName: 'Stadt Musterstadt',
  headers: { 'List-Unsubscribe': '<https://api.musterstadt.example/u?token=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
});

describe('mailer', () => {
  it('writes .eml files named after the Message-ID when no SMTP server is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    try {
      const config = loadConfig({ NODE_ENV: 'test', MAIL_OUTBOX_DIR: dir, MAIL_FROM: 'Rat <newsletter@musterstadt.example>' });
      const mailer = createMailer(config.mail);
      await mailer.send(mail('erika@musterstadt.example', 'abc@musterstadt.example'));
      await mailer.send(mail('erika@musterstadt.example', 'abc@musterstadt.example'));
      mailer.close();
      expect(await readdir(dir)).toEqual(['abc_musterstadt.example.eml']);
      const eml = await readFile(join(dir, 'abc_musterstadt.example.eml'), 'utf8');
      expect(eml).toContain('Message-ID: <abc@musterstadt.example>');
      expect(eml).toMatch(/^From: "?Stadt Musterstadt"? <newsletter@musterstadt.example>\r$/m);
      expect(eml).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(eml).toMatch(/multipart\/alternative/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('tells permanent from temporary SMTP failures, without the address in the error', async () => {
    const smtp = new TestSmtp();
    await smtp.start();
    const mailer = createMailer(loadConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url }).mail);
    try {
      smtp.reject.add('weg@musterstadt.example');
      const permanent = await mailer.send(mail('weg@musterstadt.example', 'p@musterstadt.example')).catch((e: unknown) => e);
      expect(permanent).toBeInstanceOf(MailError);
      expect(permanent).toMatchObject({ permanent: true, message: 'SMTP 550' });
      smtp.mode = 'tempfail';
      const temporary = await mailer.send(mail('da@musterstadt.example', 't@musterstadt.example')).catch((e: unknown) => e);
      expect(temporary).toMatchObject({ permanent: false, message: 'SMTP 451' });
      smtp.mode = 'accept';
      await mailer.send(mail('da@musterstadt.example', 'ok@musterstadt.example'));
      expect(smtp.mails.map((m) => m.messageId)).toEqual(['<ok@musterstadt.example>']);
      const port = smtp.port;
      await smtp.stop();
      const down = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => mailer.send(mail('da@musterstadt.example', `d${i}@musterstadt.example`)).catch((e: unknown) => e)));
      expect(down.every((e) => e instanceof MailError && !e.permanent)).toBe(true);
      await smtp.start(port);
      await mailer.send(mail('da@musterstadt.example', 'back@musterstadt.example'));
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });
});

describe('mail links', () => {
  const id = '0b6f3a52-3c3e-4c8e-9a53-1f0c2b7f4e11';
  const session = '5d2c7c4e-8f0a-4b7e-a1c2-3e4f5a6b7c8d';
  const none = { confirmUrlTemplate: null, manageUrlTemplate: null, unsubscribeUrlTemplate: null };

  it("point at the API, and for tokens at the newsletter's own pages, when the body has no web pages", () => {
    const links = new Links('https://api.musterstadt.example', { slug: 'musterstadt', name: 'Stadt Musterstadt', webUrlTemplates: {} }, none);
    expect(links.session(id)).toBe(`https://api.musterstadt.example/v1/bodies/musterstadt/sessions/${id}`);
    expect(links.document(id)).toBe(`https://api.musterstadt.example/v1/bodies/musterstadt/documents/${id}`);
    expect(links.agendaItem(id, session)).toBe(`https://api.musterstadt.example/v1/bodies/musterstadt/sessions/${session}`);
    expect(links.confirm('abc')).toBe('https://api.musterstadt.example/v1/bodies/musterstadt/newsletter/pages/confirm?token=abc');
    expect(links.manage('abc')).toBe('https://api.musterstadt.example/v1/bodies/musterstadt/newsletter/pages/manage?token=abc');
    expect(links.unsubscribe('abc')).toBe('https://api.musterstadt.example/v1/bodies/musterstadt/newsletter/unsubscribe?token=abc');
    expect(links.unsubscribePage('abc')).toBe('https://api.musterstadt.example/v1/bodies/musterstadt/newsletter/pages/unsubscribe?token=abc');
  });

  it("point at the city's pages when it has templates", () => {
    const links = new Links(
      'https://api.musterstadt.example',
      { slug: 'musterstadt', name: 'Stadt Musterstadt', webUrlTemplates: { agendaItem: 'https://www.musterstadt.example/top/{id}', document: 'https://www.musterstadt.example/vorlage?id={id}' } },
      { confirmUrlTemplate: null, manageUrlTemplate: 'https://www.musterstadt.example/newsletter?token={token}', unsubscribeUrlTemplate: 'https://www.musterstadt.example/abbestellen?token={token}' },
    );
    expect(links.agendaItem(id, session)).toBe(`https://www.musterstadt.example/top/${id}`);
    expect(links.document(id)).toBe(`https://www.musterstadt.example/vorlage?id=${id}`);
    expect(links.session(id)).toBe(`https://api.musterstadt.example/v1/bodies/musterstadt/sessions/${id}`);
    expect(links.confirm('abc')).toBe('https://api.musterstadt.example/v1/bodies/musterstadt/newsletter/pages/confirm?token=abc');
    expect(links.manage('abc')).toBe('https://www.musterstadt.example/newsletter?token=abc');
    expect(links.unsubscribePage('abc')).toBe('https://www.musterstadt.example/abbestellen?token=abc');
    expect(links.unsubscribe('abc')).toBe('https://api.musterstadt.example/v1/bodies/musterstadt/newsletter/unsubscribe?token=abc');
  });
});
