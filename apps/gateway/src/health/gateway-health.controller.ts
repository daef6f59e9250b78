import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, SERVICE_TOKEN_HEADER } from '@profila/platform';
import { GATEWAY_ENV } from '../config/gateway.tokens.js';
import type { GatewayEnv } from '../config/gateway.env.js';
import { PlatformHealthService, type ServiceState } from './platform-health.service.js';

export class PlatformHealthDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiPropertyOptional({
    description: 'Per service (only to the service credential)',
    type: 'object',
    additionalProperties: { type: 'string', enum: ['up', 'down'] },
  })
  services?: Record<string, ServiceState>;
}

/**
 * `/health/live`: the gateway answers (probes). `/health`: 200 only when every service behind the gateway is
 * ready, 503 otherwise; the public answer is the overall status only, which services are down is told to the
 * holder of the service credential (operators, monitoring on the private network).
 */
@Public()
@Controller('health')
export class GatewayHealthController {
  constructor(
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
    private readonly health: PlatformHealthService,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get()
  @ApiHeader({ name: SERVICE_TOKEN_HEADER, required: false, description: 'Service credential: per-service detail' })
  @ApiResponse({ status: 200, type: PlatformHealthDto })
  @ApiResponse({ status: 503, type: PlatformHealthDto })
  async ready(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers(SERVICE_TOKEN_HEADER) credential?: string,
  ): Promise<PlatformHealthDto> {
    const { ok, services } = await this.health.check();
    void reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    const status = ok ? 'ok' : 'error';
    return this.isService(credential) ? { status, services } : { status };
  }

  private isService(credential: string | undefined): boolean {
    if (typeof credential !== 'string') return false;
    const given = Buffer.from(credential);
    const expected = Buffer.from(this.env.SERVICE_TOKEN);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
