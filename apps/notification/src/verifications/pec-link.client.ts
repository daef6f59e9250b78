import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '@profila/platform';
import type { NotificationEnv } from '../config/notification.env.js';
import { NOTIFICATION_ENV } from '../config/notification.tokens.js';

export interface PecLink {
  url: string;
  dueDate: string | null;
}

/**
 * admin-verification's `POST /pec-links/:id` with the service credential: the confirmation link for the mail to the
 * declared PEC, minted when the mail is written (so the token is in no event). null: the request no longer waits
 * for its PEC (confirmed or expired meanwhile), no mail to write. Network errors and 5xx throw: the inbox retries.
 */
@Injectable()
export class PecLinkClient {
  constructor(@Inject(NOTIFICATION_ENV) private readonly env: NotificationEnv) {}

  async issue(requestId: string): Promise<PecLink | null> {
    const base = this.env.ADMIN_VERIFICATION_URL.replace(/\/$/, '');
    const response = await fetch(`${base}/pec-links/${encodeURIComponent(requestId)}`, {
      method: 'POST',
      headers: { [SERVICE_TOKEN_HEADER]: this.env.SERVICE_TOKEN, [SERVICE_CALLER_HEADER]: 'notification' },
      signal: AbortSignal.timeout(5000),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`admin-verification pec-links: ${response.status}`);
    const body = (await response.json()) as PecLink;
    return { url: body.url, dueDate: body.dueDate };
  }
}
