import { type DynamicModule, Module } from '@nestjs/common';
import { testCitizens } from '@profila/embedded';
import { devIdpSettings, type DevIdpEnv } from './config/dev-idp.env.js';
import { loadOrCreateIdpCredentials } from './credentials/idp-credentials.js';
import { DEV_IDP_CITIZENS, DEV_IDP_CREDENTIALS, DEV_IDP_SETTINGS } from './dev-idp.tokens.js';
import { DevIdpHealthController } from './health/dev-idp-health.controller.js';
import { IdpController } from './idp/idp.controller.js';
import { IdpService } from './idp/idp.service.js';

/** The local SPID-like test IdP. No database, no messaging: keys on disk, state in memory. */
@Module({})
export class DevIdpModule {
  static register(env: DevIdpEnv): DynamicModule {
    return {
      module: DevIdpModule,
      controllers: [DevIdpHealthController, IdpController],
      providers: [
        { provide: DEV_IDP_SETTINGS, useValue: devIdpSettings(env) },
        { provide: DEV_IDP_CREDENTIALS, useFactory: () => loadOrCreateIdpCredentials(env.DEV_IDP_DATA_DIR) },
        { provide: DEV_IDP_CITIZENS, useFactory: () => testCitizens() },
        IdpService,
      ],
    };
  }
}
