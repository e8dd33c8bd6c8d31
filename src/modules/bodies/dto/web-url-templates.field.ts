import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * The pages of a city's own website that `webUrlTemplates` may point to, one per resource
 * with a page of its own. Each template is an http(s) URL with the placeholder `{id}`, which
 * is replaced by the resource id, e.g. `https://www.musterstadt.example/sitzung/{id}`.
 */
export const WEB_URL_TEMPLATE_KEYS = ['session', 'agendaItem', 'document', 'file', 'committee', 'person', 'legislativeTerm', 'location'] as const;
export type WebUrlTemplateKey = (typeof WEB_URL_TEMPLATE_KEYS)[number];

const MAX_TEMPLATE_LENGTH = 500;
const KEYS: ReadonlySet<string> = new Set(WEB_URL_TEMPLATE_KEYS);

/** Why `value` is not a valid template map, or null when it is one. */
export function webUrlTemplatesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of URL templates';
  for (const [key, template] of Object.entries(value)) {
    if (!KEYS.has(key)) return `has an unknown key "${key}" (allowed: ${WEB_URL_TEMPLATE_KEYS.join(', ')})`;
    if (typeof template !== 'string') return `${key} must be a string`;
    if (template.length > MAX_TEMPLATE_LENGTH) return `${key} must not be longer than ${MAX_TEMPLATE_LENGTH} characters`;
    if (!template.includes('{id}')) return `${key} must contain the placeholder {id}`;
    const rest = template.split('{id}').join('');
    if (/[{}\s]/.test(rest)) return `${key} may contain no placeholder other than {id} and no spaces`;
    let url: URL;
    try {
      url = new URL(template.split('{id}').join('x'));
    } catch {
      return `${key} must be an absolute http(s) URL`;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return `${key} must be an absolute http(s) URL`;
  }
  return null;
}

const EXAMPLE: Partial<Record<WebUrlTemplateKey, string>> = {
  session: 'https://www.musterstadt.example/rat/sitzung/{id}',
  document: 'https://www.musterstadt.example/rat/vorlage/{id}',
};

/** The body's `webUrlTemplates`: the whole map is replaced on write; `{}` removes all. */
export function WebUrlTemplatesField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      description: `URL templates of pages on the city's own website, keyed by resource (${WEB_URL_TEMPLATE_KEYS.join(', ')}). Each is an http(s) URL containing {id}. Replaces the stored map.`,
      properties: Object.fromEntries(WEB_URL_TEMPLATE_KEYS.map((key) => [key, { type: 'string', format: 'uri-template', maxLength: MAX_TEMPLATE_LENGTH }])),
      additionalProperties: false,
      example: EXAMPLE,
    }),
    // Kept as sent: class-transformer would otherwise rebuild the object.
    Transform(({ value }: { value: unknown }) => value),
    // May be absent, but not null: the column always holds a map.
    ValidateIf((_, v) => v !== undefined),
    ValidateBy({
      name: 'isWebUrlTemplates',
      validator: {
        validate: (value: unknown) => webUrlTemplatesProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'webUrlTemplates'} ${webUrlTemplatesProblem(args?.value) ?? 'is invalid'}`,
      },
    }),
  );
}
