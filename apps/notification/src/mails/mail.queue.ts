import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RenderedMail } from './templates/mail-template.js';

export interface MailToSend extends RenderedMail {
  eventId: string;
  template: string;
  recipient: string;
}

/** Queues mails in the consumer's transaction: at most one per (event, recipient, template). */
@Injectable()
export class MailQueue {
  async enqueue(manager: EntityManager, mail: MailToSend): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO mail (event_id, template, recipient, subject, text_body, html_body)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT mail_once_per_event DO NOTHING RETURNING id`,
      [mail.eventId, mail.template, mail.recipient.toLowerCase(), mail.subject, mail.text, mail.html],
    );
    return rows.length > 0;
  }
}
