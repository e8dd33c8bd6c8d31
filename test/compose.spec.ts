import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { parse } from 'yaml';
import { AppConfig, loadConfig } from '../src/config/config';

const ROOT = join(__dirname, '..');

interface Service {
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: string[];
  healthcheck?: { test?: string | string[] };
}
interface ComposeFile {
  services: Record<string, Service>;
}

/** What a user puts into .env for the variables compose requires. */
const SECRETS: Record<string, string> = {
  NEWSLETTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  ME_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  WEBHOOK_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  MEILI_MASTER_KEY: randomBytes(32).toString('hex'),
};

/** docker-compose.yml as Compose reads it: anchors and merge keys resolved, not yet interpolated. */
function composeFile(): ComposeFile {
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * Compose's interpolation of `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+other}`, `${VAR+other}` and `$$`, over every string.
 */
function interpolate<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === 'string') {
    return value.replace(/\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_]\w*))/g, (_, dollar: string | undefined, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const set = name in vars;
      const nonEmpty = set && vars[name] !== '';
      const present = op?.startsWith(':') ? nonEmpty : set;
      switch (op?.replace(':', '')) {
        case undefined:
          return vars[name] ?? '';
        case '-':
          return present ? vars[name] : (arg ?? '');
        case '?':
          if (!present) throw new Error(`required variable ${name} is missing: ${arg ?? ''}`);
          return vars[name];
        default: // '+': the other value when set
          return present ? (arg ?? '') : '';
      }
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => interpolate(v, vars)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v as unknown, vars)])) as T;
  }
  return value;
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** The `ENV` of the Dockerfile's last stage, the image the services run. */
function imageEnvironment(): Record<string, string> {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const [, line] of stage.matchAll(/^ENV (.+)$/gm)) {
    for (const pair of line.trim().split(/\s+/)) {
      const eq = pair.indexOf('=');
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/** The configuration from an environment, and the names it read. */
function configFrom(env: Record<string, string>): { config: AppConfig; read: Set<string> } {
  const read = new Set<string>();
  const recorder = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name) as unknown;
    },
  });
  return { config: loadConfig(recorder), read };
}

const appServices = (file: ComposeFile): [string, Service][] => Object.entries(file.services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  it('is valid under the Compose Specification schema once interpolated', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'compose-schema', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
    // The schema names draft-07 by its https address, and uses `deprecated` (of later drafts) as an annotation.
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
    const validate = ajv.compile(schema);
    const valid = validate(interpolate(composeFile(), SECRETS));
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs api, worker and migrate with the image', () => {
    expect(appServices(composeFile()).map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
  });

  it('refuses to start without the newsletter, app account and webhook keys, and does not default them', () => {
    const file = composeFile();
    for (const [name, service] of appServices(file)) {
      const env = environmentOf(service);
      for (const key of ['NEWSLETTER_KEYS', 'ME_KEYS', 'WEBHOOK_KEYS']) expect([name, env[key]]).toEqual([name, expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?.+\\}$`))]);
    }
    for (const key of Object.keys(SECRETS)) {
      const { [key]: _left, ...others } = SECRETS;
      expect(() => interpolate(file, others)).toThrow(`required variable ${key} is missing`);
    }
  });

  it('sets only variables the configuration reads, with values it accepts in production', () => {
    for (const [name, service] of appServices(composeFile())) {
      const env = { ...imageEnvironment(), ...interpolate(environmentOf(service), SECRETS) };
      const { config, read } = configFrom(env);
      expect([name, Object.keys(env).filter((variable) => !read.has(variable))]).toEqual([name, []]);
      expect(config.nodeEnv).toBe('production');
      expect(config.newsletter.keys).toHaveLength(1);
      expect(config.accounts.keys).toHaveLength(1);
      expect(config.webhooks.keys).toHaveLength(1);
      expect(config.search.engine).toBe('meilisearch');
    }
  });

  it('fails on a variable the configuration does not know', () => {
    const env = { ...imageEnvironment(), ...interpolate(environmentOf(composeFile().services.api), SECRETS), MEILI_MASTERKEY: 'typo' };
    expect(configFrom(env).read.has('MEILI_MASTERKEY')).toBe(false);
  });

  it('keeps files on a volume at the storage folder the image creates for its user', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const stage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const dir = imageEnvironment().STORAGE_DIR;
    expect(dir).toBe('/data/storage');
    expect(stage).toMatch(/mkdir -p [^\n]*\/data\/storage[^\n]*&& chown -R node:node \/data\n/);
    expect(stage.indexOf('chown -R node:node /data')).toBeLessThan(stage.indexOf('\nUSER node'));
    const file = composeFile();
    for (const name of ['api', 'worker']) {
      const service = file.services[name];
      expect(service.volumes).toContain(`storage:${dir}`);
      expect(environmentOf(service).STORAGE_DIR ?? dir).toBe(dir);
    }
  });

  it('checks the health of every long-running service, the API by its readiness', () => {
    const { services } = composeFile();
    for (const name of ['postgres', 'redis', 'meilisearch', 'api', 'worker']) expect([name, services[name]?.healthcheck?.test]).toEqual([name, expect.anything()]);
    expect(JSON.stringify(services.api.healthcheck?.test)).toContain('/health/ready');
  });
});
