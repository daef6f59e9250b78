import { MessagingTables1763900000000 } from '@profila/messaging';
import { CreateMail1763900000200 } from './1763900000200-create-mail.js';
import { CreateCitizenContact1763900000210 } from './1763900000210-create-citizen-contact.js';

export const NOTIFICATION_MIGRATIONS = [
  MessagingTables1763900000000,
  CreateMail1763900000200,
  CreateCitizenContact1763900000210,
];
