import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

export class NotificationEnv extends ServiceEnv {
  @IsString()
  SMTP_HOST = '127.0.0.1';

  @IsInt()
  SMTP_PORT = 1025;

  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @IsString()
  MAIL_FROM = 'Profila <noreply@profila.local>';

  /** Public URL of the portal, for links in mails. */
  @IsString()
  PUBLIC_URL = 'http://localhost:8080';

  /** admin-verification: it mints the PEC confirmation link of an RAA request for the mail (service credential). */
  @IsString()
  ADMIN_VERIFICATION_URL = 'http://127.0.0.1:3004';

  /** How often the sender looks for mails due (ms). */
  @IsInt()
  MAIL_POLL_MS = 500;
}

export function loadNotificationEnv(source: NodeJS.ProcessEnv = process.env): NotificationEnv {
  return withServiceDefaults(loadEnv(NotificationEnv, source), 'notification');
}
