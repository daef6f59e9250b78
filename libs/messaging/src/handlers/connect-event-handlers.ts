import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { InboxEventServer } from './inbox-event.server.js';

/**
 * Makes the app a hybrid one: its `@InboxEventPattern` handlers are served by the inbox transport. Call it in
 * main.ts (and in tests) after creating the app, then `await app.startAllMicroservices()`. The microservice does
 * not inherit the HTTP app's global guards, pipes and filters: an event is not a request of a user.
 */
export function connectEventHandlers(app: INestApplication): INestMicroservice {
  return app.connectMicroservice<MicroserviceOptions>({ strategy: app.get(InboxEventServer) });
}
