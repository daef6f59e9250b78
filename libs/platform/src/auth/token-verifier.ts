import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../context/request-context.js';

export const SERVICE_TOKEN_HEADER = 'x-profila-service-token';
/** Names the calling service to the one called (checked against an endpoint's allowed callers). */
export const SERVICE_CALLER_HEADER = 'x-profila-service';

/**
 * Turns the credentials of a request into an actor, or undefined when there are none valid.
 * Services get one through DI; the identity issue plugs in the gateway's signed citizen token.
 */
export abstract class TokenVerifier {
  abstract verify(headers: Record<string, string | string[] | undefined>): Promise<Actor | undefined>;
}

/** Accepts the shared service-to-service credential (private network only; compose/k8s Secret). */
export class ServiceTokenVerifier extends TokenVerifier {
  private readonly expected: Buffer;

  constructor(serviceToken: string) {
    super();
    this.expected = Buffer.from(serviceToken);
  }

  async verify(headers: Record<string, string | string[] | undefined>): Promise<Actor | undefined> {
    const given = headers[SERVICE_TOKEN_HEADER];
    if (typeof given !== 'string') return undefined;
    const buf = Buffer.from(given);
    if (buf.length !== this.expected.length || !timingSafeEqual(buf, this.expected)) return undefined;
    const caller = headers[SERVICE_CALLER_HEADER];
    return { kind: 'service', id: typeof caller === 'string' ? caller : 'unknown' };
  }
}
