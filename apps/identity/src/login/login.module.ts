import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SpidLogService } from '../spid-log/spid-log.service.js';
import { IdentityProviders } from './identity-providers.service.js';
import { LoginController } from './login.controller.js';
import { LoginService } from './login.service.js';
import { PgAuthnRequestStore } from './pg-authn-request.store.js';
import { SamlController } from './saml.controller.js';

@Module({
  imports: [CitizensModule, SessionsModule],
  controllers: [LoginController, SamlController],
  providers: [IdentityProviders, PgAuthnRequestStore, SpidLogService, LoginService],
  exports: [IdentityProviders],
})
export class LoginModule {}
