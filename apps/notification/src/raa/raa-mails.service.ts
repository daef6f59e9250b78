import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventOf } from '@profila/contracts';
import type { NotificationEnv } from '../config/notification.env.js';
import { NOTIFICATION_ENV } from '../config/notification.tokens.js';
import { CitizenContactRepository } from '../contacts/citizen-contact.repository.js';
import { MailRepository } from '../mails/mail.repository.js';
import { RAA_TEMPLATES, renderAnswered, renderRefused, renderSubmitted } from './raa-mail.templates.js';

type RaaEvent = EventOf<'raa-request.submitted' | 'raa-request.answered' | 'raa-request.refused'>;

/**
 * raa's requests: on submission each officer of the Provincia named in the event (at the address identity knows
 * for them); on the answer or the refusal the requester, at the e-mail declared in the RAA registration.
 */
@Injectable()
export class RaaMailsService {
  constructor(
    private readonly mails: MailRepository,
    private readonly contacts: CitizenContactRepository,
    @Inject(NOTIFICATION_ENV) private readonly env: NotificationEnv,
  ) {}

  async handle(manager: EntityManager, event: RaaEvent): Promise<void> {
    const r = event.data;
    const url = this.env.PUBLIC_URL;
    switch (event.type) {
      case 'raa-request.submitted': {
        const mail = renderSubmitted(r, url);
        for (const cf of r.officers) {
          const contact = await this.contacts.find(manager, cf);
          if (!contact?.email) continue;
          await this.mails.enqueue(manager, {
            eventId: event.id,
            template: RAA_TEMPLATES.submitted,
            recipient: contact.email,
            ...mail,
          });
        }
        return;
      }
      case 'raa-request.answered':
      case 'raa-request.refused': {
        const recipient = r.requester.email ?? (await this.contacts.find(manager, r.requester.codiceFiscale))?.email;
        if (!recipient) return;
        const answered = event.type === 'raa-request.answered';
        await this.mails.enqueue(manager, {
          eventId: event.id,
          template: answered ? RAA_TEMPLATES.answered : RAA_TEMPLATES.refused,
          recipient,
          ...(answered ? renderAnswered(r, url) : renderRefused(r, url)),
        });
      }
    }
  }
}
