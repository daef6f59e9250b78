import { Module } from '@nestjs/common';
import { MailSender } from './mail.sender.js';
import { MailsController } from './mails.controller.js';

@Module({ controllers: [MailsController], providers: [MailSender] })
export class MailsModule {}
