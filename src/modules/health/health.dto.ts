import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'], example: 'ok' })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ example: { database: 'ok', redis: 'ok' }, additionalProperties: { type: 'string', enum: ['ok', 'down'] } })
  checks!: Record<string, 'ok' | 'down'>;
}
