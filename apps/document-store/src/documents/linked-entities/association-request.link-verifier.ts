import type { Actor } from '@profila/platform';
import type { TemplatesService } from '../../templates/templates.service.js';
import type { LinkConfirmation, LinkedEntityVerifier } from './linked-entity.verifier.js';

/**
 * Association requests are issued by document-store itself (the declaration to sign, with its request code): a
 * citizen may attach the signed declaration only to a request issued to them.
 */
export class AssociationRequestLinkVerifier implements LinkedEntityVerifier {
  readonly entityType = 'association-request' as const;

  constructor(private readonly templates: TemplatesService) {}

  async confirm(actor: Actor, entityId: string): Promise<LinkConfirmation> {
    const request = await this.templates.issuedAssociationRequest(entityId);
    if (!request || actor.kind !== 'citizen' || request.citizenCf !== actor.id) {
      return {
        confirmed: false,
        reason: 'refused',
        message: 'Codice richiesta non trovato tra le dichiarazioni rilasciate a chi carica il documento.',
      };
    }
    return { confirmed: true, ownerId: request.citizenCf, territory: null };
  }
}
