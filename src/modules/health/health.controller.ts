import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { Access } from '../../common/access/access.decorator';
import { PrimaryReads } from '../../common/access/replica-reads';
import { NoRateLimit } from '../../common/http/rate-limit';
import { Db } from '../../infra/database/db.service';
import { ReadReplicas } from '../../infra/database/read-replicas';
import { REDIS } from '../../infra/redis/redis.module';
import { within } from '../../infra/redis/within';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
@Access('public', 'unused')
// Readiness is the primary's: a read replica that is down only sends its reads to the primary.
@PrimaryReads()
export class HealthController {
  constructor(
    private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly replicas: ReadReplicas,
  ) {}

  @Get('live')
  @NoRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok', checks: {} };
  }

  @Get('ready')
  @NoRateLimit()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis answer',
    description:
      'With read replicas configured (`DATABASE_READ_URL`), `readReplica1`, `readReplica2`, … say whether each serves reads; a replica that is down does not make the API unready (its reads go to the primary).',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency is down' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      within(this.db.rows('SELECT 1'), 2000).then(() => 'ok' as const, () => 'down' as const),
      within(this.redis.ping(), 2000).then(() => 'ok' as const, () => 'down' as const),
    ]);
    const ok = database === 'ok' && redis === 'ok';
    const checks: HealthDto['checks'] = { database, redis };
    this.replicas.state().forEach((replica, i) => (checks[`readReplica${i + 1}`] = replica.up ? 'ok' : 'down'));
    void reply.status(ok ? 200 : 503).header('Cache-Control', 'no-store');
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
