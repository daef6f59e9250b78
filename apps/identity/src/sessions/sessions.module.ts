import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { CurrentSessionService } from './current-session.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [CitizensModule],
  controllers: [SessionsController],
  providers: [SessionsService, CurrentSessionService],
  exports: [SessionsService, CurrentSessionService],
})
export class SessionsModule {}
