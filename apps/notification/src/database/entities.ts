import { CitizenContact } from '../contacts/citizen-contact.entity.js';
import { Mail } from '../mails/mail.entity.js';

export const NOTIFICATION_ENTITIES = [Mail, CitizenContact];
