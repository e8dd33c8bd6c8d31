import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { METRICS_CONTENT_TYPE } from '../../infra/metrics/metrics';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics for operators, with an admin key (`Authorization: Bearer`). An interface
 * for monitoring, not for API clients: left out of the OpenAPI spec and described in the README
 * (Operations).
 */
@ApiExcludeController()
@Controller('metrics')
@Access('admin')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  render(): Promise<string> {
    return this.metrics.render();
  }
}
