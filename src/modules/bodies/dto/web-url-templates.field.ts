import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf } from 'class-validator';
import { FieldKey, Params, validatorMessage } from '../../../common/http/problem-texts';

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
export function webUrlTemplatesProblem(value: unknown): { text: FieldKey; params?: Params } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { text: 'templates_not_object' };
  for (const [key, template] of Object.entries(value)) {
    if (!KEYS.has(key)) return { text: 'templates_unknown_key', params: { key, allowed: WEB_URL_TEMPLATE_KEYS.join(', ') } };
    if (typeof template !== 'string') return { text: 'template_not_string', params: { key } };
    if (template.length > MAX_TEMPLATE_LENGTH) return { text: 'template_too_long', params: { key, max: MAX_TEMPLATE_LENGTH } };
    if (!template.includes('{id}')) return { text: 'template_without_id', params: { key, placeholder: '{id}' } };
    const rest = template.split('{id}').join('');
    if (/[{}\s]/.test(rest)) return { text: 'template_other_placeholder', params: { key, placeholder: '{id}' } };
    let url: URL;
    try {
      url = new URL(template.split('{id}').join('x'));
    } catch {
      return { text: 'template_not_url', params: { key } };
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return { text: 'template_not_url', params: { key } };
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
        defaultMessage: (args) => {
          const problem = webUrlTemplatesProblem(args?.value);
          return problem ? validatorMessage(problem.text, problem.params) : validatorMessage('invalid_value');
        },
      },
    }),
  );
}
