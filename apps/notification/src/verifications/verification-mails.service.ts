import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventOf, VerificationRequestV1 } from '@profila/contracts';
import type { NotificationEnv } from '../config/notification.env.js';
import { NOTIFICATION_ENV } from '../config/notification.tokens.js';
import { MailRepository } from '../mails/mail.repository.js';
import type { RenderedMail } from '../mails/templates/mail-template.js';
import { PecLinkClient } from './pec-link.client.js';
import {
  renderApproved,
  renderExpired,
  renderIntegration,
  renderPecConfirmation,
  renderRejected,
  VERIFICATION_TEMPLATES,
} from './verification-mail.templates.js';

type OutcomeEvent = EventOf<
  | 'verification-request.approved'
  | 'verification-request.rejected'
  | 'verification-request.integration-requested'
  | 'verification-request.expired'
  | 'verification-request.pec-confirmation-requested'
>;

/**
 * Every outcome of a verification request mails the applicant at the address given in the request ("all'indirizzo
 * mail indicato in fase di inserimento delle informazioni"); the PEC confirmation goes to the declared PEC.
 */
@Injectable()
export class VerificationMailsService {
  constructor(
    private readonly mails: MailRepository,
    private readonly pecLinks: PecLinkClient,
    @Inject(NOTIFICATION_ENV) private readonly env: NotificationEnv,
  ) {}

  async outcome(manager: EntityManager, event: OutcomeEvent): Promise<void> {
    const r = event.data;
    if (event.type === 'verification-request.pec-confirmation-requested') {
      const link = r.person.pec ? await this.pecLinks.issue(r.requestId) : null;
      if (!link || !r.person.pec) return;
      const mail = renderPecConfirmation(r, this.env.PUBLIC_URL, link);
      await this.mails.enqueue(manager, {
        eventId: event.id,
        template: VERIFICATION_TEMPLATES.pec,
        recipient: r.person.pec,
        ...mail,
      });
      return;
    }
    const [template, mail, recipient] = this.render(event.type, r);
    if (!recipient) return;
    await this.mails.enqueue(manager, { eventId: event.id, template, recipient, ...mail });
  }

  private render(
    type: Exclude<OutcomeEvent['type'], 'verification-request.pec-confirmation-requested'>,
    r: VerificationRequestV1,
  ): [string, RenderedMail, string | null] {
    const url = this.env.PUBLIC_URL;
    switch (type) {
      case 'verification-request.approved':
        return [VERIFICATION_TEMPLATES.approved, renderApproved(r, url), r.person.email];
      case 'verification-request.rejected':
        return [VERIFICATION_TEMPLATES.rejected, renderRejected(r, url), r.person.email];
      case 'verification-request.integration-requested':
        return [VERIFICATION_TEMPLATES.integration, renderIntegration(r, url), r.person.email];
      case 'verification-request.expired':
        return [VERIFICATION_TEMPLATES.expired, renderExpired(r, url), r.person.email];
    }
  }
}
