import { type Actor, type DocumentLinkAnswer, SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '@profila/platform';
import type { DocumentEntityType } from '../domain/document-entity.js';
import type { LinkConfirmation, LinkedEntityVerifier } from './linked-entity.verifier.js';

/**
 * Adapter for an entity owned by another service: asks the owner over HTTP with the service token, naming the
 * caller (`actorKind`, `actorId`, `actingFor`). 404 or `allowed: false` refuse the link; an unreachable owner or
 * any other answer makes it unverifiable (never allowed by default).
 */
export class OwnerServiceLinkVerifier implements LinkedEntityVerifier {
  constructor(
    readonly entityType: DocumentEntityType,
    private readonly owner: { name: string; baseUrl: string; serviceToken: string; timeoutMs?: number },
  ) {}

  async confirm(actor: Actor, entityId: string): Promise<LinkConfirmation> {
    const url = new URL(
      `document-links/${encodeURIComponent(this.entityType)}/${encodeURIComponent(entityId)}`,
      this.owner.baseUrl.endsWith('/') ? this.owner.baseUrl : `${this.owner.baseUrl}/`,
    );
    url.searchParams.set('actorKind', actor.kind);
    url.searchParams.set('actorId', actor.id);
    if (actor.actingFor) url.searchParams.set('actingFor', actor.actingFor);
    let answer: DocumentLinkAnswer;
    try {
      const response = await fetch(url, {
        headers: { [SERVICE_TOKEN_HEADER]: this.owner.serviceToken, [SERVICE_CALLER_HEADER]: 'document-store' },
        signal: AbortSignal.timeout(this.owner.timeoutMs ?? 3000),
      });
      if (response.status === 404 || response.status === 403) return this.refused();
      if (!response.ok) return this.unverifiable();
      answer = (await response.json()) as DocumentLinkAnswer;
    } catch {
      return this.unverifiable();
    }
    if (answer.allowed !== true) return this.refused();
    if (typeof answer.ownerId !== 'string' || answer.ownerId === '') return this.unverifiable();
    return { confirmed: true, ownerId: answer.ownerId, territory: answer.territory ?? null };
  }

  private refused(): LinkConfirmation {
    return {
      confirmed: false,
      reason: 'refused',
      message: 'La pratica indicata non esiste o non è tra quelle di chi carica il documento.',
    };
  }

  private unverifiable(): LinkConfirmation {
    return {
      confirmed: false,
      reason: 'unverifiable',
      message: `Il servizio ${this.owner.name} non ha potuto confermare la pratica: riprovare più tardi.`,
    };
  }
}
