import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AllowActors } from '@profila/platform';
import { Mail } from './mail.entity.js';

/** The mail log: what was sent to whom, for operators and support. */
@ApiTags('mails')
@AllowActors('operator', 'service')
@Controller('mails')
export class MailsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(@Query('recipient') recipient?: string) {
    const mails = await this.dataSource.getRepository(Mail).find({
      where: recipient ? { recipient: recipient.toLowerCase() } : {},
      order: { createdAt: 'DESC' },
      take: 200,
    });
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
