import { type DynamicModule, Module } from '@nestjs/common';
import { AccessTokenIssuer } from '@profila/platform';
import { JwksController } from './auth/jwks.controller.js';
import { ApiDocsController } from './docs/api-docs.controller.js';
import { GATEWAY_ENV } from './config/gateway.tokens.js';
import type { GatewayEnv } from './config/gateway.env.js';
import { GatewayHealthController } from './health/gateway-health.controller.js';
import { PlatformHealthService } from './health/platform-health.service.js';

/** The single public entry: UIs, `/api/<service>` routing, health of the whole platform, API docs. */
@Module({})
export class GatewayModule {
  static register(env: GatewayEnv, issuer: AccessTokenIssuer): DynamicModule {
    return {
      module: GatewayModule,
      providers: [
        { provide: GATEWAY_ENV, useValue: env },
        { provide: AccessTokenIssuer, useValue: issuer },
        PlatformHealthService,
      ],
      controllers: [GatewayHealthController, ApiDocsController, JwksController],
    };
  }
}
