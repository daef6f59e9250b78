import { type DynamicModule, Module } from '@nestjs/common';
import { IDENTITY_ENV, SP_CONFIG } from '../identity.tokens.js';
import { loadSpCredentials } from '../login/sp-credentials.js';
import { spConfigFrom } from '../login/sp-setup.js';
import type { IdentityEnv } from './identity.env.js';

/** The environment and the SP configuration (with its key pair), for every feature module. */
@Module({})
export class IdentityConfigModule {
  static register(env: IdentityEnv): DynamicModule {
    return {
      module: IdentityConfigModule,
      global: true,
      providers: [
        { provide: IDENTITY_ENV, useValue: env },
        { provide: SP_CONFIG, useFactory: async () => spConfigFrom(env, await loadSpCredentials(env)) },
      ],
      exports: [IDENTITY_ENV, SP_CONFIG],
    };
  }
}
