import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { errorDefinition } from '@lc/core';
import { HealthService } from './health.service';
import { Public } from '../auth/access.decorators';
import { HealthLiveResponse, HealthNotReadyProblemResponse, HealthReadyResponse } from './health.responses';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: HealthLiveResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'PostgreSQL and Redis reachable and every migration applied; 503 names what failed',
  })
  @ApiOkResponse({ type: HealthReadyResponse })
  @ApiExtraModels(HealthNotReadyProblemResponse)
  @ApiServiceUnavailableResponse({
    description: 'Not ready: `failed` names the checks that failed',
    content: {
      'application/problem+json': { schema: { $ref: getSchemaPath(HealthNotReadyProblemResponse) } },
    },
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const readiness = await this.health.readiness();
    if (readiness.ready) return { status: 'ok', checks: readiness.checks };
    const definition = errorDefinition('SERVICE_UNAVAILABLE')!;
    void reply
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .header('content-type', 'application/problem+json; charset=utf-8');
    return {
      type: 'https://learning-community.obec.go.th/problems/service-unavailable',
      title: definition.th,
      status: 503,
      detail: `Not ready: ${readiness.failed.join(', ')} (ไม่พร้อม: ${readiness.failed.join(', ')})`,
      code: 'SERVICE_UNAVAILABLE',
      failed: readiness.failed,
      checks: readiness.checks,
    };
  }
}
