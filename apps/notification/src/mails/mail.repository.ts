import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Mail } from './mail.entity.js';
import type { RenderedMail } from './templates/mail-template.js';

export interface MailToSend extends RenderedMail {
  eventId: string;
  template: string;
  recipient: string;
}

export interface DueMail {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

/** Every query of `mail`: the queue the handlers fill and the sender drains, and the mail log. */
@Injectable()
export class MailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues a mail in the caller's transaction: at most one per (event, recipient, template). */
  async enqueue(manager: EntityManager, mail: MailToSend): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO mail (event_id, template, recipient, subject, text_body, html_body)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT mail_once_per_event DO NOTHING RETURNING id`,
      [mail.eventId, mail.template, mail.recipient.toLowerCase(), mail.subject, mail.text, mail.html],
    );
    return rows.length > 0;
  }

  /** Claims the next due mail until the caller's transaction ends (instances share the queue). */
  async claimNextDue(manager: EntityManager): Promise<DueMail | undefined> {
    const [mail] = await manager.query<DueMail[]>(
      `SELECT id, recipient, subject, text_body, html_body, attempts FROM mail
       WHERE status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return mail;
  }

  async markSent(manager: EntityManager, id: string, messageId: string | null): Promise<void> {
    await manager.query(
      `UPDATE mail SET status = 'sent', sent_at = now(), attempts = attempts + 1, message_id = $2 WHERE id = $1`,
      [id, messageId],
    );
  }

  async markFailedAttempt(
    manager: EntityManager,
    id: string,
    attempts: number,
    error: string,
    failedForGood: boolean,
    retryInMs: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE mail SET attempts = $2, last_error = $3, status = $4,
         next_attempt_at = now() + ($5 || ' milliseconds')::interval WHERE id = $1`,
      [id, attempts, error.slice(0, 1000), failedForGood ? 'failed' : 'pending', String(retryInMs)],
    );
  }

  /** The mail log, newest first. */
  list(recipient: string | undefined, limit: number): Promise<Mail[]> {
    return this.dataSource.getRepository(Mail).find({
      where: recipient ? { recipient: recipient.toLowerCase() } : {},
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }
}
