import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { ServiceTokenVerifier, TokenVerifier } from './token-verifier.js';

/** Makes every route of the app authenticated unless @Public(). */
@Module({})
export class AuthModule {
  static forRoot(options: { serviceToken: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new ServiceTokenVerifier(options.serviceToken) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
