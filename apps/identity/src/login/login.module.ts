import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SpidLogModule } from '../spid-log/spid-log.module.js';
import { AuthnRequestRepository } from './authn-request.repository.js';
import { IdentityProviders } from './identity-providers.service.js';
import { IdpLogoutRequestRepository } from './idp-logout-request.repository.js';
import { LoginWriteRepository } from './login-write.repository.js';
import { LoginController } from './login.controller.js';
import { LoginPageFilter } from './login-page.filter.js';
import { LoginService } from './login.service.js';
import { SamlController } from './saml.controller.js';

@Module({
  imports: [CitizensModule, SessionsModule, SpidLogModule],
  controllers: [LoginController, SamlController],
  providers: [
    IdentityProviders,
    AuthnRequestRepository,
    IdpLogoutRequestRepository,
    LoginWriteRepository,
    LoginService,
    LoginPageFilter,
  ],
  exports: [IdentityProviders],
})
export class LoginModule {}
