import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { renderMetrics, startMetricsListener } from '../../infra/metrics/metrics';
import { AdminQueues } from '../queues/admin-queues';
import { StateMetrics } from './state-metrics';

/**
 * The API's metrics: the process's own and those read at scrape time (StateMetrics). Served
 * at `/metrics` to admin keys and, with METRICS_PORT, on a listener of their own.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly state: StateMetrics;
  private listener: { close(): Promise<void> } | null = null;

  constructor(
    @InjectDataSource() ds: DataSource,
    queues: AdminQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.state = new StateMetrics(ds, queues.all);
  }

  async render(): Promise<string> {
    await this.state.refresh();
    return renderMetrics(this.state.registry);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.metrics;
    if (port === null) return;
    this.listener = await startMetricsListener(host, port, () => this.render());
    new Logger('metrics').log(`metrics at http://${host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }
}
