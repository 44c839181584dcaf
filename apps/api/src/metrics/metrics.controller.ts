import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, CoreErrors, DomainError, metricsRegistry } from '@lc/core';
import { Public } from '../auth/access.decorators';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus metrics. With METRICS_TOKEN set, only a scraper presenting it (`Authorization: Bearer …`) is
 * answered; in production, without a token, nobody is (the page is large and describes the system's insides).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (!token) {
      if (this.config.NODE_ENV === 'production')
        throw new DomainError(CoreErrors.FORBIDDEN, 'Set METRICS_TOKEN to serve /metrics in production');
    } else {
      const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(presented), digest(token)))
        throw new DomainError(CoreErrors.UNAUTHENTICATED);
    }
    return metricsRegistry.metrics();
  }
}
