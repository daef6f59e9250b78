import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { JWK } from 'jose';
import { AccessTokenVerifier, CompositeTokenVerifier } from './access-token.js';
import { AuthGuard } from './auth.guard.js';
import { ServiceTokenVerifier, TokenVerifier } from './token-verifier.js';

export interface AuthModuleOptions {
  serviceToken: string;
  /** Where the gateway publishes its access-token key set, e.g. http://gateway:8080/.well-known/jwks.json */
  jwksUrl?: string;
  /** Or the key set itself (tests, or a static Secret). */
  jwks?: { keys: JWK[] };
}

/** Makes every route of the app authenticated unless @Public(): service credential or gateway access token. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const verifiers: TokenVerifier[] = [new ServiceTokenVerifier(options.serviceToken)];
    if (options.jwks) verifiers.push(new AccessTokenVerifier({ jwks: options.jwks }));
    else if (options.jwksUrl) verifiers.push(new AccessTokenVerifier({ jwksUrl: options.jwksUrl }));
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new CompositeTokenVerifier(verifiers) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }

  /** The usual wiring from a service's environment. */
  static forService(env: { SERVICE_TOKEN: string; AUTH_JWKS_URL?: string; AUTH_JWKS?: string }): DynamicModule {
    return AuthModule.forRoot({
      serviceToken: env.SERVICE_TOKEN,
      jwksUrl: env.AUTH_JWKS_URL,
      jwks: env.AUTH_JWKS ? (JSON.parse(env.AUTH_JWKS) as { keys: JWK[] }) : undefined,
    });
  }
}
