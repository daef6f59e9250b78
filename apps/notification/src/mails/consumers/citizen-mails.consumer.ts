import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CITIZEN_TOPIC_V1, type CitizenV1, type EventEnvelope } from '@profila/contracts';
import type { EventConsumer } from '@profila/messaging';
import { NOTIFICATION_ENV } from '../../config/notification.tokens.js';
import type { NotificationEnv } from '../../config/notification.env.js';
import { MailQueue } from '../mail.queue.js';
import { CITIZEN_REGISTERED_TEMPLATE, renderCitizenRegistered } from '../templates/citizen-registered.template.js';

/** Citizen events → mails (welcome mail at the first login). */
@Injectable()
export class CitizenMailsConsumer implements EventConsumer {
  readonly group = 'notification.citizen-mails';
  readonly topics = [CITIZEN_TOPIC_V1];

  constructor(
    private readonly queue: MailQueue,
    @Inject(NOTIFICATION_ENV) private readonly env: NotificationEnv,
  ) {}

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (event.type !== 'citizen.registered') return;
    const citizen = event.data as CitizenV1;
    if (!citizen.email) return;
    await this.queue.enqueue(manager, {
      eventId: event.id,
      template: CITIZEN_REGISTERED_TEMPLATE,
      recipient: citizen.email,
      ...renderCitizenRegistered(citizen, this.env.PUBLIC_URL),
    });
  }
}
