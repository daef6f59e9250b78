import { Global, Module } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { READINESS_CHECKS } from '@profila/platform';
import { IdentityProviders } from './identity-providers.service.js';
import { LoginModule } from './login.module.js';

/**
 * `/health` detail `idpCertificates`: trusted IdP certificates expired or expiring soon. A warning, never a failure:
 * readiness must not take identity out of service because one IdP's certificate is ageing.
 */
@Global()
@Module({
  imports: [LoginModule],
  providers: [
    {
      provide: READINESS_CHECKS,
      inject: [IdentityProviders],
      useFactory: (idps: IdentityProviders) => [
        (): HealthIndicatorResult => {
          const warnings = idps.certificateWarnings();
          return {
            idpCertificates: { status: 'up', warnings, expired: warnings.filter((w) => w.status === 'expired').length },
          };
        },
      ],
    },
  ],
  exports: [READINESS_CHECKS],
})
export class IdpHealthModule {}
