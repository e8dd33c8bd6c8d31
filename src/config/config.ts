import { isIP } from 'node:net';
import { CronExpressionParser } from 'cron-parser';
import { parseNetworks, PrivateNetworks } from '../infra/http/outbound';

/**
 * The whole runtime configuration, read once from the environment and validated.
 * Nothing else in the codebase reads `process.env`. A bad value stops boot with a
 * message naming the variable.
 */
export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  databasePoolSize: number;
  /** Streaming replicas that serve anonymous reads (empty: every read goes to the primary). */
  readReplicas: ReadReplicasConfig;
  redisUrl: string;
  redisPrefix: string;
  storage: { driver: 'local'; dir: string } | { driver: 's3'; s3: S3Config };
  upload: { maxBytes: number; allowedTypes: string[] };
  oparlImport: OparlImportConfig;
  rateLimit: RateLimitConfig;
  /** Largest JSON or form body of most routes, in bytes (uploads have `upload.maxBytes`). */
  bodyLimitBytes: number;
  cacheMaxAgeSeconds: number;
  /** How long rendered public pages are served from memory (0 = off). */
  readCacheMs: number;
  /** Answer anonymous public reads without Nest's per-request layers (see direct-reads). */
  directReads: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  trustProxy: TrustProxy;
  outboxPollMs: number;
  metrics: MetricsConfig;
  mail: MailConfig;
  newsletter: NewsletterConfig;
  search: SearchConfig;
  accounts: AccountsConfig;
  webhooks: WebhooksConfig;
  /**
   * Bulk downloads: how many archives per body are kept, and when the worker builds every
   * body's export (a cron pattern in German time; null: never, only the CLI builds them).
   */
  exports: { keep: number; schedule: string | null };
  oparlRender: OparlRenderConfig;
}

/**
 * OParl objects rendered ahead of reads (see src/modules/oparl/oparl-rendered.ts). The worker
 * renders a body anew once its writes have been quiet for `quietSeconds`, or at the latest
 * `maxDelaySeconds` after the first write it has not rendered; `enabled` false turns both the
 * rendering and its use off.
 */
export interface OparlRenderConfig {
  enabled: boolean;
  quietSeconds: number;
  maxDelaySeconds: number;
}

/**
 * PostgreSQL streaming replicas (`DATABASE_READ_URL`): anonymous reads go to one of them while
 * it answers and has replayed every change this process has heard of; everything else stays
 * on the primary.
 */
export interface ReadReplicasConfig {
  urls: string[];
  /** Connections per replica and process. */
  poolSize: number;
  /** A replica further behind the primary than this is skipped (seconds). */
  maxLagSeconds: number;
}

/** Webhooks: signed HTTP deliveries of change events to subscribers (see src/modules/webhooks). */
export interface WebhooksConfig {
  /**
   * Server keys that seal the subscriptions' signing secrets (WEBHOOK_KEYS); the first seals,
   * all open. Empty when not configured (production without WEBHOOK_KEYS): no subscriptions
   * can be made, and deliveries of sealed ones wait.
   */
  keys: ServerKey[];
  /** Networks besides public addresses that targets may be in (a city system in the intranet). */
  allowPrivateNetworks: PrivateNetworks;
  /** Whether `http:` targets are accepted (otherwise `https:` only). */
  allowHttp: boolean;
  /** Waits before the 2nd, 3rd, … attempt (ms); attempts per message = length + 1. */
  retryDelaysMs: number[];
  timeoutMs: number;
  /** Disable a subscription after this many consecutive messages failed on every attempt … */
  disableAfterFailedMessages: number;
  /** … or after its deliveries failed without a success for this long (hours). */
  disableAfterHours: number;
  /** How long a replaced secret keeps signing alongside the new one (hours). */
  secretGraceHours: number;
  /** How often the worker looks for deliveries due (ms). */
  pollMs: number;
  /** Requests in flight per worker process. */
  concurrency: number;
}

/**
 * Requests per minute. Writes count per API key, app account or (without either) client
 * address; anonymous reads and searches per client address, an app account's per account.
 * 0 turns a limit off.
 */
export interface RateLimitConfig {
  writesPerMinute: number;
  readsPerMinute: number;
  searchesPerMinute: number;
}

/**
 * Prometheus metrics. The API serves them at `/metrics` to admin keys; `port` (API) and
 * `workerPort` (worker) add a listener of their own without authentication, on `host`.
 * Null: no such listener.
 */
export interface MetricsConfig {
  port: number | null;
  workerPort: number | null;
  host: string;
}

/** The OParl importer (`import oparl`); file downloads take the limits of uploads. */
export interface OparlImportConfig {
  /** Networks besides public addresses the importer may connect to (an OParl server in the intranet). */
  allowPrivateNetworks: PrivateNetworks;
  /** Largest JSON page read from a source, in bytes. */
  maxPageBytes: number;
}

/**
 * Which hops of `X-Forwarded-For` to believe: none (`false`), the last `n` (that many
 * reverse proxies in front), or those sent by these proxy addresses (IPs, CIDRs, or
 * `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | string[];

/**
 * App accounts of readers and their personal data (notes, markings, bookmarks, follows).
 * `keys` wrap each account's data key; empty when not configured (production without
 * ME_KEYS), which turns app accounts off.
 */
export interface AccountsConfig {
  keys: ServerKey[];
  pairingCodeSeconds: number;
  /** Accounts that hold nothing and were not used for this long are deleted. */
  unusedAccountDays: number;
  /** Accounts not used for this long are deleted with all their data (0 = never). */
  idleAccountDays: number;
  /** How long deletions stay in the sync feed. */
  tombstoneDays: number;
  maxNotes: number;
  maxMarkings: number;
  maxBookmarks: number;
  maxFollows: number;
  maxDevices: number;
  writesPerMinute: number;
  accountsPerIpPerHour: number;
  pairingAttemptsPerIpPerHour: number;
  /** How often the worker's housekeeping runs (expiry, tombstones, key rotation, re-anchoring sweep). */
  tickSeconds: number;
}

/** Search: Meilisearch when `MEILI_URL` is set (or SEARCH_ENGINE=meilisearch), else PostgreSQL full text. */
export interface SearchConfig {
  engine: 'postgres' | 'meilisearch';
  meili: { url: string; key: string | null; index: string; timeoutMs: number } | null;
  extraction: {
    /** OCR scanned PDFs with tesseract when it is installed. */
    ocr: boolean;
    tesseractPath: string;
    /** Largest text kept per file (characters). */
    maxChars: number;
    /** Largest number of pages read (and OCRed) per file. */
    maxPages: number;
    timeoutMs: number;
  };
}

/** Outgoing mail: SMTP when `SMTP_URL` is set, otherwise `.eml` files in `outboxDir`. */
export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  /** Mails per second across all workers (BullMQ global rate limit of the mail queue). */
  ratePerSecond: number;
  /** SMTP connections per worker process. */
  poolSize: number;
}

/** One server key: 32 bytes; the first key of a list encrypts, every key decrypts and looks up. */
export interface ServerKey {
  id: string;
  secret: Buffer;
}

export type NewsletterKey = ServerKey;

export interface NewsletterConfig {
  /** Empty when the newsletter is not configured (production without NEWSLETTER_KEYS). */
  keys: NewsletterKey[];
  immediateQuietSeconds: number;
  immediateMaxDelaySeconds: number;
  /** Local hour (Europe/Berlin) of the daily and weekly digests. */
  digestHour: number;
  /** ISO weekday (1 Monday … 7 Sunday) of the weekly digest. */
  weeklyDay: number;
  tickSeconds: number;
  /**
   * The lease of a send: a mail claimed for sending longer ago than this counts as interrupted
   * (its worker died) and is sent again. Longer than any one SMTP exchange can take.
   */
  staleSendSeconds: number;
  /** How often the worker checks Redis against PostgreSQL (lost jobs, the digest schedule). */
  reconcileSeconds: number;
  /** Lifetime of a manage token; mails carry one with at least half of it left. */
  manageTokenDays: number;
  maxBounces: number;
  subscribePerIpPerHour: number;
  subscribePerAddressPerHour: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    if (fallback === undefined) throw new ConfigError(`${name} is required`);
    return fallback;
  }
  return value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** The time zone of the worker's cron schedules: a council's nights are German nights, summer time included. */
export const SCHEDULE_TIME_ZONE = 'Europe/Berlin';

/** A cron pattern (5 fields, or 6 with seconds first) in SCHEDULE_TIME_ZONE, or null for `off`. */
function cronSchedule(env: Env, name: string, fallback: string): string | null {
  const value = str(env, name, fallback).trim();
  if (value.toLowerCase() === 'off') return null;
  const fields = value.split(/\s+/).length;
  try {
    if (fields < 5 || fields > 6) throw new Error('expected 5 fields (minute hour day month weekday)');
    CronExpressionParser.parse(value, { tz: SCHEDULE_TIME_ZONE });
  } catch (error) {
    throw new ConfigError(`${name} must be a cron pattern such as "30 2 * * *" or "off", got "${value}": ${error instanceof Error ? error.message : String(error)}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string {
  const value = str(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name] ?? fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export const DEFAULT_ALLOWED_TYPES = [
  'application/pdf',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'text/plain',
  'text/csv',
];

export function loadConfig(env: Env = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const driver = oneOf(env, 'STORAGE_DRIVER', ['local', 's3'] as const, 'local');
  const storage: AppConfig['storage'] =
    driver === 'local'
      ? { driver, dir: str(env, 'STORAGE_DIR', 'var/storage') }
      : {
          driver,
          s3: {
            endpoint: env.S3_ENDPOINT ? url(env, 'S3_ENDPOINT', ['http:', 'https:']) : undefined,
            region: str(env, 'S3_REGION', 'eu-central-1'),
            bucket: str(env, 'S3_BUCKET'),
            accessKeyId: str(env, 'S3_ACCESS_KEY_ID'),
            secretAccessKey: str(env, 'S3_SECRET_ACCESS_KEY'),
            forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', true),
          },
        };
  const allowed = env.UPLOAD_ALLOWED_TYPES
    ? env.UPLOAD_ALLOWED_TYPES.split(',').map((t) => t.trim()).filter(Boolean)
    : DEFAULT_ALLOWED_TYPES;
  for (const type of allowed) {
    if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) throw new ConfigError(`UPLOAD_ALLOWED_TYPES: "${type}" is not a MIME type`);
  }
  return {
    nodeEnv,
    port,
    host: str(env, 'HOST', '0.0.0.0'),
    publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:'], `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/ratsinfo'),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    readReplicas: {
      urls: readUrls(env, 'DATABASE_READ_URL'),
      poolSize: int(env, 'DATABASE_READ_POOL_SIZE', 10, 1, 200),
      maxLagSeconds: int(env, 'DATABASE_READ_MAX_LAG_SECONDS', 30, 1, 86400),
    },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: str(env, 'REDIS_PREFIX', 'ratsinfo'),
    storage,
    upload: { maxBytes: int(env, 'UPLOAD_MAX_BYTES', 200 * 1024 * 1024, 1, 10 * 1024 * 1024 * 1024), allowedTypes: allowed },
    oparlImport: {
      allowPrivateNetworks: privateNetworks(env.IMPORT_ALLOW_PRIVATE_NETWORKS, 'IMPORT_ALLOW_PRIVATE_NETWORKS'),
      maxPageBytes: int(env, 'IMPORT_MAX_PAGE_BYTES', 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    rateLimit: {
      writesPerMinute: int(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 600, 1, 1_000_000),
      readsPerMinute: int(env, 'RATE_LIMIT_READS_PER_MINUTE', 1200, 0, 1_000_000),
      searchesPerMinute: int(env, 'RATE_LIMIT_SEARCHES_PER_MINUTE', 120, 0, 1_000_000),
    },
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 128 * 1024, 1024, 64 * 1024 * 1024),
    cacheMaxAgeSeconds: int(env, 'CACHE_MAX_AGE_SECONDS', 60, 0, 86400),
    directReads: bool(env, 'DIRECT_READS', true),
    readCacheMs: int(env, 'READ_CACHE_MS', nodeEnv === 'test' ? 0 : 300_000, 0, 3_600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
    trustProxy: trustProxy(env),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 500, 10, 60000),
    metrics: {
      port: int(env, 'METRICS_PORT', 0, 0, 65535) || null,
      workerPort: int(env, 'WORKER_METRICS_PORT', 0, 0, 65535) || null,
      host: str(env, 'METRICS_HOST', '127.0.0.1'),
    },
    mail: {
      smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL', ['smtp:', 'smtps:']) : null,
      from: mailbox(env, 'MAIL_FROM', 'Ratsinformation <newsletter@localhost>'),
      outboxDir: str(env, 'MAIL_OUTBOX_DIR', 'var/mail-outbox'),
      ratePerSecond: int(env, 'MAIL_RATE_PER_SECOND', 100, 1, 100_000),
      poolSize: int(env, 'MAIL_SMTP_CONNECTIONS', 4, 1, 100),
    },
    newsletter: {
      keys: newsletterKeys(env, nodeEnv),
      immediateQuietSeconds: int(env, 'NEWSLETTER_IMMEDIATE_QUIET_SECONDS', 600, 0, 86400),
      immediateMaxDelaySeconds: int(env, 'NEWSLETTER_IMMEDIATE_MAX_DELAY_SECONDS', 3600, 0, 86400),
      digestHour: int(env, 'NEWSLETTER_DIGEST_HOUR', 7, 0, 23),
      weeklyDay: int(env, 'NEWSLETTER_WEEKLY_DAY', 1, 1, 7),
      tickSeconds: int(env, 'NEWSLETTER_TICK_SECONDS', 60, 1, 3600),
      staleSendSeconds: int(env, 'NEWSLETTER_STALE_SEND_SECONDS', 120, 1, 86400),
      reconcileSeconds: int(env, 'NEWSLETTER_RECONCILE_SECONDS', 30, 1, 3600),
      manageTokenDays: int(env, 'NEWSLETTER_MANAGE_TOKEN_DAYS', 90, 1, 3650),
      maxBounces: int(env, 'NEWSLETTER_MAX_BOUNCES', 3, 1, 100),
      subscribePerIpPerHour: int(env, 'NEWSLETTER_SUBSCRIBE_PER_IP_PER_HOUR', 20, 1, 1_000_000),
      subscribePerAddressPerHour: int(env, 'NEWSLETTER_SUBSCRIBE_PER_ADDRESS_PER_HOUR', 3, 1, 1000),
    },
    search: searchConfig(env),
    accounts: {
      keys: serverKeys(env, 'ME_KEYS', nodeEnv, DEVELOPMENT_ME_KEY),
      pairingCodeSeconds: int(env, 'ME_PAIRING_CODE_SECONDS', 600, 30, 86400),
      unusedAccountDays: int(env, 'ME_UNUSED_ACCOUNT_DAYS', 30, 1, 3650),
      idleAccountDays: int(env, 'ME_IDLE_ACCOUNT_DAYS', 730, 0, 36500),
      tombstoneDays: int(env, 'ME_TOMBSTONE_DAYS', 90, 1, 3650),
      maxNotes: int(env, 'ME_MAX_NOTES', 10_000, 1, 1_000_000),
      maxMarkings: int(env, 'ME_MAX_MARKINGS', 10_000, 1, 1_000_000),
      maxBookmarks: int(env, 'ME_MAX_BOOKMARKS', 5_000, 1, 1_000_000),
      maxFollows: int(env, 'ME_MAX_FOLLOWS', 500, 1, 100_000),
      maxDevices: int(env, 'ME_MAX_DEVICES', 20, 1, 1000),
      writesPerMinute: int(env, 'ME_WRITES_PER_MINUTE', 120, 1, 1_000_000),
      accountsPerIpPerHour: int(env, 'ME_ACCOUNTS_PER_IP_PER_HOUR', 20, 1, 1_000_000),
      pairingAttemptsPerIpPerHour: int(env, 'ME_PAIRING_ATTEMPTS_PER_IP_PER_HOUR', 30, 1, 1_000_000),
      tickSeconds: int(env, 'ME_TICK_SECONDS', 60, 1, 3600),
    },
    webhooks: {
      keys: serverKeys(env, 'WEBHOOK_KEYS', nodeEnv, DEVELOPMENT_WEBHOOK_KEY),
      allowPrivateNetworks: privateNetworks(env.WEBHOOK_ALLOW_PRIVATE_NETWORKS, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
      allowHttp: bool(env, 'WEBHOOK_ALLOW_HTTP', false),
      retryDelaysMs: retryDelays(env, 'WEBHOOK_RETRY_DELAYS', '5s,30s,2m,10m,1h,4h,12h'),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      disableAfterFailedMessages: int(env, 'WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES', 5, 1, 1000),
      disableAfterHours: int(env, 'WEBHOOK_DISABLE_AFTER_HOURS', 24, 1, 24 * 30),
      secretGraceHours: int(env, 'WEBHOOK_SECRET_GRACE_HOURS', 24, 0, 24 * 30),
      pollMs: int(env, 'WEBHOOK_POLL_MS', 1000, 10, 60_000),
      concurrency: int(env, 'WEBHOOK_CONCURRENCY', 16, 1, 256),
    },
    exports: { keep: int(env, 'EXPORT_KEEP', 3, 1, 100), schedule: cronSchedule(env, 'EXPORT_SCHEDULE', '30 2 * * *') },
    oparlRender: {
      enabled: bool(env, 'OPARL_PRERENDER', true),
      quietSeconds: int(env, 'OPARL_RENDER_QUIET_SECONDS', 10, 0, 86400),
      maxDelaySeconds: int(env, 'OPARL_RENDER_MAX_DELAY_SECONDS', 300, 0, 86400),
    },
  };
}

/** A comma-separated list of PostgreSQL URLs, each at most once. */
function readUrls(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  const urls = raw.split(',').map((part) => part.trim());
  for (const value of urls) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(`${name} must be a comma-separated list of postgres:// URLs, got "${value.replace(/\/\/[^@/]*@/, '//…@')}"`);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new ConfigError(`${name} must use postgres: or postgresql:, got "${parsed.protocol}"`);
    }
    if (!parsed.hostname) throw new ConfigError(`${name}: every URL needs a host`);
  }
  if (new Set(urls).size !== urls.length) throw new ConfigError(`${name} names a replica twice`);
  if (urls.length > 16) throw new ConfigError(`${name} may name at most 16 replicas`);
  return urls;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A comma-separated list of durations such as `5s,30s,2m,1h` (`ms`, `s`, `m`, `h`). */
function retryDelays(env: Env, name: string, fallback: string): number[] {
  const raw = (env[name] ?? fallback).trim();
  const delays = raw.split(',').map((part) => {
    const match = /^(\d+)(ms|s|m|h)$/.exec(part.trim());
    if (!match) throw new ConfigError(`${name} must be a comma-separated list of durations such as 5s,30s,2m,1h, got "${part.trim()}"`);
    return Number(match[1]) * DURATION_UNITS[match[2]];
  });
  if (delays.length > 20) throw new ConfigError(`${name} may hold at most 20 delays`);
  return delays;
}

function searchConfig(env: Env): SearchConfig {
  const meiliUrl = env.MEILI_URL ? url(env, 'MEILI_URL', ['http:', 'https:']).replace(/\/+$/, '') : null;
  const engine = oneOf(env, 'SEARCH_ENGINE', ['postgres', 'meilisearch'] as const, meiliUrl ? 'meilisearch' : 'postgres');
  if (engine === 'meilisearch' && !meiliUrl) throw new ConfigError('SEARCH_ENGINE=meilisearch needs MEILI_URL');
  const index = str(env, 'MEILI_INDEX', 'ratsinfo');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(index)) throw new ConfigError(`MEILI_INDEX may hold letters, digits, - and _ only, got "${index}"`);
  return {
    engine,
    meili: meiliUrl ? { url: meiliUrl, key: env.MEILI_MASTER_KEY || null, index, timeoutMs: int(env, 'MEILI_TIMEOUT_MS', 5000, 100, 600_000) } : null,
    extraction: {
      ocr: bool(env, 'EXTRACT_OCR', true),
      tesseractPath: str(env, 'TESSERACT_PATH', 'tesseract'),
      maxChars: int(env, 'EXTRACT_MAX_CHARS', 5_000_000, 1000, 100_000_000),
      maxPages: int(env, 'EXTRACT_MAX_PAGES', 2000, 1, 100_000),
      timeoutMs: int(env, 'EXTRACT_TIMEOUT_MS', 300_000, 1000, 3_600_000),
    },
  };
}

/** `false` (default: public addresses only), `true` (any address), or a comma-separated list of addresses and CIDRs. */
export function privateNetworks(value: string | undefined, name: string): PrivateNetworks {
  const raw = (value ?? '').trim();
  if (raw === '' || ['false', 'no', '0'].includes(raw.toLowerCase())) return 'none';
  if (['true', 'yes', '1'].includes(raw.toLowerCase())) return 'all';
  const entries = raw.split(',').map((part) => part.trim()).filter(Boolean);
  try {
    parseNetworks(entries);
  } catch (error) {
    throw new ConfigError(`${name} must be false, true or a comma-separated list of addresses and CIDRs: ${(error as Error).message}`);
  }
  return entries;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `false` (default), a hop count, or a comma-separated list of proxy addresses and CIDRs.
 * `true` is refused: it would believe every hop, so a client could name its own address.
 */
function trustProxy(env: Env): TrustProxy {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || ['false', 'no', '0'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes'].includes(raw.toLowerCase())) {
    throw new ConfigError('TRUST_PROXY=true would believe any X-Forwarded-For a client sends; give the number of reverse proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8,loopback)');
  }
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 1, 20);
  return raw.split(',').map((part) => {
    const entry = part.trim();
    if (PROXY_NAMES.includes(entry.toLowerCase())) return entry.toLowerCase();
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length) {
      throw new ConfigError(`TRUST_PROXY must be false, a hop count or a comma-separated list of proxy addresses or CIDRs (or ${PROXY_NAMES.join(', ')}), got "${entry}"`);
    }
    return entry;
  });
}

/** `Name <address>` or a bare address. */
function mailbox(env: Env, name: string, fallback: string): string {
  const value = str(env, name, fallback);
  if (!/^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(value.trim())) {
    throw new ConfigError(`${name} must be an address or "Name <address>", got "${value}"`);
  }
  return value.trim();
}

/** Not secrets: they let development and tests run without configuration. Refused in production. */
const DEVELOPMENT_NEWSLETTER_KEY = 'dev:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZCEhISE=';
const DEVELOPMENT_ME_KEY = 'dev:ZGV2LWtleS1mb3ItYXBwLWFjY291bnRzLW5vLXByb2Q=';
const DEVELOPMENT_WEBHOOK_KEY = 'dev:ZGV2LWtleS1mb3Itd2ViaG9vay1zZWNyZXRzLW9ubHk=';

function newsletterKeys(env: Env, nodeEnv: AppConfig['nodeEnv']): NewsletterKey[] {
  return serverKeys(env, 'NEWSLETTER_KEYS', nodeEnv, DEVELOPMENT_NEWSLETTER_KEY);
}

/**
 * `<NAME>=<id>:<base64 of 32 bytes>[,<id>:<base64>…]`. The first key encrypts new data; all
 * keys decrypt, so a new key is put first and the old one kept until the worker has
 * re-encrypted every row (it does so by itself), then removed. Unset outside production: the
 * development key `dev`, which production refuses.
 */
function serverKeys(env: Env, name: string, nodeEnv: AppConfig['nodeEnv'], developmentKey: string): ServerKey[] {
  const raw = env[name] ?? (nodeEnv === 'production' ? '' : developmentKey);
  if (raw.trim() === '') return [];
  const keys = raw.split(',').map((part) => {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=]+)$/.exec(part.trim());
    if (!match) throw new ConfigError(`${name} must be a comma-separated list of <id>:<base64 key>`);
    const secret = Buffer.from(match[2], 'base64');
    if (secret.length !== 32) throw new ConfigError(`${name}: key "${match[1]}" must be 32 bytes (base64), got ${secret.length}`);
    return { id: match[1], secret };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ConfigError(`${name}: key ids must be unique`);
  if (nodeEnv === 'production' && keys.some((k) => k.id === 'dev')) throw new ConfigError(`${name}: the development key must not be used in production`);
  return keys;
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
