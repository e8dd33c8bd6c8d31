import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'start' })
  field!: string;

  @ApiProperty({ example: 'start must be a valid ISO 8601 date string' })
  message!: string;
}

/** RFC 9457 problem details, as every error response of this API. */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'The request has invalid fields.' })
  detail?: string;

  @ApiPropertyOptional({ example: '/v1/bodies/musterstadt/sessions' })
  instance?: string;

  @ApiPropertyOptional({ example: '6f1c2a0e-3c1b-4c55-9f0a-8f1d2b3c4d5e' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
