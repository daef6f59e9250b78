import { Module } from '@nestjs/common';
import { CurrentSessionPipe } from './current-session.decorator.js';
import { SessionRepository } from './session.repository.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  controllers: [SessionsController],
  providers: [SessionRepository, SessionsService, CurrentSessionPipe],
  exports: [SessionsService, CurrentSessionPipe],
})
export class SessionsModule {}
