import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_ENV } from '../config/gateway.tokens.js';
import { type GatewayEnv, ROUTED_SERVICES, type RoutedService, serviceUrl } from '../config/gateway.env.js';

export type ServiceState = 'up' | 'down';

export interface PlatformHealth {
  ok: boolean;
  services: Record<RoutedService, ServiceState>;
}

/**
 * Readiness of every service behind the gateway (each pings its database). Checked at most once per TTL, however
 * many callers ask at once: a flood of `/health` does not fan out to the databases.
 */
@Injectable()
export class PlatformHealthService {
  private latest?: { at: number; value: Promise<PlatformHealth> };
  readonly ttlMs = 2000;

  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  check(now = Date.now()): Promise<PlatformHealth> {
    if (!this.latest || now - this.latest.at >= this.ttlMs) this.latest = { at: now, value: this.probe() };
    return this.latest.value;
  }

  private async probe(): Promise<PlatformHealth> {
    const entries = await Promise.all(
      ROUTED_SERVICES.map(async (service): Promise<[RoutedService, ServiceState]> => {
        try {
          const res = await fetch(`${serviceUrl(this.env, service)}/health`, { signal: AbortSignal.timeout(2000) });
          await res.body?.cancel();
          return [service, res.ok ? 'up' : 'down'];
        } catch {
          return [service, 'down'];
        }
      }),
    );
    return {
      ok: entries.every(([, s]) => s === 'up'),
      services: Object.fromEntries(entries) as Record<RoutedService, ServiceState>,
    };
  }
}
