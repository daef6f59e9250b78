import { Module } from '@nestjs/common';
import { ActingAsCheck } from './acting-as.check.js';
import { ActingAsEventsController } from './acting-as.events.controller.js';
import { CurrentSessionPipe } from './current-session.decorator.js';
import { SessionRepository } from './session.repository.js';
import { SessionTouches } from './session-touches.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  controllers: [SessionsController, ActingAsEventsController],
  providers: [SessionRepository, SessionTouches, SessionsService, CurrentSessionPipe, ActingAsCheck],
  exports: [SessionsService, CurrentSessionPipe],
})
export class SessionsModule {}
