import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { DelegationClient } from './delegation.client.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

@Module({
  imports: [CitizensModule, SessionsModule],
  controllers: [MeController],
  providers: [MeService, DelegationClient],
})
export class MeModule {}
