import { Mail } from '../mails/mail.entity.js';

export const NOTIFICATION_ENTITIES = [Mail];
