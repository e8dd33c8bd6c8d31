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
  redisUrl: string;
  redisPrefix: string;
  storage: { driver: 'local'; dir: string } | { driver: 's3'; s3: S3Config };
  upload: { maxBytes: number; allowedTypes: string[] };
  rateLimit: { writesPerMinute: number };
  cacheMaxAgeSeconds: number;
  /** How long rendered public pages are served from memory (0 = off). */
  readCacheMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  trustProxy: boolean;
  outboxPollMs: number;
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
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: str(env, 'REDIS_PREFIX', 'ratsinfo'),
    storage,
    upload: { maxBytes: int(env, 'UPLOAD_MAX_BYTES', 200 * 1024 * 1024, 1, 10 * 1024 * 1024 * 1024), allowedTypes: allowed },
    rateLimit: { writesPerMinute: int(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 600, 1, 1_000_000) },
    cacheMaxAgeSeconds: int(env, 'CACHE_MAX_AGE_SECONDS', 60, 0, 86400),
    readCacheMs: int(env, 'READ_CACHE_MS', nodeEnv === 'test' ? 0 : 2000, 0, 600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 500, 10, 60000),
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
