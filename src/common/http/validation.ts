import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { fieldErrors, Problem } from './problem';

/** How many validated query strings each process remembers, and the longest one it keeps. */
const MEMO_ENTRIES = 1000;
const MEMO_KEY_CHARS = 1024;

/**
 * Validates a query string once per process: the same parameters give the same DTO, so a
 * repeated query (a calendar page, a harvester's next page) skips class-transformer and
 * class-validator. Only successes are kept, each caller gets its own copy, and the oldest
 * entries go first. Query DTOs validate their own values only (no clock, no lookups), which
 * is what makes the result a function of the query.
 */
class QueryMemoValidationPipe extends ValidationPipe {
  private readonly memo = new Map<string, object>();
  private readonly classIds = new Map<unknown, number>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'query' || !metadata.metatype || value === null || typeof value !== 'object') return super.transform(value, metadata);
    let id = this.classIds.get(metadata.metatype);
    if (id === undefined) this.classIds.set(metadata.metatype, (id = this.classIds.size));
    const key = `${id} ${JSON.stringify(value)}`;
    if (key.length > MEMO_KEY_CHARS) return super.transform(value, metadata);
    const known = this.memo.get(key);
    if (known) return copy(known);
    const result: unknown = await super.transform(value, metadata);
    if (result !== null && typeof result === 'object') {
      if (this.memo.size >= MEMO_ENTRIES) this.memo.delete(this.memo.keys().next().value as string);
      this.memo.set(key, copy(result));
    }
    return result;
  }
}

/** An instance with the same prototype and own copies of its arrays. */
function copy<T extends object>(source: T): T {
  const target = Object.create(Object.getPrototypeOf(source) as object | null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) target[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  return target as T;
}

/**
 * The one validation story: strip nothing silently, reject unknown fields, transform types.
 * Values stay in the errors only so that an absent field reads as `required`; no answer shows them.
 */
export function createValidationPipe(): ValidationPipe {
  return new QueryMemoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}
