import type { AppConfig } from '../../src/config/config';
import { createProcessors } from '../../src/worker/processors';
import { startWorker } from '../../src/worker/worker';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A received mail, decoded just enough for assertions. */
export interface ReceivedMail {
  to: string[];
  headers: Record<string, string>;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
  /** When the server accepted it (ms since the epoch). */
  receivedAt: number;
}

export type SmtpMode = 'accept' | 'tempfail' | 'hold';

/**
 * An in-process SMTP server for tests. `mode`: accept everything, answer 451 (temporary) to
 * every message, or hold messages without answering until the client disconnects (a worker
 * killed mid-send). Recipients in `reject` get 550 (permanent). `stop()`/`start()` simulate an
 * outage at the TCP level (connection refused) on the same port.
 */
export class TestSmtp {
  readonly mails: ReceivedMail[] = [];
  mode: SmtpMode = 'accept';
  readonly reject = new Set<string>();
  /** Switches to 'hold' once this many mails were accepted. */
  holdAfter: number | null = null;
  /** Called when a message is held (mode 'hold'). */
  onHold: (() => void) | null = null;
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        if (this.reject.has(address.address.toLowerCase())) {
          const error = new Error('mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.mode === 'tempfail') {
            const error = new Error('try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          if (this.holdAfter !== null && this.mails.length >= this.holdAfter) this.mode = 'hold';
          if (this.mode === 'hold') {
            // Never answer: the client dies waiting; the message is never accepted.
            this.onHold?.();
            return;
          }
          this.mails.push({ ...parse(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)), receivedAt: Date.now() });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    // Drop open connections too, so pooled clients notice.
    for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`timed out waiting for mail (have ${this.mails.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function headersOf(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decode(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    try {
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
    } catch {
      return bytes;
    }
  }
  return body;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decode(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}

function parse(raw: string, to: string[]): Omit<ReceivedMail, 'receivedAt'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers = headersOf(raw.slice(0, split));
  const body = raw.slice(split + 4);
  let text = '';
  let html = '';
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw.slice(0, split) + '\r\n\r\n' + body];
  for (const part of parts) {
    const at = part.indexOf('\r\n\r\n');
    const h = headersOf(part.slice(0, at).replace(/^\r\n/, ''));
    const content = decode(part.slice(at + 4), h['content-transfer-encoding']);
    if ((h['content-type'] ?? '').startsWith('text/plain')) text = content;
    if ((h['content-type'] ?? '').startsWith('text/html')) html = content;
  }
  return { to, headers, messageId: headers['message-id'] ?? '', subject: decodeWords(headers.subject ?? ''), text, html, raw };
}

/** The token in the first link of a mail that carries `token=`. */
export function tokenFrom(mail: ReceivedMail): string {
  const match = /token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no token in mail: ${mail.text}`);
  return match[1];
}


export interface NewsletterTestWorker {
  stop(): Promise<void>;
}

/**
 * The production worker, in-process (outbox relay, every processor and start-up step), with
 * short job locks so that a killed worker's jobs come back quickly; resolves once its BullMQ
 * workers are ready and the newsletter's first upkeep pass (schedule, reconciliation) is done.
 */
export async function startNewsletterWorker(config: AppConfig): Promise<NewsletterTestWorker> {
  const parts = createProcessors(config);
  const worker = await startWorker(config, parts, { settings: { lockDuration: 2000, stalledInterval: 1000 } });
  try {
    await worker.ready();
    await parts.modules.newsletter.maintain();
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}

/** Settings of a test app whose newsletter mails through `smtp`, with ticks of a second; `overrides` win. */
export function newsletterEnv(smtp: TestSmtp, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Ratsinformation <newsletter@musterstadt.example>',
    NEWSLETTER_TICK_SECONDS: '1',
    NEWSLETTER_IMMEDIATE_QUIET_SECONDS: '1',
    MAIL_RATE_PER_SECOND: '1000',
    ...overrides,
  };
}
