import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DelegationPersonV1, EventOf } from '@profila/contracts';
import { CitizenContactRepository } from '../contacts/citizen-contact.repository.js';
import { NOTIFICATION_ENV } from '../config/notification.tokens.js';
import type { NotificationEnv } from '../config/notification.env.js';
import type { MailResponse } from './dto/mail.response.js';
import { MailRepository } from './mail.repository.js';
import { CITIZEN_REGISTERED_TEMPLATE, renderCitizenRegistered } from './templates/citizen-registered.template.js';
import { DelegationTemplate, renderDelegationMail } from './templates/delegation.templates.js';

export type DelegationEventType =
  | 'delegation.requested'
  | 'delegation.accepted'
  | 'delegation.refused'
  | 'delegation.modified'
  | 'delegation.revoked'
  | 'delegation.expiring'
  | 'delegation.expired';

/** Which template each delegation event uses, and whom it goes to. */
const DELEGATION_MAILS: Record<
  DelegationEventType,
  { template: DelegationTemplate; to: Array<'delegate' | 'delegator'> }
> = {
  'delegation.requested': { template: DelegationTemplate.RECEIVED, to: ['delegate'] },
  'delegation.modified': { template: DelegationTemplate.MODIFIED, to: ['delegate'] },
  'delegation.accepted': { template: DelegationTemplate.ACCEPTED, to: ['delegator'] },
  'delegation.refused': { template: DelegationTemplate.REFUSED, to: ['delegator'] },
  'delegation.revoked': { template: DelegationTemplate.REVOKED, to: ['delegate', 'delegator'] },
  'delegation.expiring': { template: DelegationTemplate.EXPIRING, to: ['delegate', 'delegator'] },
  'delegation.expired': { template: DelegationTemplate.EXPIRED, to: ['delegate', 'delegator'] },
};

/** A delegation event for a citizen whose citizen.registered has not reached us yet: retried by the inbox runner. */
export class ContactNotYetKnownError extends Error {}

const MAIL_LOG_LIMIT = 200;

/** Which events become which mails, and the mail log. Sending is MailSender's job. */
@Injectable()
export class MailsService {
  constructor(
    private readonly mails: MailRepository,
    private readonly contacts: CitizenContactRepository,
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

  /**
   * The mails of a delegation event, queued in the event's transaction: one per event, recipient and template, so a
   * redelivered event queues nothing more. Addresses come from identity's citizen events.
   */
  async delegation(manager: EntityManager, event: EventOf<DelegationEventType>): Promise<void> {
    const { template, to } = DELEGATION_MAILS[event.type];
    for (const role of to) {
      const person: DelegationPersonV1 = role === 'delegate' ? event.data.delegate : event.data.delegator;
      const contact = await this.contacts.find(manager, person.codiceFiscale);
      // Both have logged in (a delega needs it), so their citizen.registered exists: wait for it rather than lose the mail.
      if (!contact) throw new ContactNotYetKnownError(`No contact yet for ${person.codiceFiscale}`);
      if (!contact.email) continue;
      await this.mails.enqueue(manager, {
        eventId: event.id,
        template,
        recipient: contact.email,
        ...renderDelegationMail(
          template,
          { ...person, nome: contact.nome, cognome: contact.cognome },
          event.data,
          this.env.PUBLIC_URL,
        ),
      });
    }
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
