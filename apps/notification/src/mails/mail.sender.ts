import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { backoffMs, Waker } from '@profila/messaging';
import { createLogger } from '@profila/platform';
import { NOTIFICATION_ENV } from '../config/notification.tokens.js';
import type { NotificationEnv } from '../config/notification.env.js';
import { MailRepository } from './mail.repository.js';

const MAX_ATTEMPTS = 8;

/**
 * Sends queued mails over SMTP. Instances share the queue with FOR UPDATE SKIP LOCKED; failures are retried with
 * exponential backoff, then marked failed. A crash between the SMTP answer and the commit may send one mail twice:
 * SMTP has no idempotency key, so this is the one at-least-once edge left.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('notification:mail-sender');
  private readonly transporter: Transporter;
  private readonly waker = new Waker();
  private readonly abort = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mails: MailRepository,
    @Inject(NOTIFICATION_ENV) private readonly env: NotificationEnv,
  ) {
    this.transporter = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
      tls: { rejectUnauthorized: env.NODE_ENV === 'production' },
    });
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    this.waker.notify();
    await this.loop;
    this.transporter.close();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const sent = await this.sendDue();
        if (sent === 0) await this.waker.wait(this.env.MAIL_POLL_MS, this.abort.signal);
      } catch (error) {
        this.logger.error({ err: error }, 'mail sender round failed');
        await this.waker.wait(2000, this.abort.signal);
      }
    }
  }

  /** Sends the mails that are due, each in its own transaction; returns how many were attempted. */
  async sendDue(limit = 50): Promise<number> {
    let attempted = 0;
    while (attempted < limit && (await this.sendNext())) attempted++;
    return attempted;
  }

  /**
   * Claims one due mail, sends it and records the outcome before committing: the window in which a crash can
   * repeat a mail is one SMTP answer wide.
   */
  private async sendNext(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const mail = await this.mails.claimNextDue(manager);
      if (!mail) return false;
      try {
        const info = (await this.transporter.sendMail({
          from: this.env.MAIL_FROM,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
          messageId: `<${mail.id}@profila>`,
        })) as { messageId?: string };
        await this.mails.markSent(manager, mail.id, info.messageId ?? null);
        this.logger.info({ mailId: mail.id }, 'mail sent');
      } catch (error) {
        const attempts = mail.attempts + 1;
        const failed = attempts >= MAX_ATTEMPTS;
        await this.mails.markFailedAttempt(
          manager,
          mail.id,
          attempts,
          String(error),
          failed,
          backoffMs(attempts, 1000, 600_000),
        );
        this.logger.warn(
          { mailId: mail.id, attempts, err: error },
          failed ? 'mail failed for good' : 'mail send failed; will retry',
        );
      }
      return true;
    });
  }
}
