import type { Actor } from '@profila/platform';
import type { DocumentEntityType } from '../domain/document-entity.js';

/** What the owner of an entity confirmed: the entity exists, the caller may attach to it, and where it belongs. */
export interface ConfirmedLink {
  confirmed: true;
  /** Who owns the documents attached (codice fiscale of the citizen or of the organisation). */
  ownerId: string;
  /** Province / CPI whose operators handle the entity, as its owner records it. */
  territory: string | null;
}

export interface RefusedLink {
  confirmed: false;
  /** `unverifiable`: the owner cannot confirm links yet; `refused`: it says the caller may not attach there. */
  reason: 'unverifiable' | 'refused';
  /** Italian, for the caller. */
  message: string;
}

export type LinkConfirmation = ConfirmedLink | RefusedLink;

/**
 * Port: asks the owner of a linked entity (the service handling the request) whether `actor` may attach a
 * document to it. One adapter per entity type; document-store trusts no id a person names without it.
 */
export interface LinkedEntityVerifier {
  readonly entityType: DocumentEntityType;
  confirm(actor: Actor, entityId: string): Promise<LinkConfirmation>;
}

/** Every adapter, one per request entity type (see LinkedEntitiesModule). */
export const LINKED_ENTITY_VERIFIERS = Symbol('LINKED_ENTITY_VERIFIERS');
