import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_RIGHTS_API_V1, type AccessCheckResponse } from '@profila/contracts';
import { createLogger, SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';

/** How long a "yes" is trusted without asking again (a revocation evicts it at once through delegation.access.v1). */
export const ACTING_AS_CACHE_MS = 30_000;
const MAX_ENTRIES = 100_000;

/** The access check's answer: allowed or not, or unknown (delegation unreachable). */
export type ActingAsAnswer = 'allowed' | 'refused' | 'unknown';

/**
 * Is the acting-as choice of a session still allowed? Asked on every session resolution, so the answer is cached:
 * a "yes" for at most ACTING_AS_CACHE_MS and never past the end of the grant that allowed it; every
 * delegation.access.v1 event about the citizen and the organisation drops it (the handler also clears the sessions,
 * so replicas that did not receive the event read the change from the session row).
 */
@Injectable()
export class ActingAsCheck {
  private readonly logger = createLogger('identity:acting-as');
  private readonly allowedUntil = new Map<string, number>();

  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {}

  async check(codiceFiscale: string, organizationId: string, now = new Date()): Promise<ActingAsAnswer> {
    const key = `${codiceFiscale}|${organizationId}`;
    const until = this.allowedUntil.get(key);
    if (until !== undefined && until > now.getTime()) return 'allowed';
    this.allowedUntil.delete(key);
    const answer = await this.ask(codiceFiscale, organizationId);
    if (!answer) return 'unknown';
    if (!answer.allowed) return 'refused';
    const grantEnd = answer.grant?.validTo ? Date.parse(answer.grant.validTo) : Infinity;
    if (this.allowedUntil.size >= MAX_ENTRIES) this.allowedUntil.clear();
    this.allowedUntil.set(key, Math.min(now.getTime() + ACTING_AS_CACHE_MS, grantEnd));
    return 'allowed';
  }

  /** A grant of the citizen for the organisation changed: the next check asks delegation. */
  evict(codiceFiscale: string, organizationId: string): void {
    this.allowedUntil.delete(`${codiceFiscale}|${organizationId}`);
  }

  private async ask(codiceFiscale: string, organizationId: string): Promise<AccessCheckResponse | undefined> {
    const query = new URLSearchParams({ codiceFiscale, organizationId });
    try {
      const res = await fetch(`${this.env.DELEGATION_URL}${ACCESS_RIGHTS_API_V1}/check?${query}`, {
        headers: { [SERVICE_TOKEN_HEADER]: this.env.SERVICE_TOKEN, [SERVICE_CALLER_HEADER]: 'identity' },
        signal: AbortSignal.timeout(2000),
      });
      if (res.status === 400) return { allowed: false, grant: null };
      if (!res.ok) throw new Error(`delegation answered ${res.status}`);
      return (await res.json()) as AccessCheckResponse;
    } catch (error) {
      this.logger.warn({ err: error }, 'access check unavailable: acting-as not honoured for this request');
      return undefined;
    }
  }
}
