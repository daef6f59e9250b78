import type { Actor } from '@profila/platform';
import type { DocumentEntityType } from '../domain/document-entity.js';
import type { LinkConfirmation, LinkedEntityVerifier } from './linked-entity.verifier.js';

/**
 * For the entity types whose owning service cannot confirm a link yet (its API does not exist): every link a person
 * names is refused. The owner's service uploads with its service token in the meantime.
 */
export class UnconfirmableLinkVerifier implements LinkedEntityVerifier {
  constructor(
    readonly entityType: DocumentEntityType,
    private readonly what: string,
  ) {}

  confirm(_actor: Actor, _entityId: string): Promise<LinkConfirmation> {
    return Promise.resolve({
      confirmed: false,
      reason: 'unverifiable',
      message: `Non è ancora possibile allegare documenti a ${this.what}: il servizio che la gestisce non può confermarla.`,
    });
  }
}
