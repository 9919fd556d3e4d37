import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@app/openapi';
import type { FastifyReply } from 'fastify';
import { HttpMetrics } from './http-metrics';

/** `GET /metrics` in Prometheus text format; exempt from the loopback-only rule so scrapers can reach it. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    void reply.header('content-type', contentType);
    return body;
  }
}
