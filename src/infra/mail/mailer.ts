import { mkdir, rename, writeFile } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets; the same on every attempt, so a resend is recognisably one mail. */
  messageId: string;
  headers?: Record<string, string>;
  fromName?: string | null;
}

/** A failed send: `permanent` for 5xx answers (the address or message is refused). */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP via nodemailer when `SMTP_URL` is set; otherwise `.eml` files in `MAIL_OUTBOX_DIR`. */
export function createMailer(config: MailConfig): Mailer {
  return config.smtpUrl ? new SmtpMailer(config, config.smtpUrl) : new FileMailer(config);
}

function fromHeader(config: MailConfig, name: string | null | undefined): string {
  if (!name) return config.from;
  const address = /<([^>]+)>/.exec(config.from)?.[1] ?? config.from;
  return `"${name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

function envelope(config: MailConfig, mail: OutgoingMail): Record<string, unknown> {
  return {
    from: fromHeader(config, mail.fromName),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.messageId}>`,
    headers: mail.headers ?? {},
  };
}

class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly config: MailConfig,
    smtpUrl: string,
  ) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: config.poolSize,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // Local relays in development and tests often have self-signed certificates.
      tls: { rejectUnauthorized: url.searchParams.get('tls_reject_unauthorized') !== 'false' },
      // Our own socket, without Nagle's algorithm: otherwise every message waits for a
      // delayed ACK (about 40 ms) and a pooled connection manages some 25 mails/s instead of hundreds.
      // When our connect fails we answer "no socket": nodemailer then connects itself and
      // reports the failure its own way, which fails every queued message (an error from here
      // would fail one and leave the others of the pool waiting forever).
      getSocket: (options: { host?: string; port?: number }, callback: (error: Error | null, socket: { connection: Socket } | false) => void) => {
        const socket = connect(options.port ?? 587, options.host ?? 'localhost');
        socket.setNoDelay(true);
        socket.setTimeout(10_000);
        const fallback = (): void => {
          socket.destroy();
          callback(null, false);
        };
        socket.once('error', fallback);
        socket.once('timeout', fallback);
        socket.once('connect', () => {
          socket.removeListener('error', fallback);
          socket.removeListener('timeout', fallback);
          socket.setTimeout(0);
          callback(null, { connection: socket });
        });
      },
    } as Parameters<typeof createTransport>[0]);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail(envelope(this.config, mail));
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; message?: string };
      const code = e.responseCode ?? 0;
      // The server's text may quote the address: keep only the code in what we record.
      throw new MailError(code ? `SMTP ${code}` : `SMTP ${e.code ?? 'error'}`, code >= 500 && code < 600);
    }
  }

  close(): void {
    this.transport.close();
  }
}

class FileMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig) {
    this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail(envelope(this.config, mail))) as { message: Buffer };
    await mkdir(this.config.outboxDir, { recursive: true });
    // Named after the Message-ID: writing the same mail twice leaves one file.
    const name = mail.messageId.replace(/[^A-Za-z0-9._-]/g, '_');
    const path = join(this.config.outboxDir, `${name}.eml`);
    await writeFile(`${path}.tmp`, info.message);
    await rename(`${path}.tmp`, path);
  }

  close(): void {
    this.transport.close();
  }
}
