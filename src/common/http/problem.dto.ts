import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_CODES, PROBLEM_CODES } from './problem-texts';

export class FieldErrorDto {
  @ApiProperty({ example: 'start' })
  field!: string;

  @ApiProperty({ enum: FIELD_CODES, enumName: 'FieldErrorCode', example: 'not_a_date', description: 'Stable, machine-readable; the same in every language.' })
  code!: string;

  @ApiProperty({ example: 'start muss ein Zeitpunkt nach ISO 8601 mit Zeitzone sein', description: 'For people, in the language of the answer (Accept-Language: German or English).' })
  message!: string;
}

/**
 * RFC 9457 problem details, as every error response of this API. `title`, `detail` and
 * `errors[].message` are German or English by `Accept-Language` (German by default; the
 * answer says which in `Content-Language`); `code` and `errors[].code` never change.
 */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Ungültige Anfrage', description: 'The status in words, in the language of the answer.' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ enum: PROBLEM_CODES, enumName: 'ProblemCode', example: 'invalid_fields', description: 'Stable, machine-readable; the same in every language.' })
  code!: string;

  @ApiPropertyOptional({ example: 'Die Anfrage enthält ungültige Felder.', description: 'For people, in the language of the answer (Accept-Language: German or English).' })
  detail?: string;

  @ApiPropertyOptional({ example: '/v1/bodies/musterstadt/sessions' })
  instance?: string;

  @ApiPropertyOptional({ example: '6f1c2a0e-3c1b-4c55-9f0a-8f1d2b3c4d5e' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
