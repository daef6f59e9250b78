import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@profila/platform';
import { GATEWAY_ENV } from '../config/gateway.tokens.js';
import { type GatewayEnv, ROUTED_SERVICES, serviceUrl } from '../config/gateway.env.js';

type ServiceState = 'up' | 'down';

/** `/health` answers 200 only when every service behind the gateway is ready. */
@Public()
@Controller('health')
export class GatewayHealthController {
  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const entries = await Promise.all(
      ROUTED_SERVICES.map(async (service): Promise<[string, ServiceState]> => {
        try {
          const res = await fetch(`${serviceUrl(this.env, service)}/health`, { signal: AbortSignal.timeout(2000) });
          return [service, res.ok ? 'up' : 'down'];
        } catch {
          return [service, 'down'];
        }
      }),
    );
    const services = Object.fromEntries(entries);
    const ok = entries.every(([, s]) => s === 'up');
    void reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', services };
  }
}
