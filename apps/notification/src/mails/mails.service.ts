import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventOf } from '@profila/contracts';
import { NOTIFICATION_ENV } from '../config/notification.tokens.js';
import type { NotificationEnv } from '../config/notification.env.js';
import type { MailResponse } from './dto/mail.response.js';
import { MailRepository } from './mail.repository.js';
import { CITIZEN_REGISTERED_TEMPLATE, renderCitizenRegistered } from './templates/citizen-registered.template.js';

const MAIL_LOG_LIMIT = 200;

/** Which events become which mails, and the mail log. Sending is MailSender's job. */
@Injectable()
export class MailsService {
  constructor(
    private readonly mails: MailRepository,
    @Inject(NOTIFICATION_ENV) private readonly env: NotificationEnv,
  ) {}

  /** The welcome mail at the first login, queued in the event's transaction: once per event and recipient. */
  async welcome(manager: EntityManager, event: EventOf<'citizen.registered'>): Promise<void> {
    const citizen = event.data;
    if (!citizen.email) return;
    await this.mails.enqueue(manager, {
      eventId: event.id,
      template: CITIZEN_REGISTERED_TEMPLATE,
      recipient: citizen.email,
      ...renderCitizenRegistered(citizen, this.env.PUBLIC_URL),
    });
  }

  async list(recipient?: string): Promise<MailResponse[]> {
    const mails = await this.mails.list(recipient, MAIL_LOG_LIMIT);
    return mails.map((m) => ({
      id: m.id,
      eventId: m.eventId,
      template: m.template,
      recipient: m.recipient,
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      sentAt: m.sentAt,
      createdAt: m.createdAt,
    }));
  }
}
