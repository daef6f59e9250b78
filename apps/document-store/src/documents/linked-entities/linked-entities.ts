import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@profila/platform';
import type { DocumentEntityType } from '../domain/document-entity.js';
import { LINKED_ENTITY_VERIFIERS, type LinkConfirmation, type LinkedEntityVerifier } from './linked-entity.verifier.js';

/** The adapters of the LinkedEntityVerifier port by entity type; a type with no adapter is never confirmed. */
@Injectable()
export class LinkedEntities {
  private readonly verifiers: Map<DocumentEntityType, LinkedEntityVerifier>;

  constructor(@Inject(LINKED_ENTITY_VERIFIERS) verifiers: LinkedEntityVerifier[]) {
    this.verifiers = new Map(verifiers.map((v) => [v.entityType, v]));
  }

  confirm(actor: Actor, entityType: DocumentEntityType, entityId: string): Promise<LinkConfirmation> {
    const verifier = this.verifiers.get(entityType);
    if (!verifier) {
      return Promise.resolve({
        confirmed: false,
        reason: 'unverifiable',
        message: 'Non è possibile allegare documenti a questo tipo di pratica.',
      });
    }
    return verifier.confirm(actor, entityId);
  }
}
