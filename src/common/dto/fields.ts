import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';
import { FieldKey, Params, validatorMessage } from '../http/problem-texts';
import { TEXT_PATTERNS, TextKind, textProblem } from '../http/text';

/**
 * Composite decorators: validation and OpenAPI in one place, so the spec never disagrees
 * with what the API accepts. `optional` fields may be absent; `nullable` ones may be null
 * (used in PATCH bodies to clear a value).
 */
interface FieldOptions {
  optional?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function base(options: FieldOptions, schema: Record<string, unknown>): PropertyDecorator[] {
  const api = options.optional ? ApiPropertyOptional : ApiProperty;
  const decorators: PropertyDecorator[] = [
    api({ ...schema, description: options.description, example: options.example, nullable: options.nullable || undefined }),
  ];
  // Absent (undefined) skips validation for optional fields; null is validated (and so
  // rejected) unless the field is nullable.
  if (options.optional && options.nullable) decorators.push(ValidateIf((_, v) => v !== undefined && v !== null));
  else if (options.optional) decorators.push(ValidateIf((_, v) => v !== undefined));
  else if (options.nullable) decorators.push(ValidateIf((_, v) => v !== null));
  return decorators;
}

/**
 * Text of a kind (see text.ts): `line` (names, titles, numbers, tags: no control characters)
 * or `multiline` (descriptions, notes, resolution texts: tab and line breaks allowed).
 */
export function IsText(kind: TextKind, options: ValidationOptions = {}): PropertyDecorator {
  // With `each`, the message is built from the whole array: name its first bad item's fault.
  const problemOf = (value: unknown): string => {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const problem = typeof item === 'string' ? textProblem(item, kind) : null;
      if (problem) return validatorMessage(problem.text, problem.params);
    }
    return validatorMessage('not_text');
  };
  return ValidateBy(
    {
      name: 'isText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value, kind) === null,
        defaultMessage: (args) => problemOf(args?.value),
      },
    },
    options,
  );
}

/** Single-line text unless `multiline`. */
export function TextField(options: FieldOptions & { max?: number; min?: number; multiline?: boolean } = {}): PropertyDecorator {
  const max = options.max ?? 1000;
  const kind: TextKind = options.multiline ? 'multiline' : 'line';
  return applyDecorators(
    ...base(options, { type: String, maxLength: max, minLength: options.min ?? 1, pattern: TEXT_PATTERNS[kind] }),
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(max),
    IsText(kind),
  );
}

/** Text that matches `pattern`; `text` (with `params`) explains the pattern when it does not. */
export function PatternField(pattern: RegExp, text: FieldKey, options: FieldOptions & { max?: number; params?: Params } = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: String, pattern: pattern.source, maxLength: options.max ?? 200 }),
    IsString(),
    MaxLength(options.max ?? 200),
    IsText('line'),
    Matches(pattern, { message: validatorMessage(text, options.params) }),
  );
}

export function UuidField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(...base(options, { type: String, format: 'uuid' }), IsUUID('all'));
}

export function UuidArrayField(options: FieldOptions & { max?: number } = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: [String], format: 'uuid', maxItems: options.max ?? 100 }),
    IsArray(),
    ArrayMaxSize(options.max ?? 100),
    IsUUID('all', { each: true }),
  );
}

export function TextArrayField(options: FieldOptions & { max?: number } = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: [String], maxItems: options.max ?? 20 }),
    IsArray(),
    ArrayMaxSize(options.max ?? 20),
    IsString({ each: true }),
    MaxLength(300, { each: true }),
    IsText('line', { each: true }),
  );
}

export function DateTimeField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: String, format: 'date-time', example: options.example ?? '2025-03-04T18:00:00+01:00' }),
    IsISO8601({ strict: true, strictSeparator: true }, { message: validatorMessage('date_time_with_offset') }),
    Matches(/(Z|[+-]\d\d:\d\d)$/, { message: validatorMessage('offset_missing') }),
  );
}

export function DateField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: String, format: 'date', example: options.example ?? '2025-03-04' }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: validatorMessage('date_format') }),
    IsISO8601({ strict: true }, { message: validatorMessage('date_invalid') }),
  );
}

/** A date or a date-time with offset, e.g. for `from`/`to` filters. */
export function DateOrDateTimeField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: String, example: options.example ?? '2025-03-01' }),
    IsISO8601({ strict: true }, { message: validatorMessage('date_or_date_time') }),
  );
}

export function BoolField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(...base(options, { type: Boolean }), IsBoolean());
}

/** A boolean in a query string: `true`/`false`/`1`/`0`. */
export function BoolQueryField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...base({ ...options, optional: true }, { type: Boolean }),
    Transform(({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value)),
    IsBoolean(),
  );
}

export function EnumField(values: readonly string[], options: FieldOptions & { enumName?: string } = {}): PropertyDecorator {
  return applyDecorators(...base(options, { enum: values, enumName: options.enumName }), IsIn(values as string[], { message: validatorMessage('not_one_of', { values: values.join(', ') }) }));
}

/**
 * Reads a value that arrives as text (a query parameter, a form field) as an integer when it is
 * one written in decimal digits; anything else (`0x10`, `1e3`, ` 1`) is left for IsInt to refuse.
 */
export const IntegerFromText = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));

/** An integer: a JSON number in bodies; with `text`, decimal digits (query parameters, form fields). */
export function IntField(options: FieldOptions & { min?: number; max?: number; text?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...base(options, { type: 'integer', minimum: options.min ?? 0, maximum: options.max ?? 100000 }),
    ...(options.text ? [IntegerFromText()] : []),
    IsInt(),
    Min(options.min ?? 0),
    Max(options.max ?? 100000),
  );
}

/** A date-time in a response (ISO 8601 with offset): for generated clients a `string`. */
/** A date (`YYYY-MM-DD`) that a write may leave out, or clear with null. */
export const OptionalDateField = (example?: string): PropertyDecorator => DateField({ optional: true, nullable: true, example });

/** `publish` of a create: publish the record at once instead of creating a draft. */
export const PublishField = (): PropertyDecorator => BoolField({ optional: true, description: 'Publish at once (default: create a draft)' });

/** A text in a response that may be null. */
export const NullableTextProperty = (example: string): PropertyDecorator => ApiProperty({ nullable: true, type: String, example });

/** A date (`YYYY-MM-DD`) in a response that may be null. */
export const NullableDateProperty = (example: string | null): PropertyDecorator => ApiProperty({ nullable: true, type: String, format: 'date', example });

export function DateTimeProperty(options: Omit<FieldOptions, 'example'> & { example?: string } = {}): PropertyDecorator {
  const api = options.optional ? ApiPropertyOptional : ApiProperty;
  return api({
    type: String,
    format: 'date-time',
    nullable: options.nullable || undefined,
    description: options.description,
    example: options.example ?? '2025-03-04T18:00:00+01:00',
  });
}
